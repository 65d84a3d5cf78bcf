"""Reading the station catalog ``library.db`` (SQLite) and fingerprinting library content.

The pipeline needs ``library(artist, title)`` and, when the export has it,
``library.alternate_artist_name``. The file is opened read-only; a missing
file, a file that is not SQLite, a missing table/column or a table without a usable row is a
one-line ``LibraryDBError``.
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

__all__ = ["LibraryCatalog", "LibraryDBError", "LibraryRow", "fingerprint", "read_catalog"]


class LibraryDBError(RuntimeError):
    """library.db is missing or not shaped as expected (one-line message)."""


@dataclass(frozen=True, order=True)
class LibraryRow:
    """One distinct catalog entry, trimmed; ``alternate`` is "" when absent."""

    artist: str
    title: str
    alternate: str = ""


@dataclass(frozen=True)
class LibraryCatalog:
    path: Path
    rows: tuple[LibraryRow, ...]  # distinct, sorted
    total_rows: int  # rows in the table, duplicates (one per format copy) included
    skipped_rows: int  # rows with an empty artist or title
    has_alternate_column: bool

    @property
    def artists(self) -> set[str]:
        return {row.artist for row in self.rows}

    @property
    def alternate_names(self) -> set[str]:
        return {row.alternate for row in self.rows if row.alternate}

    def fingerprint(self) -> str:
        """Stable hash of the distinct (artist, title, alternate name) rows."""
        return fingerprint(library=((r.artist, r.title, r.alternate) for r in self.rows))


def _connect_readonly(path: Path) -> sqlite3.Connection:
    if not path.is_file():
        raise LibraryDBError(f"library.db not found: {path}")
    # mode=ro: never create or modify the catalog (it may sit in a read-only folder).
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        conn.execute("SELECT name FROM sqlite_master LIMIT 1").fetchall()
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise LibraryDBError(f"{path} is not a SQLite database ({exc})") from None
    return conn


def read_catalog(path: str | Path) -> LibraryCatalog:
    """Distinct trimmed (artist, title, alternate_artist_name) rows of ``library``."""
    path = Path(path)
    conn = _connect_readonly(path)
    try:
        columns = {row[1].lower() for row in conn.execute("PRAGMA table_info(library)")}
        if not columns:
            raise LibraryDBError(f"{path} has no table 'library'")
        missing = [c for c in ("artist", "title") if c not in columns]
        if missing:
            raise LibraryDBError(f"{path}: table 'library' has no column {', '.join(missing)}")
        has_alt = "alternate_artist_name" in columns
        alt = "alternate_artist_name" if has_alt else "NULL"
        total = 0
        skipped = 0
        distinct: set[LibraryRow] = set()
        for artist, title, alternate in conn.execute(f"SELECT artist, title, {alt} FROM library"):
            total += 1
            artist = (artist or "").strip() if isinstance(artist, str) else ""
            title = (title or "").strip() if isinstance(title, str) else ""
            if not artist or not title:
                skipped += 1
                continue
            alternate = alternate.strip() if isinstance(alternate, str) else ""
            distinct.add(LibraryRow(artist, title, alternate))
    except sqlite3.DatabaseError as exc:
        raise LibraryDBError(f"cannot read {path}: {exc}") from None
    finally:
        conn.close()
    if not distinct:
        # Nothing to match: the converter would keep no release (or, from CSVs, prune them all).
        what = "no rows" if not total else f"no row with both an artist and a title (of {total})"
        raise LibraryDBError(f"{path}: an empty library: table 'library' has {what}")
    return LibraryCatalog(
        path=path,
        rows=tuple(sorted(distinct)),
        total_rows=total,
        skipped_rows=skipped,
        has_alternate_column=has_alt,
    )


def fingerprint(**sections: Iterable[Sequence[str]]) -> str:
    """Order-independent hash of named sections of string tuples (16 hex digits).

    Each section's rows are de-duplicated and sorted, so the same content gives the same
    fingerprint whatever order it was read in; any added, removed or changed row changes it.
    """
    digest = hashlib.sha256()
    for name in sorted(sections):
        digest.update(b"\x1d" + name.encode() + b"\x1d")
        for row in sorted({tuple(row) for row in sections[name]}):
            digest.update("\x1f".join(row).encode("utf-8", "surrogatepass") + b"\x1e")
    return digest.hexdigest()[:16]
