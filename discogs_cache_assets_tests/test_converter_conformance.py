"""The Rust converter against the reference implementation's fixtures: the real binary, run the way
the pipeline runs it. Expected CSVs are compared as sorted rows with byte-exact fields; when the
expected file has fewer columns than ours (appended columns), ours are projected by header name.
"""

from __future__ import annotations

import csv
import gzip
import os
import sqlite3
import subprocess
from pathlib import Path

import pytest

from discogs_cache_assets.dump.binary import converter_path
from discogs_cache_assets_tests.conftest import require_shared

V3 = ("converter", "tests", "fixtures")
V1 = ("converter", "legacy-initial", "tests", "fixtures")
RELEASE_FILES = ["release", "release_artist", "release_label", "release_track", "release_track_artist",
                 "release_image"]
V3_LIBRARY = ["Autechre", "Father John Misty", "Nilüfer Yanya", "Duke Ellington & John Coltrane", "The Field"]
NINE = {"1001", "1002", "1003", "3001", "4001", "2001", "2002", "6001", "9002"}
# Release 9001 is credited "Field, The" (in the legacy fixture "Beatles, The"); the reference kept
# nine releases because it compared names folded but otherwise as typed. Names compare by identity
# key now, so the library's "The Field" / "The Beatles" keeps it: ten releases, the reference's
# expected rows for each.
TEN = NINE | {"9001"}


def run_converter(*args: object, env: dict[str, str] | None = None,
                  check: bool = True) -> subprocess.CompletedProcess[str]:
    proc = subprocess.run([str(converter_path()), *map(str, args)], capture_output=True, text=True,
                          env={**os.environ, **(env or {})}, timeout=300)
    if check and proc.returncode != 0:
        raise AssertionError(f"converter exited {proc.returncode}: {proc.stderr}")
    return proc


def read_csv(path: Path) -> tuple[list[str], list[list[str]]]:
    with path.open(newline="", encoding="utf-8") as fh:
        rows = list(csv.reader(fh))
    return rows[0], rows[1:]


def ids(out: Path) -> set[str]:
    return {r[0] for r in read_csv(out / "release.csv")[1]}


def assert_matches_expected(out: Path, expected_dir: Path, keep: set[str] | None = None,
                            exact_header: bool = False) -> None:
    """Every expected file equals ours as sorted rows (restricted to `keep` release ids)."""
    for name in RELEASE_FILES:
        exp_header, exp_rows = read_csv(expected_dir / f"{name}.csv")
        header, rows = read_csv(out / f"{name}.csv")
        if exact_header:
            assert header == exp_header, name
        missing = [c for c in exp_header if c not in header]
        assert not missing, f"{name}.csv lacks columns {missing}"
        cols = [header.index(c) for c in exp_header]
        ours = sorted([r[i] for i in cols] for r in rows)
        want = sorted(r for r in exp_rows if keep is None or r[0] in keep)
        assert ours == want, name


def write_library(path: Path, names: list[str]) -> Path:
    path.write_text("\n".join(names) + "\n", encoding="utf-8")
    return path


def dump_dir(tmp_path: Path, *files: Path, extra: dict[str, str] | None = None) -> Path:
    d = tmp_path / "dump"
    d.mkdir()
    for f in files:
        (d / f.name).symlink_to(f)
    for name, text in (extra or {}).items():
        (d / name).write_text(text, encoding="utf-8")
    return d


ALIAS_ARTISTS = """<?xml version="1.0" encoding="UTF-8"?>
<artists><artist><id>8</id><name>{name}</name><namevariations><name>{alias}</name></namevariations></artist></artists>
"""


# ----- v3 data ---------------------------------------------------------------------------------

@pytest.mark.parametrize("fixture", ["releases_fixture.xml", "releases_fixture.xml.gz"])
def test_v3_fixture_without_filter(tmp_path: Path, fixture: str) -> None:
    fx = require_shared(*V3)
    run_converter(fx / fixture, "--output-dir", tmp_path / "out")
    assert len(ids(tmp_path / "out")) == 16
    assert_matches_expected(tmp_path / "out", fx / "expected")


