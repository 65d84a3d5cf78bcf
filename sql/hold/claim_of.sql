-- The run whose hold the session ``pid`` is (no row: that session is not a run's hold).
SELECT run_id, dump_id, since FROM discogs_build.build_hold WHERE pid = %(pid)s
