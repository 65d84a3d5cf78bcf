INSERT INTO artist_alias (artist_id, alias_id, alias_name) VALUES (%(artist_id)s, %(alias_id)s, %(alias_name)s)
