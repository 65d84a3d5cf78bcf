"""The identity key: the shared table of cases, the Python and the converter's keys equal on
generated names, and the converter's artist filter keeping what a library files under another
spelling."""

from __future__ import annotations

import random
import sqlite3
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from discogs_cache_assets.dump.binary import converter_path
from discogs_cache_assets.library.artists import build_library_artists, write_library_files
from discogs_cache_assets.library.catalog import read_catalog
from discogs_cache_assets.library.identity import TITLE_CASES_FILE, identity_key, joined_credit, read_cases, title_key
from discogs_cache_assets_tests.test_converter_conformance import (
    ids,
    rel,
    run_converter,
    write_dump,
    write_library,
)

CASES = read_cases()
TITLE_CASES = read_cases(TITLE_CASES_FILE)


@pytest.mark.parametrize(("name", "key", "why"), CASES, ids=[c[0] for c in CASES])
def test_shared_case(name: str, key: str, why: str) -> None:
    assert identity_key(name) == key, why


def test_table_covers_the_categories() -> None:
    """The table keeps a row for each spelling difference a station's catalog has."""
    inputs = {name for name, _, _ in CASES}
    for name in ["Clean, The", "Mutantes, Os", "Rita Mitsouko, Les", "Cluster (2)", "Straßenjungs", "Łona",
                 "MØ", "Ðorđe", "Æthelred", "Œuvre", "Þursaflokkurinn", "Aşıq Altay", "Simon + Garfunkel",
                 "M.I.A.", "Godspeed You! Black Emperor", "The The", "!!!"]:
        assert name in inputs, name
    assert all(key for _, key, _ in CASES)
    assert sum("differs from WXYC" in why for _, _, why in CASES) >= 5


@pytest.mark.parametrize(("title", "key", "why"), TITLE_CASES, ids=[c[0] for c in TITLE_CASES])
def test_shared_title_case(title: str, key: str, why: str) -> None:
    assert title_key(title) == key, why


def test_title_table_covers_the_suffixes() -> None:
    """Every kind of suffix, a title that is only a suffix, and titles that only look like one."""
    inputs = {title for title, _, _ in TITLE_CASES}
    for title in ["Abbey Road (Remastered) [Deluxe Edition]", "Pet Sounds [Bonus Tracks]", "Kid A (2 CD Set)",
                  'Blue Monday 12"', "Homogenic (2)", "(Remastered)", '7"', "Every Inch", "Stereolab (Live)",
                  "Wall, The", "Straßenmusik", "Rock + Roll"]:
        assert title in inputs, title
    assert all(key for _, key, _ in TITLE_CASES)


def test_title_key_is_not_the_name_key() -> None:
    """A title keeps what only a name loses, and loses what only a title does."""
    assert identity_key("Abbey Road (Remastered)") == "abbey road remastered"
    assert title_key("Abbey Road (Remastered)") == "abbey road"


_ARTICLES = ["The", "A", "An", "Los", "Las", "La", "Le", "Les", "Il", "I", "Gli", "Lo", "Die", "Der", "Das",
             "El", "Os", "As", "Un", "Une"]
_ODD = ["ß", "Ł", "ø", "Đ", "Ð", "æ", "Œ", "þ", "ı", "İ", "é", "ü", "ñ", "Å", "ς", "Σ", "ﬁ", "Ｂ", "’", "ʼ",
        "`", "ħ", "ĸ", "ɖ", "\u0301", "½", "²", "Ⅻ", "ǅ", "\u00a0", "\u2003", "\x1c", "Ⓐ", "ा", "\u200d"]
_PUNCT = ["!", ".", "-", "&", "+", "/", "'", ",", "(", ")", "?", "*", "$", " & ", " + ", " and ", "...", ", "]


Edit = Callable[[random.Random, str], str]


def _insert(choices: list[str]) -> Edit:
    def edit(rng: random.Random, text: str) -> str:
        at = rng.randint(0, len(text))
        return text[:at] + rng.choice(choices) + text[at:]
    return edit


def _edited(rng: random.Random, base: list[str], n: int, edits: list[tuple[float, Edit]]) -> list[str]:
    """``base`` (each text once), then texts of it with one to three edits each: an edit is
    drawn by where a uniform draw falls among the upper limits of ``edits``."""
    out = list(dict.fromkeys(base))
    while len(out) < n:
        text = rng.choice(base)
        for _ in range(rng.randint(1, 3)):
            r = rng.random()
            text = next(edit for limit, edit in edits if r < limit)(rng, text)
        out.append(text)
    return out


