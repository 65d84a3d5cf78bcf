"""The sample generator: deterministic, well-formed, and covering every edge case, in the form
Discogs writes its dumps today and in the older one.

Assertions read the written files back (gzip + ElementTree iterparse, sqlite3, csv), never the
generator's internals, except for SampleInfo whose numbers are checked against the files.
"""

from __future__ import annotations

import csv
import gzip
import hashlib
import re
import sqlite3
import unicodedata
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from rapidfuzz import fuzz
from rapidfuzz.distance import OSA

from discogs_cache_assets.library.identity import identity_key, joined_credit, title_key
from discogs_cache_assets.library.normalize import sort_tokens
from discogs_cache_assets.sample import CATEGORIES, SampleInfo, TruthRow, generate_sample, main, minimum_releases, read_truth

DATE = "20260101"
FILES = ("releases", "artists", "labels", "masters")


# ---- parsing helpers ------------------------------------------------------------------------


@dataclass
class Rel:
    id: int
    status: str | None
    title: str | None
    artists: list[tuple[int, str, str, str]]  # id, name, join, anv
    extras: list[tuple[int | None, str, str]]  # id (None: an unlinked credit), name, role
    labels: list[tuple[str, str, str]]  # name, catno, id
    country: str | None  # None = element absent
    released: str | None
    notes: str | None
    master_id: int | None  # None: no master (no element, or 0)
    is_main: str | None
    has_master_element: bool
    tracks: int
    sub_tracks: int
    track_artists: list[str]
    track_extras: list[tuple[str, str]]
    image_uris: list[str]
    videos: list[dict[str, str]]
    formats: list[tuple[str, str, list[str]]]
    genres: list[str]
    styles: list[str]
    has_tracklist: bool
    track_titles: list[str] = field(default_factory=list)
    track_positions: list[str | None] = field(default_factory=list)  # None: no <position>
    companies: list[str | None] = field(default_factory=list)  # their ids


def _text(el: ET.Element | None) -> str | None:
    return None if el is None else (el.text or "")


def _credits(el: ET.Element | None) -> list[ET.Element]:
    return [] if el is None else el.findall("artist")


def _id(text: str | None) -> int | None:
    return None if text is None else int(text)


def parse_releases(path: Path) -> list[Rel]:
    out = []
    with gzip.open(path) as fh:
        for _ev, el in ET.iterparse(fh):
            if el.tag != "release":
                continue
            master = el.find("master_id")
            tracklist = el.find("tracklist")
            tracks = tracklist.findall("track") if tracklist is not None else []
            subs = [s for t in tracks for s in t.findall("sub_tracks/track")]
            master_id = int(master.text) if master is not None else 0
            out.append(Rel(
                id=int(el.get("id")),
                status=el.get("status"),
                title=_text(el.find("title")),
                artists=[(int(a.findtext("id")), a.findtext("name"), a.findtext("join") or "",
                          a.findtext("anv") or "") for a in _credits(el.find("artists"))],
                extras=[(_id(a.findtext("id")), a.findtext("name"), a.findtext("role") or "")
                        for a in _credits(el.find("extraartists"))],
                labels=[(lab.get("name"), lab.get("catno"), lab.get("id")) for lab in el.findall("labels/label")],
                country=_text(el.find("country")),
                released=_text(el.find("released")),
                notes=_text(el.find("notes")),
                master_id=master_id or None,
                is_main=master.get("is_main_release") if master is not None else None,
                has_master_element=master is not None,
                tracks=len(tracks),
                sub_tracks=len(subs),
                track_artists=[a.findtext("name") for t in tracks for a in t.findall("artists/artist")],
                track_extras=[(a.findtext("name"), a.findtext("role")) for t in tracks
                              for a in t.findall("extraartists/artist")],
                image_uris=[i.get("uri") for i in el.findall("images/image")],
                videos=[dict(v.attrib, title=v.findtext("title")) for v in el.findall("videos/video")],
                formats=[(f.get("name"), f.get("qty"), [d.text or "" for d in f.findall("descriptions/description")])
                         for f in el.findall("formats/format")],
                genres=[g.text for g in el.findall("genres/genre")],
                styles=[s.text for s in el.findall("styles/style")],
                has_tracklist=tracklist is not None,
                track_titles=[t.findtext("title") or "" for t in tracks],
                track_positions=[t.findtext("position") for t in [*tracks, *subs]],
                companies=[c.findtext("id") for c in el.findall("companies/company")],
            ))
            el.clear()
    return out


def parse_artists(path: Path) -> dict[int, dict]:
    out = {}
    with gzip.open(path) as fh:
        for _ev, el in ET.iterparse(fh):
            if el.tag == "artist" and el.find("id") is not None and el.find("name") is not None:
                aid = int(el.findtext("id"))
                out[aid] = {
                    "name": el.findtext("name"),
                    "profile": el.findtext("profile") or "",
                    "variations": [n.text for n in el.findall("namevariations/name")],
                    "aliases": [(n.get("id"), n.text) for n in el.findall("aliases/name")],
                    "members": [(n.get("id"), n.text) for n in el.findall("members/name")],
                    "member_ids": [i.text for i in el.findall("members/id")],
                }
                el.clear()
    return out


