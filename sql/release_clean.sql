-- Base tables of one build from the raw CSV tables (search_path: discogs_build, public).
-- Policy: a release without id or title is skipped and its children go with it;
-- a repeated release id keeps its first row; everything dropped is counted by the caller.

-- Releases skipped for a missing required field: their children are dropped, not "orphans".
DROP TABLE IF EXISTS release_skipped;
CREATE UNLOGGED TABLE release_skipped AS
SELECT DISTINCT to_int(id) AS id FROM raw_release
WHERE to_int(id) IS NOT NULL AND coalesce(btrim(title), '') = '';

-- First image per release in file order, a primary one preferred; empty URIs (all images since
-- late 2024) simply leave artwork_url NULL.
CREATE TEMP TABLE artwork ON COMMIT DROP AS
SELECT DISTINCT ON (release_id) release_id, uri
FROM (SELECT to_int(release_id) AS release_id, uri, type, ctid AS pos
      FROM raw_release_image WHERE coalesce(uri, '') <> '') i
WHERE release_id IS NOT NULL
ORDER BY release_id, (type = 'primary') DESC, pos;

INSERT INTO release (id, title, release_year, country, released, master_id, artwork_url, format)
SELECT DISTINCT ON (r.id) r.id, r.title,
       CASE WHEN r.released ~ '^[0-9]{4}' THEN substr(r.released, 1, 4)::smallint END,
       nullif(r.country, ''), nullif(r.released, ''), to_id(r.master_id), a.uri,
       release_format(r.format, r.format_descriptions)
FROM (SELECT to_int(id) AS id, title, country, released, master_id, format, format_descriptions, ctid AS pos
      FROM raw_release) r
LEFT JOIN artwork a ON a.release_id = r.id
WHERE r.id IS NOT NULL AND coalesce(btrim(r.title), '') <> ''
ORDER BY r.id, r.pos;

ALTER TABLE release ADD PRIMARY KEY (id);
