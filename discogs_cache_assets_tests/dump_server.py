"""A small Discogs dump listing on 127.0.0.1: S3-style ``ListBucketResult`` for ``?prefix=``,
files under ``data/YYYY/`` with HTTP Range support, and responses that can be cut half-way."""

from __future__ import annotations

import datetime as dt
import hashlib
import shutil
import threading
import urllib.parse
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from xml.sax.saxutils import escape

from discogs_cache_assets.dump.checksum import checksum_name
from discogs_cache_assets.dump.files import find_dumps
from discogs_cache_assets.sample import generate_sample, minimum_releases

NS = "http://s3.amazonaws.com/doc/2006-03-01/"
# Two months of this year: the listing is searched from the current year back.
YEAR = dt.date.today().year
OLD, NEW = f"{YEAR}0101", f"{YEAR}0201"


def add_month(sample: Path, folder: Path, dump_id: str) -> None:
    """Copy the sample's month OLD into ``folder`` as month ``dump_id``."""
    folder.mkdir(parents=True, exist_ok=True)
    for path in sample.glob(f"discogs_{OLD}_*"):
        shutil.copy(path, folder / path.name.replace(OLD, dump_id))


def two_months(folder: Path) -> Path:
    """A small sample dump as months OLD and NEW (same content), with its library."""
    generate_sample(folder, releases=minimum_releases(), dump_date=OLD)
    add_month(folder, folder, NEW)
    return folder


@dataclass
class Bucket:
    root: Path  # holds data/YYYY/<files>
    url: str = ""
    cut: dict[str, int] = field(default_factory=dict)  # file name -> responses still to cut half-way
    requests: list[tuple[str, str]] = field(default_factory=list)  # (file name, Range header)

    def publish(self, folder: Path, dump_id: str, *, corrupt: str = "", checksum: bool = True) -> None:
        """Copy one month of ``folder`` into the bucket with its checksum file; ``corrupt``
        (a kind) flips a byte of that file after its checksum was taken."""
        (month,) = [d for d in find_dumps(folder) if d.dump_id == dump_id]
        target = self.root / "data" / dump_id[:4]
        target.mkdir(parents=True, exist_ok=True)
        lines = []
        for kind, path in sorted(month.files.items()):
            data = path.read_bytes()
            lines.append(f"{hashlib.sha256(data).hexdigest()}  {path.name}\n")
            if kind == corrupt:
                data = data[:100] + bytes([data[100] ^ 0xFF]) + data[101:]
            (target / path.name).write_bytes(data)
        if checksum:
            (target / checksum_name(dump_id)).write_text("".join(lines))

    def listing(self, prefix: str) -> bytes:
        items = []
        for path in sorted(self.root.rglob("*")):
            key = path.relative_to(self.root).as_posix()
            if path.is_file() and key.startswith(prefix):
                items.append(f"<Contents><Key>{escape(key)}</Key><Size>{path.stat().st_size}</Size></Contents>")
        body = f'<?xml version="1.0" encoding="UTF-8"?><ListBucketResult xmlns="{NS}"><Name>dumps</Name>' \
               f"<Prefix>{escape(prefix)}</Prefix><IsTruncated>false</IsTruncated>{''.join(items)}</ListBucketResult>"
        return body.encode()


def _handler(bucket: Bucket) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:  # keep test output quiet
            pass

        def _send(self, status: int, body: bytes, headers: dict[str, str], cut: bool = False) -> None:
            self.send_response(status)
            for k, v in {**headers, "Content-Length": str(len(body))}.items():
                self.send_header(k, v)
            self.end_headers()
            # A cut response promises the whole body and closes the connection half-way.
            self.wfile.write(body[: len(body) // 2] if cut else body)
            if cut:
                self.close_connection = True

        def do_GET(self) -> None:  # noqa: N802
            parsed = urllib.parse.urlparse(self.path)
            key = urllib.parse.unquote(parsed.path.lstrip("/"))
            if not key:
                prefix = urllib.parse.parse_qs(parsed.query).get("prefix", [""])[0]
                return self._send(200, bucket.listing(prefix), {"Content-Type": "application/xml"})
            path = bucket.root / key
            if not path.is_file():
                return self._send(404, b"NoSuchKey", {})
            data = path.read_bytes()
            name = path.name
            bucket.requests.append((name, self.headers.get("Range", "")))
            cut = bucket.cut.get(name, 0) > 0
            if cut:
                bucket.cut[name] -= 1
            if rng := self.headers.get("Range"):
                start = int(rng.removeprefix("bytes=").split("-")[0])
                if start >= len(data):
                    return self._send(416, b"", {"Content-Range": f"bytes */{len(data)}"})
                headers = {"Content-Range": f"bytes {start}-{len(data) - 1}/{len(data)}"}
                return self._send(206, data[start:], headers, cut)
            return self._send(200, data, {}, cut)

    return Handler


@contextmanager
def serve_bucket(root: Path) -> Iterator[Bucket]:
    bucket = Bucket(root)
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(bucket))
    bucket.url = f"http://127.0.0.1:{server.server_address[1]}/"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield bucket
    finally:
        server.shutdown()
        server.server_close()
        shutil.rmtree(root, ignore_errors=True)