def parse_labels(path: Path) -> dict[int, dict]:
    out = {}
    with gzip.open(path) as fh:
        for _ev, el in ET.iterparse(fh):
            if el.tag == "label" and el.find("id") is not None:
                parent = el.find("parentLabel")
                out[int(el.findtext("id"))] = {
                    "name": el.findtext("name"),
                    "parent": (int(parent.get("id")), parent.text) if parent is not None else None,
                    "sublabels": [(s.get("id"), s.text) for s in el.findall("sublabels/label")],
                }
                el.clear()
    return out


def parse_masters(path: Path) -> dict[int, dict]:
    out = {}
    with gzip.open(path) as fh:
        for _ev, el in ET.iterparse(fh):
            if el.tag == "master":
                out[int(el.get("id"))] = {
                    "main_release": el.findtext("main_release"),
                    "year": el.findtext("year"),
                    "title": el.findtext("title"),
                    "artists": [a.findtext("name") for a in el.findall("artists/artist")],
                }
                el.clear()
    return out


def v1_norm(s: str) -> str:
    d = unicodedata.normalize("NFKD", s)
    return "".join(c for c in d if not unicodedata.combining(c)).lower().strip()


def is_compilation(name: str) -> bool:
    low = name.lower()
    return any(m in low for m in ("various", "soundtrack", "compilation", "v/a", "v.a."))


# The reference pipeline's title suffixes
_TITLE_SUFFIX = re.compile(
    r"\s*(?:\d*\"|\(\d+\)|\(\d+ ?cd set\)|\(\d+ ?lp set\)|\(\d+lp\)|\((?:reissue|deluxe edition|expanded edition|"
    r"anniversary edition|special edition|limited edition|bonus tracks|ep|lp)\))$", re.IGNORECASE)


def prune_title(t: str) -> str:
    t = v1_norm(t)
    while True:
        new = _TITLE_SUFFIX.sub("", t).strip()
        if new == t:
            return t
        t = new


def prune_artist(a: str) -> str:
    a = v1_norm(a)
    a = re.sub(r"\s*\(\d+\)$", "", a)
    a = re.sub(r"\s*\[[^\]]*\]$", "", a)
    m = re.match(r"^(.*), (the|los|las|les|la|le|el|die|der|das)$", a)
    if m:
        a = f"{m.group(2)} {m.group(1)}"
    a = re.sub(r"\s*&\s*", " and ", a).replace("'", "")
    return " ".join(a.split())


# ---- fixtures -------------------------------------------------------------------------------


@dataclass
class Sample:
    info: SampleInfo
    releases: list[Rel]
    artists: dict[int, dict]
    labels: dict[int, dict]
    masters: dict[int, dict]
    library: list[sqlite3.Row]
    library_columns: list[str]
    label_prefs: list[dict[str, str]]
    raw_releases: str


def _load(info: SampleInfo) -> Sample:
    con = sqlite3.connect(info.library_db)
    con.row_factory = sqlite3.Row
    try:
        library = con.execute("SELECT * FROM library ORDER BY id").fetchall()
        columns = [r[1] for r in con.execute("PRAGMA table_info(library)")]
    finally:
        con.close()
    with info.library_labels_csv.open(encoding="utf-8", newline="") as fh:
        prefs = list(csv.DictReader(fh))
    with gzip.open(info.releases_path, "rt", encoding="utf-8") as fh:
        raw = fh.read()
    return Sample(info, parse_releases(info.releases_path), parse_artists(info.artists_path),
                  parse_labels(info.labels_path), parse_masters(info.masters_path), library, columns, prefs, raw)


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Sample:
    """The default: the dump as Discogs writes it today."""
    return _load(generate_sample(tmp_path_factory.mktemp("sample"), releases=2000, seed=0, dump_date=DATE))


@pytest.fixture(scope="module")
def older(tmp_path_factory: pytest.TempPathFactory) -> Sample:
    """The same seed in the form of the dumps until 2024."""
    out = tmp_path_factory.mktemp("older")
    return _load(generate_sample(out, releases=2000, seed=0, dump_date=DATE, form="older"))


def _by_artist(s: Sample, name: str) -> list[Rel]:
    return [r for r in s.releases if any(a[1] == name for a in r.artists)]


# ---- files, determinism, counts ---------------------------------------------------------------


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_layout_and_gzip(sample: Sample) -> None:
    info = sample.info
    for kind in FILES:
        path = info.out_dir / f"discogs_{DATE}_{kind}.xml.gz"
        assert path == getattr(info, f"{kind}_path")
        assert path.read_bytes()[:2] == b"\x1f\x8b"
    assert info.library_db.name == "library.db"
    assert info.library_labels_csv.name == "library_labels.csv"
    assert not (info.out_dir / "library_artists.txt").exists()
    assert info.releases_xml_bytes > 2000 * 2000  # a few KB per release, like the real dump


