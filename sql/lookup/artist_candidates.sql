-- Batched artist candidates: for each input name, the ids of main credits whose name is like
-- it at a similarity of at least min_score (the service runs it with the trigram threshold
-- pinned to 0.3 by SET LOCAL). Parameters: names (text[]), min_score.
SELECT q.input, array_agg(DISTINCT a.artist_id ORDER BY a.artist_id) AS artist_ids
FROM unnest(%(names)s::text[]) AS q(input)
JOIN release_artist a
  ON a.extra = 0
 AND a.artist_id IS NOT NULL
 AND lower(f_unaccent(a.artist_name)) %% lower(f_unaccent(q.input))
 AND similarity(lower(f_unaccent(a.artist_name)), lower(f_unaccent(q.input))) >= %(min_score)s
GROUP BY q.input
ORDER BY q.input