def test_v3_build_shape_and_appended_columns(tmp_path: Path) -> None:
    fx = require_shared(*V3)
    run_converter("build", fx / "releases_fixture.xml", "--data-dir", tmp_path / "out")
    out = tmp_path / "out"
    assert_matches_expected(out, fx / "expected")
    header, rows = read_csv(out / "release_label.csv")
    assert header == ["release_id", "label", "catno", "label_id"]
    header, rows = read_csv(out / "release.csv")
    assert header[-1] == "format_descriptions"
    assert dict((r[0], r[-1]) for r in rows)["1002"] == '12", 33 \u2153 RPM, Album'
    for name, count in {"release_genre": 2, "release_style": 2, "release_company": 1, "release_video": 0}.items():
        assert len(read_csv(out / f"{name}.csv")[1]) == count, name


def test_v3_filter_single_file(tmp_path: Path) -> None:
    fx = require_shared(*V3)
    lib = write_library(tmp_path / "lib.txt", V3_LIBRARY)
    run_converter(fx / "releases_fixture.xml", "--output-dir", tmp_path / "out", "--library-artists", lib)
    assert ids(tmp_path / "out") == TEN
    assert not (tmp_path / "out" / "artist_alias.csv").exists()
    assert_matches_expected(tmp_path / "out", fx / "expected", keep=TEN)


def test_v3_filter_with_alias_from_artists_dump(tmp_path: Path) -> None:
    """The library files The Field under a name only its alias has: kept through the artist id."""
    fx = require_shared(*V3)
    lib = write_library(tmp_path / "lib.txt", [*V3_LIBRARY[:-1], "Kompakt Fieldworks"])
    run_converter(fx / "releases_fixture.xml", "--output-dir", tmp_path / "single", "--library-artists", lib)
    assert ids(tmp_path / "single") == NINE
    d = dump_dir(tmp_path, fx / "releases_fixture.xml",
                 extra={"artists.xml": ALIAS_ARTISTS.format(name="Field, The", alias="Kompakt Fieldworks (2)")})
    run_converter(d, "--output-dir", tmp_path / "out", "--library-artists", lib)
    assert ids(tmp_path / "out") == TEN
    assert_matches_expected(tmp_path / "out", fx / "expected", keep=TEN)


def test_directory_with_side_dumps(tmp_path: Path) -> None:
    fx = require_shared(*V3)
    d = dump_dir(tmp_path, *(fx / f for f in ["releases_fixture.xml", "artists_fixture.xml",
                                              "labels_fixture.xml", "masters_fixture.xml"]))
    run_converter(d, "--output-dir", tmp_path / "out")
    out = tmp_path / "out"
    assert len(ids(out)) == 16
    counts = {"artist": 2, "artist_alias": 2, "artist_name_variation": 6, "artist_member": 3, "artist_url": 2,
              "label_hierarchy": 4, "master": 5, "master_artist": 6}
    for name, n in counts.items():
        assert len(read_csv(out / f"{name}.csv")[1]) == n, name
    profile = {r[0]: r[2] for r in read_csv(out / "artist.csv")[1]}["300"]
    assert "1987.\r\nThe duo consists of Sean Booth & Rob Brown." in profile
    masters = {r[0]: r for r in read_csv(out / "master.csv")[1]}
    assert masters["500"] == ["500", "Pequena Vertigem de Amor", "", ""]
    assert masters["300"][1] == "Duke Ellington & John Coltrane"


def test_directory_with_releases_only(tmp_path: Path) -> None:
    fx = require_shared(*V3)
    d = dump_dir(tmp_path, fx / "releases_fixture.xml.gz")
    run_converter(d, "--output-dir", tmp_path / "out")
    assert len(ids(tmp_path / "out")) == 16
    assert not (tmp_path / "out" / "artist_alias.csv").exists()


@pytest.mark.parametrize(("side", "files"), [
    ("artists_fixture.xml", {"artist", "artist_alias", "artist_name_variation", "artist_member", "artist_url"}),
    ("labels_fixture.xml", {"label_hierarchy"}),
    ("masters_fixture.xml", {"master", "master_artist"}),
])
def test_single_side_dump(tmp_path: Path, side: str, files: set[str]) -> None:
    fx = require_shared(*V3)
    run_converter("build", fx / side, "--data-dir", tmp_path / "out")
    assert {p.stem for p in (tmp_path / "out").glob("*.csv")} == files


@pytest.mark.parametrize("limit", [3, 5])
def test_limit(tmp_path: Path, limit: int) -> None:
    fx = require_shared(*V3)
    run_converter(fx / "releases_fixture.xml", "--output-dir", tmp_path / "out", "--limit", limit)
    assert len(ids(tmp_path / "out")) == limit


