"""Finding one month's dump in a folder of Discogs dump files."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from discogs_cache_assets.dump.checksum import checksum_name, parse_checksums

DUMP_FILE = re.compile(r"^discogs_(\d{8})_(releases|artists|labels|masters)\.xml(\.gz)?$")
# A month without one of these is still built; what goes missing with each:
SIDE_FILES = {
    "artists": "alias-aware artist matching is off (no artist aliases or name variations)",
    "labels": "no label hierarchy from the dump (dedup does not count sub-labels as the station's label)",
    "masters": "no masters CSV",
}


@dataclass(frozen=True)
class DumpFiles:
    dump_id: str  # YYYYMMDD of the dump
    files: dict[str, Path]  # kind -> path
    checksum: Path | None = None  # the month's published checksum file, when it is beside them

    @property
    def releases(self) -> Path:
        return self.files["releases"]

    def published_sha256(self) -> dict[str, str]:
        """File name -> sha256 from the month's checksum file ({} without one)."""
        if self.checksum is None:
            return {}
        return parse_checksums(self.checksum.read_text(encoding="utf-8"), str(self.checksum))

    def missing_side_files(self) -> dict[str, str]:
        """Kind -> what the build goes without, for each side file the month lacks."""
        return {kind: effect for kind, effect in SIDE_FILES.items() if kind not in self.files}

    def complete(self) -> bool:
        """A releases file, and every file the checksum file names (a copy may still be arriving)."""
        if "releases" not in self.files:
            return False
        names = {p.name for p in self.files.values()}
        return all(n in names for n in self.published_sha256() if DUMP_FILE.match(n))


def find_dumps(folder: Path) -> list[DumpFiles]:
    """Every complete month in ``folder``, oldest first."""
    by_id: dict[str, dict[str, Path]] = {}
    for path in sorted(folder.iterdir()) if folder.is_dir() else ():
        if m := DUMP_FILE.match(path.name):
            by_id.setdefault(m.group(1), {})[m.group(2)] = path
    dumps = [DumpFiles(i, f, _checksum(folder, i)) for i, f in sorted(by_id.items())]
    return [d for d in dumps if d.complete()]


def _checksum(folder: Path, dump_id: str) -> Path | None:
    path = folder / checksum_name(dump_id)
    return path if path.is_file() else None


def newest_dump(folder: Path, dump_id: str = "") -> DumpFiles:
    """The month ``dump_id`` (default: the newest complete one) in ``folder``."""
    dumps = [d for d in find_dumps(folder) if not dump_id or d.dump_id == dump_id]
    if not dumps:
        wanted = f"discogs_{dump_id or 'YYYYMMDD'}_releases.xml.gz"
        raise FileNotFoundError(f"{folder}: no complete {wanted} dump found")
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