def test_deterministic_for_a_seed(sample: Sample, tmp_path: Path) -> None:
    again = generate_sample(tmp_path / "again", releases=2000, seed=0, dump_date=DATE)
    def numbers(info: SampleInfo) -> dict:
        return {k: v for k, v in info.__dict__.items() if not isinstance(v, Path) and k != "seconds"}

    assert numbers(again) == numbers(sample.info)
    for name in [f"discogs_{DATE}_{k}.xml.gz" for k in FILES] + ["library_labels.csv", "library_truth.csv",
                                                                 "sample_info.json"]:
        assert _digest(tmp_path / "again" / name) == _digest(sample.info.out_dir / name), name
    con = sqlite3.connect(again.library_db)
    try:
        rows = con.execute("SELECT * FROM library ORDER BY id").fetchall()
    finally:
        con.close()
    assert [tuple(r) for r in rows] == [tuple(r) for r in sample.library]
    other = generate_sample(tmp_path / "other", releases=2000, seed=1, dump_date=DATE)
    assert _digest(other.releases_path) != _digest(sample.info.releases_path)


def test_counts_match_info(sample: Sample) -> None:
    info = sample.info
    assert len(sample.releases) == info.releases == 2000
    assert len(sample.artists) == info.artists
    assert len(sample.labels) == info.labels
    assert len(sample.masters) == info.masters
    assert len(sample.library) == info.library_rows
    assert len(sample.label_prefs) == info.library_label_rows
    ids = [r.id for r in sample.releases]
    assert ids == sorted(ids) and len(set(ids)) == len(ids)
    assert list(sample.artists) == sorted(sample.artists)
    assert list(sample.masters) == sorted(sample.masters)


@pytest.mark.parametrize("form", ["sample", "older"])
def test_root_elements_and_references(form: str, request: pytest.FixtureRequest) -> None:
    s: Sample = request.getfixturevalue(form)
    for kind in FILES:
        with gzip.open(getattr(s.info, f"{kind}_path"), "rt", encoding="utf-8") as fh:
            text = fh.read()
        declaration = '<?xml version="1.0" encoding="UTF-8"?>\n' if form == "older" else ""
        assert text.startswith(f"{declaration}<{kind}>\n") and text.endswith(f"</{kind}>\n")
        # every record starts a line, as in the real dumps (text inside records has raw LFs)
        record = {"releases": "<release ", "masters": "<master "}.get(kind, f"<{kind[:-1]}>")
        starts = [m.start() for m in re.finditer(re.escape(record), text)]
        assert starts and all(text[i - 1] == "\n" for i in starts)
    assert re.search(r'<label name="[^"]*" catno="[^"]*" id="\d+"/>', s.raw_releases)
    assert "<tracklist><track><position>" in s.raw_releases
    # every referenced id exists in the side dumps; masters point back at a release of theirs
    release_ids = {r.id: r for r in s.releases}
    for r in s.releases:
        for aid, name, *_ in r.artists + [(e[0], e[1]) for e in r.extras if e[0] is not None]:
            assert s.artists[aid]["name"] == name
        for _name, _catno, lid in r.labels:
            assert s.labels[int(lid)]["name"] in (_name, None)  # None: the nameless label
        if r.master_id is not None:
            assert r.master_id in s.masters
    for mid, m in s.masters.items():
        main_rel = release_ids[int(m["main_release"])]
        assert main_rel.master_id == mid and main_rel.is_main == "true"


def test_older_form(older: Sample) -> None:
    """Until 2024: an XML declaration, release status, images, no element for no master, and
    every credit and company with an id."""
    for kind in FILES:
        with gzip.open(getattr(older.info, f"{kind}_path")) as fh:
            assert fh.read(60).decode("utf-8").startswith('<?xml version="1.0" encoding="UTF-8"?>\n')
    assert older.info.form == "older"
    assert all(r.status == "Accepted" for r in older.releases)
    assert re.search(r'<release id="\d+" status="Accepted"><images><image type="primary"', older.raw_releases)
    uris = [u for r in older.releases for u in r.image_uris]
    assert "" in uris and any(u.startswith("https://") for u in uris)
    assert not any(r.has_master_element for r in older.releases if r.master_id is None)
    assert all(e[0] is not None for r in older.releases for e in r.extras)
    assert all(c is not None for r in older.releases for c in r.companies)
    assert all(lab["name"] for lab in older.labels.values())
    assert "<position></position>" in older.raw_releases and "<anv></anv>" in older.raw_releases


