"""The station's MySQL catalog (optional): artist enrichment and label preferences.

``MySQLResource`` (resource key ``mysql``) holds ``url`` = ``mysql://user:pass@host:port/db``,
normally from ``dg.EnvVar("STATION_MYSQL_URL")``. Connections use pymysql with ``utf8mb4``
(MySQL's ``utf8`` is 3-byte and mangles emoji and other 4-byte characters).

Secrets: the URL and the password never appear in a log line, an exception or a command
line; everything says ``mysql://user:***@host:port/db``. Failures are one-line
``StationDBError`` messages: unreachable server, bad credentials, unknown database, and missing
tables/columns (checked up front against information_schema, naming every missing one).

Station tables read:

* ``LIBRARY_RELEASE(ID, TITLE, LIBRARY_CODE_ID, ALTERNATE_ARTIST_NAME)``
* ``LIBRARY_CODE(ID, PRESENTATION_NAME)``
* ``LIBRARY_CODE_CROSS_REFERENCE(CROSS_REFERENCING_ARTIST_ID, CROSS_REFERENCED_LIBRARY_CODE_ID)``
  ("Crooked Fingers is filed with Eric Bachmann": each side gets the other side's titles)
* ``RELEASE_CROSS_REFERENCE(CROSS_REFERENCING_ARTIST_ID, CROSS_REFERENCED_RELEASE_ID)``
  (an artist linked to one release filed under someone else: that artist gets that title)
* ``FLOWSHEET_ENTRY_PROD(LIBRARY_RELEASE_ID, LABEL_NAME)`` (the play log: label preferences)
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from urllib.parse import unquote

import dagster as dg
import pymysql
from pydantic import Field

__all__ = [
    "ENRICHMENT_TABLES",
    "LABEL_TABLES",
    "MySQLParams",
    "MySQLResource",
    "StationDBError",
    "StationEnrichment",
    "check_tables",
    "connect",
    "fetch_enrichment",
    "fetch_label_preferences",
    "parse_mysql_url",
    "redact_mysql_url",
]


class StationDBError(RuntimeError):
    """The station MySQL could not be used; the message is one line and holds no password."""


@dataclass(frozen=True)
class MySQLParams:
    user: str
    password: str
    host: str
    port: int
    database: str

    def redacted(self) -> str:
        auth = f"{self.user}:***@" if self.password else (f"{self.user}@" if self.user else "")
        return f"mysql://{auth}{self.host}:{self.port}/{self.database}"

    def __repr__(self) -> str:  # never show the password, even in a debugger or a traceback
        return f"MySQLParams({self.redacted()})"


_SCHEMES = ("mysql://", "mysql+pymysql://", "mariadb://")


def redact_mysql_url(url: str) -> str:
    """``mysql://user:***@host:port/db``; safe for any input, even one that does not parse."""
    try:
        return parse_mysql_url(url).redacted()
    except StationDBError:
        scheme, sep, rest = url.partition("://")
        if not sep:
            return "<not a URL>"
        userinfo, at, hostpart = rest.rpartition("@")
        if not at:
            return f"{scheme}://{rest}"
        user = userinfo.split(":", 1)[0]
        return f"{scheme}://{user}:***@{hostpart}"


def parse_mysql_url(url: str) -> MySQLParams:
    """Split ``mysql://user:pass@host:port/db`` (user and password may be %-encoded)."""
    if not url or not url.startswith(_SCHEMES):
        raise StationDBError("station MySQL URL must look like mysql://user:pass@host:port/db")
    rest = url.split("://", 1)[1]
    rest = rest.split("?", 1)[0].split("#", 1)[0]
    # The password may contain '@' or '/': the host part follows the LAST '@'.
    userinfo, at, hostpath = rest.rpartition("@")
    hostport, _, database = hostpath.partition("/")
    user, _, password = userinfo.partition(":") if at else ("", "", "")
    host, port = hostport, 3306
    if hostport.startswith("["):  # [ipv6]:port
        host, _, tail = hostport[1:].partition("]")
        if tail.startswith(":"):
            port = _port(tail[1:], user, password, host)
    elif ":" in hostport:
        host, _, port_text = hostport.rpartition(":")
        port = _port(port_text, user, password, host)
    params = MySQLParams(unquote(user), unquote(password), host or "localhost", port, unquote(database))
    if not params.database:
        raise StationDBError(f"station MySQL URL {params.redacted()} names no database")
    return params


