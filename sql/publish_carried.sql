-- Releases the lookup service wrote into the published cache since the last build (fetched
-- from the API, or tombstoned as not found) that the new build does not itself contain: they
-- move into the new cache with their child rows. A release the build contains takes the
-- build's rows (publish_keep_written.sql keeps what the service wrote back onto it).
SELECT r.id FROM public.release r
WHERE (r.not_found OR EXISTS (SELECT 1 FROM public.cache_metadata m
                              WHERE m.release_id = r.id AND m.source = 'api_fetch'))
  AND NOT EXISTS (SELECT 1 FROM discogs_next.release n WHERE n.id = r.id)
