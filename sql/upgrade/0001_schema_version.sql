-- Version 1: the layout published before the cache recorded its version, now with that record.
-- One row per upgrade step applied to this cache (or recorded when the cache was first built
-- at a later version): the lookup service reads its schema version as max(version). Not one of
-- the swapped tables, so it stays in public across publishes, with the grants made on it.
CREATE TABLE IF NOT EXISTS public.schema_version (
    version    integer PRIMARY KEY,
    name       text NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now()
);
