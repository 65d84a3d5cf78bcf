-- One trigram predicate exactly as the lookup service writes it; the operator is doubled
-- because the file runs with a psycopg parameter (q).
EXPLAIN (FORMAT JSON)
SELECT 1 FROM public.{table} WHERE lower(f_unaccent({column})) %% lower(f_unaccent(%(q)s))
