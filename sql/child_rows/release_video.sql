-- Raw videos typed (see release_track.sql): kept with a source URL.
SELECT c.release_id AS raw_release_id, coalesce(btrim(c.src), '') <> '' AS valid,
       discogs_build.to_int(c.sequence) AS sequence, c.src, nullif(c.title, '') AS title,
       discogs_build.to_int(c.duration) AS duration, coalesce(c.embed, 'true') <> 'false' AS embed
FROM discogs_build.raw_release_video c
