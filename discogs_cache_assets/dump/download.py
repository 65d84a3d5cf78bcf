"""Downloading one month of the dump: resumable (HTTP Range from ``<file>.part``), verified
against the published sha256, renamed into place only when it verifies."""

from __future__ import annotations

import http.client
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from discogs_cache_assets.dump.checksum import ChecksumError, checksum_name, sha256_of, verify
from discogs_cache_assets.dump.listing import TIMEOUT, RemoteFile, RemoteMonth

CHUNK = 1 << 20
ATTEMPTS = 3  # per file: the first try and two resumes after a dropped connection


class DownloadError(RuntimeError):
    """A file could not be fetched: one line naming the file and the URL."""


@dataclass(frozen=True)
class Fetched:
    path: Path
    sha256: str
    downloaded: int  # bytes transferred by this call (0 when the file was already there)
    resumed: bool


def _append(file: RemoteFile, part: Path) -> bool:
    """Fetch the rest of ``file`` into ``part``; True when the server resumed from its size."""
    start = part.stat().st_size if part.exists() else 0
    request = urllib.request.Request(file.url, headers={"Range": f"bytes={start}-"} if start else {})
    try:
        response = urllib.request.urlopen(request, timeout=TIMEOUT)
    except urllib.error.HTTPError as exc:
        if exc.code == 416 and start:  # nothing left to send: the part is already whole
            return True
        raise
    with response:
        resumed = response.status == 206
        # A server that ignores Range answers 200 with the whole file: start over.
        with part.open("ab" if resumed else "wb") as out:
            while chunk := response.read(CHUNK):
                out.write(chunk)
    return resumed


def fetch(file: RemoteFile, expected_sha256: str, folder: Path, log: Callable[[str], None] = print) -> Fetched:
    """``folder/<name>`` verified against ``expected_sha256``; resumes a ``.part`` left by an
    interrupted earlier try. A mismatch removes the bad bytes and raises ``ChecksumError``."""
    path = folder / file.name
    if path.is_file():
        if sha256_of(path) == expected_sha256:
            return Fetched(path, expected_sha256, 0, False)
        path.unlink()  # a stale or damaged copy: never pass it on
    part = path.with_name(path.name + ".part")
    before = part.stat().st_size if part.exists() else 0
    resumed = False
    for attempt in range(1, ATTEMPTS + 1):
        have = part.stat().st_size if part.exists() else 0
        if have:
            log(f"{file.name}: resuming at byte {have} of {file.size}")
        try:
            resumed = _append(file, part) or resumed
        except (OSError, http.client.HTTPException) as exc:  # dropped connection, timeout, 5xx
            if attempt == ATTEMPTS:
                raise DownloadError(f"{file.name}: download from {file.url} failed after {ATTEMPTS} tries: {exc}") from None
            time.sleep(0.2 * attempt)
            continue
        if part.stat().st_size >= file.size:
            break
    have = part.stat().st_size if part.exists() else 0
    if have < file.size:
        # Short but not wrong: keep the part so the next materialization resumes from it.
        raise DownloadError(f"{file.name}: {have} of {file.size} bytes from {file.url} after {ATTEMPTS} tries; "
                            "materialize again to resume")
    try:
        digest = verify(part, expected_sha256)
    except ChecksumError as exc:
        part.unlink(missing_ok=True)
        raise ChecksumError(str(exc).replace(str(part), str(path), 1)) from None
    part.replace(path)
    return Fetched(path, digest, path.stat().st_size - before, resumed or before > 0)


def download_month(month: RemoteMonth, folder: Path, log: Callable[[str], None] = print) -> list[Fetched]:
    """Every file of the month in ``folder`` (each verified), and its checksum file beside them."""
    folder.mkdir(parents=True, exist_ok=True)
    fetched = [fetch(f, month.sha256[name], folder, log) for name, f in sorted(month.files.items())]
    # Written last: a folder holding the checksum file holds a verified month.
    (folder / checksum_name(month.dump_id)).write_text(month.checksum_text, encoding="utf-8")
    return fetched
