-- The service bounds every search transaction; SET LOCAL reverts at its end, so nothing of
-- this reaches the session, the role or the database (the threshold must stay the default 0.3
-- there).
SET LOCAL statement_timeout = {timeout};
SET LOCAL work_mem = {work_mem};
SET LOCAL pg_trgm.similarity_threshold = {threshold}
