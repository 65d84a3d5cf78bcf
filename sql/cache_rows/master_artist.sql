-- The credits of the published masters (cache_rows/master.sql).
SELECT c.master_id, c.artist_id, c.artist_name
FROM ({rows}) c
WHERE c.valid AND c.master_id IN (SELECT m.id FROM ({master_rows}) m JOIN ({masters}) p ON p.id = m.id WHERE m.valid)
