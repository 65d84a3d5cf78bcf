INSERT INTO release_video (release_id, sequence, src, title, duration, embed)
SELECT s.id, to_int(c.sequence), c.src, nullif(c.title, ''), to_int(c.duration),
       coalesce(c.embed, 'true') <> 'false'
FROM raw_release_video c JOIN {survivors} s ON s.id = to_int(c.release_id)
WHERE coalesce(btrim(c.src), '') <> '';
