-- What the lookup service wrote back onto releases the new build also holds, in the columns a
-- build leaves NULL: the artwork it looked up (dumps carry no images) and when it last checked
-- it. Without this every release would lose them each month and the service would look its
-- artwork up again at the API's rate. The build's own non-NULL values win. Run by cache_tables
-- before the indexes exist (an UPDATE of every release under the swap's locks would keep the
-- service waiting for seconds); the swap then applies what was written since
-- (publish_keep_newer.sql). One row: for how many releases each column was kept.
WITH kept AS (
    UPDATE discogs_next.release n
    SET artwork_url = coalesce(n.artwork_url, p.artwork_url),
        artwork_checked_at = coalesce(n.artwork_checked_at, p.artwork_checked_at)
    FROM (SELECT p.id, p.artwork_url, p.artwork_checked_at,
                 b.artwork_url IS NULL AND p.artwork_url IS NOT NULL AS kept_artwork_url,
                 b.artwork_checked_at IS NULL AND p.artwork_checked_at IS NOT NULL AS kept_artwork_checked_at
          FROM public.release p JOIN discogs_next.release b ON b.id = p.id
          WHERE p.artwork_url IS NOT NULL OR p.artwork_checked_at IS NOT NULL) p
    WHERE n.id = p.id AND (p.kept_artwork_url OR p.kept_artwork_checked_at)
    RETURNING p.kept_artwork_url, p.kept_artwork_checked_at
)
SELECT count(*) FILTER (WHERE kept_artwork_url) AS artwork_url,
       count(*) FILTER (WHERE kept_artwork_checked_at) AS artwork_checked_at
FROM kept
