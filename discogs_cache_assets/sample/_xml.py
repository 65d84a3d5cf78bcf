"""Escaping, normalisation and the threaded gzip writer used by the sample generator."""

from __future__ import annotations

import gzip
import queue
import re
import threading
import unicodedata
from pathlib import Path


def esc(text: str) -> str:
    """Escape character data. Quotes become &quot; (valid anywhere); CR becomes &#13; so it
    survives end-of-line normalisation; TAB and LF stay literal."""
    if "&" in text:
        text = text.replace("&", "&amp;")
    if "<" in text:
        text = text.replace("<", "&lt;")
    if ">" in text:
        text = text.replace(">", "&gt;")
    if '"' in text:
        text = text.replace('"', "&quot;")
    if "\r" in text:
        text = text.replace("\r", "&#13;")
    return text


def esc_attr(text: str) -> str:
    """Escape an attribute value; TAB/LF/CR as character references so parsers keep them."""
    text = esc(text)
    if "\t" in text or "\n" in text:
        text = text.replace("\t", "&#9;").replace("\n", "&#10;")
    return text


def norm(text: str) -> str:
    """The converter's v1 name normalisation (NFKD, drop marks, lowercase, trim)."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower().strip()


_DISAMBIGUATOR = re.compile(r"\s*\(\d+\)$")
_ARTICLE_LAST = re.compile(r"^(.*), (the|los|las|les|la|le|el|die|der|das)$")

COMPILATION_MARKERS = ("various", "soundtrack", "compilation", "v/a", "v.a.")


def fold(text: str) -> str:
    """A deliberately loose key (norm + prune-style artist folding + leading "the" dropped) used
    to keep invented names away from every curated or library name."""
    key = _DISAMBIGUATOR.sub("", norm(text))
    m = _ARTICLE_LAST.match(key)
    if m:
        key = f"{m.group(2)} {m.group(1)}"
    key = " ".join(key.replace("&", " and ").replace("'", "").split())
    return key[4:] if key.startswith("the ") else key


def is_compilation(name: str) -> bool:
    low = name.lower()
    return any(marker in low for marker in COMPILATION_MARKERS)


class GzipStream:
    """UTF-8 text → single-member gzip file, compressed on a background thread.

    zlib releases the GIL while deflating, so the producer keeps rendering XML on one core while
    the other compresses. The header carries no name and mtime 0, so output bytes depend only on
    the text and the level.
    """

    def __init__(self, path: Path, level: int = 1) -> None:
        self.path = path
        self.bytes_in = 0
        self._raw = open(path, "wb")  # noqa: SIM115 - closed in close()
        self._gz = gzip.GzipFile(filename="", mode="wb", compresslevel=level, fileobj=self._raw, mtime=0)
        self._queue: queue.Queue[bytes | None] = queue.Queue(maxsize=6)
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name=f"gzip:{path.name}", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while True:
            data = self._queue.get()
            if data is None:
                return
            if self._error is None:
                try:
                    self._gz.write(data)
                except BaseException as exc:  # noqa: BLE001 - re-raised on the producer side
                    self._error = exc

    def write(self, text: str) -> None:
        if self._error is not None:
            raise self._error
        data = text.encode("utf-8")
        self.bytes_in += len(data)
        self._queue.put(data)

    def close(self) -> None:
        self._queue.put(None)
        self._thread.join()
        try:
            if self._error is None:
                self._gz.close()
        finally:
            self._raw.close()
        if self._error is not None:
            raise self._error

    def __enter__(self) -> "GzipStream":
        return self

    def __exit__(self, *exc) -> None:
        self.close()
