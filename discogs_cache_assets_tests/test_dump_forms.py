"""The same seeded sample written as Discogs publishes its dumps today and as it did until 2024,
each built through the real graph: the two published caches hold the same releases.

Today's form says "no master" with ``<master_id>0</master_id>`` on about 40 % of releases and
credits some names without an artist id; stored as ids, the 0 would rank every masterless
release against the others and publish one of them, and an unlinked credit would point at an
artist 0.
"""

from __future__ import annotations

import gzip
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import dagster as dg
import psycopg
import pytest
from psycopg import sql

from discogs_cache_assets.sample import SampleInfo, generate_sample
from discogs_cache_assets_tests.conftest import _drop_database, _new_database
from discogs_cache_assets_tests.graph import build, published_ids
from discogs_cache_assets_tests.samplecache import sample_resources

RELEASES = 20_000
SEED = 5
FORMS = ("current", "older")


@dataclass(frozen=True)
class Built:
    info: SampleInfo
    url: str
    ids: list[int]


@pytest.fixture(scope="module")
def built(pg_server: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Built]]:
    """One build per form, each in its own database."""
    out: dict[str, Built] = {}
    databases: list[str] = []
    try:
        for form in FORMS:
            work = tmp_path_factory.mktemp(form)
            info = generate_sample(work / "sample", releases=RELEASES, seed=SEED, form=form)
            name, url = _new_database(pg_server)
            databases.append(name)
            with dg.instance_for_test() as instance:
                build(instance, sample_resources(url, work, info))
            out[form] = Built(info, url, published_ids(url))
        yield out
    finally:
        for name in databases:
            _drop_database(pg_server, name)


def _unlinked_credits(info: SampleInfo, release_ids: set[int]) -> set[tuple[int, str]]:
    """(release id, name) of the release-level extra credits written without an <id>."""
    found = set()
    with gzip.open(info.releases_path) as fh:
        for _ev, el in ET.iterparse(fh):
            if el.tag != "release":
                continue
            rid = int(el.get("id"))
            if rid in release_ids:
                found |= {(rid, a.findtext("name")) for a in el.findall("extraartists/artist")
                          if a.find("id") is None}
            el.clear()
    return found


def test_both_forms_publish_the_same_releases(built: dict[str, Built]) -> None:
    current, older = built["current"], built["older"]
    assert len(current.ids) > 300
    assert current.ids == older.ids


def test_no_master_id_0_anywhere(built: dict[str, Built]) -> None:
    """Neither in the published cache nor in the build's own tables: 0 is no master, NULL."""
    with psycopg.connect(built["current"].url) as conn:
        tables = conn.execute(
            "SELECT table_schema, table_name FROM information_schema.columns WHERE column_name = 'master_id' "
            "AND table_schema NOT IN ('pg_catalog', 'information_schema')").fetchall()
        assert ("public", "release") in tables and any(schema != "public" for schema, _t in tables)
        for schema, table in tables:
            query = sql.SQL("SELECT count(*) FROM {} WHERE master_id::text = '0'").format(sql.Identifier(schema, table))
            assert conn.execute(query).fetchone()[0] == 0, f"{schema}.{table}"
        masterless = conn.execute("SELECT count(*) FROM public.release WHERE master_id IS NULL").fetchone()[0]
    assert masterless > 20


def test_one_release_per_master(built: dict[str, Built]) -> None:
    for form in FORMS:
        with psycopg.connect(built[form].url) as conn:
            repeated = conn.execute(
                "SELECT master_id, count(*) FROM public.release WHERE master_id IS NOT NULL "
                "GROUP BY 1 HAVING count(*) > 1").fetchall()
        assert repeated == [], form


def test_unlinked_credits_have_no_artist_id(built: dict[str, Built]) -> None:
    current = built["current"]
    unlinked = _unlinked_credits(current.info, set(current.ids))
    assert len(unlinked) > 10
    with psycopg.connect(current.url) as conn:
        without_id = set(conn.execute(
            "SELECT release_id, artist_name FROM public.release_artist WHERE artist_id IS NULL").fetchall())
        zero = conn.execute("SELECT count(*) FROM public.release_artist WHERE artist_id = 0").fetchone()[0]
    assert without_id == unlinked and zero == 0
    with psycopg.connect(built["older"].url) as conn:  # where every credit had an id
        assert conn.execute("SELECT count(*) FROM public.release_artist WHERE artist_id IS NULL").fetchone()[0] == 0


def test_a_masterless_library_album_is_published(built: dict[str, Built]) -> None:
    """Radiohead's "Amnesiac" (owned by the station) has two releases and no master: both stay."""
    with psycopg.connect(built["current"].url) as conn:
        rows = conn.execute(
            "SELECT r.id, r.master_id, r.country FROM public.release r "
            "JOIN public.release_artist a ON a.release_id = r.id AND a.extra = 0 "
            "WHERE r.title = 'Amnesiac' AND a.artist_name = 'Radiohead' ORDER BY r.id").fetchall()
    assert [(master, country) for _id, master, country in rows] == [(None, "UK"), (None, "US")]
