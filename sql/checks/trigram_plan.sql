EXPLAIN (FORMAT JSON)
SELECT 1 FROM public.{table} WHERE lower(f_unaccent({column})) % lower(f_unaccent('radiohead'))
