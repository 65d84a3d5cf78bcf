-- Raw track rows typed, with their raw release id and whether the import policy keeps them
-- (a sequence and a title). Read at publish time for the published releases only (cache_rows)
-- and grouped once for the policy's counts (child_keys): never written as a table of its own.
SELECT c.release_id AS raw_release_id,
       discogs_build.to_int(c.sequence) IS NOT NULL AND coalesce(btrim(c.title), '') <> '' AS valid,
       discogs_build.to_int(c.sequence) AS sequence, nullif(c.position, '') AS position, c.title,
       nullif(c.duration, '') AS duration
FROM discogs_build.raw_release_track c
