-- Every child row belongs to its release, master or artist; the lookup service relies on
-- ON DELETE CASCADE.
-- Added after the load: one validating join per table instead of a trigger check per row.
ALTER TABLE release_artist ADD CONSTRAINT fk_release_artist_release
    FOREIGN KEY (release_id) REFERENCES release (id) ON DELETE CASCADE;
ALTER TABLE release_label ADD CONSTRAINT fk_release_label_release
    FOREIGN KEY (release_id) REFERENCES release (id) ON DELETE CASCADE;
ALTER TABLE release_track ADD CONSTRAINT fk_release_track_release
    FOREIGN KEY (release_id) REFERENCES release (id) ON DELETE CASCADE;
ALTER TABLE release_track_artist ADD CONSTRAINT fk_release_track_artist_release
    FOREIGN KEY (release_id) REFERENCES release (id) ON DELETE CASCADE;
ALTER TABLE release_genre ADD CONSTRAINT fk_release_genre_release
    FOREIGN KEY (release_id) REFERENCES release (id) ON DELETE CASCADE;
ALTER TABLE release_style ADD CONSTRAINT fk_release_style_release
    FOREIGN KEY (release_id) REFERENCES release (id) ON DELETE CASCADE;
ALTER TABLE release_video ADD CONSTRAINT fk_release_video_release
    FOREIGN KEY (release_id) REFERENCES release (id) ON DELETE CASCADE;
ALTER TABLE cache_metadata ADD CONSTRAINT fk_cache_metadata_release
    FOREIGN KEY (release_id) REFERENCES release (id) ON DELETE CASCADE;
ALTER TABLE master_artist ADD CONSTRAINT fk_master_artist_master
    FOREIGN KEY (master_id) REFERENCES master (id) ON DELETE CASCADE;
ALTER TABLE artist_alias ADD CONSTRAINT fk_artist_alias_artist
    FOREIGN KEY (artist_id) REFERENCES artist (id) ON DELETE CASCADE;
ALTER TABLE artist_name_variation ADD CONSTRAINT fk_artist_name_variation_artist
    FOREIGN KEY (artist_id) REFERENCES artist (id) ON DELETE CASCADE;
ALTER TABLE artist_member ADD CONSTRAINT fk_artist_member_artist
    FOREIGN KEY (artist_id) REFERENCES artist (id) ON DELETE CASCADE;
ALTER TABLE artist_url ADD CONSTRAINT fk_artist_url_artist
    FOREIGN KEY (artist_id) REFERENCES artist (id) ON DELETE CASCADE;
