-- The main credits, in credit order, with their joins, of the survivors with two main credits or
-- more: their credit line as Discogs shows it ("Lou Reed & John Cale") may be one library name,
-- as the converter's filter reads it (identity.joined_credit). The joins are only in the raw
-- credits release_tables loaded; the typed ones keep no order.
SELECT s.id, c.artist_name, coalesce(c.join_field, '')
FROM (SELECT release_id AS id FROM release_artist a JOIN dedup_survivor d ON d.id = a.release_id
      WHERE a.extra = 0 GROUP BY release_id HAVING count(*) > 1) s
JOIN raw_release_artist c ON to_int(c.release_id) = s.id
WHERE coalesce(to_int(c.extra), 0) = 0 AND coalesce(btrim(c.artist_name), '') <> ''
ORDER BY s.id, to_int(c.position), c.ctid
