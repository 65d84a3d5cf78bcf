-- Raw name variations typed, in file order (pos): kept with an artist id and a name.
SELECT c.ctid AS pos,
       discogs_build.to_id(c.artist_id) IS NOT NULL AND coalesce(btrim(c.name), '') <> '' AS valid,
       discogs_build.to_id(c.artist_id) AS artist_id, c.name
FROM discogs_build.raw_artist_name_variation c
