"""discogs_dump against a host on 127.0.0.1 that behaves as data.discogs.com does today: HTML
listing, ``?download=`` URLs, Range ignored, 429/503 with Retry-After, rounded sizes; and the
listing and checksum readers on the page shapes that host writes."""


import datetime as dt
import email.utils
from pathlib import Path

import pytest

from discogs_cache_assets.dump.checksum import parse_checksums, sums_digest
from discogs_cache_assets.dump.download import one_download
from discogs_cache_assets.dump.http import user_agent
from discogs_cache_assets.dump.listing import Incomplete, newest_month
from discogs_cache_assets.dump.listing_html import parse_html_listing
from discogs_cache_assets_tests.dump_server import NEW, OLD, YEAR, failure, materialize_dump, serve_discogs, two_months
from discogs_cache_assets_tests.graph import metadata

# A year page as data.discogs.com writes it (rows of a <pre>; sizes rounded).
YEAR_PAGE = """<!DOCTYPE html>
<html>
<body>
<pre>
Last Modified                   Size           Name
-----------------------------------------------------------------------------------------------
                                               <a href="?prefix=data%2F">../</a>
2026-07-01 19:17:09             388 B          <a href="?download=data%2F2026%2Fdiscogs_20260701_CHECKSUM.txt">discogs_20260701_CHECKSUM.txt</a>
2026-07-01 15:10:27             469.6 MB       <a href="?download=data%2F2026%2Fdiscogs_20260701_artists.xml.gz">discogs_20260701_artists.xml.gz</a>
2026-07-01 19:16:59             10.4 GB        <a href="?download=data%2F2026%2Fdiscogs_20260701_releases.xml.gz">discogs_20260701_releases.xml.gz</a>
</pre>
</body>
</html>
"""


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return two_months(tmp_path_factory.mktemp("sample"))


@pytest.fixture
def host(tmp_path: Path):  # noqa: ANN201
    with serve_discogs(tmp_path / "host") as served:
        yield served


def test_the_html_listing_gives_keys_dates_and_sizes() -> None:
    files = {f.name: f for f in parse_html_listing(YEAR_PAGE)}
    assert sorted(files) == [f"discogs_20260701_{k}" for k in ("CHECKSUM.txt", "artists.xml.gz", "releases.xml.gz")]
    releases = files["discogs_20260701_releases.xml.gz"]
    assert releases.key == "data/2026/discogs_20260701_releases.xml.gz" and releases.modified == "2026-07-01 19:16:59"
    assert releases.size == round(10.4 * 2**30) and files["discogs_20260701_CHECKSUM.txt"].size == 388


def test_checksum_lines_with_one_or_two_spaces_in_any_order_are_the_same_month() -> None:
    a, b = "a" * 64, "b" * 64
    discogs = parse_checksums(f"{b} discogs_1_releases.xml.gz\n{a} discogs_1_artists.xml.gz\n", "x")
    sha256sum = parse_checksums(f"{a}  discogs_1_artists.xml.gz\r\n{b}  discogs_1_releases.xml.gz\r\n", "x")
    assert discogs == sha256sum and sums_digest(discogs) == sums_digest(sha256sum)


def test_download_from_a_host_that_ignores_range(host, sample, tmp_path) -> None:  # noqa: ANN001
    host.publish(sample, OLD)
    host.publish(sample, NEW)
    releases = f"discogs_{NEW}_releases.xml.gz"
    host.cut[releases] = 1  # the first response stops half-way
    result = materialize_dump(host.url, tmp_path)
    assert result.success
    md = metadata(result, "discogs_dump")
    assert md["dump_id"] == NEW and md["verified"] and md["range_ignored"] and not md["resumed"]
    assert md["restarted_files"] == releases
    size = (sample / releases).stat().st_size
    # The second request asked for the rest; the host sent the whole file again, which replaced the half.
    assert [h.range for h in host.hits if h.target == releases] == ["", f"bytes={size // 2}-"]
    assert (tmp_path / "downloads" / releases).read_bytes() == (sample / releases).read_bytes()
    assert md["downloaded_bytes"] == sum(p.stat().st_size for p in sample.glob(f"discogs_{NEW}_*"))
    # One listing, the constructed checksum URL, five downloads; never HEAD; always our name.
    assert host.hits[0].target == f"listing data/{YEAR}/" and host.hits[1].target == f"discogs_{NEW}_CHECKSUM.txt"
    assert len(host.hits) == 2 + 4 + 1
    assert {(h.method, h.agent) for h in host.hits} == {("GET", user_agent())}
    assert user_agent().startswith("discogs-cache-assets/") and user_agent() != "discogs-cache-assets/unknown"
    assert md["space_needed_bytes"] > md["bytes"]  # the files and, estimated, their CSVs


