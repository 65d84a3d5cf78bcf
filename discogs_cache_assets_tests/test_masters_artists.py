"""Masters and artists in the published cache: exactly those of the published releases, read
from the converter's CSVs under the import policy, and what the lookup service writes into the
artist tables survives the next build."""

from __future__ import annotations

import csv
from collections.abc import Iterable
from pathlib import Path

import dagster as dg
import psycopg
import pytest

from discogs_cache_assets_tests.csvsets import KEPT, write_csv_set, write_library
from discogs_cache_assets_tests.graph import build, graph_resources, metadata
from discogs_cache_assets_tests.samplecache import generate, sample_resources
from discogs_cache_assets_tests.service import FetchedArtist, tombstone_artist, write_artist


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def _id(text: str) -> int | None:
    return int(text) if text and int(text) > 0 else None


def _table(conn: psycopg.Connection, query: str) -> list[tuple]:
    return sorted(conn.execute(query).fetchall(), key=repr)


def expected_from_csvs(csv_dir: Path, published: set[int]) -> dict[str, list[tuple]]:
    """The masters and artists tables as the converter's CSVs say they must be for ``published``."""
    masters = {_id(r["master_id"]) for r in _rows(csv_dir / "release.csv") if int(r["id"]) in published} - {None}
    master_rows: dict[int, tuple] = {}
    for r in _rows(csv_dir / "master.csv"):
        year = int(r["year"]) if r["year"] else None
        if int(r["id"]) in masters and r["title"].strip():
            master_rows.setdefault(int(r["id"]), (int(r["id"]), r["title"], year, _id(r["main_release_id"])))
    credited: dict[int, str] = {}
    for r in _rows(csv_dir / "release_artist.csv"):
        if int(r["release_id"]) in published and (aid := _id(r["artist_id"])):
            credited[aid] = min(credited.get(aid, r["artist_name"]), r["artist_name"])
    children = {
        "artist_alias": [(int(r["artist_id"]), None, r["alias_name"]) for r in _rows(csv_dir / "artist_alias.csv")],
        "artist_name_variation": [(int(r["artist_id"]), r["name"]) for r in _rows(csv_dir / "artist_name_variation.csv")],
        "artist_member": [(int(r["group_artist_id"]), int(r["member_artist_id"]), r["member_name"], None)
                          for r in _rows(csv_dir / "artist_member.csv")],
        "artist_url": [(int(r["artist_id"]), r["url"]) for r in _rows(csv_dir / "artist_url.csv")],
    }
    profiles: dict[int, tuple[str, str]] = {}
    for r in _rows(csv_dir / "artist.csv"):
        profiles.setdefault(int(r["artist_id"]), (r["artist_name"], r["profile"]))
    described = set(profiles) | {row[0] for rows in children.values() for row in rows}
    artists = [(aid, profiles.get(aid, (name,))[0], profiles.get(aid, (None, None))[1] or None, None, None, False)
               for aid, name in credited.items() if aid in described]
    return {
        "master": sorted(master_rows.values(), key=repr),
        "master_artist": sorted(
            ((int(r["master_id"]), _id(r["artist_id"]), r["artist_name"]) for r in _rows(csv_dir / "master_artist.csv")
             if int(r["master_id"]) in master_rows), key=repr),
        "artist": sorted(artists, key=repr),
        **{t: sorted((row for row in rows if row[0] in credited), key=repr) for t, rows in children.items()},
    }


PUBLISHED_SIDE = {
    "master": "SELECT id, title, year, main_release_id FROM master",
    "master_artist": "SELECT master_id, artist_id, artist_name FROM master_artist",
    "artist": "SELECT id, name, profile, image_url, fetched_at, not_found FROM artist",
    "artist_alias": "SELECT artist_id, alias_id, alias_name FROM artist_alias",
    "artist_name_variation": "SELECT artist_id, name FROM artist_name_variation",
    "artist_member": "SELECT artist_id, member_id, member_name, active FROM artist_member",
    "artist_url": "SELECT artist_id, url FROM artist_url",
}


def published_side(url: str) -> dict[str, list[tuple]]:
    with psycopg.connect(url) as conn:
        return {t: _table(conn, q) for t, q in PUBLISHED_SIDE.items()}


