"""The database half end to end through Dagster on sets the tests generate themselves."""

from __future__ import annotations

import dagster as dg
import psycopg
import pytest

from discogs_cache_assets_tests.csvsets import KEPT, SURVIVORS, write_csv_set, write_library
from discogs_cache_assets_tests.graph import build, graph_resources, metadata, published_ids, published_rows


@pytest.fixture
def small(tmp_path, pg_url):  # noqa: ANN001, ANN201
    csv_dir = write_csv_set(tmp_path / "csv")
    library_db = write_library(tmp_path / "library.db")
    return dict(pg_url=pg_url, home=tmp_path / "home", csv_dir=csv_dir, library_db=library_db)


def test_prune_keeps_library_releases_with_one_per_master(small) -> None:  # noqa: ANN001
    with dg.instance_for_test() as instance:
        result = build(instance, graph_resources(**small))
    assert published_ids(small["pg_url"]) == KEPT
    imported = metadata(result, "release_tables")
    assert imported["releases"] == 7
    assert imported["dropped_no_title"] == 1
    assert imported["dropped_release_artist_of_skipped"] == 1  # children left with their release
    assert imported["dropped_release_artist"] == 0
    matches = metadata(result, "library_matches")
    assert (matches["keep"], matches["prune"]) == (3, 1)
    published = metadata(result, "discogs_cache")
    rows = {r.data["table"]: r.data["rows"] for r in published["rows_by_table"].records}
    assert published["releases"] == published["dagster/row_count"] == rows["release"] == rows["cache_metadata"] == 3
    assert (published["keep"], published["review"]) == (3, 0) and published["library_fingerprint"]
    assert isinstance(published["size_mb"], float) and published["dump_id"]


def test_without_prune_every_survivor_is_published(small) -> None:  # noqa: ANN001
    with dg.instance_for_test() as instance:
        build(instance, graph_resources(**small, prune=False))
    assert published_ids(small["pg_url"]) == SURVIVORS
    with psycopg.connect(small["pg_url"]) as conn:
        tracks = dict(conn.execute("SELECT release_id, count(*) FROM release_track GROUP BY 1").fetchall())
        artwork = conn.execute("SELECT artwork_url FROM release WHERE id = 102").fetchone()[0]
    assert tracks == {102: 3, 202: 5, 301: 2, 401: 2}
    assert artwork == "https://img.example/102.jpg"


def test_published_schema_keeps_constraints_and_defaults(small) -> None:  # noqa: ANN001
    with dg.instance_for_test() as instance:
        build(instance, graph_resources(**small))
        build(instance, graph_resources(**small, prune=False))  # a second publish swaps again
    with psycopg.connect(small["pg_url"]) as conn:
        fks = conn.execute(
            "SELECT conrelid::regclass::text FROM pg_constraint WHERE contype = 'f' ORDER BY 1"
        ).fetchall()
        assert len(fks) == 13  # the release children's 8, master_artist's and the artist children's 5
        default = conn.execute(
            "SELECT column_default FROM information_schema.columns WHERE table_schema = 'public' "
            "AND table_name = 'release_track_artist' AND column_name = 'extra'"
        ).fetchone()[0]
        assert default == "0"
        conn.execute("INSERT INTO release_track_artist (release_id, track_sequence, artist_name) VALUES (102, 1, 'X')")
        assert conn.execute("SELECT extra FROM release_track_artist WHERE artist_name = 'X'").fetchone()[0] == 0
        schemas = {r[0] for r in conn.execute("SELECT nspname FROM pg_namespace")}
        assert "discogs_next" not in schemas and "discogs_prev" not in schemas


def test_copy_to_target_database_leaves_source_unpublished(small, pg_url_factory) -> None:  # noqa: ANN001
    target = pg_url_factory()
    with dg.instance_for_test() as instance:
        build(instance, graph_resources(**small, target_url=target))
    assert published_ids(target) == KEPT
    with psycopg.connect(small["pg_url"]) as conn:
        assert conn.execute("SELECT to_regclass('public.release')").fetchone()[0] is None
    in_place = pg_url_factory()
    with dg.instance_for_test() as instance:
        build(instance, graph_resources(**{**small, "pg_url": in_place}))
    # The copy is the same cache, artist_id and every other column included.
    assert published_rows(target) == published_rows(in_place)


def test_second_build_reuses_every_step_and_rebuilds_a_wiped_database(small) -> None:  # noqa: ANN001
    with dg.instance_for_test() as instance:
        build(instance, graph_resources(**small))
        first = published_rows(small["pg_url"])
        again = build(instance, graph_resources(**small))
        for step in ("cache_schema", "release_tables", "deduped_releases", "release_tracks", "library_matches",
                     "cache_tables", "discogs_cache"):
            assert metadata(again, step)["reused"] is True, step
        with psycopg.connect(small["pg_url"], autocommit=True) as conn:
            conn.execute("DROP SCHEMA discogs_build CASCADE")
            conn.execute("DROP TABLE public.release CASCADE")
            conn.execute("DROP TABLE public.cache_build")
        rebuilt = build(instance, graph_resources(**small))
        for step in ("cache_schema", "release_tables", "deduped_releases", "discogs_cache"):
            assert metadata(rebuilt, step)["reused"] is False, step
        assert published_rows(small["pg_url"]) == first


def test_failed_step_resumes_from_where_it_failed(small) -> None:  # noqa: ANN001
    # The database refuses dedup's statements: a view stands where dedup writes its survivors
    # (input files are checked before any database step, so a bad file no longer gets this far).
    in_the_way = "CREATE SCHEMA IF NOT EXISTS discogs_build; CREATE VIEW discogs_build.dedup_survivor AS SELECT 1 AS id"
    with psycopg.connect(small["pg_url"], autocommit=True) as conn:
        conn.execute(in_the_way)
    with dg.instance_for_test() as instance:
        failed = build(instance, graph_resources(**small), raise_on_error=False)
        assert not failed.success
        (step_failure,) = [e for e in failed.all_events if e.is_step_failure]
        assert step_failure.step_key == "deduped_releases"
        with psycopg.connect(small["pg_url"], autocommit=True) as conn:
            conn.execute("DROP VIEW discogs_build.dedup_survivor")
        resumed = build(instance, graph_resources(**small))
        assert metadata(resumed, "release_tables")["reused"] is True
        assert metadata(resumed, "deduped_releases")["reused"] is False
    assert published_ids(small["pg_url"]) == KEPT


def test_an_old_cache_left_by_a_stopped_publish_is_dropped_by_the_next(small) -> None:  # noqa: ANN001
    # The swap commits first and drops the old cache after, outside its locks: a publish stopped
    # in between leaves the old cache in discogs_prev, which the next publish removes.
    with dg.instance_for_test() as instance:
        build(instance, graph_resources(**small))
        with psycopg.connect(small["pg_url"], autocommit=True) as conn:
            conn.execute("CREATE SCHEMA discogs_prev")
            conn.execute("CREATE TABLE discogs_prev.release AS SELECT * FROM public.release")
        build(instance, graph_resources(**small, prune=False))
    assert published_ids(small["pg_url"]) == SURVIVORS
    with psycopg.connect(small["pg_url"]) as conn:
        assert conn.execute("SELECT to_regnamespace('discogs_prev')").fetchone()[0] is None
