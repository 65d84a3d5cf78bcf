-- Masters of the published releases; a repeated master id keeps its first row.
SELECT DISTINCT ON (m.id) m.id, m.title, m.year, m.main_release_id
FROM ({rows}) m JOIN ({masters}) p ON p.id = m.id
WHERE m.valid
ORDER BY m.id, m.pos