def test_a_429_ends_the_attempt_with_when_to_try_again(host, sample, tmp_path) -> None:  # noqa: ANN001
    host.publish(sample, NEW)
    host.allowed = 3  # the listing, the checksum file, one file; then the whole host says 429
    started = dt.datetime.now(dt.UTC)
    result = materialize_dump(host.url, tmp_path)
    message = failure(result)
    assert not result.success and "\n" not in message
    until = dt.datetime.strptime(message.rsplit("try again after ", 1)[1], "%Y-%m-%d %H:%M:%S UTC")
    assert dt.timedelta(minutes=59) < until.replace(tzinfo=dt.UTC) - started < dt.timedelta(minutes=61)
    assert message.startswith("127.0.0.1:") and "HTTP 429" in message
    assert len(host.hits) == 4  # no retry against a host that asked us to wait


def test_a_503_with_an_http_date_names_that_date(host, sample, tmp_path) -> None:  # noqa: ANN001
    host.publish(sample, NEW)
    when = dt.datetime(YEAR + 1, 3, 4, 5, 6, 7, tzinfo=dt.UTC)
    host.allowed, host.limit_status, host.retry_after = 0, 503, email.utils.format_datetime(when, usegmt=True)
    message = failure(materialize_dump(host.url, tmp_path))
    assert message.endswith(f"HTTP 503 (too many requests): try again after {YEAR + 1}-03-04 05:06:07 UTC")


def test_no_room_fails_before_any_file_is_downloaded(host, sample, tmp_path) -> None:  # noqa: ANN001
    host.publish(sample, NEW)
    host.shown[f"discogs_{NEW}_releases.xml.gz"] = "9000.0 TB"  # what the listing says it weighs
    message = failure(materialize_dump(host.url, tmp_path))
    assert "\n" not in message and f"dump {NEW} needs ~" in message and " GiB free" in message
    assert "of dump files to download and ~" in message and "CSVs (estimated at 50% of the dump's size)" in message
    assert [h.target for h in host.hits] == [f"listing data/{YEAR}/", f"discogs_{NEW}_CHECKSUM.txt"]


def test_a_month_is_offered_only_once_every_file_its_checksum_names_is_listed(host, sample, tmp_path) -> None:  # noqa: ANN001
    host.publish(sample, OLD)
    host.publish(sample, NEW)
    (host.root / "data" / str(YEAR) / f"discogs_{NEW}_labels.xml.gz").unlink()  # named, not there
    assert newest_month(host.url).dump_id == OLD
    with pytest.raises(Incomplete, match=f"dump {NEW}: discogs_{NEW}_labels.xml.gz .* not listed yet"):
        newest_month(host.url, NEW)
    message = failure(materialize_dump(host.url, tmp_path, NEW))
    assert message == f"dump {NEW}: discogs_{NEW}_labels.xml.gz (named by its checksum file) not listed yet"


def test_one_download_into_a_folder_at_a_time(host, sample, tmp_path) -> None:  # noqa: ANN001
    host.publish(sample, NEW)
    with one_download(tmp_path / "downloads"):  # another run is downloading there
        message = failure(materialize_dump(host.url, tmp_path))
    assert message == f"{tmp_path / 'downloads'}: another download into this folder is running"
    assert not [h for h in host.hits if h.target.endswith(".xml.gz")]
    assert materialize_dump(host.url, tmp_path).success
