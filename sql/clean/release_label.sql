INSERT INTO release_label (release_id, label_name, label_id, catno)
SELECT s.id, c.label, to_int(c.label_id), nullif(c.catno, '')
FROM raw_release_label c JOIN {survivors} s ON s.id = to_int(c.release_id)
WHERE coalesce(btrim(c.label), '') <> '';
