"""data.discogs.com's listing: one HTML page per folder (``?prefix=data%2F2026%2F``), a ``<pre>``
whose rows read ``2026-07-01 19:16:59   10.4 GB   <a href="?download=data%2F2026%2F<name>">…</a>``.
Read with the standard library's HTML parser: every link carrying ``download=`` is a file, and
the text of its row (a line of the ``<pre>``, or a table row) gives its date and its size, which
the page rounds ("10.4 GB")."""

from __future__ import annotations

import re
import urllib.parse
from html.parser import HTMLParser

from discogs_cache_assets.dump.remote import ListedFile

_SIZE = re.compile(r"(?<![\d.:-])(\d+(?:\.\d+)?)\s*([KMGTP]?)i?B\b", re.IGNORECASE)
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(?::\d{2})?")
_UNITS = "KMGTP"
_ROW_TAGS = {"tr", "li", "br", "p", "div", "pre", "table", "tbody"}


def parse_size(number: str, unit: str) -> int:
    """ "469.6", "MB" -> bytes (the page's units are powers of 1024)."""
    power = _UNITS.index(unit.upper()) + 1 if unit else 0
    return round(float(number) * 1024**power)


class _Rows(HTMLParser):
    """Rows of the page: the download keys linked in each, and the row's text outside links."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.rows: list[tuple[list[str], str]] = []
        self._keys: list[str] = []
        self._text: list[str] = []
        self._in_link = False

    def _end_row(self) -> None:
        if self._keys:
            self.rows.append((self._keys, "".join(self._text)))
        self._keys, self._text = [], []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _ROW_TAGS:
            self._end_row()
        elif tag != "a":
            self._text.append(" ")  # cells of a table row: keep "19:16:59" apart from "10.4 GB"
        else:
            self._in_link = True
            query = urllib.parse.urlsplit(dict(attrs).get("href") or "").query
            self._keys.extend(urllib.parse.parse_qs(query).get("download", []))

    def handle_endtag(self, tag: str) -> None:
        if tag == "a":
            self._in_link = False
        elif tag in _ROW_TAGS:
            self._end_row()

    def handle_data(self, data: str) -> None:
        if self._in_link:  # the file name shown; the href is what counts
            return
        first, *lines = data.split("\n")
        self._text.append(first)
        for line in lines:  # inside <pre>, a newline ends the row
            self._end_row()
            self._text.append(line)

    def close(self) -> None:
        super().close()
        self._end_row()


def parse_html_listing(html: str) -> list[ListedFile]:
    """Every file the page links for download, with the date and size shown on its row."""
    rows = _Rows()
    rows.feed(html)
    rows.close()
    files = []
    for keys, text in rows.rows:
        size = _SIZE.search(text) if len(keys) == 1 else None
        date = _DATE.search(text) if len(keys) == 1 else None
        for key in keys:
            files.append(ListedFile(
                key=key.lstrip("/"),
                size=parse_size(*size.groups()) if size else None,
                modified=date.group(0) if date else "",
            ))
    return files
