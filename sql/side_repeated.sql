-- Valid rows of a file keyed by id (masters, artists) that repeat an earlier row's id.
SELECT count(*) - count(DISTINCT r.id) FROM ({rows}) r WHERE r.valid
