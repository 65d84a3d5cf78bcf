"""The library assets materialized with Dagster: files, metadata, fingerprints."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import dagster as dg
import pytest

from discogs_cache_assets.assets.library import library_artists, library_db, library_labels
from discogs_cache_assets.library.mysql import MySQLResource
from discogs_cache_assets.library.resource import LibraryResource
from discogs_cache_assets.resources import Workspace
from discogs_cache_assets_tests.conftest import require_shared

ASSETS = [library_db, library_artists, library_labels]


def run(home: Path, db: Path, *, labels_csv: Path | None = None, mysql_url: str | None = None):
    resources = {
        "workspace": Workspace(home=str(home)),
        "library": LibraryResource(db_path=str(db), labels_csv=str(labels_csv) if labels_csv else None),
        "mysql": MySQLResource(url=mysql_url),
    }
    return dg.materialize(ASSETS, resources=resources, raise_on_error=False)


def materialization(result: dg.ExecuteInProcessResult, name: str) -> dg.AssetMaterialization:
    (mat,) = result.asset_materializations_for_node(name)
    return mat


def meta(result, name: str) -> dict:
    return {k: v.value for k, v in materialization(result, name).metadata.items()}


def data_version(result, name: str) -> str:
    return materialization(result, name).tags["dagster/data_version"]


def test_reference_library(tmp_path: Path) -> None:
    db = require_shared("reference", "library.db")
    labels = require_shared("reference", "csv", "library_labels.csv")
    result = run(tmp_path, db, labels_csv=labels)
    assert result.success
    folder = Path(meta(result, "library_artists")["path"]).parent
    assert folder == tmp_path / "library" / f"artists-{data_version(result, 'library_artists')}"
    artists = (folder / "library_artists.txt").read_text(encoding="utf-8").splitlines()
    assert len(artists) == 16 and "Beatles, The" in artists
    assert (folder / "compilation_titles.txt").read_text(encoding="utf-8") == "sugar hill\n"
    assert Path(meta(result, "library_labels")["path"]).read_text(encoding="utf-8").splitlines() == [
        "artist_name,release_title,label_name",
        "Joy Division,Unknown Pleasures,Factory Records",
        "Radiohead,OK Computer,Parlophone",
    ]
    m = meta(result, "library_artists")
    assert m["artist_count"] == 16 and m["artists_from_mysql"] == 0 and m["compilation_titles"] == 1
    assert m["mysql_enrichment"] is False
    assert m["library_fingerprint"] == data_version(result, "library_artists")
    assert meta(result, "library_db")["rows"] == 80
    assert meta(result, "library_db")["library_fingerprint"] == data_version(result, "library_db")
    lm = meta(result, "library_labels")
    assert lm["label_preferences"] == 2 and lm["source"] == "csv" and lm["label_preferences_from_mysql"] == 0
    assert lm["labels_fingerprint"] == data_version(result, "library_labels")


def test_fingerprint_follows_the_content(tmp_path: Path) -> None:
    db = tmp_path / "library.db"
    shutil.copyfile(require_shared("reference", "library.db"), db)
    db.chmod(0o644)
    first = run(tmp_path / "h1", db)
    again = run(tmp_path / "h2", db)
    assert first.success and again.success
    fp = data_version(first, "library_artists")
    assert data_version(again, "library_artists") == fp
    assert data_version(again, "library_db") == data_version(first, "library_db")

    with sqlite3.connect(db) as conn:  # one more copy of an existing entry: same content
        conn.execute("INSERT INTO library (artist, title) VALUES ('Pixies', 'Doolittle')")
    assert data_version(run(tmp_path / "h3", db), "library_artists") == fp

    with sqlite3.connect(db) as conn:  # one changed row: another fingerprint
        conn.execute("UPDATE library SET title = 'Surfer Rosa' WHERE id = (SELECT min(id) FROM library WHERE artist = 'Pixies')")
    changed = run(tmp_path / "h4", db)
    assert data_version(changed, "library_artists") != fp
    assert data_version(changed, "library_db") != data_version(first, "library_db")


def test_temporary_library_with_alternate_names(tmp_path: Path) -> None:
    db = tmp_path / "library.db"
    with sqlite3.connect(db) as conn:
        conn.execute(
            "CREATE TABLE library (id INTEGER PRIMARY KEY, artist TEXT NOT NULL, title TEXT NOT NULL,"
            " alternate_artist_name TEXT)"
        )
        conn.executemany(
            "INSERT INTO library (artist, title, alternate_artist_name) VALUES (?, ?, ?)",
            [("Ice-T", "Body Count", "Body Count"), ("Sigur Rós", "( )", None), ("Various Artists", "Nuggets", None)],
        )
    result = run(tmp_path / "home", db)
    assert result.success
    folder = Path(meta(result, "library_artists")["path"]).parent
    assert (folder / "library_artists.txt").read_text(encoding="utf-8").splitlines() == ["Body Count", "Ice-T", "Sigur Rós"]
    assert (folder / "compilation_titles.txt").read_text(encoding="utf-8") == "nuggets\n"
    assert "Body Count,Body Count,alternate" in (folder / "library_aliases.csv").read_text(encoding="utf-8")
    assert meta(result, "library_labels")["path"] == ""  # no label source: no file
    assert not list((tmp_path / "home" / "library").glob("labels-*"))
    assert meta(result, "library_labels")["source"] == "none"
    assert meta(result, "library_artists")["artists_from_alternate_names"] == 1


def test_bad_library_db_fails_in_one_line(tmp_path: Path) -> None:
    db = tmp_path / "library.db"
    db.write_text("not a database " * 100)
    result = run(tmp_path / "home", db)
    assert not result.success
    (failure,) = [e for e in result.all_events if e.is_step_failure]
    message = failure.step_failure_data.error.message
    assert "is not a SQLite database" in message


@pytest.mark.parametrize("port", [1])
def test_unreachable_mysql_fails_without_password(tmp_path: Path, port: int) -> None:
    db = require_shared("reference", "library.db")
    result = run(tmp_path, db, mysql_url=f"mysql://someone:s3cret-pw@127.0.0.1:{port}/wxyc")
    assert not result.success
    messages = [e.step_failure_data.error.message for e in result.all_events if e.is_step_failure]
    assert messages and all("s3cret-pw" not in m for m in messages)
    assert any("mysql://someone:***@127.0.0.1:1/wxyc is unreachable" in m for m in messages)
    logs = "\n".join(str(e.message) for e in result.all_events)
    assert "s3cret-pw" not in logs
