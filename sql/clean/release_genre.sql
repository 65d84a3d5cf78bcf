INSERT INTO release_genre (release_id, genre)
SELECT s.id, c.genre FROM raw_release_genre c JOIN {survivors} s ON s.id = to_int(c.release_id)
WHERE coalesce(btrim(c.genre), '') <> '';
