INSERT INTO discogs_next.{table} ({columns})
SELECT {columns} FROM public.{table} WHERE release_id IN (SELECT id FROM carried_release)
