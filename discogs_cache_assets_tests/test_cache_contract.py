"""The schema contract of the published cache, pinned line by line.

The lookup service reads and writes these tables by name; a change here must be a deliberate,
visible diff of this file (the schema serves the current lookup service). Notably:
no UNIQUE (release_id, artist_name) on release_artist (the service writes one name as both a
main and an extra credit), `extra` defaults to 0 (it inserts track credits without it), and the
trigram index expressions are exactly lower(f_unaccent(col)).
"""

from __future__ import annotations

import dagster as dg
import psycopg

from discogs_cache_assets.cache import schema_version
from discogs_cache_assets_tests.catalog import published_schema
from discogs_cache_assets_tests.csvsets import write_csv_set, write_library
from discogs_cache_assets_tests.graph import build, graph_resources

# fmt: off
CONTRACT = {
    "release": [
        "id integer NOT NULL",
        "title text NOT NULL",
        "release_year smallint",
        "country text",
        "artwork_url text",
        "released text",
        "master_id integer",
        "artwork_checked_at timestamp with time zone",
        "not_found boolean NOT NULL DEFAULT false",
        "format text",
        "CONSTRAINT release_pkey PRIMARY KEY (id)",
        "CREATE INDEX idx_release_title_trgm ON release USING gin (lower(f_unaccent(title)) gin_trgm_ops)",
        "CREATE UNIQUE INDEX release_pkey ON release USING btree (id)",
    ],
    "release_artist": [
        "release_id integer NOT NULL",
        "artist_id integer",
        "artist_name text NOT NULL",
        "extra integer NOT NULL DEFAULT 0",
        "role text",
        "CONSTRAINT fk_release_artist_release FOREIGN KEY (release_id) REFERENCES release(id) ON DELETE CASCADE",
        "CREATE INDEX idx_release_artist_name_trgm ON release_artist USING gin (lower(f_unaccent(artist_name)) gin_trgm_ops)",
        "CREATE INDEX idx_release_artist_release_id ON release_artist USING btree (release_id)",
    ],
    "release_label": [
        "release_id integer NOT NULL",
        "label_name text NOT NULL",
        "label_id integer",
        "catno text",
        "CONSTRAINT fk_release_label_release FOREIGN KEY (release_id) REFERENCES release(id) ON DELETE CASCADE",
        "CREATE INDEX idx_release_label_release_id ON release_label USING btree (release_id)",
    ],
    "release_track": [
        "release_id integer NOT NULL",
        "sequence integer NOT NULL",
        "position text",
        "title text NOT NULL",
        "duration text",
        "CONSTRAINT fk_release_track_release FOREIGN KEY (release_id) REFERENCES release(id) ON DELETE CASCADE",
        "CREATE INDEX idx_release_track_release_id ON release_track USING btree (release_id)",
        "CREATE INDEX idx_release_track_title_trgm ON release_track USING gin (lower(f_unaccent(title)) gin_trgm_ops)",
    ],
    "release_track_artist": [
        "release_id integer NOT NULL",
        "track_sequence integer NOT NULL",
        "artist_name text NOT NULL",
        "extra integer NOT NULL DEFAULT 0",
        "role text",
        "CONSTRAINT fk_release_track_artist_release FOREIGN KEY (release_id) REFERENCES release(id) ON DELETE CASCADE",
        "CREATE INDEX idx_release_track_artist_name_trgm ON release_track_artist USING gin (lower(f_unaccent(artist_name)) gin_trgm_ops)",
        "CREATE INDEX idx_release_track_artist_release_id ON release_track_artist USING btree (release_id)",
    ],
    "release_genre": [
        "release_id integer NOT NULL",
        "genre text NOT NULL",
        "CONSTRAINT fk_release_genre_release FOREIGN KEY (release_id) REFERENCES release(id) ON DELETE CASCADE",
        "CREATE INDEX idx_release_genre_release_id ON release_genre USING btree (release_id)",
    ],
    "release_style": [
        "release_id integer NOT NULL",
        "style text NOT NULL",
        "CONSTRAINT fk_release_style_release FOREIGN KEY (release_id) REFERENCES release(id) ON DELETE CASCADE",
        "CREATE INDEX idx_release_style_release_id ON release_style USING btree (release_id)",
    ],
    "release_video": [
        "release_id integer NOT NULL",
        "sequence integer",
        "src text NOT NULL",
        "title text",
        "duration integer",
        "embed boolean",
        "CONSTRAINT fk_release_video_release FOREIGN KEY (release_id) REFERENCES release(id) ON DELETE CASCADE",
        "CREATE INDEX idx_release_video_release_id ON release_video USING btree (release_id)",
    ],
    "cache_metadata": [
        "release_id integer NOT NULL",
        "cached_at timestamp with time zone NOT NULL DEFAULT now()",
        "source text NOT NULL",
        "last_validated timestamp with time zone",
        "CONSTRAINT fk_cache_metadata_release FOREIGN KEY (release_id) REFERENCES release(id) ON DELETE CASCADE",
        "CONSTRAINT cache_metadata_pkey PRIMARY KEY (release_id)",
        "CREATE UNIQUE INDEX cache_metadata_pkey ON cache_metadata USING btree (release_id)",
        "CREATE INDEX idx_cache_metadata_cached_at ON cache_metadata USING btree (cached_at)",
        "CREATE INDEX idx_cache_metadata_source ON cache_metadata USING btree (source)",
    ],
    "master": [
        "id integer NOT NULL",
        "title text NOT NULL",
        "year smallint",
        "main_release_id integer",
        "CONSTRAINT master_pkey PRIMARY KEY (id)",
        "CREATE UNIQUE INDEX master_pkey ON master USING btree (id)",
    ],
    "master_artist": [
        "master_id integer NOT NULL",
        "artist_id integer",
        "artist_name text NOT NULL",
        "CONSTRAINT fk_master_artist_master FOREIGN KEY (master_id) REFERENCES master(id) ON DELETE CASCADE",
        "CREATE INDEX idx_master_artist_master_id ON master_artist USING btree (master_id)",
        "CREATE INDEX idx_master_artist_name_trgm ON master_artist USING gin (lower(f_unaccent(artist_name)) gin_trgm_ops)",
    ],
    "artist": [
        "id integer NOT NULL",
        "name text NOT NULL",
        "profile text",
        "image_url text",
        "fetched_at timestamp with time zone",
        "not_found boolean NOT NULL DEFAULT false",
        "CONSTRAINT artist_pkey PRIMARY KEY (id)",
        "CREATE UNIQUE INDEX artist_pkey ON artist USING btree (id)",
    ],
    "artist_alias": [
        "artist_id integer NOT NULL",
        "alias_id integer",
        "alias_name text NOT NULL",
        "CONSTRAINT fk_artist_alias_artist FOREIGN KEY (artist_id) REFERENCES artist(id) ON DELETE CASCADE",
        "CREATE INDEX idx_artist_alias_artist_id ON artist_alias USING btree (artist_id)",
    ],
    "artist_name_variation": [
        "artist_id integer NOT NULL",
        "name text NOT NULL",
        "CONSTRAINT fk_artist_name_variation_artist FOREIGN KEY (artist_id) REFERENCES artist(id) ON DELETE CASCADE",
        "CREATE INDEX idx_artist_name_variation_artist_id ON artist_name_variation USING btree (artist_id)",
    ],
    "artist_member": [
        "artist_id integer NOT NULL",
        "member_id integer NOT NULL",
        "member_name text NOT NULL",
        "active boolean",
        "CONSTRAINT fk_artist_member_artist FOREIGN KEY (artist_id) REFERENCES artist(id) ON DELETE CASCADE",
        "CREATE INDEX idx_artist_member_artist_id ON artist_member USING btree (artist_id)",
    ],
    "artist_url": [
        "artist_id integer NOT NULL",
        "url text NOT NULL",
        "CONSTRAINT fk_artist_url_artist FOREIGN KEY (artist_id) REFERENCES artist(id) ON DELETE CASCADE",
        "CREATE INDEX idx_artist_url_artist_id ON artist_url USING btree (artist_id)",
    ],
    "lookup_negative": [
        "key_hash bytea NOT NULL",
        "artist text",
        "track text",
        "artist_as_keyword boolean",
        "attempted_at timestamp with time zone NOT NULL DEFAULT now()",
        "ttl_seconds integer NOT NULL DEFAULT 604800",
        "CONSTRAINT lookup_negative_pkey PRIMARY KEY (key_hash)",
        "CREATE INDEX idx_lookup_negative_attempted_at ON lookup_negative USING btree (attempted_at)",
        "CREATE UNIQUE INDEX lookup_negative_pkey ON lookup_negative USING btree (key_hash)",
    ],
    "cache_build": [
        "build_key text NOT NULL",
        "dump_id text NOT NULL",
        "library_fingerprint text NOT NULL",
        "built_at timestamp with time zone NOT NULL DEFAULT now()",
        "published_at timestamp with time zone",
        "CONSTRAINT cache_build_pkey PRIMARY KEY (build_key)",
        "CREATE UNIQUE INDEX cache_build_pkey ON cache_build USING btree (build_key)",
    ],
    "schema_version": [
        "version integer NOT NULL",
        "name text NOT NULL",
        "applied_at timestamp with time zone NOT NULL DEFAULT now()",
        "CONSTRAINT schema_version_pkey PRIMARY KEY (version)",
        "CREATE UNIQUE INDEX schema_version_pkey ON schema_version USING btree (version)",
    ],
}
# fmt: on


def test_published_schema_is_the_contract_after_every_publish(tmp_path, pg_url) -> None:  # noqa: ANN001
    resources = dict(pg_url=pg_url, home=tmp_path / "home", csv_dir=write_csv_set(tmp_path / "csv"),
                     library_db=write_library(tmp_path / "library.db"))
    with dg.instance_for_test() as instance:
        build(instance, graph_resources(**resources))
        with psycopg.connect(pg_url) as conn:
            assert published_schema(conn) == CONTRACT
            # A first build records every version step: the cache is at this code's version.
            assert [v for (v,) in conn.execute("SELECT version FROM schema_version ORDER BY version")] == [
                s.version for s in schema_version.steps()
            ] == list(range(1, schema_version.current() + 1))
        build(instance, graph_resources(**resources, prune=False))  # a second publish swaps again
    with psycopg.connect(pg_url) as conn:
        assert published_schema(conn) == CONTRACT