def _port(text: str, user: str, password: str, host: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise StationDBError(
            f"station MySQL URL mysql://{user}:***@{host}:<port>/… has a non-numeric port"
        ) from None


def _scrub(message: str, params: MySQLParams) -> str:
    line = " ".join(str(message).split())
    if params.password:
        line = line.replace(params.password, "***")
    return line


def connect(params: MySQLParams, *, connect_timeout: int = 10) -> pymysql.connections.Connection:
    """A pymysql connection (utf8mb4, autocommit, read-only use), or a one-line StationDBError."""
    where = params.redacted()
    try:
        return pymysql.connect(
            host=params.host,
            port=params.port,
            user=params.user,
            password=params.password,
            database=params.database,
            charset="utf8mb4",
            connect_timeout=connect_timeout,
            read_timeout=600,
            autocommit=True,
        )
    except pymysql.err.MySQLError as exc:
        code = exc.args[0] if exc.args and isinstance(exc.args[0], int) else None
        detail = _scrub(exc.args[1] if len(exc.args) > 1 else exc, params)
        if code == 1045:
            msg = (
                f"station MySQL {where}: access denied for user '{params.user}'"
                " (check the credentials in STATION_MYSQL_URL)"
            )
        elif code == 1049:
            msg = f"station MySQL {where}: database '{params.database}' does not exist"
        elif code == 1044:
            msg = f"station MySQL {where}: user '{params.user}' may not use database '{params.database}'"
        elif code in (2002, 2003, 2005, 2006, 2013) or code is None:
            msg = f"station MySQL {where} is unreachable: {detail}"
        else:
            msg = f"station MySQL {where}: {detail}"
        raise StationDBError(msg) from None


# Tables and columns each extraction needs: checked before querying, so a wrong database gives
# "missing table X; missing column Y.Z" instead of the first SQL error.
ENRICHMENT_TABLES: Mapping[str, Sequence[str]] = {
    "LIBRARY_RELEASE": ("ID", "TITLE", "LIBRARY_CODE_ID", "ALTERNATE_ARTIST_NAME"),
    "LIBRARY_CODE": ("ID", "PRESENTATION_NAME"),
    "LIBRARY_CODE_CROSS_REFERENCE": ("CROSS_REFERENCING_ARTIST_ID", "CROSS_REFERENCED_LIBRARY_CODE_ID"),
    "RELEASE_CROSS_REFERENCE": ("CROSS_REFERENCING_ARTIST_ID", "CROSS_REFERENCED_RELEASE_ID"),
}
LABEL_TABLES: Mapping[str, Sequence[str]] = {
    "FLOWSHEET_ENTRY_PROD": ("LIBRARY_RELEASE_ID", "LABEL_NAME"),
    "LIBRARY_RELEASE": ("ID", "TITLE", "LIBRARY_CODE_ID"),
    "LIBRARY_CODE": ("ID", "PRESENTATION_NAME"),
}


def check_tables(conn, needed: Mapping[str, Sequence[str]], *, purpose: str, where: str) -> None:
    """Raise one StationDBError naming every missing table and column of ``needed``."""
    with conn.cursor() as cur:
        cur.execute(
            "SELECT TABLE_NAME, COLUMN_NAME FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE()"
        )
        present: dict[str, set[str]] = {}
        for table, column in cur.fetchall():
            present.setdefault(table.upper(), set()).add(column.upper())
    problems: list[str] = []
    for table, columns in needed.items():
        if table not in present:
            problems.append(f"missing table {table}")
            continue
        problems += [f"missing column {table}.{c}" for c in columns if c not in present[table]]
    if problems:
        raise StationDBError(f"station MySQL {where} cannot serve {purpose}: {'; '.join(problems)}")


def _run(conn, sql: str, where: str) -> list[tuple]:
    try:
        with conn.cursor() as cur:
            cur.execute(sql)
            return list(cur.fetchall())
    except pymysql.err.MySQLError as exc:
        detail = " ".join(str(exc.args[1] if len(exc.args) > 1 else exc).split())
        raise StationDBError(f"station MySQL {where}: query failed: {detail}") from None


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bytes | bytearray):
        value = bytes(value).decode("utf-8", "replace")
    return str(value).strip()


@dataclass(frozen=True)
class StationEnrichment:
    """Names and (name, title) pairs the station MySQL adds to library.db.

    ``pairs`` rows are (artist, title, source); ``title`` is "" for a name known without a
    title (e.g. a cross-referenced artist with no release of its own). Sources:
    ``alternate`` (LIBRARY_RELEASE.ALTERNATE_ARTIST_NAME with that release's title),
    ``cross_reference`` (LIBRARY_CODE_CROSS_REFERENCE, each side with the other side's
    titles), ``release_cross_reference`` (RELEASE_CROSS_REFERENCE with the release's title).
    """

    pairs: frozenset[tuple[str, str, str]]

    @property
    def names(self) -> set[str]:
        return {artist for artist, _title, _source in self.pairs}

    def names_from(self, source: str) -> set[str]:
        return {artist for artist, _title, src in self.pairs if src == source}


