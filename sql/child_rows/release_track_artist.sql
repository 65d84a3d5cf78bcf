-- Raw track credits typed (see release_track.sql): kept with a track sequence and an artist name.
SELECT c.release_id AS raw_release_id,
       discogs_build.to_int(c.track_sequence) IS NOT NULL AND coalesce(btrim(c.artist_name), '') <> '' AS valid,
       discogs_build.to_int(c.track_sequence) AS track_sequence, c.artist_name,
       coalesce(discogs_build.to_int(c.extra), 0) AS extra, nullif(c.role, '') AS role
FROM discogs_build.raw_release_track_artist c
