-- Raw genres typed (see release_track.sql): kept with a genre name.
SELECT c.release_id AS raw_release_id, coalesce(btrim(c.genre), '') <> '' AS valid, c.genre
FROM discogs_build.raw_release_genre c
