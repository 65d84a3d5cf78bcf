-- Raw artist URLs typed, in file order (pos): kept with an artist id and a URL.
SELECT c.ctid AS pos,
       discogs_build.to_id(c.artist_id) IS NOT NULL AND coalesce(btrim(c.url), '') <> '' AS valid,
       discogs_build.to_id(c.artist_id) AS artist_id, c.url
FROM discogs_build.raw_artist_url c
