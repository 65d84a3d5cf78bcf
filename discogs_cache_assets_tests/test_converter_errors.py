"""Bad input makes the converter fail loudly and cleanly: one `error: FILE: byte N: what` line on
stderr, exit status 1, and no CSV where the next step reads (nor a staging folder left behind)."""

from __future__ import annotations

import gzip
import os
import re
import subprocess
import time
from pathlib import Path

import pytest

from discogs_cache_assets.dump.binary import converter_path
from discogs_cache_assets_tests.conftest import require_shared
from discogs_cache_assets_tests.test_converter_conformance import V3, rel, run_converter, write_library

GOOD = rel(1, "Fine", ["Autechre"], tracks=2)


def body(*releases: str) -> bytes:
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<releases>\n' + "".join(releases) + "</releases>\n").encode()


def assert_clean_failure(tmp_path: Path, proc, name: str, what: str, byte: bool = True) -> str:  # noqa: ANN001
    assert proc.returncode == 1, proc.stderr
    lines = proc.stderr.strip().splitlines()
    errors = [line for line in lines if line.startswith("error:")]
    assert len(errors) == 1 and lines[-1] == errors[0], proc.stderr
    line = errors[0]
    assert name in line, line
    if byte:
        assert re.search(rf"{re.escape(name)}: byte \d+: ", line), line
    assert what in line, line
    out = tmp_path / "out"
    assert not list(out.glob("*.csv")) if out.exists() else True
    assert not [p for p in tmp_path.iterdir() if ".tmp-" in p.name], list(tmp_path.iterdir())
    return line


def convert(tmp_path: Path, path: Path, *extra: object):  # noqa: ANN201
    return run_converter(path, "--output-dir", tmp_path / "out", *extra, check=False)


