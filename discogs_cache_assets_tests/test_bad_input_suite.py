"""Bad input of every kind a user can cause (dumps, libraries, label files, CSV sets, settings,
faults), each against one published cache built once for the module. Each run fails with one
line naming the file (or the setting, or the database) and where, or succeeds where the import
policy says so; the published cache stays as it was; the password in DATABASE_URL reaches no
event and no output. Each case runs only the steps it needs."""

from __future__ import annotations

import gzip
import hashlib
import re
import sqlite3
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import dagster as dg
import psycopg
import pytest
from psycopg.conninfo import make_conninfo

from discogs_cache_assets.dump.binary import ENV_VAR
from discogs_cache_assets.dump.resource import DumpResource
from discogs_cache_assets_tests.cli import cli_env, materialize
from discogs_cache_assets_tests.conftest import _drop_database, _new_database
from discogs_cache_assets_tests.csvsets import KEPT, write_csv_set, write_library
from discogs_cache_assets_tests.graph import build, graph_resources, metadata, published_rows
from discogs_cache_assets_tests.test_cache_bad_input import CASES as CSV_CASES
from discogs_cache_assets_tests.test_connection_secrets import SECRET, password_forms
from discogs_cache_assets_tests.test_converter_failures import BAD, GOOD, MONTH, NOT_PIPES, month

DUMP = ["library_db", "library_artists", "discogs_dump", "filtered_csvs"]
LIBRARY = ["library_db", "library_artists"]
LABELS = ["library_db", "library_labels"]
HIERARCHY = ["discogs_dump", "filtered_csvs", "label_hierarchy"]
CSVS = ["discogs_dump", "filtered_csvs", "label_hierarchy", "cache_schema", "release_tables"]
DATABASE = ["cache_schema"]
HIERARCHY_HEADER = "label_id,label_name,parent_label_id,parent_label_name\n"
LABELS_HEADER = "artist_name,release_title,label_name\n"


@dataclass
class World:
    """The module's database with its published cache, and what each case starts from."""

    server: str
    url: str  # the module's database, with SECRET as its password (the server trusts us anyway)
    plain: str  # the same, for reading
    instance: dg.DagsterInstance
    csvs: Path  # a good CSV set
    library_db: Path
    weak_role: str  # may log in, may create nothing
    published: dict[str, list[tuple]] = field(default_factory=dict)

    def resources(self, tmp: Path, **override: object) -> dict[str, object]:
        args = {"pg_url": self.url, "home": tmp / "home", "csv_dir": self.csvs, "library_db": self.library_db}
        return graph_resources(**{**args, **override})

    def url_as(self, **params: str) -> str:
        return make_conninfo(self.url, **params)


