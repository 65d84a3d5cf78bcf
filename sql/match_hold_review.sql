-- KEEP decisions held at REVIEW once every batch is classified: the library rows two Discogs
-- artists of one name both reach (the classification's ambiguity rule, across batches).
UPDATE release_match SET decision = 'REVIEW'
WHERE decision = 'KEEP' AND release_id = ANY(%(ids)s)
