SELECT * FROM discogs_build.{kept}
