-- The artists credited on the imported releases (release-level credits: published_artist_ids.sql).
SELECT DISTINCT a.artist_id AS id FROM discogs_build.release_artist a WHERE a.artist_id IS NOT NULL
