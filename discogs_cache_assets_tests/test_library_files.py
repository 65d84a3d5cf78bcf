"""library.db reading, the artist/compilation/alias files, label preference files."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

from discogs_cache_assets.library.artists import build_library_artists, read_aliases, write_library_files
from discogs_cache_assets.library.catalog import LibraryDBError, fingerprint, read_catalog
from discogs_cache_assets.library.folders import content_folder
from discogs_cache_assets.library.labels import (
    LabelFileError,
    preferences,
    read_label_hierarchy,
    read_labels_csv,
    write_labels_csv,
)
from discogs_cache_assets.library.mysql import StationEnrichment
from discogs_cache_assets_tests.conftest import require_shared


def make_db(path: Path, rows, *, alternate: bool = True) -> Path:
    with sqlite3.connect(path) as conn:
        alt = ", alternate_artist_name TEXT" if alternate else ""
        conn.execute(f"CREATE TABLE library (id INTEGER PRIMARY KEY, artist TEXT, title TEXT{alt})")
        cols = "artist, title, alternate_artist_name" if alternate else "artist, title"
        marks = "?, ?, ?" if alternate else "?, ?"
        conn.executemany(f"INSERT INTO library ({cols}) VALUES ({marks})", rows)
    return path


def test_reference_library_db() -> None:
    catalog = read_catalog(require_shared("reference", "library.db"))
    assert catalog.total_rows == 80 and len(catalog.rows) == 20
    assert not catalog.has_alternate_column
    result = build_library_artists(catalog)
    assert len(result.artists) == 16  # the reference's list holds 16 names for the fixture
    assert "Beatles, The" in result.artists and "Björk" in result.artists
    assert not any("Various" in a for a in result.artists)
    assert result.compilation_titles == ("sugar hill",)  # not dropped silently
    assert result.compilation_entries == 1
    assert list(result.artists) == sorted(result.artists)
    assert result.fingerprint == catalog.fingerprint()


def test_artist_files(tmp_path: Path) -> None:
    db = make_db(
        tmp_path / "library.db",
        [
            (" Ice-T ", "Body Count", "Body Count"),
            ("Ice-T", "O.G. Original Gangster", ""),
            ("Various Artists - Soundtracks", "  Pulp Fiction ", None),
            ("V/A", "Nuggets", None),
            ("", "No Artist", None),
            ("Björk", "Homogenic", None),
        ],
    )
    catalog = read_catalog(db)
    assert catalog.skipped_rows == 1 and catalog.has_alternate_column
    enrichment = StationEnrichment(
        frozenset(
            {
                ("Crooked Fingers", "To the Races", "cross_reference"),
                ("Eric Bachmann", "", "cross_reference"),
                ("Original Soundtrack", "Trainspotting", "alternate"),
                ("Ice-T", "Body Count", "release_cross_reference"),
            }
        )
    )
    result = build_library_artists(catalog, enrichment)
    assert result.artists == ("Björk", "Body Count", "Crooked Fingers", "Eric Bachmann", "Ice-T")
    assert result.compilation_titles == ("nuggets", "pulp fiction", "trainspotting")
    assert result.from_library_db == 2 and result.from_alternates == 1 and result.from_mysql == 2
    assert result.metadata()["artists_from_mysql"] == 2 and result.mysql_used
    paths = write_library_files(result, tmp_path / "out")
    assert paths["library_artists.txt"].read_text(encoding="utf-8").splitlines() == list(result.artists)
    assert paths["compilation_titles.txt"].read_text().splitlines() == ["nuggets", "pulp fiction", "trainspotting"]
    aliases = read_aliases(paths["library_aliases.csv"])
    assert ("Body Count", "Body Count", "alternate") in aliases
    assert ("Eric Bachmann", "", "cross_reference") in aliases
    assert not list((tmp_path / "out").glob(".*"))  # no temp files left behind
    assert build_library_artists(catalog).fingerprint != result.fingerprint


@pytest.mark.parametrize(
    ("setup", "message"),
    [
        (lambda p: None, "library.db not found"),
        (lambda p: p.write_bytes(b"this is not sqlite" * 100), "is not a SQLite database"),
        (lambda p: sqlite3.connect(p).execute("CREATE TABLE other (x)").connection.commit(), "has no table 'library'"),
        (
            lambda p: sqlite3.connect(p).execute("CREATE TABLE library (artist TEXT)").connection.commit(),
            "has no column title",
        ),
    ],
)
def test_library_db_errors(tmp_path: Path, setup, message: str) -> None:
    path = tmp_path / "library.db"
    setup(path)
    with pytest.raises(LibraryDBError, match=message):
        read_catalog(path)


def test_fingerprint_is_order_independent_and_sensitive() -> None:
    a = fingerprint(library=[("A", "x", ""), ("B", "y", "")])
    assert a == fingerprint(library=[("B", "y", ""), ("A", "x", ""), ("A", "x", "")])
    assert a != fingerprint(library=[("A", "x", ""), ("B", "z", "")])
    assert a != fingerprint(library=[("A", "x", "")])
    assert a != fingerprint(other=[("A", "x", ""), ("B", "y", "")])
    assert len(a) == 16


def test_labels_csv_round_trip(tmp_path: Path) -> None:
    prefs = read_labels_csv(require_shared("reference", "csv", "library_labels.csv"))
    assert prefs.rows == (
        ("Joy Division", "Unknown Pleasures", "Factory Records"),
        ("Radiohead", "OK Computer", "Parlophone"),
    )
    src = tmp_path / "in.csv"
    src.write_text(
        "label_name,artist_name,extra,release_title\n"
        "Parlophone , Radiohead,1,OK Computer\n"
        "Parlophone,Radiohead,2,OK Computer\n"
        ",Radiohead,3,Kid A\n"
        "Föllakzoid Records,Föllakzoid,4,III 🎸\n",
        encoding="utf-8",
    )
    prefs = read_labels_csv(src)
    assert prefs.rows == (("Föllakzoid", "III 🎸", "Föllakzoid Records"), ("Radiohead", "OK Computer", "Parlophone"))
    assert prefs.dropped == 1 and prefs.source == "csv"
    out = write_labels_csv(prefs, tmp_path / "library_labels.csv")
    assert out.read_text(encoding="utf-8") == (
        "artist_name,release_title,label_name\nFöllakzoid,III 🎸,Föllakzoid Records\nRadiohead,OK Computer,Parlophone\n"
    )
    assert read_labels_csv(out).rows == prefs.rows


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "label file not found"),
        ("", "empty file"),
        ("artist_name,label_name\nA,B\n", "missing column release_title"),
        ("artist_name,release_title,label_name\nA,B\n", ":2: 2 fields, 3 expected"),
    ],
)
def test_labels_csv_errors(tmp_path: Path, content: str | None, message: str) -> None:
    path = tmp_path / "labels.csv"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(LabelFileError, match=message):
        read_labels_csv(path)


def test_labels_csv_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "labels.csv"
    path.write_bytes(b"artist_name,release_title,label_name\nBj\xf6rk,Homogenic,One Little Indian\n")
    with pytest.raises(LabelFileError, match="not UTF-8"):
        read_labels_csv(path)


def test_preferences_from_rows() -> None:
    prefs = preferences([(" A ", "B", "C"), ("A", "B", "C"), ("A", "", "C")], "mysql")
    assert prefs.rows == (("A", "B", "C"),) and prefs.dropped == 1 and len(prefs) == 1


def test_label_hierarchy(tmp_path: Path) -> None:
    rows = read_label_hierarchy(require_shared("reference", "csv", "label_hierarchy.csv"))
    assert [(r.label_id, r.label_name, r.parent_label_id, r.parent_label_name) for r in rows] == [
        (2, "Parlophone", 1, "EMI"),
        (3, "Capitol Records", 1, "EMI"),
    ]
    bad = tmp_path / "label_hierarchy.csv"
    bad.write_text("label_id,label_name,parent_label_id,parent_label_name\n,Parlophone,1,EMI\n")
    with pytest.raises(LabelFileError, match="label_hierarchy.csv:2: label ids must be integers"):
        read_label_hierarchy(bad)


def test_a_library_content_has_its_own_folder_and_only_the_newest_few_stay(tmp_path: Path) -> None:
    for age, fp in enumerate(["e", "d", "c", "b", "a"]):  # "a" oldest
        (tmp_path / f"artists-{fp}").mkdir()
        os.utime(tmp_path / f"artists-{fp}", (1_000_000 - age, 1_000_000 - age))
    (tmp_path / "labels-a").mkdir()
    os.utime(tmp_path / "labels-a", (1, 1))
    folder = content_folder(tmp_path, "artists", "f", keep=4)
    assert folder == tmp_path / "artists-f"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["artists-c", "artists-d", "artists-e", "artists-f", "labels-a"]
    assert content_folder(tmp_path, "artists", "c", keep=4) == tmp_path / "artists-c"  # in use again: newest
    assert (tmp_path / "artists-c").is_dir() and (tmp_path / "artists-f").is_dir()