def test_multi_release_skips_release_without_artists(tmp_path: Path) -> None:
    fx = require_shared(*V3)
    proc = run_converter(fx / "multi_release.xml", "--output-dir", tmp_path / "out")
    assert ids(tmp_path / "out") == {"1002", "4001", "5002", "6001", "9002", "2001"}
    assert "1 skipped (no artists)" in proc.stderr
    videos = read_csv(tmp_path / "out" / "release_video.csv")[1]
    assert videos == [["2001", "1", "https://www.youtube.com/watch?v=selfclose1", "", "209", "false"]]


def test_single_release_details(tmp_path: Path) -> None:
    fx = require_shared(*V3)
    run_converter(fx / "single_release.xml", "--output-dir", tmp_path / "out")
    out = tmp_path / "out"
    assert read_csv(out / "release_company.csv")[1] == [
        ["1001", "271046", "The Globe Studios", "23", "Recorded At"],
        ["1001", "56025", "Abbey Road Studios", "23", "Mixed At"]]
    assert [r[4] for r in read_csv(out / "release_video.csv")[1]] == ["325", "175"]
    assert len(read_csv(out / "release_style.csv")[1]) == 3
    assert read_csv(out / "release_artist.csv")[1][1][5] == "2"  # one position counter


def test_library_db_pair_filter(tmp_path: Path) -> None:
    """The reference's pair filter result on its fixture. Ours compares names by identity key and
    titles by title key (not the reference's folded text), also through aliases, alternate names,
    joined credits and titles spelt another way (test_identity.py); none of that changes the
    reference's answer here: "Amber" is Autechre's, but the library files it under another artist."""
    fx = require_shared(*V3)
    db = tmp_path / "library.db"
    with sqlite3.connect(db) as conn:
        conn.execute("CREATE TABLE library (artist TEXT, title TEXT)")
        conn.executemany("INSERT INTO library VALUES (?, ?)",
                         [("Autechre", "Confield"), ("Nilüfer Yanya", "PAINLESS"), ("Wrong Artist", "Amber")])
    run_converter("build", fx / "releases_fixture.xml", "--data-dir", tmp_path / "out", "--library-db", db)
    assert ids(tmp_path / "out") == {"1001", "1002", "1003", "6001"}


def test_library_db_unopenable_names_it(tmp_path: Path) -> None:
    fx = require_shared(*V3)
    proc = run_converter("build", fx / "releases_fixture.xml", "--data-dir", tmp_path / "out",
                         "--library-db", tmp_path / "nope" / "library.db", check=False)
    assert proc.returncode == 1
    assert "library.db" in proc.stderr


# ----- v1 ("legacy-initial") data --------------------------------------------------------------

@pytest.mark.parametrize("fixture", ["releases_fixture.xml", "releases_fixture.xml.gz"])
def test_legacy_columns_byte_exact_fields(tmp_path: Path, fixture: str) -> None:
    fx = require_shared(*V1)
    run_converter(fx / fixture, "--output-dir", tmp_path / "out", "--legacy-columns")
    assert {p.stem for p in (tmp_path / "out").glob("*.csv")} == set(RELEASE_FILES)
    assert_matches_expected(tmp_path / "out", fx / "expected", exact_header=True)


def test_legacy_filter_ten(tmp_path: Path) -> None:
    fx = require_shared(*V1)
    run_converter(fx / "releases_fixture.xml", "--output-dir", tmp_path / "out", "--legacy-columns",
                  "--library-artists", fx / "library_artists.txt")
    assert ids(tmp_path / "out") == TEN
    assert_matches_expected(tmp_path / "out", fx / "expected", keep=TEN, exact_header=True)


def test_legacy_filter_ten_with_alias(tmp_path: Path) -> None:
    """The library lists The Beatles only under an alias: kept through the artist id."""
    fx = require_shared(*V1)
    names = [n for n in (fx / "library_artists.txt").read_text(encoding="utf-8").splitlines() if n != "The Beatles"]
    lib = write_library(tmp_path / "lib.txt", [*names, "Fab Four"])
    run_converter(fx / "releases_fixture.xml", "--output-dir", tmp_path / "single", "--legacy-columns",
                  "--library-artists", lib)
    assert ids(tmp_path / "single") == NINE
    d = dump_dir(tmp_path, fx / "releases_fixture.xml",
                 extra={"artists.xml": ALIAS_ARTISTS.format(name="Beatles, The", alias="The Fab Four")})
    run_converter(d, "--output-dir", tmp_path / "out", "--legacy-columns", "--library-artists", lib)
    assert ids(tmp_path / "out") == TEN


