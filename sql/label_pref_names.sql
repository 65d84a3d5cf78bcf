-- The distinct (artist, title) spellings of the preferences, for their identity keys.
SELECT DISTINCT artist_name, release_title FROM label_pref_raw
WHERE coalesce(btrim(artist_name), '') <> '' AND coalesce(btrim(release_title), '') <> ''
