"""The workspace's converted months (``csv/<dump id>/``): once a month is published, the CSVs of
the months before it go, but for the newest few kept."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

_MONTH = re.compile(r"^\d{8}$")


def remove_older_months(csv_root: Path, published: str, keep: int) -> list[str]:
    """Remove the folders of months older than ``published``, keeping ``keep`` months counting
    the published one (1: only its own). Months after it (another build's) and anything that is
    not a month's folder stay. Returns the months removed."""
    if not _MONTH.match(published) or not csv_root.is_dir():
        return []
    older = sorted(p.name for p in csv_root.iterdir() if p.is_dir() and _MONTH.match(p.name) and p.name < published)
    removed = []
    for month in older[: max(len(older) - (keep - 1), 0)]:
        # Nothing reads an older month's CSVs any more; a file that will not go only costs disk.
        shutil.rmtree(csv_root / month, ignore_errors=True)
        if not (csv_root / month).exists():
            removed.append(month)
    return removed
