"""Label preferences (``library_labels.csv``) and the label-name key.

The file has the header ``artist_name,release_title,label_name`` and one distinct, trimmed row
per station preference, sorted by code point. Its source is, in this order: an explicitly
configured CSV (``LibraryResource.labels_csv``: an operator's file wins, as ``--library-labels``
did), else the station MySQL play log, else nothing (header only: dedup then ranks without
label preferences).

Label names are compared with ``label_key`` (the reference used bare case-folding, so
"Capitol" never met "Capitol Records"). It is written to be expressible in SQL, and
``LABEL_KEY_SQL`` is that SQL; both sides of the comparison must go through it:

    trim → unaccent → lower → collapse white space → drop one trailing " records",
    " recordings", " records ltd", " recordings ltd" (only when something is left)

``label_hierarchy.csv`` is validated by ``read_label_hierarchy``: integer ids, names.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from discogs_cache_assets.library.files import atomic_text
from discogs_cache_assets.library.normalize import strip_accents

__all__ = [
    "LABELS_HEADER",
    "LABEL_KEY_SQL",
    "LabelFileError",
    "LabelHierarchyRow",
    "LabelPreferences",
    "label_key",
    "preferences",
    "read_label_hierarchy",
    "read_labels_csv",
    "write_labels_csv",
]

LABELS_HEADER = ("artist_name", "release_title", "label_name")
HIERARCHY_HEADER = ("label_id", "label_name", "parent_label_id", "parent_label_name")


class LabelFileError(ValueError):
    """A label CSV is missing or malformed (one-line message with file and line)."""


_LABEL_SUFFIX = re.compile(r"^(.+?) (?:records|recordings)(?: ltd)?$")
_WS = re.compile(r"\s+")

# The same key in PostgreSQL (public.f_unaccent from the cache schema). {col} is the column.
LABEL_KEY_SQL = (
    "regexp_replace(regexp_replace(lower(public.f_unaccent(btrim({col}))), '\\s+', ' ', 'g'),"
    " '^(.+?) (records|recordings)( ltd)?$', '\\1')"
)


def label_key(name: str) -> str:
    """Comparison key of a label name: ``"Capitol Records"`` → ``"capitol"`` (see above)."""
    key = _WS.sub(" ", strip_accents(name.strip()).lower()).strip()
    match = _LABEL_SUFFIX.match(key)
    return match.group(1) if match else key


@dataclass(frozen=True)
class LabelPreferences:
    rows: tuple[tuple[str, str, str], ...]  # distinct, sorted
    source: str  # "csv", "mysql" or "none"
    dropped: int = 0  # rows with an empty field

    def __len__(self) -> int:
        return len(self.rows)


def _clean(rows: Iterable[tuple[str, str, str]]) -> tuple[tuple[tuple[str, str, str], ...], int]:
    kept: set[tuple[str, str, str]] = set()
    dropped = 0
    for row in rows:
        cleaned = tuple((value or "").strip() for value in row)
        if len(cleaned) != 3 or not all(cleaned):
            dropped += 1
            continue
        kept.add(cleaned)  # type: ignore[arg-type]
    return tuple(sorted(kept)), dropped


def preferences(rows: Iterable[tuple[str, str, str]], source: str) -> LabelPreferences:
    cleaned, dropped = _clean(rows)
    return LabelPreferences(cleaned, source, dropped)


def _read_text(path: Path) -> str:
    if not path.is_file():
        raise LabelFileError(f"label file not found: {path}")
    data = path.read_bytes()

    def line_of(offset: int) -> int:
        return data.count(b"\n", 0, offset) + 1

    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise LabelFileError(f"{path}:{line_of(exc.start)}: not UTF-8 ({exc.reason} at byte {exc.start})") from None
    if (nul := data.find(b"\0")) >= 0:  # PostgreSQL's text cannot hold it
        raise LabelFileError(f"{path}:{line_of(nul)}: NUL byte at byte {nul}")
    return text


def _read_csv(path: Path, header: tuple[str, ...]) -> Iterable[tuple[int, list[str]]]:
    reader = csv.reader(io.StringIO(_read_text(path), newline=""), strict=True)
    try:
        first = next(reader, None)
        if first is None:
            raise LabelFileError(f"{path}: empty file (header {','.join(header)} expected)")
        names = [c.strip().lstrip("\ufeff") for c in first]
        missing = [c for c in header if c not in names]
        if missing:
            raise LabelFileError(f"{path}:1: missing column {', '.join(missing)}")
        index = [names.index(c) for c in header]
        while True:
            start = reader.line_num + 1  # a quoted field may span lines: name the row's first
            row = next(reader, None)
            if row is None:
                break
            if not any(cell.strip() for cell in row):
                continue
            if len(row) != len(names):
                raise LabelFileError(f"{path}:{start}: {len(row)} fields, {len(names)} expected")
            yield start, [row[i] for i in index]
    except csv.Error as exc:
        # strict: a quote out of place or never closed, which would otherwise swallow lines.
        raise LabelFileError(f"{path}:{start}: malformed CSV ({exc})") from None


def read_labels_csv(path: str | Path) -> LabelPreferences:
    """Preferences from a CSV with (at least) the columns artist_name, release_title, label_name."""
    return preferences(
        (tuple(values) for _line, values in _read_csv(Path(path), LABELS_HEADER)), "csv"
    )


def write_labels_csv(prefs: LabelPreferences, path: str | Path) -> Path:
    """Write the header and the sorted rows atomically (temp file + rename)."""
    path = Path(path)
    with atomic_text(path) as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(LABELS_HEADER)
        writer.writerows(prefs.rows)
    return path


@dataclass(frozen=True)
class LabelHierarchyRow:
    label_id: int
    label_name: str
    parent_label_id: int
    parent_label_name: str


def read_label_hierarchy(path: str | Path) -> list[LabelHierarchyRow]:
    """Validated ``label_hierarchy.csv`` rows; a non-integer id fails with file and line."""
    path = Path(path)
    rows = []
    for line, (label_id, name, parent_id, parent_name) in _read_csv(path, HIERARCHY_HEADER):
        try:
            rows.append(
                LabelHierarchyRow(int(label_id), name.strip(), int(parent_id), parent_name.strip())
            )
        except ValueError:
            raise LabelFileError(
                f"{path}:{line}: label ids must be integers (got {label_id!r}, {parent_id!r})"
            ) from None
    return rows
