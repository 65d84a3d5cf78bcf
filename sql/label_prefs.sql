-- Station label preferences and the Discogs sub-label map. Labels are keyed by one normalised
-- form so "EMI" matches "emi" and "Émi" alike (the reference compared bare lower()); a
-- preference's artist and title by their identity keys, computed in Python (label_pref_key),
-- so "Clean, The" / "Boodle" is the release the library match answers it with.
DROP TABLE IF EXISTS label_pref_raw, label_pref_key, label_hierarchy_raw, label_pref, label_hierarchy,
    label_accepted, release_label_match;
CREATE UNLOGGED TABLE label_pref_raw (artist_name text, release_title text, label_name text);
CREATE UNLOGGED TABLE label_pref_key (artist_name text, release_title text, artist_key text, title_key text);
CREATE UNLOGGED TABLE label_hierarchy_raw (
    label_id text, label_name text, parent_label_id text, parent_label_name text
);
CREATE UNLOGGED TABLE release_label_match (release_id integer PRIMARY KEY);
