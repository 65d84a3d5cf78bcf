INSERT INTO release_genre (release_id, genre) VALUES (%(release_id)s, %(genre)s)
