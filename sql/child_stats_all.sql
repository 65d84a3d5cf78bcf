-- How the rows of a typed base table (credits, labels: cleaned against release itself) divide;
-- the kept ones are counted by the INSERT. No row can belong to a dropped survivor, so one scan
-- with a probe of the (small) skipped set is all it takes; about five times faster than a join.
SELECT count(*) AS total,
       count(*) FILTER (WHERE to_int(release_id) IN (SELECT id FROM release_skipped)) AS of_skipped,
       0::bigint AS not_survivor
FROM {raw}
