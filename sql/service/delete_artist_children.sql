-- An artist's child rows are replaced whole: delete, then insert the fetched ones. Parameter: id.
DELETE FROM {table} WHERE artist_id = %(id)s
