-- Main (extra 0) and extra (extra 1) credits; the same name may appear as both, and artist_id
-- is NULL when the API gave none.
INSERT INTO release_artist (release_id, artist_id, artist_name, extra, role)
VALUES (%(release_id)s, %(artist_id)s, %(artist_name)s, %(extra)s, %(role)s)