def _names(n: int) -> list[str]:
    """Sample-generator names and curated texts with articles, filing forms, disambiguators, letters
    that do not decompose and punctuation mixed in."""
    from discogs_cache_assets.sample import _generate, _vocab

    rng = random.Random("identity-parity")
    base = [t for t in _vocab._curated_texts() if t and "\n" not in t]
    base += [_generate._artist_name(rng)[0] for _ in range(2000)]
    return _edited(rng, base, n, [
        (0.2, lambda r, s: f"{r.choice(_ARTICLES)} {s}"),
        (0.35, lambda r, s: f"{s}, {r.choice(_ARTICLES)}"),
        (0.45, lambda r, s: f"{s} ({r.randint(1, 30)})"),
        (0.7, _insert(_ODD)),
        (0.9, _insert(_PUNCT)),
        (1.0, lambda r, s: r.choice([s.upper(), s.lower(), f"  {s} ", "".join(ch + "." for ch in s[:3])])),
    ])


def test_converter_and_python_keys_agree() -> None:
    names = _names(10_000)
    rust = _converter_keys("identity-keys", names)
    assert len(rust) == len(names)
    differ = [(n, r, identity_key(n)) for n, r in zip(names, rust) if r != identity_key(n)]
    assert not differ, differ[:20]
    assert len({identity_key(n) for n in names}) > 5000  # the names are not all one key


_SUFFIXES = [" (Remastered)", " [Bonus Tracks]", " (Deluxe Edition)", " (2 CD Set)", ' 12"', " 12 inch", " (2)",
             " (3LP)", " [2009 Remaster]", " (Collector’s Edition)", " (Live)", " (EP)", " [Vinyl]", " (Mono)",
             " (40th Anniversary Edition)", " (Original Motion Picture Soundtrack)", "(2)", " ( Reissue )",
             " 7”", " (12″)", " (2xCD)", " (Remastered 2011)"]


def _titles(n: int) -> list[str]:
    """Sample-generator titles with edition suffixes, articles, filing forms, odd letters and
    punctuation mixed in."""
    from discogs_cache_assets.sample import _generate

    rng = random.Random("title-parity")
    return _edited(rng, [_generate._title(rng) for _ in range(3000)], n, [
        (0.4, lambda r, s: s + r.choice(_SUFFIXES)),
        (0.5, lambda r, s: f"{r.choice(_ARTICLES)} {s}"),
        (0.6, lambda r, s: f"{s}, {r.choice(_ARTICLES)}"),
        (0.75, _insert(_ODD)),
        (0.9, _insert(_PUNCT)),
        (1.0, lambda r, s: r.choice([s.upper(), s.lower(), f"  {s} ", r.choice(_SUFFIXES).strip()])),
    ])


def _converter_keys(command: str, lines: list[str]) -> list[str]:
    proc = subprocess.run([str(converter_path()), command], input="\n".join(lines) + "\n",
                          capture_output=True, text=True, encoding="utf-8", timeout=60, check=True)
    return proc.stdout.split("\n")[:-1]


def test_converter_and_python_title_keys_agree() -> None:
    titles = _titles(10_000)
    rust = _converter_keys("title-keys", titles)
    assert len(rust) == len(titles)
    differ = [(t, r, title_key(t)) for t, r in zip(titles, rust) if r != title_key(t)]
    assert not differ, differ[:20]
    assert sum(title_key(t) != identity_key(t) for t in titles) > 2000  # the suffixes are exercised


