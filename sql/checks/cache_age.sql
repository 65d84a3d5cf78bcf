SELECT extract(epoch FROM now() - max(published_at)) / 86400 FROM public.cache_build
