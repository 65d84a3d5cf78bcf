-- sequence is the 1-based index in the fetched tracklist.
INSERT INTO release_track (release_id, sequence, position, title, duration)
VALUES (%(release_id)s, %(sequence)s, %(position)s, %(title)s, %(duration)s)
