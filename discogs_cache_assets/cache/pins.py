"""The releases a station pins: kept through the converter, dedup and the library match
whatever the ranking or the match says.

The pins file (DISCOGS_KEEP_RELEASE_IDS_FILE) has the converter's --keep-release-ids format: one
release id per line, blank lines and lines starting with # skipped; any other line fails the
step naming the file and line. The converter writes a pinned release even when its filter would
drop it; dedup keeps it beside its master's best-ranked release (a station that pins a release
wants that one, and the master's best stays for the lookups it served); the library match keeps
it (KEEP). A pinned id the dump lacks is reported in the metadata, not an error: a release can
leave Discogs, and the pin may be meant for a later month.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import psycopg

from discogs_cache_assets import sqlfiles
from discogs_cache_assets.cache.build import BUILD_SCHEMA, run_sql_file, table_exists
from discogs_cache_assets.cache.errors import InputError

# How many missing ids the metadata lists (the count is always whole).
LISTED = 100


def pins_path(configured: str | None) -> Path | None:
    return Path(configured).expanduser() if configured else None


def read_pins(path: Path | None) -> list[int]:
    """The pinned release ids, each once, in file order."""
    if path is None:
        return []
    if not path.is_file():
        raise InputError(f"{path}: missing file (the pinned releases, DISCOGS_KEEP_RELEASE_IDS_FILE)")
    ids: dict[int, None] = {}
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: invalid UTF-8 at byte {exc.start}") from None
    for number, line in enumerate(lines, start=1):
        text = line.strip()
        if not text or text.startswith("#"):
            continue
        if not text.isascii() or not text.isdigit() or int(text) == 0 or int(text) > 2**31 - 1:
            raise InputError(f"{path}: line {number}: {text!r} is not a release id")
        ids[int(text)] = None
    return list(ids)


@dataclass(frozen=True)
class Pins:
    pinned: int
    missing: list[int]

    def metadata(self) -> dict[str, object]:
        return {
            "pinned_releases": self.pinned,
            "pinned_in_dump": self.pinned - len(self.missing),
            "pinned_missing": len(self.missing),
            "pinned_missing_ids": ", ".join(map(str, self.missing[:LISTED])),
        }


def store_pins(conn: psycopg.Connection, ids: list[int]) -> int:
    """The pins as the build schema's release_pin (search_path: the build schema), for dedup."""
    run_sql_file(conn, "release_pins")
    with conn.cursor() as cur, cur.copy("COPY release_pin (id) FROM STDIN") as copy:
        for release_id in ids:
            copy.write_row((release_id,))
    return len(ids)


def pins_found(conn: psycopg.Connection, pinned: int) -> Pins:
    """Which of the ``pinned`` stored pins the imported releases lack."""
    return Pins(pinned, [row[0] for row in conn.execute(sqlfiles.query("release_pins_missing"))])


def pinned_ids(conn: psycopg.Connection) -> set[int]:
    """The pinned ids deduped_releases stored (none in a database without the build schema)."""
    if not table_exists(conn, BUILD_SCHEMA, "release_pin"):
        return set()
    return {row[0] for row in conn.execute(sqlfiles.query("release_pin_ids"))}
