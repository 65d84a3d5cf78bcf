-- Marks the release as the service's own: publish carries api_fetch releases into new caches.
INSERT INTO cache_metadata (release_id, source) VALUES (%(id)s, 'api_fetch')
ON CONFLICT (release_id) DO UPDATE SET cached_at = now(), source = 'api_fetch'
