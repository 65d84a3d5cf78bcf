"""A Discogs dump source on 127.0.0.1, in either of two shapes:

* ``serve_discogs``: as data.discogs.com behaves today: an HTML page per folder
  (``?prefix=data%2F2026%2F``, dates and rounded sizes in a ``<pre>``), files at
  ``?download=data%2F2026%2F<name>``, ``Range`` ignored (200 and the whole file), no
  Content-Length on HEAD, and 429 with ``Retry-After`` for the whole host once too many requests
  came; checksum files with one space per line, in no stable order;
* ``serve_bucket``: an S3-style mirror: ``ListBucketResult`` XML, files under ``data/YYYY/``, Range
  honoured.

Either can cut responses half-way, and records every request it was sent."""

from __future__ import annotations

import datetime as dt
import hashlib
import html
import shutil
import threading
import urllib.parse
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from xml.sax.saxutils import escape

import dagster as dg

from discogs_cache_assets.assets.dump import discogs_dump
from discogs_cache_assets.dump.checksum import checksum_name
from discogs_cache_assets.dump.files import find_dumps
from discogs_cache_assets.dump.resource import DumpResource
from discogs_cache_assets.resources import Workspace
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


def shown_size(size: int) -> str:
    """As data.discogs.com shows sizes: "388 B", "469.6 MB"."""
    for unit in ("B", "KB", "MB", "GB", "TB"):
        if size < 1024 or unit == "TB":
            return f"{size} B" if unit == "B" else f"{size:.1f} {unit}"
        size /= 1024  # type: ignore[assignment]
    raise AssertionError


@dataclass(frozen=True)
class Hit:
    method: str
    target: str  # a file name, or "listing <prefix>"
    range: str
    agent: str
    status: int


@dataclass
class Bucket:
    root: Path  # holds data/YYYY/<files>
    style: str = "s3"  # "s3" or "html"
    url: str = ""
    cut: dict[str, int] = field(default_factory=dict)  # file name -> responses still to cut half-way
    hits: list[Hit] = field(default_factory=list)
    # Rate limiting of the whole host: after ``allowed`` requests, every request is answered
    # ``limit_status`` with ``Retry-After: retry_after`` (None: no limit).
    allowed: int | None = None
    limit_status: int = 429
    retry_after: str = "3600"
    shown: dict[str, str] = field(default_factory=dict)  # file name -> size the listing shows instead
    modified: dict[str, dt.datetime] = field(default_factory=dict)  # file name -> upload time
    clock: dt.datetime = field(default_factory=lambda: dt.datetime(YEAR, 1, 1, 8, 0, 0))

    @property
    def requests(self) -> list[tuple[str, str]]:
        """(file name, Range header) of every file request."""
        return [(h.target, h.range) for h in self.hits if not h.target.startswith("listing ")]

    def _upload(self, name: str, data: bytes) -> None:
        target = self.root / "data" / name.split("_")[1][:4]
        target.mkdir(parents=True, exist_ok=True)
        (target / name).write_bytes(data)
        self.clock += dt.timedelta(minutes=7)  # uploads of one month take hours, not microseconds
        self.modified[name] = self.clock

    def write_checksum(self, dump_id: str) -> None:
        """The month's checksum file over its files as they are now: one space per line (as
        Discogs writes them), in reverse order (no stable order either)."""
        folder = self.root / "data" / dump_id[:4]
        lines = [f"{hashlib.sha256(p.read_bytes()).hexdigest()} {p.name}\n"
                 for p in sorted(folder.glob(f"discogs_{dump_id}_*.xml.gz"), reverse=True)]
        self._upload(checksum_name(dump_id), "".join(lines).encode())

    def publish(self, folder: Path, dump_id: str, *, corrupt: str = "", checksum: bool = True) -> None:
        """Upload one month of ``folder``, then (unless ``checksum`` is False) its checksum file,
        last; ``corrupt`` (a kind) flips a byte of that file after its checksum was taken."""
        (month,) = [d for d in find_dumps(folder) if d.dump_id == dump_id]
        sums = {}
        for kind, path in sorted(month.files.items()):
            data = path.read_bytes()
            sums[path.name] = hashlib.sha256(data).hexdigest()
            if kind == corrupt:
                data = data[:100] + bytes([data[100] ^ 0xFF]) + data[101:]
            self._upload(path.name, data)
        if checksum:
            lines = [f"{h} {n}\n" for n, h in sorted(sums.items(), reverse=True)]
            self._upload(checksum_name(dump_id), "".join(lines).encode())

    def replace(self, dump_id: str, kind: str, data: bytes) -> None:
        """Re-upload one file of a published month, then its checksum file, a day later."""
        self.clock += dt.timedelta(days=1)
        self._upload(f"discogs_{dump_id}_{kind}.xml.gz", data)
        self.write_checksum(dump_id)

    def _files(self, prefix: str) -> list[tuple[str, Path]]:
        return [(p.relative_to(self.root).as_posix(), p) for p in sorted(self.root.rglob("*"))
                if p.is_file() and p.relative_to(self.root).as_posix().startswith(prefix)]

    def s3_listing(self, prefix: str) -> bytes:
        items = "".join(
            f"<Contents><Key>{escape(key)}</Key><LastModified>{self.modified[p.name].isoformat()}Z</LastModified>"
            f"<Size>{p.stat().st_size}</Size></Contents>"
            for key, p in self._files(prefix)
        )
        body = f'<?xml version="1.0" encoding="UTF-8"?><ListBucketResult xmlns="{NS}"><Name>dumps</Name>' \
               f"<Prefix>{escape(prefix)}</Prefix><IsTruncated>false</IsTruncated>{items}</ListBucketResult>"
        return body.encode()

    def html_listing(self, prefix: str) -> bytes:
        rows = []
        if not prefix:
            years = sorted({key.split("/")[1] for key, _ in self._files("data/")})
            rows = [f"{'':32}{'-':15}<a href=\"?prefix=data%2F{y}%2F\">{y}/</a>" for y in years]
        else:
            rows.append(f"{'':47}<a href=\"?prefix=data%2F\">../</a>")
            for key, path in self._files(prefix):
                size = self.shown.get(path.name) or shown_size(path.stat().st_size)
                href = "?download=" + urllib.parse.quote(key, safe="")
                rows.append(f"{self.modified[path.name]:%Y-%m-%d %H:%M:%S}{'':13}{size:<15}"
                            f'<a href="{html.escape(href)}">{html.escape(path.name)}</a>')
        body = "<!DOCTYPE html>\n<html>\n<body>\n<pre>\nLast Modified                   Size           Name\n" \
               + "-" * 95 + "\n" + "\n".join(rows) + "\n</pre>\n</body>\n</html>\n"
        return body.encode()