def test_artist_filter_keeps_other_spellings(tmp_path: Path) -> None:
    """A library name keeps the releases Discogs credits under another spelling of it; names that
    only look alike stay out."""
    credits = ["The Clean", "Cluster (2)", "Straßenjungs", "Os Mutantes", "Les Rita Mitsouko", "M.I.A.",
               "Simon &amp; Garfunkel", "Łona", "Paul", "Clean Cut", "Mutantes Unidos", "Rita"]
    dump = write_dump(tmp_path / "r.xml", *(rel(i + 1, "T", [c]) for i, c in enumerate(credits)),
                      rel(50, "T", ["Nobody", "The Clean"]),
                      rel(51, "T", ["Nobody"], extra="<extraartists><artist><id>70</id><name>Lona</name>"
                                                     "<role>Vocals</role></artist></extraartists>"))
    lib = write_library(tmp_path / "lib.txt", ["Clean, The", "Cluster", "Strassenjungs", "Mutantes, Os",
                                               "Rita Mitsouko, Les", "MIA", "Simon and Garfunkel", "Lona",
                                               "Les Paul"])
    for args in (["--threads", 1], ["--threads", 2]):
        out = tmp_path / f"out{args[1]}"
        run_converter(dump, "--output-dir", out, "--library-artists", lib, *args)
        assert ids(out) == {"1", "2", "3", "4", "5", "6", "7", "8", "50", "51"}


def test_alias_widening_by_identity_key(tmp_path: Path) -> None:
    """An artist whose alias is a library name under another spelling is kept by its id."""
    d = tmp_path / "dump"
    d.mkdir()
    (d / "artists.xml").write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<artists><artist><id>8</id><name>Aphex Twin</name>'
        '<aliases><name id="9">The Polygon Window (2)</name></aliases></artist></artists>\n', encoding="utf-8")
    # rel() gives the first credit the artist id 1: release 1's is Aphex Twin's id 8.
    write_dump(d / "releases.xml", rel(1, "T", ["Aphex Twin"]).replace("<id>1</id>", "<id>8</id>"),
               rel(2, "T", ["Other"]))
    lib = write_library(tmp_path / "lib.txt", ["Polygon Window"])
    run_converter(d, "--output-dir", tmp_path / "out", "--library-artists", lib)
    assert ids(tmp_path / "out") == {"1"}


def test_compilations_still_recognised(tmp_path: Path) -> None:
    """With compilation titles, names still match by identity key, and the compilation rule reads
    the plain name: "The Various" is a band, "Various" a compilation, though their keys are equal."""
    dump = write_dump(tmp_path / "r.xml", rel(1, "Hits Of 1999", ["Various"]),
                      rel(2, "Hits Of 1999", ["The Various"]), rel(3, "Hits Of 1999", ["V/A"]),
                      rel(4, "Hits Of 1999", ["Various", "Clean, The"]), rel(5, "Other", ["Clean, The"]))
    titles = tmp_path / "titles.txt"
    titles.write_text("hits of 1999\n")
    lib = write_library(tmp_path / "lib.txt", ["The Clean"])
    run_converter(dump, "--output-dir", tmp_path / "out", "--library-artists", lib, "--compilation-titles", titles)
    assert ids(tmp_path / "out") == {"1", "3", "4", "5"}


def _library_db(path: Path, rows: list[tuple[str, str, str | None]]) -> Path:
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE library (id INTEGER PRIMARY KEY, artist TEXT, title TEXT, alternate_artist_name TEXT)")
        conn.executemany("INSERT INTO library (artist, title, alternate_artist_name) VALUES (?, ?, ?)", rows)
    return path


