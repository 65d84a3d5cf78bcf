-- A release fetched from the API: insert or overwrite the row and clear any tombstone.
-- Parameters: id, title, release_year, artwork_url, released, master_id.
INSERT INTO release (id, title, release_year, artwork_url, released, artwork_checked_at, not_found, master_id)
VALUES (%(id)s, %(title)s, %(release_year)s, %(artwork_url)s, %(released)s, now(), false, %(master_id)s)
ON CONFLICT (id) DO UPDATE SET
    title = EXCLUDED.title,
    release_year = EXCLUDED.release_year,
    artwork_url = EXCLUDED.artwork_url,
    released = EXCLUDED.released,
    artwork_checked_at = EXCLUDED.artwork_checked_at,
    not_found = false,
    master_id = EXCLUDED.master_id
