-- The negative-cache probe: is there an unexpired "nothing found" verdict for this key?
-- Parameter: key_hash (bytea).
SELECT 1 FROM lookup_negative
WHERE key_hash = %(key_hash)s
  AND now() < attempted_at + ttl_seconds * interval '1 second'
LIMIT 1
