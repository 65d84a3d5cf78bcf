-- This session's run ends its hold; closing the session then releases the lock.
DELETE FROM discogs_build.build_hold WHERE pid = pg_backend_pid()
