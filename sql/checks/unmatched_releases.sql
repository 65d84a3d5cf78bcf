-- Bulk releases of the published cache that the library match did not keep (must be none).
SELECT count(*) FROM public.release r
JOIN public.cache_metadata m ON m.release_id = r.id AND m.source = 'bulk_import'
WHERE NOT EXISTS (SELECT 1 FROM discogs_build.release_match x
                  WHERE x.release_id = r.id AND x.decision IN ('KEEP', 'REVIEW'))
