-- Bytes of the named indexes in one schema. Parameters: schema, names (text[]).
SELECT coalesce(sum(pg_relation_size(c.oid)), 0)
FROM pg_class c
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = %(schema)s AND c.relkind = 'i' AND c.relname = ANY(%(names)s::text[])
