-- The releases that go into the published cache: survivors kept or flagged for review.
CREATE UNLOGGED TABLE cache_release_ids AS
SELECT release_id AS id FROM release_match WHERE decision IN ('KEEP', 'REVIEW');
ALTER TABLE cache_release_ids ADD PRIMARY KEY (id);
