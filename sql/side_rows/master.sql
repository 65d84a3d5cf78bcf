-- Raw masters typed, in file order (pos): a master needs an id and a title. A repeated id keeps
-- its first row (cache_rows/master.sql).
SELECT c.ctid AS pos, discogs_build.to_id(c.id) IS NOT NULL AND coalesce(btrim(c.title), '') <> '' AS valid,
       discogs_build.to_id(c.id) AS id, c.title,
       CASE WHEN discogs_build.to_int(c.year) BETWEEN 1 AND 32767 THEN discogs_build.to_int(c.year)::smallint END
           AS year,
       discogs_build.to_id(c.main_release_id) AS main_release_id
FROM discogs_build.raw_master c
