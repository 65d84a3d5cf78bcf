-- The artists credited on the published releases that the artists dump says something about:
-- a profile (artist.csv), aliases, name variations, members or URLs. An artist it has nothing
-- on but a name gets no row, as without an artists dump: the service fetches it when asked.
-- The name is the dump's, else the one it is credited under; a repeated id keeps its first row.
WITH credited AS ({artists}),
described AS (
    SELECT DISTINCT ON (a.id) a.id, a.name, a.profile
    FROM ({rows}) a JOIN credited c ON c.id = a.id
    WHERE a.valid
    ORDER BY a.id, a.pos
),
mentioned AS (
    SELECT x.artist_id AS id FROM ({aliases}) x JOIN credited c ON c.id = x.artist_id WHERE x.valid
    UNION SELECT x.artist_id FROM ({variations}) x JOIN credited c ON c.id = x.artist_id WHERE x.valid
    UNION SELECT x.artist_id FROM ({members}) x JOIN credited c ON c.id = x.artist_id WHERE x.valid
    UNION SELECT x.artist_id FROM ({urls}) x JOIN credited c ON c.id = x.artist_id WHERE x.valid
)
SELECT c.id, coalesce(d.name, c.name) AS name, d.profile
FROM credited c LEFT JOIN described d ON d.id = c.id
WHERE d.id IS NOT NULL OR c.id IN (SELECT id FROM mentioned)
