"""The station MySQL against a real MariaDB: enrichment, label extraction, one-line errors.

Needs STATION_MYSQL_URL (``bash .ci/mariadb.sh`` installs and starts a local MariaDB and prints
it). Without it, or with the server unreachable, these tests are skipped with the reason, and
fail under CI=true. Each session loads mysql_fixture.sql into a fresh database (the URL's
database name + a random suffix; the test user needs rights on ``<db>%``) and drops it after.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import dagster as dg
import pymysql
import pytest

from discogs_cache_assets.assets.library import library_artists, library_db, library_labels
from discogs_cache_assets.library.mysql import (
    MySQLResource,
    StationDBError,
    connect,
    parse_mysql_url,
    redact_mysql_url,
)
from discogs_cache_assets.library.resource import LibraryResource
from discogs_cache_assets.resources import Workspace
from discogs_cache_assets_tests.conftest import require_shared

pytestmark = pytest.mark.mysql

FIXTURE = Path(__file__).with_name("mysql_fixture.sql")


def _unavailable(reason: str) -> None:
    if os.environ.get("CI") == "true":
        pytest.fail(f"CI=true but {reason}")
    pytest.skip(reason)


def _statements(path: Path) -> list[str]:
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if not line.lstrip().startswith("--")]
    return [s.strip() for s in "\n".join(lines).split(";\n") if s.strip().rstrip(";")]


def _url_for(params, database: str) -> str:
    p = replace(params, database=database)
    return f"mysql://{p.user}:{p.password}@{p.host}:{p.port}/{p.database}"


@pytest.fixture(scope="session")
def station() -> Iterator[tuple[str, str]]:
    """(URL of a fresh database loaded with the fixture, URL of a database missing tables)."""
    url = os.environ.get("STATION_MYSQL_URL")
    if not url:
        _unavailable("STATION_MYSQL_URL is not set (bash .ci/mariadb.sh starts a local MariaDB)")
    params = parse_mysql_url(url)
    try:
        admin = connect(params, connect_timeout=5)
    except StationDBError as exc:
        _unavailable(f"station MySQL not usable: {exc}")
    suffix = secrets.token_hex(4)
    full, partial = f"{params.database}_{suffix}", f"{params.database}_{suffix}_partial"
    try:
        with admin.cursor() as cur:
            for name in (full, partial):
                cur.execute(f"CREATE DATABASE `{name}` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci")
            cur.execute(f"USE `{full}`")
            for statement in _statements(FIXTURE):
                cur.execute(statement)
            cur.execute(f"USE `{partial}`")
            cur.execute("CREATE TABLE LIBRARY_CODE (ID INT PRIMARY KEY, PRESENTATION_NAME VARCHAR(255))")
            cur.execute("CREATE TABLE LIBRARY_RELEASE (ID INT PRIMARY KEY, LIBRARY_CODE_ID INT, TITLE VARCHAR(255))")
        yield _url_for(params, full), _url_for(params, partial)
    finally:
        with admin.cursor() as cur:
            for name in (full, partial):
                cur.execute(f"DROP DATABASE IF EXISTS `{name}`")
        admin.close()


def test_enrichment(station) -> None:
    url, _ = station
    enrichment = MySQLResource(url=url).fetch_enrichment()
    assert enrichment.pairs == {
        ("Body Count", "Body Count", "alternate"),
        ("Bobby Digital", "Bobby Digital in Stereo", "alternate"),
        ("Crooked Fingers", "To the Races", "cross_reference"),
        ("Eric Bachmann", "", "cross_reference"),  # the other side has no release of its own
        ("Ghostface Killah", "Bobby Digital in Stereo", "release_cross_reference"),
    }
    assert enrichment.names_from("alternate") == {"Body Count", "Bobby Digital"}


def test_label_preferences(station) -> None:
    url, _ = station
    assert MySQLResource(url=url).fetch_label_preferences() == [
        ("Björk", "Homogenic", "One Little Indian"),
        ("Radiohead", "OK Computer", "Parlophone"),
        ("Sigur Rós", "( )", "Krúnk"),
        ("🎸 Emoji Band", "Fire 🔥 Songs", "🎸 Records"),  # 4-byte UTF-8 intact (utf8mb4)
    ]


def test_assets_with_station_mysql(station, tmp_path: Path) -> None:
    url, _ = station
    resources = {
        "workspace": Workspace(home=str(tmp_path)),
        "library": LibraryResource(db_path=str(require_shared("reference", "library.db"))),
        "mysql": MySQLResource(url=url),
    }
    instance = dg.DagsterInstance.ephemeral()
    result = dg.materialize([library_db, library_artists, library_labels], resources=resources, instance=instance)
    assert result.success
    artists_path = Path(result.asset_materializations_for_node("library_artists")[0].metadata["path"].value)
    artists = artists_path.read_text(encoding="utf-8").splitlines()
    assert {"Body Count", "Bobby Digital", "Crooked Fingers", "Eric Bachmann", "Ghostface Killah"} <= set(artists)
    assert len(artists) == 16 + 5 and artists == sorted(artists)
    labels_path = Path(result.asset_materializations_for_node("library_labels")[0].metadata["path"].value)
    assert labels_path.read_text(encoding="utf-8").splitlines() == [
        "artist_name,release_title,label_name",
        "Björk,Homogenic,One Little Indian",
        "Radiohead,OK Computer,Parlophone",
        "Sigur Rós,( ),Krúnk",
        "🎸 Emoji Band,Fire 🔥 Songs,🎸 Records",
    ]
    (mat,) = result.asset_materializations_for_node("library_artists")
    assert mat.metadata["artists_from_mysql"].value == 5
    assert mat.metadata["mysql_enrichment"].value is True
    (labels,) = result.asset_materializations_for_node("library_labels")
    assert labels.metadata["label_preferences_from_mysql"].value == 4
    logs = "\n".join(entry.user_message for entry in instance.all_logs(result.run_id))
    password = parse_mysql_url(url).password
    assert "enriching from mysql://" in logs and f":{password}@" not in logs


def _one_line_error(url: str, call: str = "fetch_enrichment") -> str:
    with pytest.raises(StationDBError) as info:
        getattr(MySQLResource(url=url, connect_timeout=5), call)()
    message = str(info.value)
    assert "\n" not in message
    return message


def test_bad_password(station) -> None:
    url, _ = station
    params = parse_mysql_url(url)
    bad = f"mysql://{params.user}:Wr0ng-Secret@{params.host}:{params.port}/{params.database}"
    message = _one_line_error(bad)
    assert "access denied" in message and "Wr0ng-Secret" not in message
    assert f"mysql://{params.user}:***@" in message


def test_missing_tables_and_columns(station) -> None:
    _, partial = station
    message = _one_line_error(partial)
    assert "cannot serve artist enrichment" in message
    assert "missing column LIBRARY_RELEASE.ALTERNATE_ARTIST_NAME" in message
    assert "missing table LIBRARY_CODE_CROSS_REFERENCE" in message
    assert "missing table RELEASE_CROSS_REFERENCE" in message
    assert "missing table FLOWSHEET_ENTRY_PROD" in _one_line_error(partial, "fetch_label_preferences")
    assert f":{parse_mysql_url(partial).password}@" not in message


def test_unknown_database(station) -> None:
    url, _ = station
    params = parse_mysql_url(url)
    message = _one_line_error(_url_for(params, params.database + "_nope"))
    assert "does not exist" in message or "may not use database" in message


def test_unreachable_port() -> None:
    message = _one_line_error("mysql://someone:Top-Secret@127.0.0.1:1/wxyc")
    assert message.startswith("station MySQL mysql://someone:***@127.0.0.1:1/wxyc is unreachable")
    assert "Top-Secret" not in message


@pytest.mark.parametrize(
    ("url", "redacted"),
    [
        ("mysql://u:p@h:3307/db", "mysql://u:***@h:3307/db"),
        ("mysql://u:p%40ss@h/db", "mysql://u:***@h:3306/db"),
        ("mysql://u:p@ss:w/rd@h:1/db", "mysql://u:***@h:1/db"),
        ("mysql://u@h/db?charset=utf8", "mysql://u@h:3306/db"),
        ("postgresql://u:secret@h/db", "postgresql://u:***@h/db"),
        ("nonsense", "<not a URL>"),
    ],
)
def test_redaction(url: str, redacted: str) -> None:
    assert redact_mysql_url(url) == redacted


def test_url_parsing() -> None:
    p = parse_mysql_url("mysql://us%3Aer:p%40ss@db.example:3307/wx%20yc")
    assert (p.user, p.password, p.host, p.port, p.database) == ("us:er", "p@ss", "db.example", 3307, "wx yc")
    assert "p@ss" not in repr(p)
    with pytest.raises(StationDBError, match="names no database"):
        parse_mysql_url("mysql://u:secret@h:1/")
    with pytest.raises(StationDBError, match="non-numeric port") as info:
        parse_mysql_url("mysql://u:secret@h:port/db")
    assert "secret" not in str(info.value)
    with pytest.raises(StationDBError, match="must look like"):
        MySQLResource(url="http://x").fetch_enrichment()


def test_pymysql_uses_utf8mb4(station) -> None:
    url, _ = station
    with MySQLResource(url=url).connect() as conn:
        assert isinstance(conn, pymysql.connections.Connection)
        assert conn.charset == "utf8mb4"
