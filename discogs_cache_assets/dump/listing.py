"""The dump source's listing, one folder per year (``?prefix=data/YYYY/``): data.discogs.com's
HTML pages with ``?download=`` file URLs, or an S3-style XML listing (a mirror) whose files are
under the base URL; told apart by what the server answers. A month is complete when its
checksum file is there and every file it names is listed; only complete months are offered."""

from __future__ import annotations

import datetime as dt
import urllib.parse
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field

from discogs_cache_assets.dump import http
from discogs_cache_assets.dump.checksum import ChecksumError, checksum_name, parse_checksums, sums_digest
from discogs_cache_assets.dump.listing_html import parse_html_listing
from discogs_cache_assets.dump.listing_s3 import is_s3_listing, parse_s3_listing
from discogs_cache_assets.dump.remote import NAME, ListedFile, RemoteFile, RemoteMonth, checksum_key, month_key

HTML, S3 = "html", "s3"


class ListingError(RuntimeError):
    """The listing or a checksum file could not be read: one line naming the URL."""


class Incomplete(ListingError):
    """The month's checksum file names files that are not listed (yet)."""


def _get(url: str) -> bytes:
    try:
        return http.get(url)
    except (OSError, http.NotThere) as exc:  # refused, dropped, timeouts, HTTP errors
        raise ListingError(f"{url}: {exc}") from None


@dataclass(frozen=True)
class Listing:
    base_url: str
    style: str  # HTML (data.discogs.com) or S3 (a mirror)
    files: dict[str, ListedFile] = field(default_factory=dict)  # file name -> file

    def url(self, key: str) -> str:
        base = self.base_url.rstrip("/") + "/"
        if self.style == HTML:
            return base + "?download=" + urllib.parse.quote(key, safe="")
        return base + urllib.parse.quote(key)

    def checksummed(self) -> list[str]:
        """Dump ids whose checksum file is listed, newest first."""
        ids = {m.group(1) for n in self.files if (m := NAME.match(n)) and m.group(2) == "CHECKSUM"}
        return sorted(ids, reverse=True)


def list_folder(base_url: str, prefix: str) -> Listing:
    """Everything listed under ``prefix``: one request (an S3 listing may take more pages)."""
    base = base_url.rstrip("/") + "/"
    files: dict[str, ListedFile] = {}
    marker = ""
    while True:
        url = base + "?" + urllib.parse.urlencode({"prefix": prefix, **({"marker": marker} if marker else {})})
        body = _get(url)
        if not is_s3_listing(body):
            found = parse_html_listing(body.decode("utf-8", errors="replace"))
            return Listing(base_url, HTML, {f.name: f for f in found if f.key.startswith(prefix)})
        try:
            page = parse_s3_listing(body)
        except ET.ParseError as exc:
            raise ListingError(f"{url}: not a bucket listing ({exc})") from None
        files.update({f.name: f for f in page.files if f.key.startswith(prefix)})
        last = max((f.key for f in page.files), default="")
        if not page.truncated or not last or last == marker:
            return Listing(base_url, S3, files)
        marker = last


def list_year(base_url: str, year: int) -> Listing:
    return list_folder(base_url, f"data/{year}/")


def read_month(listing: Listing, dump_id: str) -> RemoteMonth:
    """The month, once its checksum file is read (one request to the URL its deterministic name
    gives) and every file it names is listed; raises ``Incomplete`` while one is missing."""
    url = listing.url(checksum_key(dump_id))
    try:
        text = _get(url).decode("utf-8")
        sums = parse_checksums(text, url)
    except (UnicodeDecodeError, ChecksumError) as exc:
        raise ListingError(f"{url}: unreadable checksum file ({exc})") from None
    # Only the dump files count; each must be listed: a month's files appear one by one.
    wanted = {n: s for n, s in sums.items() if (m := NAME.match(n)) and m.group(2) != "CHECKSUM"}
    if missing := sorted(n for n in wanted if n not in listing.files):
        raise Incomplete(f"dump {dump_id}: {', '.join(missing)} (named by its checksum file) not listed yet")
    if not any(n.endswith("_releases.xml.gz") for n in wanted):
        raise Incomplete(f"{url}: names no releases file")
    files = {n: RemoteFile(n, listing.url(month_key(dump_id) + n), listing.files[n].size) for n in wanted}
    return RemoteMonth(dump_id, files, wanted, text, sums_digest(sums))


def newest_month(base_url: str, dump_id: str = "", today: dt.date | None = None) -> RemoteMonth:
    """The requested month, or the newest complete one (this year's listing, then last year's)."""
    if dump_id:
        listing = list_year(base_url, int(dump_id[:4]))
        if checksum_name(dump_id) not in listing.files:
            raise Incomplete(f"{base_url}: dump {dump_id} is not listed (no {checksum_name(dump_id)} yet)")
        return read_month(listing, dump_id)
    year = (today or dt.date.today()).year
    for y in (year, year - 1):
        listing = list_year(base_url, y)
        for candidate in listing.checksummed():
            try:
                return read_month(listing, candidate)
            except Incomplete:
                continue
    raise ListingError(f"{base_url}: no complete month listed under data/{year - 1}/ or data/{year}/")
