-- Station label preferences and the Discogs sub-label map, keyed by one normalised form so
-- "EMI" matches "emi" and "Émi" alike (the reference compared bare lower()).
DROP TABLE IF EXISTS label_pref_raw, label_hierarchy_raw, label_pref, label_hierarchy;
CREATE UNLOGGED TABLE label_pref_raw (artist_name text, release_title text, label_name text);
CREATE UNLOGGED TABLE label_hierarchy_raw (
    label_id text, label_name text, parent_label_id text, parent_label_name text
);
