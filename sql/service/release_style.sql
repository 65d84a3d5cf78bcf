INSERT INTO release_style (release_id, style) VALUES (%(release_id)s, %(style)s)
