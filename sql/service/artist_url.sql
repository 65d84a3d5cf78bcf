INSERT INTO artist_url (artist_id, url) VALUES (%(artist_id)s, %(url)s)
