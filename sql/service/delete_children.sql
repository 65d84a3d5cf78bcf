-- Child rows are replaced whole: delete, then insert the fetched ones. Parameter: id.
DELETE FROM {table} WHERE release_id = %(id)s
