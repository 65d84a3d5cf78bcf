-- An artist fetched from the API: insert or overwrite the row and clear any tombstone; its
-- aliases, name variations, members and URLs are replaced whole (delete_artist_children.sql).
-- Parameters: id, name, profile, image_url.
INSERT INTO artist (id, name, profile, image_url, fetched_at, not_found)
VALUES (%(id)s, %(name)s, %(profile)s, %(image_url)s, now(), false)
ON CONFLICT (id) DO UPDATE SET
    name = EXCLUDED.name,
    profile = EXCLUDED.profile,
    image_url = EXCLUDED.image_url,
    fetched_at = EXCLUDED.fetched_at,
    not_found = false
