-- The service marks a release Discogs answered 404 for. Only the tombstone columns change, so
-- a release fetched earlier keeps its title and child rows. Parameter: id.
INSERT INTO release (id, title, release_year, artwork_url, released, artwork_checked_at, not_found)
VALUES (%(id)s, '', NULL, NULL, NULL, now(), true)
ON CONFLICT (id) DO UPDATE SET artwork_checked_at = EXCLUDED.artwork_checked_at, not_found = true
