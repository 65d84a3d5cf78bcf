"""Room on disk for a month before it is downloaded: the files still to fetch, and the CSVs the
converter will write from them. A month is ~11.5 GiB; finding out at 90 % of a 10 GiB file that
the disk is full costs an hour of the host's patience."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from discogs_cache_assets.dump.remote import RemoteMonth

# The converter's CSVs, estimated at half the month's compressed size: a station keeps ~8 % of
# the releases (~5 GiB of the 65 GiB of XML, written more compactly as CSV) plus the artist and
# label side files, which are written in full.
CSV_SHARE = 0.5


class NoRoom(RuntimeError):
    """Not enough free space: one line with what is free and what is needed."""


def _gib(n: float) -> str:
    return f"{n / 2**30:.1f} GiB"


def _existing(path: Path) -> Path:
    """``path``, or its nearest existing parent (folders are created when the download starts)."""
    return next((p for p in (path, *path.parents) if p.exists()), Path.cwd())


def require_room(month: RemoteMonth, folder: Path, csv_dir: Path) -> int:
    """Bytes the month still needs (files not yet in ``folder`` plus its CSVs in ``csv_dir``);
    raises ``NoRoom`` when a file system holding them has less free. Sizes are the listing's
    (rounded on data.discogs.com); a ``.part`` counts as free, since a server ignoring Range
    rewrites it."""
    to_fetch = 0
    for name, file in month.files.items():
        if not (folder / name).is_file():
            part = folder / (name + ".part")
            to_fetch += max((file.size or 0) - (part.stat().st_size if part.is_file() else 0), 0)
    csvs = round(CSV_SHARE * sum(f.size or 0 for f in month.files.values()))
    needs: dict[int, tuple[Path, dict[str, int]]] = {}
    for where, what, size in ((folder, "dump files to download", to_fetch),
                              (csv_dir, f"CSVs (estimated at {CSV_SHARE:.0%} of the dump's size)", csvs)):
        existing = _existing(where)
        needs.setdefault(os.stat(existing).st_dev, (existing, {}))[1][what] = size
    for existing, parts in needs.values():
        if (need := sum(parts.values())) > (free := shutil.disk_usage(existing).free):
            detail = " and ".join(f"~{_gib(size)} of {what}" for what, size in parts.items())
            raise NoRoom(f"{existing}: {_gib(free)} free, dump {month.dump_id} needs ~{_gib(need)} ({detail})")
    return to_fetch + csvs
