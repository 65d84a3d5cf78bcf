"""One verified month of the dump on local disk: downloaded from the source (checked against the
published sha256) or found in a folder (checked when its checksum file is there)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from discogs_cache_assets.dump.checksum import sha256_of, sums_digest, sums_sha256, verify
from discogs_cache_assets.dump.download import download_month
from discogs_cache_assets.dump.files import DumpFiles, newest_dump
from discogs_cache_assets.dump.remote import RemoteMonth
from discogs_cache_assets.dump.space import require_room
from discogs_cache_assets.fingerprint import stat_digest


@dataclass(frozen=True)
class VerifiedDump:
    dump: DumpFiles
    sha256: dict[str, str]  # file name -> sha256 of its content
    verified: bool  # against the month's published checksum file
    downloaded: int = 0  # bytes fetched by this run
    resumed: bool = False  # a partial file was continued with a Range request
    restarted: tuple[str, ...] = ()  # partial files started over: the server ignored Range
    space_needed: int = 0  # bytes the disk-space check asked for

    @property
    def checksum(self) -> str:
        """One digest of the whole month: the data version of discogs_dump."""
        return sums_sha256(self.sha256)

    @property
    def bytes(self) -> int:
        return sum(p.stat().st_size for p in self.dump.files.values())


def files_fingerprint(dump: DumpFiles) -> str:
    """Name, size and mtime of the month's files: unchanged files need no second hashing."""
    return stat_digest([*dump.files.values(), *([dump.checksum] if dump.checksum else [])])


def month_digest(dump: DumpFiles) -> str:
    """What a build of this month is keyed on besides its id: the digest of its checksum file
    (a re-uploaded file changes it), or without one the files' names, sizes and times."""
    published = dump.published_sha256()
    return sums_digest(published) if published else files_fingerprint(dump)


def present(folder: Path, dump_id: str) -> DumpFiles | None:
    try:
        return newest_dump(folder, dump_id)
    except FileNotFoundError:
        return None


def check_local(dump: DumpFiles) -> VerifiedDump:
    """Hash each file; against the published checksum when the folder has one."""
    published = dump.published_sha256()
    sums = {
        p.name: verify(p, published[p.name]) if p.name in published else sha256_of(p) for p in dump.files.values()
    }
    return VerifiedDump(dump, sums, verified=bool(published))


def download(month: RemoteMonth, folder: Path, csv_dir: Path, log: Callable[[str], None]) -> VerifiedDump:
    """The month in ``folder``, after checking there is room for it and for its CSVs."""
    needed = require_room(month, folder, csv_dir)
    fetched = download_month(month, folder, log)
    return VerifiedDump(
        newest_dump(folder, month.dump_id),
        {f.path.name: f.sha256 for f in fetched},
        verified=True,
        downloaded=sum(f.downloaded for f in fetched),
        resumed=any(f.resumed for f in fetched),
        restarted=tuple(f.path.name for f in fetched if f.restarted),
        space_needed=needed,
    )
