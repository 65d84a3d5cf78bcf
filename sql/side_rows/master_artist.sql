-- Raw master credits typed, in file order (pos): kept with an artist name and a master the
-- masters file has (any other master id is an orphan). A credit without an artist id keeps it NULL.
SELECT c.ctid AS pos,
       coalesce(btrim(c.artist_name), '') <> ''
           AND discogs_build.to_id(c.master_id) IN (SELECT discogs_build.to_id(m.id) FROM discogs_build.raw_master m)
           AS valid,
       discogs_build.to_id(c.master_id) AS master_id, discogs_build.to_id(c.artist_id) AS artist_id, c.artist_name
FROM discogs_build.raw_master_artist c
