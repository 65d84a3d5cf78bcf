-- A release with tracks to show in the demo (the lowest id that has both).
SELECT a.artist_name, r.title, t.title
FROM release r
JOIN release_artist a ON a.release_id = r.id AND a.extra = 0
JOIN release_track t ON t.release_id = r.id
ORDER BY r.id, t.sequence LIMIT 1
