-- What the published cache was built from, for build key %(key)s.
SELECT dump_id, library_fingerprint FROM public.cache_build WHERE build_key = %(key)s
