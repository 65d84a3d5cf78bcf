-- Raw styles typed (see release_track.sql): kept with a style name.
SELECT c.release_id AS raw_release_id, coalesce(btrim(c.style), '') <> '' AS valid, c.style
FROM discogs_build.raw_release_style c
