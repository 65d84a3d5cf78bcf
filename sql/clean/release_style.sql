INSERT INTO release_style (release_id, style)
SELECT s.id, c.style FROM raw_release_style c JOIN {survivors} s ON s.id = to_int(c.release_id)
WHERE coalesce(btrim(c.style), '') <> '';
