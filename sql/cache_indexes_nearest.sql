-- Optional (DISCOGS_NEAREST_INDEXES=1): GiST trigram indexes for ranked nearest-neighbour search,
-- `ORDER BY lower(f_unaccent(col)) <-> lower(f_unaccent($1)) LIMIT n` (sql/lookup/nearest_*.sql).
-- A GiST scan in distance order stops after n rows, where a GIN scan must hand over every title
-- sharing a trigram with the query. Same expressions as the GIN indexes. The credit indexes
-- hold main credits only (extra = 0), the only ones the searches read.
CREATE INDEX idx_release_title_gist ON release USING gist (lower(f_unaccent(title)) gist_trgm_ops);
CREATE INDEX idx_release_artist_name_gist ON release_artist
    USING gist (lower(f_unaccent(artist_name)) gist_trgm_ops) WHERE extra = 0;
CREATE INDEX idx_release_track_title_gist ON release_track USING gist (lower(f_unaccent(title)) gist_trgm_ops);
CREATE INDEX idx_release_track_artist_name_gist ON release_track_artist
    USING gist (lower(f_unaccent(artist_name)) gist_trgm_ops) WHERE extra = 0;
