"""One verified month of the dump on local disk: downloaded from the listing (resuming, checked
against the published sha256) or found in a folder (checked when its checksum file is there)."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from discogs_cache_assets.dump.checksum import sha256_of, verify
from discogs_cache_assets.dump.download import download_month
from discogs_cache_assets.dump.files import DumpFiles, newest_dump
from discogs_cache_assets.dump.listing import RemoteMonth
from discogs_cache_assets.fingerprint import stat_digest


@dataclass(frozen=True)
class VerifiedDump:
    dump: DumpFiles
    sha256: dict[str, str]  # file name -> sha256 of its content
    verified: bool  # against the month's published checksum file
    downloaded: int = 0  # bytes fetched by this run
    resumed: bool = False

    @property
    def checksum(self) -> str:
        """One digest of the whole month: the data version of discogs_dump."""
        lines = "".join(f"{h}  {n}\n" for n, h in sorted(self.sha256.items()))
        return hashlib.sha256(lines.encode()).hexdigest()

    @property
    def bytes(self) -> int:
        return sum(p.stat().st_size for p in self.dump.files.values())


def files_fingerprint(dump: DumpFiles) -> str:
    """Name, size and mtime of the month's files: unchanged files need no second hashing."""
    return stat_digest([*dump.files.values(), *([dump.checksum] if dump.checksum else [])])


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


def download(month: RemoteMonth, folder: Path, log: Callable[[str], None]) -> VerifiedDump:
    fetched = download_month(month, folder, log)
    return VerifiedDump(
        newest_dump(folder, month.dump_id),
        {f.path.name: f.sha256 for f in fetched},
        verified=True,
        downloaded=sum(f.downloaded for f in fetched),
        resumed=any(f.resumed for f in fetched),
    )
