-- The artists the lookup service fetched from the API or tombstoned (it sets fetched_at; a
-- build's rows have none) are kept whole over the build's copy: the row and its aliases, name
-- variations, members and URLs. Its fetch is the richer record (alias ids, member activity, the
-- image) and its fetched_at tells it when to fetch again. Artists the build does not hold are
-- carried the same way. Run by cache_tables for every such artist, before the indexes, and inside
-- the swap for those fetched again since (a later fetched_at). One statement: each child table's
-- DELETE sees only the rows that were there before it. One row: for how many artists each
-- column was kept.
WITH written AS (
    SELECT p.id, p.name, p.profile, p.image_url, p.fetched_at, p.not_found
    FROM public.artist p LEFT JOIN discogs_next.artist n ON n.id = p.id
    WHERE p.fetched_at > coalesce(n.fetched_at, '-infinity')
), gone AS (
    -- Rows copied in earlier that the service has deleted since (a tombstone it lifted, so that the
    -- next lookup asks the API again) go too, with their child rows (ON DELETE CASCADE).
    DELETE FROM discogs_next.artist n
    WHERE n.fetched_at IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM public.artist p WHERE p.id = n.id AND p.fetched_at IS NOT NULL)
), kept AS (
    INSERT INTO discogs_next.artist (id, name, profile, image_url, fetched_at, not_found)
    SELECT id, name, profile, image_url, fetched_at, not_found FROM written
    ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, profile = EXCLUDED.profile, image_url = EXCLUDED.image_url,
                                   fetched_at = EXCLUDED.fetched_at, not_found = EXCLUDED.not_found
    RETURNING image_url IS NOT NULL AS image_url, not_found
), old_alias AS (
    DELETE FROM discogs_next.artist_alias WHERE artist_id IN (SELECT id FROM written)
), new_alias AS (
    INSERT INTO discogs_next.artist_alias (artist_id, alias_id, alias_name)
    SELECT artist_id, alias_id, alias_name FROM public.artist_alias WHERE artist_id IN (SELECT id FROM written)
), old_variation AS (
    DELETE FROM discogs_next.artist_name_variation WHERE artist_id IN (SELECT id FROM written)
), new_variation AS (
    INSERT INTO discogs_next.artist_name_variation (artist_id, name)
    SELECT artist_id, name FROM public.artist_name_variation WHERE artist_id IN (SELECT id FROM written)
), old_member AS (
    DELETE FROM discogs_next.artist_member WHERE artist_id IN (SELECT id FROM written)
), new_member AS (
    INSERT INTO discogs_next.artist_member (artist_id, member_id, member_name, active)
    SELECT artist_id, member_id, member_name, active FROM public.artist_member
    WHERE artist_id IN (SELECT id FROM written)
), old_url AS (
    DELETE FROM discogs_next.artist_url WHERE artist_id IN (SELECT id FROM written)
), new_url AS (
    INSERT INTO discogs_next.artist_url (artist_id, url)
    SELECT artist_id, url FROM public.artist_url WHERE artist_id IN (SELECT id FROM written)
)
SELECT count(*) AS "artist.fetched_at", count(*) FILTER (WHERE image_url) AS "artist.image_url",
       count(*) FILTER (WHERE not_found) AS "artist.not_found"
FROM kept
