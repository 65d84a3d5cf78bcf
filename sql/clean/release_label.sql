-- A label is kept when it has a name or an id: one label of the dump has no name, and its
-- releases still say which label they are on.
INSERT INTO release_label (release_id, label_name, label_id, catno)
SELECT s.id, coalesce(c.label, ''), to_id(c.label_id), nullif(c.catno, '')
FROM raw_release_label c JOIN {survivors} s ON s.id = to_int(c.release_id)
WHERE coalesce(btrim(c.label), '') <> '' OR to_id(c.label_id) IS NOT NULL;
