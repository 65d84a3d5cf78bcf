"""The lookup service's reads on the reference corpus's published cache:
the rows the reference fixtures promise, found through the trigram and key indexes."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import dagster as dg
import psycopg
import pytest

from discogs_cache_assets_tests.conftest import _drop_database, _new_database, require_shared
from discogs_cache_assets_tests.graph import build, graph_resources
from discogs_cache_assets_tests.service import read
from discogs_cache_assets_tests.test_service_reads import READS, plan_scans


@pytest.fixture(scope="module")
def reference_cache(pg_server: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    ref = require_shared("reference")
    name, url = _new_database(pg_server)
    home: Path = tmp_path_factory.mktemp("reference-home")
    with dg.instance_for_test() as instance:
        build(instance, graph_resources(pg_url=url, home=home, csv_dir=ref / "csv", library_db=ref / "library.db"))
    yield url
    _drop_database(pg_server, name)


@pytest.fixture
def conn(reference_cache: str) -> Iterator[psycopg.Connection]:
    with psycopg.connect(reference_cache, autocommit=True) as c:
        yield c


def test_by_track_finds_the_dedup_winner(conn) -> None:  # noqa: ANN001
    rows = read(conn, "search_track", track="paranoid androd", limit=20)
    # OK Computer's master keeps the US pressing (1002) only: 1001 and 1003 were deduped away.
    assert [(r[0], r[1], r[2], r[3]) for r in rows] == [(1002, "OK Computer", "Radiohead", "Paranoid Android")]


def test_by_track_with_the_track_credit_of_a_compilation(conn) -> None:  # noqa: ANN001
    rows = read(conn, "search_track_artist", track="rapper's delite", artist="sugarhill gang", limit=20)
    assert {r[0] for r in rows} == {8001}
    assert not read(conn, "search_track_artist", track="rapper's delite", artist="radiohead", limit=20)


def test_by_artist_and_album_folds_case_accents_and_articles(conn) -> None:  # noqa: ANN001
    assert [r[0] for r in read(conn, "search_release", artist="bjork", album="homogenic", limit=10)] == [6001]
    assert [r[0] for r in read(conn, "search_release", artist="the beatles", album="abbey rd", limit=10)] == [9001]
    assert read(conn, "search_release", artist="radiohead", album="abbey road", limit=10) == []


def test_title_fallback_and_hydration(conn) -> None:  # noqa: ANN001
    titles = read(conn, "search_title", title="bridge over troubled", limit=5)
    assert titles[0][:3] == (9002, "Bridge Over Troubled Water", "Simon & Garfunkel")
    (row,) = read(conn, "release", id=1002)
    tracks = row[10]
    assert [t["title"] for t in tracks] == ["Airbag", "Paranoid Android", "Subterranean Homesick Alien"]


@pytest.mark.parametrize("name", sorted(READS))
def test_no_read_scans_a_table(conn, name: str) -> None:  # noqa: ANN001
    # On eight releases the planner may walk a primary key rather than a trigram index, so which
    # index serves each trigram predicate is asserted by the trigram_indexes_serve_lookups check
    # (test_cache_reference) and, for whole reads, on the larger sample (test_service_reads).
    scans = plan_scans(conn, name, READS[name])
    assert [s["Relation Name"] for s in scans if s["Node Type"] == "Seq Scan"] == []
    assert {s["Index Name"] for s in scans if "Index Name" in s}
