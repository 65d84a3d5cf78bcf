SELECT id FROM discogs_build.release_pin