def test_current_form(sample: Sample) -> None:
    """As Discogs writes its dumps today: no declaration, status or images; <master_id> on every
    release (0: no master); empty elements left out, so heading tracks have no <position>; a few
    unlinked credits and companies; one label without a name; sub-tracks with artists."""
    rs, raw = sample.releases, sample.raw_releases
    assert sample.info.form == "current"
    assert all(r.status is None for r in rs) and ' status="' not in raw
    for kind in FILES:
        with gzip.open(getattr(sample.info, f"{kind}_path"), "rt", encoding="utf-8") as fh:
            assert "<images>" not in fh.read()
    assert all(r.has_master_element for r in rs)
    masterless = [r for r in rs if r.master_id is None]
    assert 0.3 < len(masterless) / len(rs) < 0.5 and all(r.is_main == "false" for r in masterless)
    assert raw.count('<master_id is_main_release="false">0</master_id>') == len(masterless)
    assert not re.search(r"<(\w+)></\1>", raw.replace("<title></title>", "").replace("<country></country>", "")
                         .replace("<released></released>", ""))
    positions = [p for r in rs for p in r.track_positions]
    assert 0.02 < positions.count(None) / len(positions) < 0.05 and "" not in positions
    extras = [e for r in rs for e in r.extras]
    unlinked = [e for e in extras if e[0] is None]
    assert 0.01 < len(unlinked) / len(extras) < 0.03 and all(name and role for _i, name, role in unlinked)
    # never a library artist: an unlinked credit changes no filter's choice (test_forms_*)
    assert not {identity_key(name) for _i, name, _r in unlinked} & {identity_key(r["artist"]) for r in sample.library}
    companies = [c for r in rs for c in r.companies]
    assert 0 < companies.count(None) < 0.03 * len(companies)
    assert [lid for lid, lab in sample.labels.items() if lab["name"] is None] == [212]
    assert any(lid == "212" for r in rs for _n, _c, lid in r.labels)
    assert re.search(r"<sub_tracks><track><position>[^<]+</position><title>[^<]*</title>"
                     r"(?:<duration>[^<]*</duration>)?<artists><artist><id>\d+</id>", raw)


def test_kept_counts_match_files(sample: Sample) -> None:
    # artist (and, for pairs, alternate) names by identity key, titles by title key; the main
    # artists' joined credit where the first one's key begins a library name; for pairs, also an
    # artist's title at the default title similarity
    lib_set = {identity_key(r["artist"]) for r in sample.library
               if r["artist"].strip() and not is_compilation(r["artist"])}
    pairs: dict[str, set[str]] = {}
    for r in sample.library:
        t = title_key(r["title"])
        for a in (identity_key(r["artist"]), identity_key(r["alternate_artist_name"] or "")):
            if a and t:
                pairs.setdefault(t, set()).add(a)
    alternates = {aid: [identity_key(n) for n in a["variations"] + [x[1] for x in a["aliases"]]]
                  for aid, a in sample.artists.items()}
    pair_artists = {a for names in pairs.values() for a in names}
    titles_of: dict[str, list[str]] = {}
    for t, names in pairs.items():
        for a in names:
            titles_of.setdefault(a, []).append(sort_tokens(t))

    def heads(keys: set[str]) -> set[str]:
        return {" ".join(k.split(" ")[:i]) for k in keys for i in range(1, k.count(" ") + 1)}

    lib_heads, pair_heads = heads(lib_set), heads(pair_artists)
    by_artist = by_alias = by_pair = 0
    for r in sample.releases:
        if not r.artists:
            continue
        credits = [(a[0], a[1]) for a in r.artists] + [(e[0], e[1]) for e in r.extras]
        keys = {identity_key(n) for _, n in credits}
        first = identity_key(r.artists[0][1]) if len(r.artists) > 1 else None
        joined = identity_key(joined_credit((a[1], a[2]) for a in r.artists))
        hit = bool(keys & lib_set) or (first in lib_heads and joined in lib_set)
        by_artist += hit
        # an unlinked credit has no id, so no aliases to match through
        by_alias += hit or any(alt in lib_set for aid, _ in credits for alt in alternates.get(aid, ()))
        if first in pair_heads:
            keys.add(joined)
        key = title_key(r.title or "")
        by_pair += bool(keys & pairs.get(key, set())) or any(
            fuzz.ratio(sort_tokens(key), t) >= 65 for a in keys for t in titles_of.get(a, ()))
    info = sample.info
    assert (by_artist, by_alias, by_pair) == (info.kept_by_artist, info.kept_by_artist_or_alias, info.kept_by_pair)
    # like a real dump, most releases are by artists the station does not own
    assert 0 < info.kept_by_artist < 0.12 * info.releases
    assert info.kept_by_artist < info.kept_by_artist_or_alias


