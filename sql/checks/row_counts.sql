-- releases, releases without metadata, bulk releases without any credit. The lookup service's
-- tombstones (not_found) are release rows without metadata by design.
SELECT (SELECT count(*) FROM public.release),
       (SELECT count(*) FROM public.release r
        WHERE NOT r.not_found
          AND NOT EXISTS (SELECT 1 FROM public.cache_metadata m WHERE m.release_id = r.id)),
       (SELECT count(*) FROM public.release r JOIN public.cache_metadata m ON m.release_id = r.id
        WHERE m.source = 'bulk_import'
          AND NOT EXISTS (SELECT 1 FROM public.release_artist a WHERE a.release_id = r.id))
