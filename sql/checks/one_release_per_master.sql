-- Masters with more than one surviving release (must be none).
SELECT count(*) FROM (
    SELECT r.master_id FROM discogs_build.dedup_survivor s
    JOIN discogs_build.release r ON r.id = s.id
    WHERE r.master_id IS NOT NULL GROUP BY r.master_id HAVING count(*) > 1
) dupes