def test_forms_hold_the_same_releases(sample: Sample, older: Sample) -> None:
    """One seed gives the same releases in both forms, so every filter keeps the same ones and
    dedup ranks them alike: only the rendering differs. An unlinked credit stands where the
    older form credits a session player whose name and aliases no library row matches."""
    def numbers(info: SampleInfo) -> dict:
        return {k: v for k, v in info.__dict__.items()
                if not isinstance(v, Path) and k not in ("seconds", "form") and not k.endswith("bytes")}

    library_names = {identity_key(r["artist"]) for r in older.library}

    def names_of(aid: int) -> set[str]:
        art = older.artists[aid]
        return {identity_key(n) for n in [art["name"], *art["variations"], *(a[1] for a in art["aliases"])]}

    assert numbers(sample.info) == numbers(older.info)
    assert len(sample.releases) == len(older.releases)
    for cur, old in zip(sample.releases, older.releases):
        assert (cur.id, cur.title, cur.artists, cur.labels, cur.country, cur.released, cur.notes) == (
            old.id, old.title, old.artists, old.labels, old.country, old.released, old.notes)
        assert (cur.master_id, cur.tracks, cur.sub_tracks, cur.track_titles, cur.track_artists) == (
            old.master_id, old.tracks, old.sub_tracks, old.track_titles, old.track_artists)
        assert cur.is_main == old.is_main or cur.master_id is None
        assert (cur.formats, cur.genres, cur.styles, cur.videos, cur.has_tracklist) == (
            old.formats, old.genres, old.styles, old.videos, old.has_tracklist)
        assert [p or "" for p in cur.track_positions] == [p or "" for p in old.track_positions]
        assert [role for _i, _n, role in cur.extras] == [role for _i, _n, role in old.extras]
        for c, o in zip(cur.extras, old.extras):
            assert c == o or (c[0] is None and not names_of(o[0]) & library_names)
        assert [r for _n, r in cur.track_extras] == [r for _n, r in old.track_extras]
        assert [c for c in cur.companies if c] == [o for c, o in zip(cur.companies, old.companies) if c]
    assert sample.artists == older.artists and sample.masters == older.masters
    assert {k: v for k, v in sample.labels.items() if v["name"]} == {
        k: v for k, v in older.labels.items() if k != 212}
    assert [tuple(r) for r in sample.library] == [tuple(r) for r in older.library]
    assert sample.label_prefs == older.label_prefs
    assert read_truth(sample.info.library_truth_csv) == read_truth(older.info.library_truth_csv)


# ---- edge cases in the dump ---------------------------------------------------------------------


def test_non_ascii_names(sample: Sample) -> None:
    names = {a[1] for r in sample.releases for a in r.artists}
    for name in ("Björk", "Sigur Rós", "Nilüfer Yanya", "Кино"):
        assert name in names
    assert any(re.search(r"[\u0400-\u04ff]", n) for n in names - {"Кино"})  # invented Cyrillic too
    assert any(re.search(r"[\u3040-\u30ff\u4e00-\u9fff]", n) for n in names)
    titles = {r.title for r in sample.releases}
    assert "Ágætis Byrjun" in titles and "ナマで踊ろう" in titles and "Группа Крови" in titles


def test_disambiguators_and_articles(sample: Sample) -> None:
    names = {a[1] for r in sample.releases for a in r.artists}
    assert {"Nirvana", "Nirvana (2)", "Boris (3)"} <= names
    assert sum(1 for n in names if re.search(r" \(\d+\)$", n)) >= 5
    lib_artists = {r["artist"] for r in sample.library}
    assert "Beatles, The" in lib_artists and "The Beatles" in names and "The Beatles" not in lib_artists
    assert "Fall, The" in names and "The Fall" in lib_artists
    assert "Boris" in lib_artists and "Low" in lib_artists and "Low (4)" in names


def test_ampersand_and_and(sample: Sample) -> None:
    names = {a[1] for r in sample.releases for a in r.artists}
    lib_artists = {r["artist"] for r in sample.library}
    assert "Simon & Garfunkel" in names and "Simon and Garfunkel" in lib_artists
    assert "Echo & The Bunnymen" in names and "Echo & the Bunnymen" in lib_artists
    assert "&amp;" in sample.raw_releases


def test_alias_only_matches(sample: Sample) -> None:
    lib_set = {v1_norm(r["artist"]) for r in sample.library if not is_compilation(r["artist"])}
    alias_only = []
    for r in sample.releases:
        for aid, name, *_ in r.artists:
            art = sample.artists[aid]
            alts = art["variations"] + [a[1] for a in art["aliases"]]
            if v1_norm(name) not in lib_set and any(v1_norm(x) in lib_set for x in alts):
                alias_only.append(name)
    assert {"AFX", "Polygon Window", "The Artist (Formerly Known As Prince)", 'Lee "Scratch" Perry'} <= set(alias_only)
    afx = next(a for a in sample.artists.values() if a["name"] == "AFX")
    assert ("Aphex Twin" in [a[1] for a in afx["aliases"]]) and all(i and i.isdigit() for i, _ in afx["aliases"])
    assert any(a["variations"] for a in sample.artists.values())
    assert any(a["member_ids"] for a in sample.artists.values())  # old-style <members><id>
    assert any(a["members"] for a in sample.artists.values())


def test_multi_artist_and_extra_artists(sample: Sample) -> None:
    joins = {a[2] for r in sample.releases if len(r.artists) > 1 for a in r.artists}
    assert "&" in joins and "Feat." in joins
    duo = [r for r in sample.releases if [a[1] for a in r.artists] == ["Duke Ellington", "John Coltrane"]]
    assert duo and duo[0].artists[0][2] == "&"
    roles = {e[2] for r in sample.releases for e in r.extras}
    assert "Producer" in roles and any("," in role for role in roles)
    # a library artist credited only as an extra artist on someone else's release
    assert any(e[1] == "Brian Eno" for r in _by_artist(sample, "Ultravox") for e in r.extras)
    assert any(r.artists and any(a[3] for a in r.artists) for r in sample.releases)  # an anv


