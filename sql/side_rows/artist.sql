-- Raw artists typed, in file order (pos): an artist needs an id and a name. The converter
-- writes only the artists that have a profile. A repeated id keeps its first row.
SELECT c.ctid AS pos,
       discogs_build.to_id(c.artist_id) IS NOT NULL AND coalesce(btrim(c.artist_name), '') <> '' AS valid,
       discogs_build.to_id(c.artist_id) AS id, c.artist_name AS name, nullif(c.profile, '') AS profile
FROM discogs_build.raw_artist c
