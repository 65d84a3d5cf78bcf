-- Written without extra: the column default (0, a main performer) must apply.
INSERT INTO release_track_artist (release_id, track_sequence, artist_name)
VALUES (%(release_id)s, %(track_sequence)s, %(artist_name)s)
ON CONFLICT DO NOTHING
