-- Search by artist and album together: both must match the same release (title and one main
-- credit). Scored by the mean of the two similarities; the release's main credits are shown
-- aggregated. Parameters: artist, album, limit.
-- Driven by the album: releases are a quarter of the credit rows (extra credits included in
-- the credits' trigram index), so the title index hands over fewer candidates to recheck, and
-- the credits of the few matching releases are then checked by release id.
WITH album AS MATERIALIZED (
    SELECT r.id, r.title, r.artwork_url,
           similarity(lower(f_unaccent(r.title)), lower(f_unaccent(%(album)s))) AS album_score
    FROM release r
    WHERE lower(f_unaccent(r.title)) %% lower(f_unaccent(%(album)s))
)
SELECT * FROM (
    SELECT DISTINCT ON (r.id)
           r.id AS release_id, r.title, credit.artist_name, credit.artist_credits, r.artwork_url,
           (r.album_score
            + similarity(lower(f_unaccent(a.artist_name)), lower(f_unaccent(%(artist)s)))) / 2.0 AS score
    FROM album r
    JOIN release_artist a ON a.release_id = r.id AND a.extra = 0
    CROSS JOIN LATERAL (
        SELECT string_agg(m.artist_name, ', ' ORDER BY m.artist_name) AS artist_name,
               array_agg(m.artist_name ORDER BY m.artist_name) AS artist_credits
        FROM release_artist m WHERE m.release_id = r.id AND m.extra = 0
    ) credit
    WHERE lower(f_unaccent(a.artist_name)) %% lower(f_unaccent(%(artist)s))
    ORDER BY r.id, score DESC
) best
ORDER BY score DESC, release_id
LIMIT %(limit)s
