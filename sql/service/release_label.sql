INSERT INTO release_label (release_id, label_id, label_name, catno)
VALUES (%(release_id)s, %(label_id)s, %(label_name)s, %(catno)s)
