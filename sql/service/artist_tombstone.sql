-- The service marks an artist Discogs answered 404 for; an artist fetched earlier keeps its
-- name, profile, image and child rows. Parameter: id.
INSERT INTO artist (id, name, profile, image_url, fetched_at, not_found)
VALUES (%(id)s, '', NULL, NULL, now(), true)
ON CONFLICT (id) DO UPDATE SET fetched_at = EXCLUDED.fetched_at, not_found = true
