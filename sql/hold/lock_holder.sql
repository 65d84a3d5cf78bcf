-- The session holding the build lock (the advisory lock BUILD_LOCK_ID, whose two halves PostgreSQL
-- shows as classid and objid) in this database, and since when it has been connected.
SELECT l.pid, a.application_name, a.backend_start
FROM pg_locks l
LEFT JOIN pg_stat_activity a ON a.pid = l.pid
WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1
  AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
  AND l.classid::bigint = %(high)s AND l.objid::bigint = %(low)s
LIMIT 1
