-- Version 2: release.format, the release's normalized format (Vinyl, CD, Cassette, 7", Digital,
-- other). A release published before has none until the next build brings its row.
ALTER TABLE IF EXISTS public.release ADD COLUMN IF NOT EXISTS format text;