def test_pair_filter_by_keys_and_aliases(tmp_path: Path) -> None:
    """The pair filter keeps a release when its title and one of its credits are a library row by
    title key and identity key, also through an alias of the credited artist or the row's alternate
    name; the same artists with other titles, or other artists with the title, stay out."""
    d = tmp_path / "dump"
    d.mkdir()
    (d / "artists.xml").write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<artists><artist><id>8</id><name>Aphex Twin</name>'
        '<aliases><name id="9">Polygon Window</name></aliases></artist></artists>\n', encoding="utf-8")

    def by_aphex(rid: int, title: str) -> str:  # rel() gives the first credit the id 1
        return rel(rid, title, ["Aphex Twin"]).replace("<id>1</id>", "<id>8</id>")

    write_dump(d / "releases.xml",
               rel(1, "Boodle Boodle Boodle [Bonus Tracks]", ["The Clean"]), rel(2, "Vehicle", ["The Clean"]),
               by_aphex(3, "Surfing On Sine Waves (Remastered)"), by_aphex(4, "Selected Ambient Works 85-92"),
               rel(5, "Zuckerzeit (2)", ["Cluster (2)"]), rel(6, "Zuckerzeit", ["Other"]),
               rel(7, "Dauerlauf", ["Straßenjungs"]),
               rel(8, "Wir Sind Die", ["Nobody"], extra="<extraartists><artist><id>70</id><name>Lona</name>"
                                                         "<role>Vocals</role></artist></extraartists>"),
               rel(9, "The Wall", ["Pink Floyd"]), rel(10, "Screamadelica", ["Primal Scream"]),
               rel(11, "Give Out But Don't Give Up", ["Primal Scream"]), rel(12, "Scremadelica", ["Other"]))
    db = _library_db(tmp_path / "library.db", [
        ("Clean, The", "Boodle Boodle Boodle", None), ("Polygon Window", "Surfing on Sine Waves", None),
        ("Cluster", "Zuckerzeit", None), ("Die Strassenjungen", "Dauerlauf", "Strassenjungs"),
        ("Łona", "Wir sind die", None), ("Pink Floyd", "Wall, The", None), ("Primal Scream", "Scremadelica", None)])
    for threads in (1, 2):
        out = tmp_path / f"out{threads}"
        run_converter("build", d, "--data-dir", out, "--library-db", db, "--threads", threads)
        assert ids(out) == {"1", "3", "5", "7", "8", "9", "10"}
    # A single releases file has no artists dump: no alias, all else the same.
    run_converter("build", d / "releases.xml", "--data-dir", tmp_path / "single", "--library-db", db)
    assert ids(tmp_path / "single") == {"1", "5", "7", "8", "9", "10"}
    # A typo in the catalog's title is only forgiven at a similarity: at 1, the words must agree.
    run_converter("build", d, "--data-dir", tmp_path / "same", "--library-db", db, "--pair-title-similarity", 1)
    assert ids(tmp_path / "same") == {"1", "3", "5", "7", "8", "9"}


def test_pair_filter_reads_the_library_aliases(tmp_path: Path) -> None:
    """The pairs library_artists writes to library_aliases.csv (the station's cross references)
    widen the pair filter; a name without a title widens nothing; a file that is not such a CSV
    fails the run in one line naming it."""
    dump = write_dump(tmp_path / "r.xml", rel(1, "To The Races", ["Eric Bachmann"]),
                      rel(2, "Wild, Wild", ["Crooked Fingers"]), rel(3, "Other", ["Eric Bachmann"]),
                      rel(4, "Dignity And Shame", ["Crooked Fingers"]))
    db = _library_db(tmp_path / "library.db", [("Crooked Fingers", "Dignity and Shame", None)])
    aliases = tmp_path / "library_aliases.csv"
    aliases.write_text('artist_name,release_title,source\nEric Bachmann,To the Races,release_cross_reference\n'
                       '"Crooked Fingers","Wild, Wild",alternate\nEric Bachmann,,cross_reference\n', encoding="utf-8")
    run_converter("build", dump, "--data-dir", tmp_path / "out", "--library-db", db, "--library-pairs", aliases)
    assert ids(tmp_path / "out") == {"1", "2", "4"}
    aliases.write_text("artist,title\nEric Bachmann,To the Races\n", encoding="utf-8")
    bad = run_converter("build", dump, "--data-dir", tmp_path / "bad", "--library-db", db, "--library-pairs", aliases,
                        check=False)
    assert bad.returncode == 1
    assert bad.stderr.strip().splitlines()[-1].startswith(f"error: {aliases}:")


