-- The artist_member rows of the published artists (cache_rows/artist.sql).
SELECT x.artist_id, x.member_id, x.member_name, NULL::boolean AS active
FROM ({rows}) x JOIN ({artists}) c ON c.id = x.artist_id
WHERE x.valid
