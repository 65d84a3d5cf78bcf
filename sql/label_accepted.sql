-- Each preference's (artist key, title key) with every label that counts for it: the preferred
-- label, or one level above or below it in the hierarchy. Listed first so that every join
-- after it is an equality (hashable): an OR over the hierarchy per (release, label) pair
-- normalised each label name thousands of times and cost seconds per 10k releases.
CREATE UNLOGGED TABLE label_pref AS
SELECT DISTINCT k.artist_key, k.title_key, lower(f_unaccent(btrim(p.label_name))) AS label_key
FROM label_pref_raw p
JOIN label_pref_key k ON k.artist_name = p.artist_name AND k.release_title = p.release_title
WHERE coalesce(btrim(p.label_name), '') <> '' AND k.artist_key <> '' AND k.title_key <> '';

CREATE UNLOGGED TABLE label_hierarchy AS
SELECT DISTINCT lower(f_unaccent(btrim(label_name))) AS label_key,
       lower(f_unaccent(btrim(parent_label_name))) AS parent_key
FROM label_hierarchy_raw
WHERE coalesce(btrim(label_name), '') <> '' AND coalesce(btrim(parent_label_name), '') <> '';

CREATE UNLOGGED TABLE label_accepted AS
SELECT artist_key, title_key, label_key FROM label_pref
UNION
SELECT p.artist_key, p.title_key, h.label_key
FROM label_pref p JOIN label_hierarchy h ON h.parent_key = p.label_key
UNION
SELECT p.artist_key, p.title_key, h.parent_key
FROM label_pref p JOIN label_hierarchy h ON h.label_key = p.label_key;
