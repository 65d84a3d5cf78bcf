"""Cheap, stable fingerprints of input files: what a build key is made of."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path


def file_digest(path: Path | None) -> str:
    """Content hash of a small file (label preferences, hierarchy); 'none' when absent."""
    if path is None or not path.is_file():
        return "none"
    return hashlib.sha256(path.read_bytes()).hexdigest()[:16]


def stat_digest(paths: Iterable[Path]) -> str:
    """Name, size and mtime of large files: changes whenever a converter run rewrites them."""
    h = hashlib.sha256()
    for path in sorted(paths):
        st = path.stat()
        h.update(f"{path.name}\0{st.st_size}\0{st.st_mtime_ns}\0".encode())
    return h.hexdigest()[:16]
