-- How the rows of a masters or artists CSV divide (side_rows/): all of them, and the ones the
-- policy drops (no id, a required field missing, a master credit whose master the masters
-- file lacks).
SELECT count(*) AS total, count(*) FILTER (WHERE NOT r.valid) AS invalid FROM ({rows}) r
