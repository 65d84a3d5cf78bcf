"""Finding one month's dump in a folder of Discogs dump files."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

DUMP_FILE = re.compile(r"^discogs_(\d{8})_(releases|artists|labels|masters)\.xml(\.gz)?$")


@dataclass(frozen=True)
class DumpFiles:
    dump_id: str  # YYYYMMDD of the dump
    files: dict[str, Path]  # kind -> path

    @property
    def releases(self) -> Path:
        return self.files["releases"]


def find_dumps(folder: Path) -> list[DumpFiles]:
    """Every month in ``folder`` that has a releases file, oldest first."""
    by_id: dict[str, dict[str, Path]] = {}
    for path in sorted(folder.iterdir()) if folder.is_dir() else ():
        if m := DUMP_FILE.match(path.name):
            by_id.setdefault(m.group(1), {})[m.group(2)] = path
    return [DumpFiles(i, f) for i, f in sorted(by_id.items()) if "releases" in f]


def newest_dump(folder: Path) -> DumpFiles:
    dumps = find_dumps(folder)
    if not dumps:
        raise FileNotFoundError(f"{folder}: no discogs_YYYYMMDD_releases.xml.gz dump found")
    return dumps[-1]


def stage_dump(dump: DumpFiles, staging: Path) -> Path:
    """A folder holding only this month's files (links), so the converter's directory input
    never mixes months."""
    staging.mkdir(parents=True, exist_ok=True)
    for old in staging.iterdir():
        old.unlink()
    for path in dump.files.values():
        (staging / path.name).symlink_to(path.resolve())
    return staging