def test_compilations(sample: Sample) -> None:
    various = _by_artist(sample, "Various")
    assert len(various) > 10
    assert any(r.track_artists for r in various)
    assert any(r.track_extras for r in various)
    lib_comp_titles = {r["title"].lower() for r in sample.library if r["artist"] == "Various Artists - Compilations"}
    assert lib_comp_titles & {(r.title or "").lower() for r in various}
    lib_artists = {r["artist"] for r in sample.library}
    assert "Soundtrack of Our Lives, The" in lib_artists
    assert _by_artist(sample, "The Soundtrack Of Our Lives")
    assert "Various Artists - Soundtracks" in lib_artists


def test_masters_for_dedup(sample: Sample) -> None:
    groups: dict[int, list[Rel]] = {}
    for r in sample.releases:
        if r.master_id is not None:
            groups.setdefault(r.master_id, []).append(r)
    multi = [g for g in groups.values() if len(g) > 1]
    assert len(multi) > 20
    assert any("US" in {r.country for r in g} and {r.country for r in g} - {"US"}
               and len({r.tracks for r in g}) > 1 for g in multi)
    assert any(any(r.tracks == 0 for r in g) for g in multi)  # never ranked
    assert any(any(r.country is None for r in g) for g in multi)  # NULL country
    assert any(any(r.country == "" for r in g) for g in multi)  # empty country
    assert sum(r.master_id is None for r in sample.releases) > 100
    assert any(r.is_main == "false" for r in sample.releases)
    assert any(m["year"] is None for m in sample.masters.values())
    assert any(len(m["artists"]) > 1 for m in sample.masters.values())


def test_empty_titles_and_missing_artists(sample: Sample) -> None:
    empty = [r for r in sample.releases if r.title == ""]
    assert 1 <= len(empty) < 20
    assert sum(not r.artists for r in sample.releases) == sample.info.releases_without_artists == 1
    assert any(r.title == "Kid A\t(Promo)" for r in sample.releases)
    assert any("\n" in (r.title or "") for r in sample.releases)


def test_labels_and_preferences(sample: Sample) -> None:
    with_parent = [lab for lab in sample.labels.values() if lab["parent"]]
    assert len(with_parent) > 10
    assert any(lab["sublabels"] for lab in sample.labels.values())
    for lab in with_parent:
        pid, pname = lab["parent"]
        assert sample.labels[pid]["name"] == pname
    by_name = {lab["name"]: lab for lab in sample.labels.values()}
    assert list(sample.label_prefs[0]) == ["artist_name", "release_title", "label_name"]
    # a preference naming the parent of the label a matching release carries (Pixies: 4AD < Beggars Group)
    parent_hits = exact_hits = 0
    for pref in sample.label_prefs:
        for r in sample.releases:
            if r.master_id is None or (r.title or "").lower() != pref["release_title"].lower():
                continue
            if not any(a[1].lower() == pref["artist_name"].lower() for a in r.artists):
                continue
            for name, _catno, _lid in r.labels:
                if name.lower() == pref["label_name"].lower():
                    exact_hits += 1
                parent = by_name[name]["parent"]
                if parent and parent[1].lower() == pref["label_name"].lower():
                    parent_hits += 1
    assert exact_hits and parent_hits


def test_text_edge_cases(sample: Sample) -> None:
    raw = sample.raw_releases
    for token in ("&amp;", "&lt;", "&quot;", "&#8531;", "&#13;", "<![CDATA["):
        assert token in raw, token
    notes = [r.notes for r in sample.releases if r.notes]
    assert any("\n" in n for n in notes) and any("\t" in n for n in notes)
    assert any("\r\n" in n for n in notes)
    assert any("<i>" in n for n in notes)  # CDATA content comes through raw
    descs = {d for r in sample.releases for f in r.formats for d in f[2]}
    assert "33 \u2153 RPM" in descs and '12"' in descs
    assert any("<Untitled>" in t for r in sample.releases for t in [r.title or ""] + r.track_titles)


def test_tracks_images_videos_formats(sample: Sample) -> None:
    rs = sample.releases
    assert any(r.sub_tracks for r in rs)
    assert any(not r.has_tracklist or r.tracks == 0 for r in rs)
    videos = [v for r in rs for v in r.videos]
    assert any(v["embed"] == "true" and v["title"] for v in videos)
    assert any(v["title"] is None for v in videos)  # self-closing <video/>
    assert all(v["duration"].isdigit() for v in videos)
    assert any(int(f[1]) > 1 for r in rs for f in r.formats)
    assert any(len(r.formats) > 1 for r in rs)
    assert sum(bool(r.genres) for r in rs) == len(rs) and any(r.styles for r in rs)
    assert any(r.released in ("", "Unknown") for r in rs) and any((r.released or "").endswith("-00") for r in rs)


# ---- the station library ----------------------------------------------------------------------


