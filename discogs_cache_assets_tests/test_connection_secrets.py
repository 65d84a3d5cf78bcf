"""A DATABASE_URL's password never reaches metadata, the event log or the output, whichever libpq
form carries it: a URL's authority, a URL's ``?password=``, or ``key=value`` words."""

from __future__ import annotations

import subprocess
from pathlib import Path
from urllib.parse import quote

import dagster as dg
import pytest
from psycopg.conninfo import conninfo_to_dict, make_conninfo

from discogs_cache_assets.resources import PostgresResource, redact_url
from discogs_cache_assets_tests.cli import cli_env, materialize
from discogs_cache_assets_tests.csvsets import KEPT, write_csv_set, write_library
from discogs_cache_assets_tests.graph import published_ids

SECRET = "s3cret-Pa55"


def password_forms(url: str, **override: str) -> dict[str, str]:
    """The same server in the three forms, each with SECRET as its password (the embedded
    server trusts local connections, so the password is carried but not needed)."""
    p = {**conninfo_to_dict(url), **override}
    user = quote(p.get("user", ""))
    if p["host"].startswith("/"):  # a socket directory goes into the query
        where, query = "", f"host={quote(p['host'], safe='')}&"
    else:
        where, query = f"{p['host']}:{p.get('port', 5432)}", ""
    return {
        "keywords": make_conninfo(url, password=SECRET, **override),
        "query": f"postgresql://{user}@{where}/{p['dbname']}?{query}password={SECRET}&sslmode=disable",
        "authority": f"postgresql://{user}:{SECRET}@{where}/{p['dbname']}?{query.rstrip('&')}".rstrip("?"),
    }


@pytest.mark.parametrize(
    ("dsn", "shown"),
    [
        (f"host=db.example port=5433 dbname=discogs user=dj password={SECRET}", "postgresql://dj@db.example:5433/discogs"),
        (f"postgresql://dj@db.example/discogs?password={SECRET}", "postgresql://dj@db.example/discogs"),
        (f"postgresql://dj:{SECRET}@db.example:5433/discogs", "postgresql://dj@db.example:5433/discogs"),
        (f"host=db.example password='{SECRET} x'", "postgresql://db.example/"),
        (f"host=db.example password={SECRET} broken='", "an unparsable connection string"),
    ],
)
def test_description_keeps_only_where(dsn: str, shown: str) -> None:
    assert redact_url(dsn) == shown
    assert SECRET not in PostgresResource(url=dsn).describe()


def _events_text(home: Path) -> str:
    with dg.DagsterInstance.from_config(str(home)) as instance:
        runs = instance.get_runs()
        assert runs
        return "\n".join(repr(e) for r in runs for e in instance.all_logs(r.run_id))


@pytest.mark.parametrize("form", ["keywords", "query", "authority"])
def test_build_with_password_in_any_form_logs_no_secret(tmp_path: Path, pg_url: str, form: str) -> None:
    csv_dir = write_csv_set(tmp_path / "csv")
    write_library(tmp_path / "library.db")
    done = materialize(cli_env(tmp_path, password_forms(pg_url)[form], csv_dir, tmp_path / "library.db"))
    assert done.returncode == 0, done.stderr[-3000:]
    assert published_ids(pg_url) == KEPT
    assert SECRET not in done.stdout + done.stderr
    assert SECRET not in _events_text(tmp_path / "dagster")


@pytest.mark.parametrize("form", ["keywords", "query"])
def test_refused_connection_says_where_without_secret(tmp_path: Path, pg_url: str, form: str) -> None:
    refused = password_forms(pg_url, host="127.0.0.1", port="1")[form]
    csv_dir = write_csv_set(tmp_path / "csv")
    write_library(tmp_path / "library.db")
    done: subprocess.CompletedProcess[str] = materialize(
        cli_env(tmp_path, refused, csv_dir, tmp_path / "library.db"), select="cache_schema"
    )
    assert done.returncode != 0
    assert "cannot connect to postgresql://" in done.stdout + done.stderr
    assert SECRET not in done.stdout + done.stderr
    assert SECRET not in _events_text(tmp_path / "dagster")