_ALTERNATES_SQL = """
SELECT lr.ALTERNATE_ARTIST_NAME, lr.TITLE
FROM LIBRARY_RELEASE lr
WHERE lr.ALTERNATE_ARTIST_NAME IS NOT NULL AND lr.ALTERNATE_ARTIST_NAME <> ''
"""
_CROSS_REFERENCE_SQL = """
SELECT a.PRESENTATION_NAME, lr.TITLE
FROM LIBRARY_CODE_CROSS_REFERENCE x
JOIN LIBRARY_CODE a ON a.ID = x.CROSS_REFERENCING_ARTIST_ID
LEFT JOIN LIBRARY_RELEASE lr ON lr.LIBRARY_CODE_ID = x.CROSS_REFERENCED_LIBRARY_CODE_ID
UNION
SELECT b.PRESENTATION_NAME, lr.TITLE
FROM LIBRARY_CODE_CROSS_REFERENCE x
JOIN LIBRARY_CODE b ON b.ID = x.CROSS_REFERENCED_LIBRARY_CODE_ID
LEFT JOIN LIBRARY_RELEASE lr ON lr.LIBRARY_CODE_ID = x.CROSS_REFERENCING_ARTIST_ID
"""
_RELEASE_CROSS_REFERENCE_SQL = """
SELECT lc.PRESENTATION_NAME, lr.TITLE
FROM RELEASE_CROSS_REFERENCE x
JOIN LIBRARY_CODE lc ON lc.ID = x.CROSS_REFERENCING_ARTIST_ID
LEFT JOIN LIBRARY_RELEASE lr ON lr.ID = x.CROSS_REFERENCED_RELEASE_ID
"""
_LABELS_SQL = """
SELECT DISTINCT lc.PRESENTATION_NAME, lr.TITLE, fe.LABEL_NAME
FROM FLOWSHEET_ENTRY_PROD fe
JOIN LIBRARY_RELEASE lr ON fe.LIBRARY_RELEASE_ID = lr.ID
JOIN LIBRARY_CODE lc ON lr.LIBRARY_CODE_ID = lc.ID
WHERE fe.LABEL_NAME IS NOT NULL AND fe.LABEL_NAME <> '' AND fe.LIBRARY_RELEASE_ID > 0
"""


def fetch_enrichment(conn, *, where: str = "") -> StationEnrichment:
    """Alternate names and cross references, trimmed, empty names dropped."""
    check_tables(conn, ENRICHMENT_TABLES, purpose="artist enrichment", where=where)
    pairs: set[tuple[str, str, str]] = set()
    for source, sql in (
        ("alternate", _ALTERNATES_SQL),
        ("cross_reference", _CROSS_REFERENCE_SQL),
        ("release_cross_reference", _RELEASE_CROSS_REFERENCE_SQL),
    ):
        for artist, title in _run(conn, sql, where):
            artist = _text(artist)
            if artist:
                pairs.add((artist, _text(title), source))
    return StationEnrichment(frozenset(pairs))


def fetch_label_preferences(conn, *, where: str = "") -> list[tuple[str, str, str]]:
    """Distinct (artist_name, release_title, label_name) from the play log, trimmed."""
    check_tables(conn, LABEL_TABLES, purpose="label preferences", where=where)
    rows = set()
    for artist, title, label in _run(conn, _LABELS_SQL, where):
        row = (_text(artist), _text(title), _text(label))
        if all(row):
            rows.add(row)
    return sorted(rows)


class MySQLResource(dg.ConfigurableResource):
    """The station MySQL catalog; unset ``url`` means "no station database" (enrichment off)."""

    url: str | None = Field(
        default=None,
        description="mysql://user:pass@host:port/db (from STATION_MYSQL_URL); empty: not used",
    )
    connect_timeout: int = Field(default=10, description="Seconds to wait for the server")

    @property
    def configured(self) -> bool:
        return bool(self.url)

    def describe(self) -> str:
        return redact_mysql_url(self.url) if self.url else "no station MySQL configured"

    @contextmanager
    def connect(self) -> Iterator[pymysql.connections.Connection]:
        if not self.url:
            raise StationDBError("no station MySQL configured (set STATION_MYSQL_URL)")
        conn = connect(parse_mysql_url(self.url), connect_timeout=self.connect_timeout)
        try:
            yield conn
        finally:
            conn.close()

    def fetch_enrichment(self) -> StationEnrichment:
        with self.connect() as conn:
            return fetch_enrichment(conn, where=self.describe())

    def fetch_label_preferences(self) -> list[tuple[str, str, str]]:
        with self.connect() as conn:
            return fetch_label_preferences(conn, where=self.describe())