# ----- behaviour that no fixture covers --------------------------------------------------------

def rel(rid: int, title: str, artists: list[str], tracks: int = 0, extra: str = "") -> str:
    credits = "".join(f"<artist><id>{i + 1}</id><name>{a}</name></artist>" for i, a in enumerate(artists))
    tl = "".join(f"<track><position>{t}</position><title>T{t}</title></track>" for t in range(1, tracks + 1))
    return (f'<release id="{rid}" status="Accepted"><artists>{credits}</artists><title>{title}</title>'
            f"<tracklist>{tl}</tracklist>{extra}</release>\n")


def write_dump(path: Path, *releases: str) -> Path:
    body = '<?xml version="1.0" encoding="UTF-8"?>\n<releases>\n' + "".join(releases) + "</releases>\n"
    if path.suffix == ".gz":
        path.write_bytes(gzip.compress(body.encode()))
    else:
        path.write_text(body, encoding="utf-8")
    return path


def test_keep_list(tmp_path: Path) -> None:
    dump = write_dump(tmp_path / "r.xml", rel(1, "A", ["Juana Molina"]), rel(2, "B", ["Other"], tracks=2),
                      rel(3, "C", ["Third"], tracks=1))
    keep = tmp_path / "keep.txt"
    keep.write_text("# keep\n2\n\n")
    lib = write_library(tmp_path / "lib.txt", ["Juana Molina"])
    proc = run_converter("build", dump, "--data-dir", tmp_path / "out", "--library-artists", lib,
                         "--keep-release-ids", keep)
    assert ids(tmp_path / "out") == {"1", "2"}
    assert [r[0] for r in read_csv(tmp_path / "out" / "release_track.csv")[1]] == ["2", "2"]
    assert "1 kept via --keep-release-ids allowlist" in proc.stderr
    keep.write_text("2\n-5\n")
    bad = run_converter("build", dump, "--data-dir", tmp_path / "out2", "--library-artists", lib,
                        "--keep-release-ids", keep, check=False)
    assert bad.returncode == 1 and "line 2" in bad.stderr


def test_duplicate_release_ids_first_wins(tmp_path: Path) -> None:
    dump = write_dump(tmp_path / "r.xml", rel(1, "First", ["A"]), rel(1, "Second", ["B"]))
    proc = run_converter(dump, "--output-dir", tmp_path / "out")
    assert read_csv(tmp_path / "out" / "release.csv")[1][0][2] == "First"
    assert [r[2] for r in read_csv(tmp_path / "out" / "release_artist.csv")[1]] == ["A"]
    assert "Skipping duplicate release id=1" in proc.stderr
    assert "1 duplicate ids skipped" in proc.stderr


def test_release_with_1200_artists(tmp_path: Path) -> None:
    dump = write_dump(tmp_path / "r.xml", rel(7, "Big", [f"Artist {i}" for i in range(1200)]))
    run_converter(dump, "--output-dir", tmp_path / "out")
    assert len(read_csv(tmp_path / "out" / "release.csv")[1]) == 1
    assert len(read_csv(tmp_path / "out" / "release_artist.csv")[1]) == 1200


def test_charset_round_trip(tmp_path: Path) -> None:
    titles = ["Sigur Rós – Ágætis byrjun", "東京事変", "Ελληνικά ς", "עברית", "🎶 emoji 𝄞", "a\u0301 combining",
              "tab\there", 'quote " and, comma', "line\nbreak"]
    escaped = [t.replace("&", "&amp;").replace("<", "&lt;") for t in titles]
    entity = "&amp; &lt; &gt; &quot; &apos; &#38; &#x26;"
    dump = write_dump(tmp_path / "r.xml", *(rel(i + 1, t, ["X"]) for i, t in enumerate([*escaped, entity])))
    run_converter(dump, "--output-dir", tmp_path / "out")
    got = [r[2] for r in read_csv(tmp_path / "out" / "release.csv")[1]]
    assert got == [*titles, "& < > \" ' & &"]


