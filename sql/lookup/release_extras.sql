-- The second hydration read: genres, styles and videos, which the service reads when the
-- tables are present. Parameter: id.
SELECT (SELECT json_agg(genre ORDER BY genre) FROM release_genre WHERE release_id = %(id)s) AS genres,
       (SELECT json_agg(style ORDER BY style) FROM release_style WHERE release_id = %(id)s) AS styles,
       (SELECT json_agg(json_build_object('sequence', sequence, 'src', src, 'title', title,
                                          'duration', duration, 'embed', embed) ORDER BY sequence)
        FROM release_video WHERE release_id = %(id)s) AS videos
