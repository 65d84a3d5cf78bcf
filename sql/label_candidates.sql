-- Main credits and titles of the releases with a master on a label some preference accepts,
-- with that label's key. Their artist and title are compared with the preferences' by their
-- identity keys (in Python: the keys are not SQL), so only releases on such labels are read.
SELECT r.id, a.artist_name, r.title, k.label_key
FROM (SELECT DISTINCT label_key FROM label_accepted) k
JOIN release_label l ON lower(f_unaccent(btrim(l.label_name))) = k.label_key
JOIN release r ON r.id = l.release_id AND r.master_id IS NOT NULL
JOIN release_artist a ON a.release_id = r.id AND a.extra = 0
