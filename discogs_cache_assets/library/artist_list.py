"""An artist list the station already has (a ``library_artists.txt`` kept elsewhere), used as
the converter's artist filter instead of one derived from library.db.

Read as the converter reads its list: UTF-8, one name per line, each trimmed, empty lines
skipped; spelling, order and repeats kept. A file that cannot be read is one line naming it.
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["ArtistListError", "read_artist_list"]


class ArtistListError(RuntimeError):
    """The artist list file is missing, unreadable or not UTF-8 (one-line message)."""


def read_artist_list(path: Path) -> tuple[str, ...]:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ArtistListError(f"{path}: cannot read the library artists file: {exc.strerror or exc}") from None
    try:
        text = data.decode("utf-8-sig")  # a BOM would otherwise stick to the first name
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise ArtistListError(f"{path}: line {line}: not UTF-8 (byte {exc.start})") from None
    names = tuple(name for name in (line.strip() for line in text.splitlines()) if name)
    if not names:
        raise ArtistListError(f"{path}: the library artists file names no artist")
    return names
