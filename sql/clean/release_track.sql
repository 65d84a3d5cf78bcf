INSERT INTO release_track (release_id, sequence, position, title, duration)
SELECT s.id, to_int(c.sequence), nullif(c.position, ''), c.title, nullif(c.duration, '')
FROM raw_release_track c JOIN {survivors} s ON s.id = to_int(c.release_id)
WHERE to_int(c.sequence) IS NOT NULL AND coalesce(btrim(c.title), '') <> '';
