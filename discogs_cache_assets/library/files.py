"""Atomic text output: a failed run never leaves a half-written library file behind."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO

__all__ = ["atomic_text", "write_lines"]


@contextmanager
def atomic_text(path: Path) -> Iterator[TextIO]:
    """Write ``path`` through a temp file in the same folder, renamed into place on success."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            yield fh
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_lines(path: Path, lines: Iterable[str]) -> int:
    """One string per line (UTF-8, "\\n"), atomically; returns the number of lines."""
    count = 0
    with atomic_text(path) as fh:
        for line in lines:
            fh.write(line + "\n")
            count += 1
    return count
