INSERT INTO artist_member (artist_id, member_id, member_name, active)
VALUES (%(artist_id)s, %(member_id)s, %(member_name)s, %(active)s)