def test_masters_and_artists_are_those_of_the_published_releases(tmp_path, pg_url) -> None:  # noqa: ANN001
    info = generate(tmp_path / "sample")
    with dg.instance_for_test() as instance:
        result = build(instance, sample_resources(pg_url, tmp_path, info))
    (csvs,) = [e for e in result.asset_materializations_for_node("convert_dump")
               if e.asset_key == dg.AssetKey("filtered_csvs")]
    csv_dir = Path(str(csvs.metadata["csv_dir"].value))
    with psycopg.connect(pg_url) as conn:
        published = {r[0] for r in conn.execute("SELECT id FROM release")}
    expected = expected_from_csvs(csv_dir, published)
    assert published_side(pg_url) == expected
    # Not vacuous: the dump's files hold more than the published releases need.
    assert 10 < len(expected["master"]) < len(_rows(csv_dir / "master.csv"))
    assert 10 < len(expected["artist"]) < len(_rows(csv_dir / "artist.csv"))
    assert all(expected[t] for t in ("master_artist", "artist_alias", "artist_name_variation", "artist_member"))
    imported = metadata(result, "release_tables")
    untitled = sum(1 for r in _rows(csv_dir / "master.csv") if not r["title"].strip())
    assert (imported["rows_master"], imported["dropped_master"]) == (len(_rows(csv_dir / "master.csv")) - untitled,
                                                                   untitled)
    tables = metadata(result, "cache_tables")
    assert tables["rows_artist"] == len(expected["artist"]) and tables["rows_master"] == len(expected["master"])


def _pick(conn: psycopg.Connection, query: str, offset: int = 0) -> int:
    return conn.execute(query + " ORDER BY 1 OFFSET %s LIMIT 1", (offset,)).fetchone()[0]


def _artist(conn: psycopg.Connection, artist_id: int) -> dict[str, object]:
    """An artist as the service reads it back: its row and its children."""

    def rows(query: str) -> list[tuple]:
        return sorted(conn.execute(query, (artist_id,)).fetchall(), key=repr)

    return {
        "row": rows("SELECT name, profile, image_url, fetched_at, not_found FROM artist WHERE id = %s"),
        "aliases": rows("SELECT alias_id, alias_name FROM artist_alias WHERE artist_id = %s"),
        "variations": rows("SELECT name FROM artist_name_variation WHERE artist_id = %s"),
        "members": rows("SELECT member_id, member_name, active FROM artist_member WHERE artist_id = %s"),
        "urls": rows("SELECT url FROM artist_url WHERE artist_id = %s"),
    }


def _kept(published: dict[str, object], name: str) -> dict[str, int]:
    return {r.data["column"]: r.data["rows"] for r in published[f"{name}_by_column"].records
            if r.data["column"].startswith("artist.")}


def test_the_services_artist_writes_survive_a_rebuild(tmp_path, pg_url) -> None:  # noqa: ANN001
    info = generate(tmp_path / "sample")
    resources = sample_resources(pg_url, tmp_path, info)
    with dg.instance_for_test() as instance:
        build(instance, resources)
        with psycopg.connect(pg_url, autocommit=True) as conn:
            aliased = "SELECT a.id FROM artist a WHERE EXISTS (SELECT FROM artist_alias x WHERE x.artist_id = a.id)"
            bulk, tombstoned = _pick(conn, aliased), _pick(conn, aliased, 1)
            assert _artist(conn, bulk)["row"][0][2:4] == (None, None)  # a build's row: no image, never fetched
            fetched = FetchedArtist(bulk, "Service Name", "From the API.", "https://img.example/a1.jpg",
                                    aliases=((123, "Alias With Id"),), members=((77, "A Member", False),),
                                    urls=("https://example.org/a",))
            new = FetchedArtist(95_000_001, "Only In The Service", None, "https://img.example/new.jpg",
                                name_variations=("Only In Service",), aliases=((124, "Another"),))
            write_artist(conn, fetched)
            write_artist(conn, new)
            tombstone_artist(conn, tombstoned)
            tombstone_artist(conn, 95_000_002)
            before = {a: _artist(conn, a) for a in (bulk, new.id, tombstoned, 95_000_002)}
        generate(info.out_dir, "20260201")
        # The next cache is built; the service fetches the first artist again before the swap.
        build(instance, resources, selection=dg.AssetSelection.all() - dg.AssetSelection.assets("discogs_cache"))
        with psycopg.connect(pg_url, autocommit=True) as conn:
            again = FetchedArtist(**{**fetched.__dict__, "image_url": "https://img.example/a2.jpg"})
            write_artist(conn, again)
            before[bulk] = _artist(conn, bulk)
            # The service lifts a tombstone (its admin endpoint deletes the row) after cache_tables copied it.
            conn.execute("DELETE FROM artist WHERE id = %s AND not_found", (95_000_002,))
            before[95_000_002] = _artist(conn, 95_000_002)
        result = build(instance, resources)
    published = metadata(result, "discogs_cache")
    assert published["reused"] is False
    with psycopg.connect(pg_url) as conn:
        after = {a: _artist(conn, a) for a in before}
        assert conn.execute("SELECT dump_id FROM cache_build ORDER BY published_at DESC LIMIT 1").fetchone()[0] \
            .endswith("20260201")
    assert after == before
    assert after[bulk]["row"][0][2] == "https://img.example/a2.jpg" and after[tombstoned]["row"][0][4] is True
    assert after[95_000_002]["row"] == []
    assert _kept(published, "kept_service_values") == {
        "artist.fetched_at": 4, "artist.image_url": 2, "artist.not_found": 2}
    assert _kept(published, "newer_service_values") == {
        "artist.fetched_at": 1, "artist.image_url": 1, "artist.not_found": 0}


