-- Masters with more than one surviving release (must be none); with format-aware dedup,
-- masters with more than one surviving release of one normalized format.
SELECT count(*) FROM (
    SELECT r.master_id FROM discogs_build.dedup_survivor s
    JOIN discogs_build.release r ON r.id = s.id
    CROSS JOIN discogs_build.dedup_mode m
    WHERE r.master_id IS NOT NULL
      AND s.id NOT IN (SELECT id FROM discogs_build.release_pin)  -- a pinned release is one more
    GROUP BY r.master_id, CASE WHEN m.by_format THEN r.format END HAVING count(*) > 1
) dupes