def test_compilation_titles(tmp_path: Path) -> None:
    dump = write_dump(tmp_path / "r.xml", rel(1, "Hits Of 1999", ["Various"]),
                      rel(2, "Hits Of 1999", ["Various", "Somebody"]), rel(3, "Other Hits", ["Various Artists"]),
                      rel(4, "Hits of 1999", ["V/A"]), rel(5, "Mine", ["Juana Molina"]))
    titles = tmp_path / "titles.txt"
    titles.write_text("hits of 1999\n")
    lib = write_library(tmp_path / "lib.txt", ["Juana Molina"])
    run_converter(dump, "--output-dir", tmp_path / "out", "--library-artists", lib, "--compilation-titles", titles)
    assert ids(tmp_path / "out") == {"1", "4", "5"}
    assert "--compilation-titles" in run_converter(dump, "--help").stdout


def test_compilation_rule_is_the_librarys(tmp_path: Path) -> None:
    """The converter keeps a compilation exactly when the library side calls its artist one."""
    from discogs_cache_assets_tests.test_library_normalize import COMPILATIONS, NOT_COMPILATIONS

    names = [*COMPILATIONS, *NOT_COMPILATIONS]
    dump = write_dump(tmp_path / "r.xml", *(rel(i + 1, "Hits Of 1999", [n]) for i, n in enumerate(names)))
    titles = tmp_path / "titles.txt"
    titles.write_text("hits of 1999\n")
    lib = write_library(tmp_path / "lib.txt", ["Juana Molina"])
    run_converter(dump, "--output-dir", tmp_path / "out", "--library-artists", lib, "--compilation-titles", titles)
    assert ids(tmp_path / "out") == {str(i + 1) for i in range(len(COMPILATIONS))}


def test_sample_dump_counts_and_thread_independence(tmp_path: Path) -> None:
    """The generated sample's documented filter counts, and identical bytes for any thread count."""
    from discogs_cache_assets.sample._xml import is_compilation
    from discogs_cache_assets.sample import generate_sample

    info = generate_sample(tmp_path / "s", releases=2500, seed=3)
    with sqlite3.connect(info.library_db) as conn:
        names = sorted({a for (a,) in conn.execute("SELECT artist FROM library") if a and not is_compilation(a)})
    lib = write_library(tmp_path / "lib.txt", names)
    d = dump_dir(tmp_path, info.releases_path, info.artists_path, info.labels_path, info.masters_path)
    outs = []
    for threads in (1, 3):
        out = tmp_path / f"out{threads}"
        run_converter(d, "--output-dir", out, "--library-artists", lib, "--threads", threads)
        outs.append(out)
    assert len(ids(outs[0])) == info.kept_by_artist_or_alias
    for f in sorted(outs[0].glob("*.csv")):
        assert f.read_bytes() == (outs[1] / f.name).read_bytes(), f.name
    single = tmp_path / "single"
    run_converter(info.releases_path, "--output-dir", single, "--library-artists", lib)
    assert len(ids(single)) == info.kept_by_artist
    run_converter("build", info.releases_path, "--data-dir", tmp_path / "pairs", "--library-db", info.library_db)
    assert len(ids(tmp_path / "pairs")) == info.kept_by_pair


# ----- command line ----------------------------------------------------------------------------

def test_cli_shapes_and_exit_codes(tmp_path: Path) -> None:
    fx = require_shared(*V3)
    top = run_converter("--help")
    assert top.stdout.startswith("Convert Discogs XML") and "build" in top.stdout and "import" in top.stdout
    assert all(f in run_converter("build", "--help").stdout for f in ["--data-dir", "--state-file", "--resume"])
    assert run_converter("--version").stdout.strip() == "discogs-xml-converter 0.1.0"
    assert run_converter(check=False).returncode == 2
    assert run_converter(fx / "releases_fixture.xml", check=False).returncode == 2  # flat: no --output-dir
    assert run_converter("build", fx / "releases_fixture.xml", "--xml-type", "bogus", check=False).returncode == 2
    both = run_converter("build", fx / "releases_fixture.xml", "--library-artists", "a", "--library-db", "b",
                         check=False)
    assert both.returncode == 2
    imp = run_converter("import", fx / "releases_fixture.xml", "--database-url", "postgres://x", check=False)
    assert imp.returncode == 2 and "not supported" in imp.stderr
    flat_db = run_converter(fx / "releases_fixture.xml", "--output-dir", tmp_path / "o", "--database-url", "x",
                            check=False)
    assert flat_db.returncode == 2 and "not supported" in flat_db.stderr
    dep = run_converter("build", fx / "releases_fixture.xml", "--output-dir", tmp_path / "dep")
    assert "warning: --output-dir is deprecated; use --data-dir" in dep.stderr
    assert len(ids(tmp_path / "dep")) == 16
    assert dep.stdout == ""
