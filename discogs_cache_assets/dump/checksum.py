"""A month's published checksum file (``discogs_YYYYMMDD_CHECKSUM.txt``): sha256 lines
``<hex> <file name>`` (Discogs writes one space, ``sha256sum`` two; in any order), and verifying
files against it."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

CHECKSUM_FILE = "discogs_{dump_id}_CHECKSUM.txt"
_LINE = re.compile(r"^([0-9a-fA-F]{64})\s+\*?(\S+)$")


class ChecksumError(ValueError):
    """A checksum file that cannot be read, or a file whose content does not match it."""


def checksum_name(dump_id: str) -> str:
    return CHECKSUM_FILE.format(dump_id=dump_id)


def parse_checksums(text: str, source: str) -> dict[str, str]:
    """File name -> lower-case sha256 hex; ``source`` names the file in errors."""
    sums: dict[str, str] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        if not (m := _LINE.match(line.strip())):
            raise ChecksumError(f"{source}: line {number}: not a '<sha256>  <file>' line")
        sums[m.group(2)] = m.group(1).lower()
    if not sums:
        raise ChecksumError(f"{source}: no checksums in the file")
    return sums


def sums_sha256(sums: dict[str, str]) -> str:
    """sha256 of a set of file sums, blind to their order and to how the lines were spaced."""
    lines = "".join(f"{h}  {n}\n" for n, h in sorted(sums.items()))
    return hashlib.sha256(lines.encode()).hexdigest()


def sums_digest(sums: dict[str, str]) -> str:
    """Short digest of a checksum file's content: what tells a re-uploaded month from the one
    already built (launchers put it in the run key)."""
    return sums_sha256(sums)[:16]


def sha256_of(path: Path) -> str:
    with path.open("rb") as fh:
        return hashlib.file_digest(fh, "sha256").hexdigest()


def verify(path: Path, expected: str) -> str:
    """The file's sha256; raises ``ChecksumError`` naming the file when it is not ``expected``."""
    actual = sha256_of(path)
    if actual != expected:
        raise ChecksumError(
            f"{path}: sha256 mismatch (published {expected[:16]}…, file has {actual[:16]}…; "
            f"{path.stat().st_size} bytes): corrupt or partial download"
        )
    return actual
