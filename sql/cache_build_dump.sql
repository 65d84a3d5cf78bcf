-- The month the build history of a cache (its cache_build table) records for one build key.
SELECT dump_id FROM {schema}.cache_build WHERE build_key = %(key)s
