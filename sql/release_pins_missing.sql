-- Pinned ids the dump lacks (no release of that id was imported), in order.
SELECT p.id FROM discogs_build.release_pin p
WHERE NOT EXISTS (SELECT 1 FROM discogs_build.release r WHERE r.id = p.id)
ORDER BY p.id