def test_truncated_gzip(tmp_path: Path) -> None:
    data = gzip.compress(body(*[GOOD.replace('id="1"', f'id="{i}"') for i in range(1, 400)]))
    path = tmp_path / "releases.xml.gz"
    path.write_bytes(data[: len(data) // 2])
    assert_clean_failure(tmp_path, convert(tmp_path, path), "releases.xml.gz", "truncated gzip")


def test_corrupt_gzip(tmp_path: Path) -> None:
    data = bytearray(gzip.compress(body(GOOD) * 1))
    data[len(data) // 2] ^= 0xFF
    path = tmp_path / "releases.xml.gz"
    path.write_bytes(bytes(data))
    assert_clean_failure(tmp_path, convert(tmp_path, path), "releases.xml.gz", "gzip")


def test_multi_member_gzip_is_read_whole(tmp_path: Path) -> None:
    whole = body(GOOD, rel(2, "Second", ["B"]))
    cut = whole.index(b'<release id="2"')
    path = tmp_path / "releases.xml.gz"
    path.write_bytes(gzip.compress(whole[:cut]) + gzip.compress(whole[cut:]))
    proc = convert(tmp_path, path)
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "out" / "release.csv").read_text().count("\n") == 3


def test_gzip_detected_by_content_not_name(tmp_path: Path) -> None:
    (tmp_path / "a.xml").write_bytes(gzip.compress(body(GOOD)))
    (tmp_path / "b.XML.GZ").write_bytes(body(GOOD))
    for name in ("a.xml", "b.XML.GZ"):
        proc = run_converter(tmp_path / name, "--output-dir", tmp_path / name.replace(".", "_"), check=False)
        assert proc.returncode == 0, proc.stderr


@pytest.mark.parametrize(("xml", "what"), [
    (body(GOOD, '<release id="2"><artists><artist><name>X</name></artist></artists><title>a</titel></release>\n'),
     "malformed XML"),
    (body(GOOD, '<release id="2"><title>a &bogus; b</title><artists><artist><name>X</name></artist></artists>'
                "</release>\n"), "malformed XML"),
    (body(GOOD)[:-12], "not closed"),
    (body(GOOD) + b"<trailing/>", "after </releases>"),
    (b'<?xml version="1.0"?>\n<labels>\n</labels>\n', "wrong root element <labels>"),
])
def test_malformed_xml(tmp_path: Path, xml: bytes, what: str) -> None:
    path = tmp_path / "releases.xml"
    path.write_bytes(xml)
    proc = run_converter("build", path, "--data-dir", tmp_path / "out", "--xml-type", "releases", check=False)
    assert_clean_failure(tmp_path, proc, "releases.xml", what)


def test_malformed_release_fails_even_when_filtered_out(tmp_path: Path) -> None:
    bad = '<release id="2"><artists><artist><name>Nobody</name></artist></artists><notes>x</note></release>\n'
    path = tmp_path / "releases.xml"
    path.write_bytes(body(GOOD, bad))
    lib = write_library(tmp_path / "lib.txt", ["Autechre"])
    line = assert_clean_failure(tmp_path, convert(tmp_path, path, "--library-artists", lib), "releases.xml",
                                "malformed XML")
    offset = int(re.search(r"byte (\d+)", line).group(1))
    assert body(GOOD, bad)[offset:].startswith(b"</note>")


def test_wrong_root_element(tmp_path: Path) -> None:
    path = tmp_path / "releases.xml"
    path.write_bytes(b'<?xml version="1.0"?>\n<catalogue><item/></catalogue>\n')
    assert_clean_failure(tmp_path, convert(tmp_path, path), "releases.xml", "wrong root element <catalogue>")


def test_missing_file(tmp_path: Path) -> None:
    proc = convert(tmp_path, tmp_path / "nope.xml.gz")
    assert_clean_failure(tmp_path, proc, "nope.xml.gz", "cannot open", byte=False)


def test_invalid_utf8(tmp_path: Path) -> None:
    data = body(GOOD, rel(2, "Cafe!", ["X"])).replace(b"Cafe!", b"Caf\xe9")
    path = tmp_path / "releases.xml"
    path.write_bytes(data)
    line = assert_clean_failure(tmp_path, convert(tmp_path, path), "releases.xml", "invalid UTF-8")
    assert int(re.search(r"byte (\d+)", line).group(1)) == data.index(b"\xe9")


@pytest.mark.parametrize(("name", "data"), [
    ("releases.xml", b""),
    ("releases.xml", b"  \n"),
    ("releases.xml.gz", gzip.compress(b"")),
])
def test_empty_dump(tmp_path: Path, name: str, data: bytes) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    assert_clean_failure(tmp_path, convert(tmp_path, path), name, "empty input")


def test_failure_keeps_previous_output(tmp_path: Path) -> None:
    """A failed run leaves the output folder as it was: earlier CSVs are not replaced by partial ones."""
    fx = require_shared(*V3)
    out = tmp_path / "out"
    run_converter(fx / "releases_fixture.xml", "--output-dir", out)
    before = {p.name: p.read_bytes() for p in out.glob("*.csv")}
    bad = tmp_path / "bad.xml"
    bad.write_bytes(body(GOOD)[:-30])
    proc = run_converter(bad, "--output-dir", out, check=False)
    assert proc.returncode == 1
    assert {p.name: p.read_bytes() for p in out.glob("*.csv")} == before


def test_side_dump_errors(tmp_path: Path) -> None:
    fx = require_shared(*V3)
    d = tmp_path / "dump"
    d.mkdir()
    (d / "releases.xml").symlink_to(fx / "releases_fixture.xml")
    text = (fx / "artists_fixture.xml").read_bytes()
    (d / "artists.xml").write_bytes(text[: len(text) // 2])
    proc = run_converter(d, "--output-dir", tmp_path / "out", check=False)
    assert_clean_failure(tmp_path, proc, "artists.xml", "not closed")


BAD_ID_ARTIST = "Nobody Listed"


@pytest.mark.parametrize(("attrs", "what"), [
    ('id="12a"', 'release id "12a" is not a number'),
    ('id=""', 'release id "" is not a number'),
    ('', "<release> without an id attribute"),
    ('id="2147483648"', 'release id "2147483648" is out of range (1 to 2147483647)'),
    ('id="0"', 'release id "0" is out of range'),
])
@pytest.mark.parametrize("filtered", [False, True], ids=["kept", "filtered-out"])
def test_bad_release_id_fails_at_its_record(tmp_path: Path, attrs: str, what: str, filtered: bool) -> None:
    """Not release 0: several such releases would collapse into one id. Refused even when the
    library filter would drop the release."""
    bad = rel(5, "Bad", [BAD_ID_ARTIST if filtered else "Autechre"]).replace('id="5"', attrs)
    data = body(GOOD, bad, rel(3, "Other", ["Autechre"]))
    path = tmp_path / "releases.xml"
    path.write_bytes(data)
    lib = write_library(tmp_path / "lib.txt", ["Autechre"])
    line = assert_clean_failure(tmp_path, convert(tmp_path, path, "--library-artists", lib), "releases.xml", what)
    assert line.startswith(f"error: {path}: byte {data.index(bad.encode())}: {what}"), line


def month_dir(tmp_path: Path, files: dict[str, bytes]) -> Path:
    d = tmp_path / "dump"
    d.mkdir()
    for name, data in files.items():
        (d / name).write_bytes(data)
    return d


LABELS = b'<?xml version="1.0"?>\n<labels><label><id>1</id><name>L</name></label></labels>\n'


def test_releases_file_with_another_root_fails(tmp_path: Path) -> None:
    """A releases file holding something else is not a month without releases."""
    d = month_dir(tmp_path, {"discogs_20260801_releases.xml.gz": gzip.compress(LABELS),
                             "discogs_20260801_labels.xml": LABELS})
    line = assert_clean_failure(tmp_path, convert(tmp_path, d), "discogs_20260801_releases.xml.gz",
                                "wrong root element <labels>, expected <releases> (the file name says releases)")
    assert f"byte {LABELS.index(b'<labels>')}:" in line


def test_single_releases_file_with_another_root_fails(tmp_path: Path) -> None:
    path = tmp_path / "discogs_20260801_releases.xml"
    path.write_bytes(LABELS)
    assert_clean_failure(tmp_path, convert(tmp_path, path), path.name, "wrong root element <labels>, expected <releases>")


def test_directory_without_releases_fails(tmp_path: Path) -> None:
    d = month_dir(tmp_path, {"discogs_20260801_labels.xml": LABELS, "notes.xml": b"<notes/>"})
    proc = convert(tmp_path, d)
    line = assert_clean_failure(tmp_path, proc, str(d), "no releases dump", byte=False)
    assert line.startswith(f"error: {d}: no releases dump"), line
    assert "Skipping unrecognized XML file" in proc.stderr  # a file whose name claims nothing


def test_failed_month_leaves_earlier_csvs_untouched_and_adds_none(tmp_path: Path) -> None:
    out = tmp_path / "out"
    good = month_dir(tmp_path, {"discogs_20260701_releases.xml": body(GOOD)})
    assert convert(tmp_path, good).returncode == 0
    before = {p.name: p.read_bytes() for p in out.glob("*.csv")}
    bad = tmp_path / "next"
    bad.mkdir()
    (bad / "discogs_20260801_releases.xml").write_bytes(LABELS)
    (bad / "discogs_20260801_labels.xml").write_bytes(LABELS)
    assert convert(tmp_path, bad).returncode == 1
    assert {p.name: p.read_bytes() for p in out.glob("*.csv")} == before  # no label_hierarchy.csv added
    assert not [p for p in tmp_path.iterdir() if ".tmp-" in p.name]


DOCTYPE = b'<!DOCTYPE releases [<!ENTITY x "Autechre">]>\n'


@pytest.mark.parametrize(("name", "data", "marker", "xml_type"), [
    ("releases.xml", body(GOOD).replace(b"<releases>", DOCTYPE + b"<releases>"), b"<!DOCTYPE", None),
    ("releases.xml", body(GOOD).replace(b"<releases>", DOCTYPE + b"<releases>"), b"<!DOCTYPE", "releases"),
    ("releases.xml", body(GOOD, rel(2, "E", ["&x;"])).replace(b'"Accepted"><artists><artist><id>1</id><name>&x;',
                                                          b'"Accepted"><!ENTITY x "A"><artists><artist><id>1</id><name>&x;'),
     b"<!ENTITY", None),
    ("releases.xml", body(GOOD, rel(2, "E", ["Autechre"])).replace(b"<title>E", b"<!DOCTYPE r><title>E"),
     b"<!DOCTYPE", None),
    ("releases.xml", body(GOOD).replace(b"</releases>", b'<!ENTITY x "y">\n</releases>'), b"<!ENTITY", None),
    ("labels.xml", LABELS.replace(b"<labels>", DOCTYPE + b"<labels>"), b"<!DOCTYPE", "labels"),
    ("labels.xml", LABELS.replace(b"</labels>", b'<!ENTITY x "y"></labels>'), b"<!ENTITY", "labels"),
])
def test_declarations_are_refused_as_such(tmp_path: Path, name: str, data: bytes, marker: bytes,
                                          xml_type: str | None) -> None:
    path = tmp_path / name
    path.write_bytes(gzip.compress(data))
    extra = ("--xml-type", xml_type) if xml_type else ()
    proc = run_converter("build", path, "--data-dir", tmp_path / "out", *extra, check=False)
    what = "document type declaration <!DOCTYPE> refused" if marker == b"<!DOCTYPE" else "entity definition <!ENTITY> refused"
    line = assert_clean_failure(tmp_path, proc, name, what)
    assert f": byte {data.index(marker)}: " in line, line


def test_staging_folder_of_a_killed_converter_is_removed_by_the_next_run(tmp_path: Path) -> None:
    """Killed while its staging folder holds partial CSVs (it waits on a FIFO that is never
    written), the converter leaves `<out>.tmp-<pid>`; the next run into that folder removes it."""
    fifo = tmp_path / "releases.fifo"
    os.mkfifo(fifo)
    out = tmp_path / "csv" / "20260801"
    proc = subprocess.Popen([str(converter_path()), "build", str(fifo), "--data-dir", str(out), "--xml-type", "releases"],
                            stderr=subprocess.DEVNULL)
    staging = tmp_path / "csv" / f"20260801.tmp-{proc.pid}"
    deadline = time.monotonic() + 30
    while not (staging / "release.csv").exists() and time.monotonic() < deadline:
        time.sleep(0.02)
    proc.kill()
    proc.wait()
    assert (staging / "release.csv").exists()
    path = tmp_path / "releases.xml"
    path.write_bytes(body(GOOD))
    run_converter(path, "--output-dir", out)
    assert not staging.exists()
    assert sorted(p.name for p in (tmp_path / "csv").iterdir()) == ["20260801"]
