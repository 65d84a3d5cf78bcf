-- Search by track title with an artist, matched on the release's main credits or on the main
-- credits of that very track. The artist filter sits inside the bounded set, so the LIMIT
-- cannot cut the artist's own release away. Parameters: track, artist, limit.
-- One branch per kind of credit, each a plain join: the planner can then drive a branch from
-- whichever trigram index is the more selective for these parameters (a common title with a
-- rare artist from the artist's credits, and the other way round); an OR of two EXISTS could
-- only be checked track by track after rechecking every title candidate.
WITH hit AS (
    SELECT t.release_id, t.sequence, t.title AS track,
           similarity(lower(f_unaccent(t.title)), lower(f_unaccent(%(track)s))) AS score
    FROM release_track t
    JOIN release_artist a ON a.release_id = t.release_id AND a.extra = 0
    WHERE lower(f_unaccent(t.title)) %% lower(f_unaccent(%(track)s))
      AND lower(f_unaccent(a.artist_name)) %% lower(f_unaccent(%(artist)s))
    UNION
    SELECT t.release_id, t.sequence, t.title AS track,
           similarity(lower(f_unaccent(t.title)), lower(f_unaccent(%(track)s))) AS score
    FROM release_track t
    JOIN release_track_artist ta ON ta.release_id = t.release_id AND ta.track_sequence = t.sequence
                                AND ta.extra = 0
    WHERE lower(f_unaccent(t.title)) %% lower(f_unaccent(%(track)s))
      AND lower(f_unaccent(ta.artist_name)) %% lower(f_unaccent(%(artist)s))
    ORDER BY score DESC
    LIMIT %(limit)s
)
SELECT r.id AS release_id, r.title, a.artist_name, hit.track,
       lower(a.artist_name) LIKE '%%various%%' AS is_compilation
FROM hit
JOIN release r ON r.id = hit.release_id
JOIN release_artist a ON a.release_id = r.id AND a.extra = 0
ORDER BY hit.score DESC, r.id