def test_library_db(sample: Sample) -> None:
    assert sample.library_columns == ["id", "artist", "title", "alternate_artist_name", "call_letters",
                                      "artist_call_number", "release_call_number", "genre", "format"]
    rows = sample.library
    assert len(rows) >= 60
    assert all(r["artist"] is not None and r["title"] is not None for r in rows)
    assert sum(r["alternate_artist_name"] is not None for r in rows) >= 3
    assert any(r["call_letters"] is None for r in rows) or all(r["call_letters"] for r in rows)
    pairs = [(r["artist"], r["title"]) for r in rows]
    assert len(pairs) > len(set(pairs))  # duplicate copies, as in the reference library
    assert ("Various Artists - Compilations", "No New York") in pairs
    assert any(r["title"] == "" for r in rows)


def test_keep_review_prune_all_occur(sample: Sample) -> None:
    """The reference pipeline's first match step (exact artist after its normalisation) on main credits."""
    titles: dict[str, set[str]] = {}
    for r in sample.library:
        if r["artist"].strip() and r["title"].strip() and not is_compilation(r["artist"]):
            titles.setdefault(prune_artist(r["artist"]), set()).add(prune_title(r["title"]))
    outcomes = {"KEEP": 0, "REVIEW": 0, "PRUNE": 0}
    for rel in sample.releases:
        for _aid, name, *_ in rel.artists:
            lib_titles = titles.get(prune_artist(name))
            if lib_titles is None or not rel.title:
                continue
            t = prune_title(rel.title)
            score = 100.0 if t in lib_titles else max(fuzz.token_set_ratio(t, x) for x in lib_titles)
            outcomes["KEEP" if score >= 75 else "REVIEW" if score >= 65 else "PRUNE"] += 1
    assert all(outcomes.values()), outcomes
    assert outcomes["KEEP"] > outcomes["REVIEW"]


# ---- what each library row stands for -------------------------------------------------------

# Written plainly by a station: the letters NFKD leaves alone.
PLAIN = str.maketrans({"ß": "ss", "ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "æ": "ae", "Æ": "Ae", "œ": "oe",
                       "Œ": "Oe", "þ": "th", "Þ": "Th", "đ": "d", "Đ": "D", "ð": "d", "ı": "i"})
ARTICLES = ("The", "Los", "Die", "La", "Les", "El", "Os")
SUFFIXES = ("(Remastered)", "[Bonus Tracks]", '12"', "(Deluxe Edition)", "[Remastered]", "(Expanded Edition)",
            "(Reissue)", '7"', "(Limited Edition)", "(Bonus Tracks)")
TITLE_CATEGORIES = ("case", "suffix-in-dump", "suffix-in-library", "typo", "near")


def _no_marks(s: str) -> str:
    return unicodedata.normalize("NFC", "".join(
        c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c)))


def _and(s: str) -> str:
    return re.sub(r" (?:&|\+|and) ", " and ", s.lower())


def _spelt_as(category: str, station: str, credited: str, artist: dict) -> bool:
    """Whether the station's name for an artist differs from the credit as ``category`` says."""
    base = re.sub(r" \(\d+\)$", "", credited)
    cre, sta = credited.lower(), station.lower()
    return {
        "filing-article": any(cre == f"{a} {sta.removesuffix(f', {a}')}" != sta for a in map(str.lower, ARTICLES))
        or any(sta == f"{a} {cre.removesuffix(f', {a}')}" != cre for a in map(str.lower, ARTICLES)),
        "dropped-article": any(cre == f"{a.lower()} {sta}" for a in ARTICLES),
        "disambiguator": base == station != credited,
        "shared-name": base == station,
        "alias": station in [name for _id, name in artist["aliases"]],
        "name-variation": station in artist["variations"],
        "letters": credited.translate(PLAIN) == station != credited,
        "accents": _no_marks(credited) == station != credited,
        "and": _and(credited) == _and(station),  # the artist's name, the title's or both
    }.get(category, credited.lower() == station.lower())


def _title_fits(row: TruthRow, titles: list[str]) -> bool:
    """Whether the titles of the releases a row stands for differ from the row's as its
    category says (the first release of each album carries the album's own title)."""
    t = row.title
    if row.category == "exact":
        return t in titles
    if row.category == "suffix-in-dump":
        return all(x.startswith(f"{t} ") and x[len(t) + 1:] in SUFFIXES for x in titles)
    if row.category == "suffix-in-library":
        return any(t.startswith(f"{x} ") and t[len(x) + 1:] in SUFFIXES for x in titles)
    if row.category == "typo":
        return t not in titles and any(OSA.distance(t.lower(), x.lower()) == 1 for x in titles)
    if row.category == "and":
        return _and(t) in [_and(x) for x in titles]
    return t.lower() in [x.lower() for x in titles]


