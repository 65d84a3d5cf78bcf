-- The month this session's build imports, once a step knows it.
UPDATE discogs_build.build_hold SET dump_id = %(dump_id)s WHERE pid = pg_backend_pid()