def _write(path: Path, header: list[str], rows: Iterable[Iterable[object]]) -> None:
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


def side_csvs(directory: Path, orphans: int = 1) -> Path:
    """The test CSV set with masters and artists files: 200 masters nobody publishes besides the
    set's own, one master without a title and one repeated; ``orphans`` master credits of a master
    the masters file lacks. Artists: 1020 has a profile, 2020 only an alias, 3010 nothing."""
    write_csv_set(directory)
    masters = [(m, f"Master {m}", 1990, m * 100 + 1) for m in (1, 2, 4, 5, *range(1000, 1200))]
    _write(directory / "master.csv", ["id", "title", "main_release_id", "year"],
           [(m, t, main, y) for m, t, y, main in [*masters, (1500, "", 1990, None), masters[5]]])
    credits = [(m, m + 5000, f"Master Artist {m}") for m, *_ in masters]
    _write(directory / "master_artist.csv", ["master_id", "artist_id", "artist_name"],
           [*credits[:100], *((9000 + i, "", "Orphan") for i in range(orphans)), *credits[100:]])
    _write(directory / "artist.csv", ["artist_id", "artist_name", "profile"],
           [(1020, "John Coltrane", "Saxophonist."), (4010, "Nobody Known", "Not published.")])
    _write(directory / "artist_alias.csv", ["artist_id", "artist_name", "alias_name"], [(2020, "Miles Davis", "Miles")])
    for name, header in (("artist_name_variation", ["artist_id", "name"]), ("artist_url", ["artist_id", "url"]),
                         ("artist_member", ["group_artist_id", "group_name", "member_artist_id", "member_name"])):
        _write(directory / f"{name}.csv", header, [])
    return directory


def _resources(tmp_path: Path, pg_url: str, csv_dir: Path) -> dict[str, object]:
    return graph_resources(pg_url=pg_url, home=tmp_path / "home", csv_dir=csv_dir,
                           library_db=write_library(tmp_path / "library.db"))


def test_side_files_follow_the_import_policy(tmp_path, pg_url) -> None:  # noqa: ANN001
    csv_dir = side_csvs(tmp_path / "csv")
    with dg.instance_for_test() as instance:
        result = build(instance, _resources(tmp_path, pg_url, csv_dir))
    imported = metadata(result, "release_tables")
    assert (imported["rows_master"], imported["dropped_master"]) == (204, 2)  # no title; repeated id
    assert (imported["rows_master_artist"], imported["dropped_master_artist"]) == (204, 1)  # the orphan
    side = published_side(pg_url)
    assert side["master"] == [(1, "Master 1", 1990, 101), (2, "Master 2", 1990, 201)]  # of 102 and 202
    assert side["master_artist"] == [(1, 5001, "Master Artist 1"), (2, 5002, "Master Artist 2")]
    assert side["artist"] == [(1020, "John Coltrane", "Saxophonist.", None, None, False),
                              (2020, "Miles Davis", None, None, None, False)]
    assert side["artist_alias"] == [(2020, None, "Miles")]
    assert sorted(KEPT) == [102, 202, 301]


@pytest.mark.parametrize("broken", ["orphans", "columns"])
def test_a_broken_side_file_fails_with_its_file_and_line(broken: str, tmp_path, pg_url) -> None:  # noqa: ANN001
    csv_dir = side_csvs(tmp_path / "csv", orphans=5 if broken == "orphans" else 0)
    if broken == "columns":
        with (csv_dir / "artist_alias.csv").open("a", encoding="utf-8") as fh:
            fh.write("1,2,3,4\n")
    with dg.instance_for_test() as instance:
        result = build(instance, _resources(tmp_path, pg_url, csv_dir), raise_on_error=False)
    (failed,) = [e for e in result.all_events if e.is_step_failure]
    assert failed.step_key == "release_tables"
    message = failed.step_failure_data.user_failure_data.description
    assert "\n" not in message
    if broken == "orphans":
        assert message.startswith(f"{csv_dir / 'master_artist.csv'}: line 102: 5 of 209 rows"), message
    else:
        assert message.startswith(f"{csv_dir / 'artist_alias.csv'}: line 3"), message
