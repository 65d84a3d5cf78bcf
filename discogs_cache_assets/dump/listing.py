"""The Discogs dump listing: an S3 bucket (``ListBucketResult`` XML, listed per year with
``?prefix=data/YYYY/``) holding ``data/YYYY/discogs_YYYYMMDD_<kind>.xml.gz`` and each month's
``discogs_YYYYMMDD_CHECKSUM.txt``. A month is complete when its checksum file and every file
it names are listed; only complete months are ever offered for download."""

from __future__ import annotations

import datetime as dt
import re
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET
from dataclasses import dataclass

from discogs_cache_assets.dump.checksum import ChecksumError, checksum_name, parse_checksums

KEY = re.compile(r"(?:^|/)discogs_(\d{8})_(releases|artists|labels|masters|CHECKSUM)\.(?:xml\.gz|txt)$")
TIMEOUT = 60.0


class ListingError(RuntimeError):
    """The listing could not be read: one line naming the URL and what went wrong."""


@dataclass(frozen=True)
class RemoteFile:
    name: str  # file name, e.g. discogs_20261101_releases.xml.gz
    url: str
    size: int


@dataclass(frozen=True)
class RemoteMonth:
    dump_id: str
    files: dict[str, RemoteFile]  # file name -> file; the data files the checksum file names
    sha256: dict[str, str]  # file name -> published sha256
    checksum_text: str


def _get(url: str) -> bytes:
    try:
        with urllib.request.urlopen(url, timeout=TIMEOUT) as response:
            return response.read()
    except OSError as exc:  # URLError, HTTPError, timeouts, refused connections
        raise ListingError(f"{url}: {exc}") from None


def _strip_ns(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def list_keys(base_url: str, prefix: str) -> dict[str, int]:
    """Key -> size of every object under ``prefix`` (follows ``IsTruncated`` with ``marker``)."""
    base = base_url.rstrip("/") + "/"
    keys: dict[str, int] = {}
    marker = ""
    while True:
        query = {"prefix": prefix, **({"marker": marker} if marker else {})}
        url = base + "?" + urllib.parse.urlencode(query)
        try:
            root = ET.fromstring(_get(url))
        except ET.ParseError as exc:
            raise ListingError(f"{url}: not a bucket listing ({exc})") from None
        truncated = False
        for child in root:
            tag = _strip_ns(child.tag)
            if tag == "Contents":
                fields = {_strip_ns(f.tag): (f.text or "") for f in child}
                keys[fields.get("Key", "")] = int(fields.get("Size") or 0)
            elif tag == "IsTruncated":
                truncated = (child.text or "").strip() == "true"
        if not truncated or not keys or max(keys) == marker:
            return keys
        marker = max(keys)


def months_in(base_url: str, year: int) -> dict[str, dict[str, tuple[str, int]]]:
    """dump id -> file name -> (key, size) for one year's prefix."""
    found: dict[str, dict[str, tuple[str, int]]] = {}
    for key, size in list_keys(base_url, f"data/{year}/").items():
        if m := KEY.search(key):
            found.setdefault(m.group(1), {})[key.rsplit("/", 1)[-1]] = (key, size)
    return found


def complete_month(base_url: str, dump_id: str, listed: dict[str, tuple[str, int]]) -> RemoteMonth | None:
    """The month if its checksum file and every file it names are listed, else None."""
    name = checksum_name(dump_id)
    if name not in listed:
        return None
    base = base_url.rstrip("/") + "/"
    url = base + urllib.parse.quote(listed[name][0])
    try:
        text = _get(url).decode("utf-8")
        sums = parse_checksums(text, url)
    except (UnicodeDecodeError, ChecksumError) as exc:
        raise ListingError(f"{url}: unreadable checksum file ({exc})") from None
    # Only the dump kinds we read count, and each one the checksum file names must be listed:
    # the files of a month appear one by one while Discogs uploads them.
    wanted = {n: s for n, s in sums.items() if KEY.search(n) and not n.endswith(".txt")}
    if not any(n.endswith("_releases.xml.gz") for n in wanted) or any(n not in listed for n in wanted):
        return None
    files = {n: RemoteFile(n, base + urllib.parse.quote(listed[n][0]), listed[n][1]) for n in wanted}
    return RemoteMonth(dump_id, files, wanted, text)


def newest_month(base_url: str, dump_id: str = "", today: dt.date | None = None) -> RemoteMonth:
    """The requested month, or the newest complete one (this year's listing, then last year's)."""
    if dump_id:
        listed = months_in(base_url, int(dump_id[:4])).get(dump_id, {})
        if (month := complete_month(base_url, dump_id, listed)) is None:
            raise ListingError(f"{base_url}: dump {dump_id} is not (completely) listed")
        return month
    year = (today or dt.date.today()).year
    for y in (year, year - 1):
        months = months_in(base_url, y)
        for candidate in sorted(months, reverse=True):
            if month := complete_month(base_url, candidate, months[candidate]):
                return month
    raise ListingError(f"{base_url}: no complete month listed under data/{year - 1}/ or data/{year}/")
