-- Optional (DISCOGS_NEAREST_INDEXES=1): GiST trigram indexes for ranked nearest-neighbour search,
-- `ORDER BY (lower(f_unaccent(col)) COLLATE "C") <-> lower(f_unaccent($1)) LIMIT n`
-- (sql/lookup/nearest_*.sql): a GiST scan in distance order stops after n rows.
-- The expression is the GIN indexes' own, with COLLATE "C" (the same value: the trigram
-- operators ignore collation) so that it is not identical to it: given a GiST index on the very
-- expression of the service's current `%` searches, the planner takes it for them instead of the
-- GIN index, and those searches then run several times slower. The credit indexes hold main
-- credits only (extra = 0), the only ones the searches read.
CREATE INDEX idx_release_title_gist ON release
    USING gist ((lower(f_unaccent(title)) COLLATE "C") gist_trgm_ops);
CREATE INDEX idx_release_artist_name_gist ON release_artist
    USING gist ((lower(f_unaccent(artist_name)) COLLATE "C") gist_trgm_ops) WHERE extra = 0;
CREATE INDEX idx_release_track_title_gist ON release_track
    USING gist ((lower(f_unaccent(title)) COLLATE "C") gist_trgm_ops);
CREATE INDEX idx_release_track_artist_name_gist ON release_track_artist
    USING gist ((lower(f_unaccent(artist_name)) COLLATE "C") gist_trgm_ops) WHERE extra = 0;
