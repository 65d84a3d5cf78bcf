"""Requests to the dump source: each one names the product and its version (``User-Agent``), and
a host that asks us to wait (429, or 503 with ``Retry-After``) ends the attempt with the time at
which it may be asked again. data.discogs.com answers 429 for the whole host after ~15 requests
in a few minutes and wants about an hour."""

from __future__ import annotations

import datetime as dt
import email.utils
import importlib.metadata
import urllib.error
import urllib.parse
import urllib.request
from http.client import HTTPResponse

PRODUCT = "discogs-cache-assets"
TIMEOUT = 60.0
# A 429 without Retry-After: the host's window, as observed, is about an hour.
DEFAULT_WAIT = dt.timedelta(hours=1)


class RateLimited(RuntimeError):
    """The host asked us not to come back before ``until``."""

    def __init__(self, url: str, status: int, until: dt.datetime) -> None:
        self.host = urllib.parse.urlsplit(url).netloc
        self.status = status
        self.until = until
        super().__init__(f"{self.host} answered HTTP {status} (too many requests): try again after {stamp(until)}")


class NotThere(RuntimeError):
    """404: the file is not (yet) published."""


def stamp(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M:%S UTC")


def user_agent() -> str:
    try:
        version = importlib.metadata.version(PRODUCT)
    except importlib.metadata.PackageNotFoundError:  # running from a plain checkout
        version = "unknown"
    return f"{PRODUCT}/{version}"


def retry_after(value: str | None, now: dt.datetime) -> dt.datetime | None:
    """``Retry-After`` (delay in seconds, or an HTTP date) as a moment; None when absent or unreadable."""
    if not value or not (value := value.strip()):
        return None
    if value.isdigit():
        return now + dt.timedelta(seconds=int(value))
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return when if when.tzinfo else when.replace(tzinfo=dt.UTC)


def open_url(url: str, headers: dict[str, str] | None = None) -> HTTPResponse:
    """The response to a GET; raises ``RateLimited`` or ``NotThere``, and lets other failures
    (refused or dropped connections, other HTTP errors) through as ``OSError`` for the caller to
    retry or report."""
    request = urllib.request.Request(url, headers={**(headers or {}), "User-Agent": user_agent()})
    try:
        return urllib.request.urlopen(request, timeout=TIMEOUT)
    except urllib.error.HTTPError as exc:
        now = dt.datetime.now(dt.UTC)
        until = retry_after(exc.headers.get("Retry-After"), now)
        exc.close()
        if exc.code == 429:
            raise RateLimited(url, exc.code, until or now + DEFAULT_WAIT) from None
        if exc.code == 503 and until is not None:
            raise RateLimited(url, exc.code, until) from None
        if exc.code == 404:
            raise NotThere(f"{url}: not there (HTTP 404)") from None
        raise


def get(url: str) -> bytes:
    with open_url(url) as response:
        return response.read()
