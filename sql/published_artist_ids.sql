-- The artists credited on the releases a build publishes, with a name they are credited under.
-- Release-level credits, main and extra: the ones the converter's filter tests too. Track
-- credits do not count: the converter writes them by name only, without the artist's id.
SELECT a.artist_id AS id, min(a.artist_name) AS name
FROM discogs_build.release_artist a JOIN discogs_build.cache_release_ids k ON k.id = a.release_id
WHERE a.artist_id IS NOT NULL
GROUP BY a.artist_id
