"""What a dump source lists and offers: files (with the size and date the listing shows) and the
months whose checksum file and every file it names are there."""

from __future__ import annotations

import re
from dataclasses import dataclass

from discogs_cache_assets.dump.checksum import checksum_name

# data/YYYY/discogs_YYYYMMDD_<kind>.xml.gz and the month's discogs_YYYYMMDD_CHECKSUM.txt
NAME = re.compile(r"^discogs_(\d{8})_(releases|artists|labels|masters|CHECKSUM)\.(?:xml\.gz|txt)$")


@dataclass(frozen=True)
class ListedFile:
    key: str  # path in the source, e.g. data/2026/discogs_20260801_releases.xml.gz
    size: int | None  # bytes; approximate when the listing shows "10.4 GB", None when it shows none
    modified: str = ""  # as the listing shows it; a replaced file shows a new one

    @property
    def name(self) -> str:
        return self.key.rsplit("/", 1)[-1]


@dataclass(frozen=True)
class RemoteFile:
    name: str  # file name, e.g. discogs_20261101_releases.xml.gz
    url: str
    size: int | None  # as listed (approximate for an HTML listing): for the disk-space check only


@dataclass(frozen=True)
class RemoteMonth:
    dump_id: str
    files: dict[str, RemoteFile]  # file name -> file; the dump files the checksum file names
    sha256: dict[str, str]  # file name -> published sha256
    checksum_text: str
    digest: str  # of the checksum file's content: changes when a file is re-uploaded


def month_key(dump_id: str) -> str:
    """Where a month's files are kept in the source: ``data/YYYY/``."""
    return f"data/{dump_id[:4]}/"


def checksum_key(dump_id: str) -> str:
    """The month's checksum file, known without a listing: the names are deterministic."""
    return month_key(dump_id) + checksum_name(dump_id)
