-- (release_id, artist_name, extra, title, artist_id) for every survivor; a release without any credit
-- still appears once (NULL artist) so it is classified, not silently kept or dropped.
-- Read through a server-side cursor in release order, so that the classification can take the
-- releases in batches that never split one.
SELECT r.id, a.artist_name, a.extra, r.title, a.artist_id
FROM dedup_survivor s
JOIN release r ON r.id = s.id
LEFT JOIN release_artist a ON a.release_id = r.id
ORDER BY r.id, a.extra
