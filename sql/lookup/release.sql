-- Full hydration of one release in one round trip: the row, its credits with roles (main
-- first), labels with catalog numbers, tracks, and the track credits (main performers and the
-- extra credits with their roles). Parameter: id.
SELECT r.id, r.title, r.release_year, r.artwork_url, r.released, r.artwork_checked_at,
       r.not_found, r.master_id,
       (SELECT json_agg(json_build_object('artist_id', a.artist_id, 'artist_name', a.artist_name,
                                          'extra', a.extra, 'role', a.role)
                        ORDER BY a.extra, a.artist_name)
        FROM release_artist a WHERE a.release_id = r.id) AS artists,
       (SELECT json_agg(json_build_object('label_id', l.label_id, 'label_name', l.label_name,
                                          'catno', l.catno))
        FROM release_label l WHERE l.release_id = r.id) AS labels,
       (SELECT json_agg(json_build_object('sequence', t.sequence, 'position', t.position,
                                          'title', t.title, 'duration', t.duration)
                        ORDER BY t.sequence)
        FROM release_track t WHERE t.release_id = r.id) AS tracks,
       (SELECT json_agg(json_build_object('track_sequence', ta.track_sequence,
                                          'artist_name', ta.artist_name, 'extra', ta.extra,
                                          'role', ta.role)
                        ORDER BY ta.track_sequence, ta.extra, ta.artist_name)
        FROM release_track_artist ta WHERE ta.release_id = r.id) AS track_artists
FROM release r
WHERE r.id = %(id)s