def test_pair_title_similarity_is_the_library_matchs(tmp_path: Path) -> None:
    """The pair filter keeps a library artist's release exactly when its title key, words sorted,
    is at least as similar to one of the artist's library titles as the library match requires
    (rapidfuzz's fuzz.ratio, the review threshold): on titles one or a few letters off, with
    words swapped, dropped or added."""
    from rapidfuzz import fuzz

    from discogs_cache_assets.library.normalize import sort_tokens
    from discogs_cache_assets.library_match import CacheSettings
    from discogs_cache_assets.sample import _generate

    rng = random.Random("pair-titles")
    library = list(dict.fromkeys(_generate._title(rng) for _ in range(60)))
    titles = []
    for _ in range(1500):
        words = rng.choice(library).split(" ")
        for _ in range(rng.randint(0, 3)):
            at = rng.randrange(len(words))
            r = rng.random()
            if r < 0.4 and words[at]:
                i = rng.randrange(len(words[at]))
                words[at] = words[at][:i] + rng.choice("abcdeilmnorstu") + words[at][i + 1:]
            elif r < 0.6:
                words.insert(at, rng.choice(["Live", "Part", "Two", "Dub", "Remix"]))
            elif r < 0.8 and len(words) > 1:
                words.pop(at)
            else:
                rng.shuffle(words)
        titles.append(" ".join(words))
    db = _library_db(tmp_path / "library.db", [("Artist", t, None) for t in library])
    dump = write_dump(tmp_path / "r.xml", *(rel(i + 1, t.replace("&", "&amp;"), ["Artist"]) for i, t in enumerate(titles)))
    review = CacheSettings().review_threshold
    run_converter("build", dump, "--data-dir", tmp_path / "out", "--library-db", db, "--pair-title-similarity", review)
    keys = [sort_tokens(title_key(t)) for t in library]
    want = {str(i + 1) for i, t in enumerate(titles)
            if max(fuzz.ratio(sort_tokens(title_key(t)), k) for k in keys) >= review * 100}
    assert ids(tmp_path / "out") == want
    assert 200 < len(want) < 1400  # both sides of the threshold are exercised


def test_compilation_titles_by_title_key(tmp_path: Path) -> None:
    """library_artists writes the title keys of the library's compilations; the converter keeps a
    compilation whose title has the same key, and reads a title typed as is as well."""
    catalog = read_catalog(_library_db(tmp_path / "library.db", [
        ("Various Artists - Compilations", "Nuggets (Deluxe Edition)", None), ("Various", "Hits, The", None),
        ("The Clean", "Vehicle", None)]))
    result = build_library_artists(catalog)
    assert result.compilation_titles == ("hits", "nuggets")
    files = write_library_files(result, tmp_path / "lib")
    titles = files["compilation_titles.txt"]
    titles.write_text(titles.read_text(encoding="utf-8") + "Pebbles, Volume 1\n", encoding="utf-8")
    dump = write_dump(tmp_path / "r.xml", rel(1, "Nuggets [Bonus Tracks]", ["Various"]),
                      rel(2, "The Hits", ["Various"]), rel(3, "Nuggets Two", ["Various"]),
                      rel(4, "Pebbles Volume 1", ["Various"]), rel(5, "Nuggets", ["Somebody"]))
    run_converter(dump, "--output-dir", tmp_path / "out", "--library-artists", files["library_artists.txt"],
                  "--compilation-titles", titles)
    assert ids(tmp_path / "out") == {"1", "2", "4"}


def test_joined_credit_is_a_library_name(tmp_path: Path) -> None:
    """A library name for all of a release's main artists ("Lou Reed & John Cale") keeps the release
    credited to each of them, joined as Discogs joins them, in both filter modes; one of the two
    with someone else, or the two the other way round, stays out."""
    def joined(rid: int, title: str, credits: list[tuple[str, str]]) -> str:
        artists = "".join(f"<artist><id>{i + 10}</id><name>{n}</name><join>{j}</join></artist>"
                          for i, (n, j) in enumerate(credits))
        return f'<release id="{rid}"><artists>{artists}</artists><title>{title}</title></release>\n'

    cases = [[("Lou Reed", "&amp;"), ("John Cale", "")], [("Cluster (2)", "&amp;"), ("Eno", "")],
             [("Lou Reed", "&amp;"), ("Nico", "")], [("John Cale", "&amp;"), ("Lou Reed", "")],
             [("Crosby", ","), ("Stills", "And"), ("Nash", "")]]
    dump = write_dump(tmp_path / "r.xml", *(joined(i + 1, "Songs For Drella", c) for i, c in enumerate(cases)))
    library = ["Lou Reed & John Cale", "Cluster and Eno", "Crosby, Stills & Nash"]
    assert identity_key(joined_credit([("Cluster (2)", "&"), ("Eno", "")])) == identity_key("Cluster and Eno")
    run_converter(dump, "--output-dir", tmp_path / "artist", "--library-artists", write_library(tmp_path / "l.txt", library))
    assert ids(tmp_path / "artist") == {"1", "2", "5"}
    db = _library_db(tmp_path / "library.db", [(name, "Songs for Drella", None) for name in library])
    run_converter("build", dump, "--data-dir", tmp_path / "pair", "--library-db", db)
    assert ids(tmp_path / "pair") == {"1", "2", "5"}