def _handler(bucket: Bucket) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args: object) -> None:  # keep test output quiet
            pass

        def _send(self, status: int, body: bytes, headers: dict[str, str], cut: bool = False, head: bool = False) -> None:
            self.send_response(status)
            sized = {} if head else {"Content-Length": str(len(body))}  # as the real host: none on HEAD
            for k, v in {**headers, **sized}.items():
                self.send_header(k, v)
            if cut:
                self.send_header("Connection", "close")
            self.end_headers()
            if head:
                return
            # A cut response promises the whole body and closes the connection half-way.
            self.wfile.write(body[: len(body) // 2] if cut else body)
            if cut:
                self.close_connection = True

        def _target(self) -> tuple[str, Path | None]:
            parsed = urllib.parse.urlparse(self.path)
            query = urllib.parse.parse_qs(parsed.query)
            key = urllib.parse.unquote(parsed.path.lstrip("/"))
            if bucket.style == "html":
                key = query.get("download", [""])[0]
            if not key:
                return "listing " + query.get("prefix", [""])[0], None
            return key.rsplit("/", 1)[-1], bucket.root / key

        def _answer(self, head: bool) -> None:
            target, path = self._target()
            limited = bucket.allowed is not None and len(bucket.hits) >= bucket.allowed
            status = bucket.limit_status if limited else 200
            if not limited and path is not None and not path.is_file():
                status = 404
            bucket.hits.append(Hit(self.command, target, self.headers.get("Range", ""),
                                   self.headers.get("User-Agent", ""), status))
            if limited:
                return self._send(status, b"You are making requests too quickly.", {"Retry-After": bucket.retry_after})
            if path is None:
                prefix = target.removeprefix("listing ")
                if bucket.style == "html":
                    return self._send(200, bucket.html_listing(prefix), {"Content-Type": "text/html"}, head=head)
                return self._send(200, bucket.s3_listing(prefix), {"Content-Type": "application/xml"}, head=head)
            if status == 404:
                return self._send(404, b"NoSuchKey", {})
            data = path.read_bytes()
            cut = bucket.cut.get(target, 0) > 0 and not head
            if cut:
                bucket.cut[target] -= 1
            if (rng := self.headers.get("Range")) and bucket.style == "s3":
                start = int(rng.removeprefix("bytes=").split("-")[0])
                if start >= len(data):
                    return self._send(416, b"", {"Content-Range": f"bytes */{len(data)}"})
                headers = {"Content-Range": f"bytes {start}-{len(data) - 1}/{len(data)}"}
                return self._send(206, data[start:], headers, cut)
            return self._send(200, data, {}, cut, head)

        def do_GET(self) -> None:  # noqa: N802
            self._answer(head=False)

        def do_HEAD(self) -> None:  # noqa: N802
            self._answer(head=True)

    return Handler


@contextmanager
def serve_bucket(root: Path, style: str = "s3") -> Iterator[Bucket]:
    bucket = Bucket(root, style)
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


def serve_discogs(root: Path) -> AbstractContextManager[Bucket]:
    """A source behaving as data.discogs.com does (see the module's description)."""
    return serve_bucket(root, style="html")


def materialize_dump(url: str, tmp_path: Path, dump_id: str = "", instance: dg.DagsterInstance | None = None,
                     ) -> dg.ExecuteInProcessResult:
    """discogs_dump from the source at ``url`` into ``tmp_path/downloads``."""
    resources = {
        "dump": DumpResource(listing_url=url, dump_dir=str(tmp_path / "downloads")),
        "workspace": Workspace(home=str(tmp_path / "home")),
    }
    return dg.materialize(
        [discogs_dump], resources=resources, instance=instance, raise_on_error=False,
        run_config={"ops": {"discogs_dump": {"config": {"dump_id": dump_id}}}},
    )


def failure(result: dg.ExecuteInProcessResult) -> str:
    """The one step failure's message."""
    (failed,) = [e for e in result.all_events if e.is_step_failure]
    return failed.step_failure_data.user_failure_data.description
