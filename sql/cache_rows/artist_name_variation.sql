-- The artist_name_variation rows of the published artists (cache_rows/artist.sql).
SELECT x.artist_id, x.name
FROM ({rows}) x JOIN ({artists}) c ON c.id = x.artist_id
WHERE x.valid
