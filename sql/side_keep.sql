-- The typed rows of a masters or artists file (side_rows/) that a build may publish: those of the
-- masters of the imported releases, or of the artists credited on them (a superset of what
-- cache_tables publishes), kept so that cache_tables reads a station-sized table instead of the
-- whole dump's; the raw rows go. Run once the import policy has counted the raw rows.
DROP TABLE IF EXISTS {kept};
CREATE UNLOGGED TABLE {kept} AS
SELECT r.* FROM ({rows}) r WHERE r.{key} IN (SELECT c.id FROM ({candidates}) c);
ANALYZE {kept};
