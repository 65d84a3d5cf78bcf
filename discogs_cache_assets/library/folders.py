"""The workspace's library files, one folder per library content.

Builds that share a workspace (two Dagster instances, or the schedule and a person with another
``DAGSTER_HOME``) may have different libraries at the same time: a folder named after the content's
fingerprint is never rewritten with other content, so no build reads another's artists, aliases or
label preferences. The assets record the path they wrote, and the steps after them read that path.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

# Folders of a kind kept: the one just written and the newest others (builds still in progress
# with another library, or a resumed build of the last one).
KEEP = 4


def content_folder(root: Path, kind: str, fingerprint: str, keep: int = KEEP) -> Path:
    """``root/<kind>-<fingerprint>``, created and marked newest; all but the newest ``keep``
    folders of ``kind`` are removed."""
    folder = root / f"{kind}-{fingerprint}"
    folder.mkdir(parents=True, exist_ok=True)
    os.utime(folder)
    others = [p for p in root.glob(f"{kind}-*") if p.is_dir() and p != folder]
    others.sort(key=lambda p: p.stat().st_mtime, reverse=True)
    for old in others[max(keep - 1, 0):]:
        shutil.rmtree(old, ignore_errors=True)
    return folder
