INSERT INTO artist_name_variation (artist_id, name) VALUES (%(artist_id)s, %(name)s)
