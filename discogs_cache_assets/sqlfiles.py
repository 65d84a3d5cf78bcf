"""SQL lives in the repo's top-level ``sql/`` folder as plain files, loaded by name."""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

from psycopg import sql

_CANDIDATES = (
    Path(__file__).resolve().parent.parent / "sql",  # editable install / repo checkout
    Path.cwd() / "sql",  # code location started from the repo root
)


class SqlFilesNotFound(RuntimeError):
    pass


@cache
def sql_dir() -> Path:
    for candidate in _CANDIDATES:
        if (candidate / "extensions.sql").is_file():
            return candidate
    raise SqlFilesNotFound(
        "cannot find the project's sql/ folder (looked in "
        + ", ".join(str(c) for c in _CANDIDATES)
        + "); install the package editable from its checkout (pip install -e .) or run from the repo root"
    )


@cache
def text(name: str) -> str:
    path = sql_dir() / f"{name}.sql"
    if not path.is_file():
        raise SqlFilesNotFound(f"missing SQL file {path}")
    return path.read_text(encoding="utf-8")


def query(name: str, **identifiers: str | sql.Composable) -> sql.Composed | sql.SQL:
    """The file as a psycopg ``sql`` object; ``{name}`` placeholders become identifiers."""
    template = sql.SQL(text(name))  # type: ignore[arg-type]
    if not identifiers:
        return template
    return template.format(
        **{k: v if isinstance(v, sql.Composable) else sql.Identifier(v) for k, v in identifiers.items()}
    )


def digest(*names: str) -> str:
    """Hash of the named SQL files: part of each step's build key, so changed SQL rebuilds."""
    h = hashlib.sha256()
    for name in names:
        h.update(name.encode())
        h.update(text(name).encode())
    return h.hexdigest()[:16]
