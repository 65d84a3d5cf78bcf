-- Classification of the dedup survivors against the library (filled by COPY from Python).
DROP TABLE IF EXISTS release_match, cache_release_ids;
CREATE UNLOGGED TABLE release_match (
    release_id integer PRIMARY KEY,
    decision   text NOT NULL CHECK (decision IN ('KEEP', 'REVIEW', 'PRUNE'))
);
