-- This session's run holds the build from now on (the previous holder's row, if any, is stale:
-- its session no longer holds the lock).
INSERT INTO discogs_build.build_hold (run_id, pid) VALUES (%(run_id)s, pg_backend_pid())
ON CONFLICT (one) DO UPDATE SET run_id = EXCLUDED.run_id, dump_id = NULL, pid = EXCLUDED.pid, since = now()
