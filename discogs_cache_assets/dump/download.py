"""Downloading one month of the dump, one file at a time, into ``<file>.part``: resumed with HTTP
Range where the server honours it, started over where it answers 200 with the whole file (as
data.discogs.com does); verified against the published sha256 and renamed into place only then."""

from __future__ import annotations

import fcntl
import http.client
import time
import urllib.error
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from discogs_cache_assets.dump import http as dump_http
from discogs_cache_assets.dump.checksum import ChecksumError, checksum_name, sha256_of, verify
from discogs_cache_assets.dump.remote import RemoteFile, RemoteMonth

CHUNK = 1 << 20
ATTEMPTS = 3  # per file: the first try and two more after a dropped connection
LOCK_FILE = ".download.lock"


class DownloadError(RuntimeError):
    """A file could not be fetched: one line naming the file and the URL."""


@dataclass(frozen=True)
class Fetched:
    path: Path
    sha256: str
    downloaded: int  # bytes transferred by this call (0 when the file was already there)
    resumed: bool  # continued a partial file with a Range request
    restarted: bool  # a partial file was started over: the server ignored Range


@dataclass(frozen=True)
class _Try:
    complete: bool  # got as many bytes as the response announced
    resumed: bool
    restarted: bool


def _transfer(file: RemoteFile, part: Path, log: Callable[[str], None]) -> _Try:
    """One request for the rest of ``file`` into ``part``."""
    start = part.stat().st_size if part.exists() else 0
    try:
        response = dump_http.open_url(file.url, {"Range": f"bytes={start}-"} if start else {})
    except urllib.error.HTTPError as exc:
        if exc.code == 416 and start:  # nothing left to send: the part is already whole
            return _Try(True, True, False)
        raise
    with response:
        resumed = start > 0 and response.status == 206
        if start and not resumed:
            log(f"{file.name}: the server ignored the Range request (HTTP {response.status}, the whole file): "
                f"starting over from byte 0 instead of {start}")
        length = response.headers.get("Content-Length")
        expected = int(length) + (start if resumed else 0) if length and length.isdigit() else None
        with part.open("ab" if resumed else "wb") as out:
            while chunk := response.read(CHUNK):
                out.write(chunk)
    # A connection cut before Content-Length bytes ends the read quietly: compare.
    return _Try(expected is None or part.stat().st_size >= expected, resumed, start > 0 and not resumed)


def fetch(file: RemoteFile, expected_sha256: str, folder: Path, log: Callable[[str], None] = print) -> Fetched:
    """``folder/<name>`` verified against ``expected_sha256``; continues a ``.part`` left by an
    interrupted earlier try. A mismatch removes the bad bytes and raises ``ChecksumError``; a
    host that asks us to wait raises ``http.RateLimited`` and keeps the part."""
    path = folder / file.name
    if path.is_file():
        if sha256_of(path) == expected_sha256:
            return Fetched(path, expected_sha256, 0, False, False)
        path.unlink()  # a stale (replaced upstream) or damaged copy: never pass it on
    part = path.with_name(path.name + ".part")
    before = part.stat().st_size if part.exists() else 0
    resumed, restarted, complete = False, False, False
    for attempt in range(1, ATTEMPTS + 1):
        if part.exists() and (have := part.stat().st_size):
            log(f"{file.name}: continuing at byte {have}")
        try:
            result = _transfer(file, part, log)
        except dump_http.NotThere:
            raise DownloadError(f"{file.name}: {file.url} answers 404 although the month lists it") from None
        except (OSError, http.client.HTTPException) as exc:  # dropped connection, timeout, 5xx
            if attempt == ATTEMPTS:
                raise DownloadError(f"{file.name}: download from {file.url} failed after {ATTEMPTS} tries: {exc}") from None
            time.sleep(0.2 * attempt)
            continue
        resumed, restarted = resumed or result.resumed, restarted or result.restarted
        if complete := result.complete:
            break
    if not complete:
        # Short but not wrong: keep the part so the next materialization continues from it.
        have = part.stat().st_size if part.exists() else 0
        raise DownloadError(f"{file.name}: only {have} bytes from {file.url} after {ATTEMPTS} tries; "
                            "materialize again to continue")
    try:
        digest = verify(part, expected_sha256)
    except ChecksumError as exc:
        part.unlink(missing_ok=True)
        raise ChecksumError(str(exc).replace(str(part), str(path), 1)) from None
    part.replace(path)
    size = path.stat().st_size
    return Fetched(path, digest, size if restarted else size - before, resumed, restarted)


@contextmanager
def one_download(folder: Path) -> Iterator[None]:
    """Only one download into ``folder`` at a time (the host throttles parallel ones, and two
    writers of one ``.part`` would corrupt it)."""
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / LOCK_FILE).open("w") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise DownloadError(f"{folder}: another download into this folder is running") from None
        yield


def download_month(month: RemoteMonth, folder: Path, log: Callable[[str], None] = print) -> list[Fetched]:
    """Every file of the month in ``folder`` (each verified), and its checksum file beside them."""
    with one_download(folder):
        fetched = [fetch(f, month.sha256[name], folder, log) for name, f in sorted(month.files.items())]
        # Written last: a folder holding the checksum file holds a verified month.
        (folder / checksum_name(month.dump_id)).write_text(month.checksum_text, encoding="utf-8")
    return fetched
