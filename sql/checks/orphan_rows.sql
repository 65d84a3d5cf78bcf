-- Child rows of the published cache whose release is missing (must be none).
SELECT (SELECT count(*) FROM public.release_artist c WHERE NOT EXISTS (SELECT 1 FROM public.release r WHERE r.id = c.release_id))
     + (SELECT count(*) FROM public.release_label c WHERE NOT EXISTS (SELECT 1 FROM public.release r WHERE r.id = c.release_id))
     + (SELECT count(*) FROM public.release_track c WHERE NOT EXISTS (SELECT 1 FROM public.release r WHERE r.id = c.release_id))
     + (SELECT count(*) FROM public.release_track_artist c WHERE NOT EXISTS (SELECT 1 FROM public.release r WHERE r.id = c.release_id))
     + (SELECT count(*) FROM public.cache_metadata c WHERE NOT EXISTS (SELECT 1 FROM public.release r WHERE r.id = c.release_id))
