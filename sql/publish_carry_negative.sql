INSERT INTO discogs_next.lookup_negative ({columns})
SELECT {columns} FROM public.lookup_negative ON CONFLICT (key_hash) DO NOTHING
