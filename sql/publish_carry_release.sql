INSERT INTO discogs_next.release ({columns})
SELECT {columns} FROM public.release WHERE id IN (SELECT id FROM carried_release)
