-- Inside the swap: what the service wrote back onto releases the next cache holds after
-- cache_tables copied them (publish_keep_written.sql). Each of its writes sets
-- artwork_checked_at, so a published row checked later than the next cache's copy is newer: its
-- check time and (when it found one) its artwork replace the copy's. Only the rows written during
-- the build are touched here, under the swap's locks. One row: how many releases, per column.
WITH newer AS (
    UPDATE discogs_next.release n
    SET artwork_url = coalesce(p.artwork_url, n.artwork_url),
        artwork_checked_at = p.artwork_checked_at
    FROM (SELECT p.id, p.artwork_url, p.artwork_checked_at,
                 p.artwork_url IS NOT NULL AND p.artwork_url IS DISTINCT FROM b.artwork_url AS new_artwork_url
          FROM public.release p JOIN discogs_next.release b ON b.id = p.id
          WHERE p.artwork_checked_at > coalesce(b.artwork_checked_at, '-infinity')) p
    WHERE n.id = p.id
    RETURNING p.new_artwork_url
)
SELECT count(*) FILTER (WHERE new_artwork_url) AS artwork_url, count(*) AS artwork_checked_at
FROM newer
