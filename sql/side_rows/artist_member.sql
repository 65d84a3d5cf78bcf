-- Raw group members typed, in file order (pos): kept with the group's id, the member's id and
-- name. The dump does not say whether a member is still active: active stays NULL.
SELECT c.ctid AS pos,
       discogs_build.to_id(c.group_artist_id) IS NOT NULL AND discogs_build.to_id(c.member_artist_id) IS NOT NULL
           AND coalesce(btrim(c.member_name), '') <> '' AS valid,
       discogs_build.to_id(c.group_artist_id) AS artist_id, discogs_build.to_id(c.member_artist_id) AS member_id,
       c.member_name
FROM discogs_build.raw_artist_member c
