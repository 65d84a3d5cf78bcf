-- Built once, on the final rows only (the reference indexed every imported row, twice).
-- The trigram expressions must stay exactly lower(f_unaccent(col)): the lookup service's
-- predicates are written that way and only an identical expression can use the index.
CREATE INDEX idx_release_artist_release_id ON release_artist (release_id);
CREATE INDEX idx_release_label_release_id ON release_label (release_id);
CREATE INDEX idx_release_track_release_id ON release_track (release_id);
CREATE INDEX idx_release_track_artist_release_id ON release_track_artist (release_id);
CREATE INDEX idx_release_genre_release_id ON release_genre (release_id);
CREATE INDEX idx_release_style_release_id ON release_style (release_id);
CREATE INDEX idx_release_video_release_id ON release_video (release_id);
CREATE INDEX idx_cache_metadata_cached_at ON cache_metadata (cached_at);
CREATE INDEX idx_cache_metadata_source ON cache_metadata (source);
CREATE INDEX idx_lookup_negative_attempted_at ON lookup_negative (attempted_at);
CREATE INDEX idx_release_title_trgm ON release USING gin (lower(f_unaccent(title)) gin_trgm_ops);
CREATE INDEX idx_release_artist_name_trgm ON release_artist USING gin (lower(f_unaccent(artist_name)) gin_trgm_ops);
CREATE INDEX idx_release_track_title_trgm ON release_track USING gin (lower(f_unaccent(title)) gin_trgm_ops);
CREATE INDEX idx_release_track_artist_name_trgm ON release_track_artist USING gin (lower(f_unaccent(artist_name)) gin_trgm_ops);
CREATE INDEX idx_master_artist_master_id ON master_artist (master_id);
CREATE INDEX idx_master_artist_name_trgm ON master_artist USING gin (lower(f_unaccent(artist_name)) gin_trgm_ops);
CREATE INDEX idx_artist_alias_artist_id ON artist_alias (artist_id);
CREATE INDEX idx_artist_name_variation_artist_id ON artist_name_variation (artist_id);
CREATE INDEX idx_artist_member_artist_id ON artist_member (artist_id);
CREATE INDEX idx_artist_url_artist_id ON artist_url (artist_id);