def assert_truth_fits(truth: list[TruthRow], releases: dict[int, Rel], artists: dict[int, dict],
                      alternates: dict[int, str | None]) -> None:
    """The releases each row stands for are credited and titled as its category says; a near row
    stands for none, and its look-alike's releases are titled otherwise but share words."""
    shared: dict[str, set[int]] = {}
    for row in truth:
        assert not row.release_ids & row.near_release_ids
        assert set(row.release_ids) | set(row.near_release_ids) <= set(releases), row
        if row.category in ("station-only", "no-title", "near"):
            assert not row.release_ids, row
        if row.category == "near":  # (a small sample may hold no release of the look-alike)
            near_titles = {releases[i].title.lower() for i in row.near_release_ids}
            assert row.title.lower() not in near_titles
            assert all(set(row.title.lower().split()) & set(x.split()) for x in near_titles), row
        if not row.release_ids or row.category in ("alternate-name", "joined-artists", "punctuation",
                                                   "compilation"):
            continue
        artist_spelling = "exact" if row.category in TITLE_CATEGORIES[1:] else row.category
        for rid in row.release_ids:
            credits = [(aid, name) for aid, name, *_ in releases[rid].artists]
            station = [row.artist, alternates[row.library_id] or row.artist]  # the row's alternate name too
            assert any(_spelt_as(artist_spelling, s, name, artists[aid]) for aid, name in credits
                       for s in station), (row, credits)
            if row.category == "shared-name":
                shared.setdefault(row.artist, set()).update(aid for aid, _ in credits)
        if row.category in ("and", "case"):  # the artist's name, the title or both
            assert any(row.artist != name or row.title != releases[rid].title
                       for rid in row.release_ids for _aid, name, *_ in releases[rid].artists), row
        title_category = row.category if row.category in (*TITLE_CATEGORIES, "exact", "and") else "same"
        assert _title_fits(TruthRow(0, "", row.title, title_category, frozenset()),
                           [releases[i].title for i in row.release_ids]), row
    # A name two Discogs artists share: both are in the artists dump whichever the station holds.
    for name in shared:
        assert len([a for a in artists.values() if re.sub(r" \(\d+\)$", "", a["name"]) == name]) == 2, name
    assert shared


def test_library_truth(sample: Sample) -> None:
    """One line per library row, which stands for releases of the dump as its category says."""
    truth = read_truth(sample.info.library_truth_csv)
    assert [(t.library_id, t.artist, t.title) for t in truth] == [(r["id"], r["artist"], r["title"])
                                                                   for r in sample.library]
    assert_truth_fits(truth, {r.id: r for r in sample.releases}, sample.artists,
                      {r["id"]: r["alternate_artist_name"] for r in sample.library})


def test_library_rows_per_category(tmp_path: Path) -> None:
    """At 20k releases every category of the invented library has dozens of rows whose album is in
    the dump (a near row: whose look-alike is), each as its category says; each row's releases
    stand for it alone."""
    info = generate_sample(tmp_path, releases=20_000, seed=2)
    truth = read_truth(info.library_truth_csv)
    assert {t.category for t in truth} == set(CATEGORIES)
    in_dump: dict[str, int] = {}
    for t in truth:
        in_dump[t.category] = in_dump.get(t.category, 0) + bool(t.release_ids or t.near_release_ids)
    invented = set(CATEGORIES) - {"alternate-name", "joined-artists", "punctuation", "compilation", "no-title",
                                  "station-only"}
    assert all(in_dump[c] >= 24 for c in invented), in_dump
    albums = [t.release_ids for t in truth if t.release_ids]
    owners: dict[int, set[frozenset[int]]] = {}
    for ids in albums:
        for rid in ids:
            owners.setdefault(rid, set()).add(ids)
    assert all(len(o) == 1 for o in owners.values())  # a release answers one album (copies: the same set)
    with sqlite3.connect(info.library_db) as con:
        alternates = dict(con.execute("SELECT id, alternate_artist_name FROM library"))
    assert_truth_fits(truth, {r.id: r for r in parse_releases(info.releases_path)}, parse_artists(info.artists_path),
                      alternates)


# ---- API and CLI ------------------------------------------------------------------------------


def test_cli(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    n = minimum_releases()
    assert main(["--out", str(tmp_path / "cli"), "--releases", str(n), "--seed", "3", "--date", "20251201"]) == 0
    assert (tmp_path / "cli" / "discogs_20251201_releases.xml.gz").exists()
    assert (tmp_path / "cli" / "library.db").exists()
    assert f"wrote {n} releases (current form)" in capsys.readouterr().out
    assert len(parse_releases(tmp_path / "cli" / "discogs_20251201_releases.xml.gz")) == n
    assert main(["--out", str(tmp_path / "older"), "--releases", str(n), "--form", "older"]) == 0
    with gzip.open(tmp_path / "older" / f"discogs_{DATE}_releases.xml.gz") as fh:
        assert fh.read(5) == b"<?xml"


def test_rejects_bad_arguments(tmp_path: Path) -> None:
    with pytest.raises(ValueError):
        generate_sample(tmp_path, releases=minimum_releases() - 1)
    with pytest.raises(ValueError):
        generate_sample(tmp_path, releases=2000, dump_date="2026-01-01")
    with pytest.raises(ValueError, match="form must be one of current, older"):
        generate_sample(tmp_path, releases=2000, form="2024")
    with pytest.raises(SystemExit):
        main(["--out", str(tmp_path), "--releases", "5"])
    with pytest.raises(SystemExit):
        main(["--out", str(tmp_path), "--form", "newest"])
