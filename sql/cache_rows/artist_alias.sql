-- The artist_alias rows of the published artists (cache_rows/artist.sql).
SELECT x.artist_id, x.alias_id, x.alias_name
FROM ({rows}) x JOIN ({artists}) c ON c.id = x.artist_id
WHERE x.valid