@pytest.fixture(scope="module")
def world(pg_server: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    name, plain = _new_database(pg_server)
    root = tmp_path_factory.mktemp("bad-input")
    weak = "weak_" + uuid.uuid4().hex[:8]
    with psycopg.connect(pg_server, autocommit=True) as conn:
        conn.execute(f'CREATE ROLE "{weak}" LOGIN')
    try:
        with dg.instance_for_test() as instance:
            w = World(pg_server, password_forms(plain)["keywords"], plain, instance,
                      write_csv_set(root / "good"), write_library(root / "library.db"), weak)
            build(instance, w.resources(root))
            w.published = published_rows(plain)
            assert [r[0] for r in w.published["release"]] == KEPT
            yield w
    finally:
        _drop_database(pg_server, name)
        with psycopg.connect(pg_server, autocommit=True) as conn:
            conn.execute(f'DROP ROLE IF EXISTS "{weak}"')


@dataclass(frozen=True)
class Bad:
    resources: dict[str, object]
    select: list[str]
    expect: str  # a regular expression the failure's one line must match from its start
    succeeds: Callable[[dg.ExecuteInProcessResult], None] | None = None  # the documented success instead
    cleanup: Callable[[], None] = lambda: None


Make = Callable[[World, Path, pytest.MonkeyPatch], Bad]
CASES: dict[str, Make] = {}


def case(name: str) -> Callable[[Make], Make]:
    def register(make: Make) -> Make:
        CASES[name] = make
        return make

    return register


def at(path: Path | str, where: str) -> str:
    return re.escape(str(path)) + where


# --- dumps: the converter's own line, or the dump step's -----------------------------------


Edit = Callable[[bytes], bytes]


def dump_run(w: World, tmp: Path, releases: str = GOOD, edit: Edit | None = None, gz: bool = False) -> tuple[dict, Path]:
    """A complete local month (with artists, labels and masters) whose releases file holds
    ``releases`` (its bytes then changed by ``edit``); the library has its one artist."""
    dump, path, _ = month(tmp, releases)
    if edit is not None:
        data = edit(path.read_bytes())
        if gz:
            path.unlink()
            path = path.with_name(path.name + ".gz")
        path.write_bytes(data)
    resources = w.resources(tmp, library_db=write_library(tmp / "lib.db", [("Lib Band", "Alpha")]))
    resources["dump"] = DumpResource(dump_dir=str(dump))
    return resources, path


def converter_case(name: str, what: str, releases: str = GOOD, edit: Edit | None = None, gz: bool = False) -> None:
    def make(w: World, tmp: Path, env: pytest.MonkeyPatch) -> Bad:
        resources, path = dump_run(w, tmp, releases, edit, gz)
        return Bad(resources, DUMP, at(path, r": byte \d+: .*") + what)

    CASES[name] = make


LIB = "<artists><artist><id>10</id><name>Lib Band</name></artist></artists>"
DOCTYPE = b'<!DOCTYPE releases [<!ENTITY x "y">]>\n'
converter_case("dump: malformed XML", "malformed XML", GOOD + f'<release id="2">{LIB}<title>a</titel></release>\n')
converter_case("dump: release id not a number", re.escape('release id "1x" is not a number'), GOOD + BAD)
converter_case("dump: release without an id", "without an id attribute", GOOD + f"<release>{LIB}<title>B</title></release>")
converter_case("dump: release id out of range", "out of range", GOOD.replace('id="1"', 'id="2147483648"'))
MANY = "".join(GOOD.replace('id="1"', f'id="{i}"') for i in range(1, 300))
converter_case("dump: another root element", "wrong root element <labels>, expected <releases>",
               edit=lambda _: b"<labels><label><id>1</id><name>L</name></label></labels>\n")
converter_case("dump: document type declaration", "document type declaration <!DOCTYPE> refused",
               edit=lambda d: DOCTYPE + d)
converter_case("dump: entity definition", "entity definition <!ENTITY> refused",
               edit=lambda d: d.replace(b"</releases>", b'<!ENTITY x "y"></releases>'))
converter_case("dump: invalid UTF-8", "invalid UTF-8", edit=lambda d: d.replace(b"Alpha", b"Alph\xe9"))
converter_case("dump: truncated gzip", "truncated gzip", MANY, lambda d: gzip.compress(d)[: len(gzip.compress(d)) // 2], True)
converter_case("dump: content after the root", re.escape("after </releases>"), edit=lambda d: d + b"<x/>")


@case("dump: empty file")
def _(w: World, tmp: Path, env: pytest.MonkeyPatch) -> Bad:
    resources, path = dump_run(w, tmp, edit=lambda _: b"")
    return Bad(resources, DUMP, at(path, ": .*empty input"))


@case("dump: a releases file without a release")
def _(w: World, tmp: Path, env: pytest.MonkeyPatch) -> Bad:
    resources, path = dump_run(w, tmp, releases="")
    return Bad(resources, DUMP, at(path, re.escape(": an empty releases dump (no <release> in it)") + "$"))


@case("dump: no release by a library artist")
def _(w: World, tmp: Path, env: pytest.MonkeyPatch) -> Bad:
    other = GOOD.replace("Lib Band", "Somebody Else")
    resources, path = dump_run(w, tmp, releases=other)
    return Bad(resources, DUMP, at(path, ": none of its 1 releases is credited to an artist of the library"))


@case("dump: a side file cut short")
def _(w: World, tmp: Path, env: pytest.MonkeyPatch) -> Bad:
    resources, path = dump_run(w, tmp)
    artists = path.with_name(f"discogs_{MONTH}_artists.xml")
    artists.write_bytes(artists.read_bytes()[:-15])
    return Bad(resources, DUMP, at(artists, r": byte \d+: .*not closed"))


@case("dump: a file that does not match the checksum file")
def _(w: World, tmp: Path, env: pytest.MonkeyPatch) -> Bad:
    resources, path = dump_run(w, tmp)
    sums = "".join(f"{'0' * 64 if p == path else hashlib.sha256(p.read_bytes()).hexdigest()} {p.name}\n"
                   for p in sorted(path.parent.glob("*.xml")))
    path.with_name(f"discogs_{MONTH}_CHECKSUM.txt").write_text(sums, encoding="utf-8")
    return Bad(resources, DUMP, at(path, r": sha256 mismatch \(published 0000"))


@case("dump: a malformed checksum file")
def _(w: World, tmp: Path, env: pytest.MonkeyPatch) -> Bad:
    resources, path = dump_run(w, tmp)
    sums = path.with_name(f"discogs_{MONTH}_CHECKSUM.txt")
    sums.write_text("not a checksum line\n", encoding="utf-8")
    return Bad(resources, DUMP, at(sums, ": line 1: not a '<sha256>  <file>' line"))


@case("dump: a folder without a releases file")
def _(w: World, tmp: Path, env: pytest.MonkeyPatch) -> Bad:
    resources, path = dump_run(w, tmp)
    path.unlink()
    return Bad(resources, DUMP, at(path.parent, r": no complete discogs_YYYYMMDD_releases\.xml\.gz dump found"))


@case("fault: a killed converter's staging folder")
def _(w: World, tmp: Path, env: pytest.MonkeyPatch) -> Bad:
    resources, _ = dump_run(w, tmp)
    staging = tmp / "home" / "csv" / f"{MONTH}.tmp-99999999"
    staging.mkdir(parents=True)
    (staging / "release.csv").write_text("id,title\n1,partial\n", encoding="utf-8")

    def removed(result: dg.ExecuteInProcessResult) -> None:
        assert not staging.exists()
        assert metadata(result, "convert_dump")["releases_written"] == 1

    return Bad(resources, DUMP, "", succeeds=removed)


# --- the converter as configured -----------------------------------------------------------


def converter_setting(script: str | None, what: str) -> Make:
    def make(w: World, tmp: Path, env: pytest.MonkeyPatch) -> Bad:
        resources, _ = dump_run(w, tmp)
        binary = tmp / "converter"
        if script is None:
            binary.mkdir()
        else:
            binary.write_text(script, encoding="utf-8")
            binary.chmod(0o755)
        env.setenv(ENV_VAR, str(binary))
        return Bad(resources, DUMP, at(f"{ENV_VAR}={binary}", ": " + re.escape(what)))

    return make


CASES["setting: DISCOGS_CONVERTER is a folder"] = converter_setting(None, "not an executable file")
CASES["setting: DISCOGS_CONVERTER is another program"] = converter_setting(
    "#!/bin/sh\necho 'usage: other' >&2\nexit 3\n", f"exited with status 3 {NOT_PIPES}: usage: other")
CASES["fault: the converter is killed"] = converter_setting("#!/bin/sh\nkill -9 $$\n", "killed by signal 9")


# --- the station library -----------------------------------------------------------------------


def library_case(name: str, setup: Callable[[Path], None], where: str, select: list[str] = LIBRARY) -> None:
    def make(w: World, tmp: Path, env: pytest.MonkeyPatch) -> Bad:
        path = tmp / "library.db"
        setup(path)
        return Bad(w.resources(tmp, library_db=path), select, where.format(path=re.escape(str(path))))

    CASES[name] = make


def sql(*statements: str) -> Callable[[Path], None]:
    def run(path: Path) -> None:
        with sqlite3.connect(path) as conn:
            for statement in statements:
                conn.execute(statement)
        conn.close()

    return run


TABLE = "CREATE TABLE library (id INTEGER PRIMARY KEY, artist TEXT, title TEXT)"
library_case("library: missing", lambda p: None, "library.db not found: {path}$")
library_case("library: not SQLite", lambda p: p.write_bytes(b"not sqlite" * 200), "{path} is not a SQLite database")
library_case("library: no library table", sql("CREATE TABLE other (x)"), "{path} has no table 'library'$")
library_case("library: no title column", sql("CREATE TABLE library (artist TEXT)"), "{path}: table 'library' has no column title$")
library_case("library: no rows", sql(TABLE), "{path}: an empty library: table 'library' has no rows$")
library_case("library: no usable row", sql(TABLE, "INSERT INTO library (artist, title) VALUES ('', 'x'), ('A', NULL)"),
             r"{path}: an empty library: table 'library' has no row with both an artist and a title \(of 2\)$")


# --- label files: LIBRARY_LABELS_CSV and LABEL_HIERARCHY_CSV -----------------------------------


def label_file_case(name: str, setting: str, content: bytes | None, where: str) -> None:
    def make(w: World, tmp: Path, env: pytest.MonkeyPatch) -> Bad:
        path = tmp / f"{setting}.csv"
        if content is not None:
            path.write_bytes(content)
        if setting == "labels":
            return Bad(w.resources(tmp, labels_csv=path), LABELS, where.format(path=re.escape(str(path))))
        return Bad(w.resources(tmp, hierarchy_csv=path), HIERARCHY, where.format(path=re.escape(str(path))))

    CASES[name] = make


L, H = LABELS_HEADER.encode(), HIERARCHY_HEADER.encode()
label_file_case("labels: missing", "labels", None, "label file not found: {path}$")
label_file_case("labels: empty", "labels", b"", "{path}: empty file")
label_file_case("labels: a column missing", "labels", b"artist_name,label_name\nA,B\n", "{path}:1: missing column release_title$")
label_file_case("labels: not UTF-8", "labels", L + b"A,B,C\nBj\xf6rk,Homogenic,OLI\n", r"{path}:3: not UTF-8 \(")
label_file_case("labels: a short row", "labels", L + b"A,B\n", "{path}:2: 2 fields, 3 expected$")
label_file_case("labels: a quote never closed", "labels", L + b'A,B,C\n"D,E,F\nG,H,I\n', r"{path}:3: malformed CSV")
label_file_case("labels: a NUL byte", "labels", L + b"A,B\0,C\n", "{path}:2: NUL byte at byte 40$")
label_file_case("hierarchy: missing", "hierarchy", None, r"{path}: missing file \(configured label hierarchy\)$")
label_file_case("hierarchy: not UTF-8", "hierarchy", H + b"2,Parlophone,1,EMI\n3,Caf\xe9,1,EMI\n", r"{path}:3: not UTF-8 \(")
label_file_case("hierarchy: a column missing", "hierarchy", b"label_id,label_name,parent_label_id\n2,P,1\n",
                "{path}:1: missing column parent_label_name$")
label_file_case("hierarchy: an id not a number", "hierarchy", H + b"2,P,1,EMI\nx,Q,1,EMI\n",
                "{path}:3: label ids must be integers")
label_file_case("hierarchy: a row too long", "hierarchy", H + b"2,P,1,EMI\n3,Q,1,EMI,extra\n", "{path}:3: 5 fields, 4 expected$")


@case("hierarchy: a quote PostgreSQL reads otherwise")
def _(w: World, tmp: Path, env: pytest.MonkeyPatch) -> Bad:
    """Well-formed for Python's reader, not for COPY's: a quote inside an unquoted field."""
    path = tmp / "hierarchy.csv"
    path.write_bytes(H + b'2,Par"lophone,1,EMI\n3,Capitol,1,EMI\n')
    select = [*CSVS, "library_db", "library_labels", "deduped_releases"]
    return Bad(w.resources(tmp, hierarchy_csv=path), select, at(path, ": line \\d+: unterminated CSV quoted field"))


# --- CSV sets (DISCOGS_CSV_DIR) ----------------------------------------------------------------


def csv_case(name: str, corrupt: Callable[[Path], None], where: Callable[[Path], str]) -> None:
    def make(w: World, tmp: Path, env: pytest.MonkeyPatch) -> Bad:
        bad = write_csv_set(tmp / "csv")
        corrupt(bad)
        return Bad(w.resources(tmp, csv_dir=bad), CSVS, where(bad))

    CASES[name] = make


for _name, (_corrupt, _file, _expected) in CSV_CASES.items():
    csv_case(f"csv: {_name}", _corrupt, lambda d, f=_file, e=_expected: at(d / f, ": .*") + re.escape(e))


def _header_only(d: Path) -> None:
    (d / "release.csv").write_text((d / "release.csv").read_text(encoding="utf-8").splitlines()[0] + "\n")


def _repeated_ids(d: Path) -> None:
    with (d / "release.csv").open("a", encoding="utf-8") as fh:
        fh.write("102,Accepted,Blue Train again,US,1999-01-01,,Correct,1,CD,\n")


csv_case("csv: release.csv without a row", _header_only, lambda d: at(d / "release.csv", ": line 2: no data rows"))
csv_case("csv: release.csv missing", lambda d: (d / "release.csv").unlink(), lambda d: at(d / "release.csv", ": missing file"))
csv_case("csv: repeated release ids", _repeated_ids,
         lambda d: at(d / "release.csv", ": 1 of 9 releases have a repeated or unparsable id"))


@case("csv: a folder that is not there")
def _(w: World, tmp: Path, env: pytest.MonkeyPatch) -> Bad:
    return Bad(w.resources(tmp, csv_dir=tmp / "nowhere"), CSVS, at(tmp / "nowhere" / "release.csv", ": missing file"))


@case("csv: a few orphan rows are dropped and counted")
def _(w: World, tmp: Path, env: pytest.MonkeyPatch) -> Bad:
    csvs = write_csv_set(tmp / "csv", releases=[(i, f"T{i}", "US", None, f"A{i}", 1) for i in range(101, 301)])
    with (csvs / "release_artist.csv").open("a", encoding="utf-8") as fh:
        fh.write("99999,1,Ghost,0,,1,,\n")

    def counted(result: dg.ExecuteInProcessResult) -> None:
        assert metadata(result, "release_tables")["dropped_release_artist"] == 1

    return Bad(w.resources(tmp, csv_dir=csvs), CSVS, "", succeeds=counted)


# --- the database: connection, connection string, rights -------------------------------------


def database_case(name: str, url: Callable[[World], str], where: Callable[[World], str], select: list[str] = DATABASE,
                  target: bool = False) -> None:
    def make(w: World, tmp: Path, env: pytest.MonkeyPatch) -> Bad:
        override = {"target_url": url(w)} if target else {"pg_url": url(w)}
        return Bad(w.resources(tmp, **override), select, where(w))

    CASES[name] = make


database_case("database: refused", lambda w: w.url_as(host="127.0.0.1", port="1"),
              lambda w: r"cannot connect to postgresql://\S*127\.0\.0\.1:1/t_\w+: Connection refused$")
database_case("database: no such database", lambda w: w.url_as(dbname="no_such_db"),
              lambda w: r'cannot connect to postgresql://\S+/no_such_db: database "no_such_db" does not exist$')
database_case("database: no such role", lambda w: w.url_as(user="nobody_here"),
              lambda w: r'cannot connect to postgresql://nobody_here@\S+: role "nobody_here" does not exist$')
database_case("database: an unknown connection option", lambda w: w.url + " bogus=1",
              lambda w: re.escape('cannot connect: DATABASE_URL is not a valid connection string: invalid connection option "bogus"') + "$")
database_case("database: a connection string that does not parse", lambda w: f"postgresql://u:{SECRET}%zz@localhost/x",
              lambda w: re.escape('cannot connect: DATABASE_URL is not a valid connection string: invalid percent-encoded token: "…"'))
database_case("database: a bad option value", lambda w: w.url_as(sslmode="sometimes"),
              lambda w: r'cannot connect to postgresql://\S+: invalid sslmode value: "sometimes"$')
database_case("database: a role that owns nothing", lambda w: w.url_as(user=w.weak_role),
              lambda w: rf"postgresql://{w.weak_role}@\S+: role {w.weak_role} lacks a right the build needs: ")
database_case("database: the target refuses", lambda w: w.url_as(host="127.0.0.1", port="1"),
              lambda w: r"cannot connect to postgresql://\S*127\.0\.0\.1:1/t_\w+: Connection refused$", ["*"], target=True)


@case("database: a role that may not create in the database")
def _(w: World, tmp: Path, env: pytest.MonkeyPatch) -> Bad:
    """A new database: the build's first CREATE (a schema, a table or the extensions) is refused."""
    name, fresh = _new_database(w.server)
    url = make_conninfo(fresh, user=w.weak_role, password=SECRET)
    extension = re.escape('to create extension "pg_trgm" (Must have CREATE privilege on current database to create this extension.)')
    expect = rf"postgresql://{w.weak_role}@\S+/{name}: role {w.weak_role} lacks a right the build needs: " \
             rf"permission denied (for database {name}|{extension})$"
    return Bad(w.resources(tmp, pg_url=url), DATABASE, expect, cleanup=lambda: _drop_database(w.server, name))


# --- the suite ---------------------------------------------------------------------------------


def events_text(instance: dg.DagsterInstance, run_id: str) -> str:
    return "\n".join(repr(e) for e in instance.all_logs(run_id))


@pytest.mark.parametrize("name", list(CASES))
def test_bad_input(name: str, world: World, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    bad = CASES[name](world, tmp_path, monkeypatch)
    try:
        result = build(world.instance, bad.resources, raise_on_error=False, selection=bad.select)
    finally:
        bad.cleanup()
    assert SECRET not in events_text(world.instance, result.run_id)
    assert published_rows(world.plain) == world.published
    if bad.succeeds:
        assert result.success
        bad.succeeds(result)
        return
    assert not result.success
    failures = [e for e in result.all_events if e.is_step_failure]
    assert len(failures) == 1, [f.step_failure_data.error for f in failures]
    data = failures[0].step_failure_data
    assert data.user_failure_data, data.error.to_string()  # said, not a traceback
    message = data.user_failure_data.description
    assert "\n" not in message, message
    assert re.match(bad.expect, message), message


CLI = {
    "database refused": (
        lambda w, tmp: ({"DATABASE_URL": w.url_as(host="127.0.0.1", port="1")}, "cache_schema"),
        lambda w, tmp: r"cannot connect to postgresql://\S*127\.0\.0\.1:1/t_\w+: Connection refused\n",
    ),
    "empty library": (
        lambda w, tmp: ({"LIBRARY_DB": str(tmp / "empty.db")}, "library_db"),
        lambda w, tmp: at(tmp / "empty.db", ": an empty library: table 'library' has no rows\n"),
    ),
    "label hierarchy not UTF-8": (
        lambda w, tmp: ({"LABEL_HIERARCHY_CSV": str(tmp / "h.csv")}, ",".join(HIERARCHY)),
        lambda w, tmp: at(tmp / "h.csv", r":2: not UTF-8 \("),
    ),
}


@pytest.mark.parametrize("name", list(CLI))
def test_bad_input_through_the_cli(name: str, world: World, tmp_path: Path) -> None:
    (tmp_path / "h.csv").write_bytes(H + b"3,Caf\xe9,1,EMI\n")
    sql(TABLE)(tmp_path / "empty.db")
    setup, expect = CLI[name]
    extra, select = setup(world, tmp_path)
    env = cli_env(tmp_path, world.url, world.csvs, world.library_db, **extra)
    done = materialize(env, select)
    output = done.stdout + done.stderr
    assert done.returncode != 0
    assert re.search("Failure: " + expect(world, tmp_path), output), output[-3000:]
    assert SECRET not in output
    assert published_rows(world.plain) == world.published


def test_the_suite_covers_every_kind() -> None:
    kinds = {name.split(":")[0] for name in CASES}
    assert kinds == {"dump", "library", "labels", "hierarchy", "csv", "database", "setting", "fault"}
    assert len(CASES) + len(CLI) >= 40
