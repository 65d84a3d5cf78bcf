"""The KEEP / REVIEW / PRUNE rule (classify.py): the reference corpus and each fixed defect."""

from __future__ import annotations

import csv
import json
import sqlite3
from pathlib import Path

import pytest

from discogs_cache_assets.library.ambiguity import SharedRows
from discogs_cache_assets.library.classify import (
    ArtistMappings,
    MatchLibrary,
    Thresholds,
    classify_releases,
    load_match_library,
)
from discogs_cache_assets_tests.conftest import require_shared

SURVIVORS = {1002, 2002, 3001, 4001, 5001, 5002, 6001, 8001, 9001, 9002, 10001, 10002}


def reference_rows() -> list[tuple[int, str, int, str]]:
    """(release_id, artist_name, extra, title) of the dedup survivors."""
    folder = require_shared("reference", "csv")
    with (folder / "release.csv").open(newline="", encoding="utf-8") as fh:
        titles = {int(r["id"]): r["title"] for r in csv.DictReader(fh)}
    with (folder / "release_artist.csv").open(newline="", encoding="utf-8") as fh:
        return [
            (int(r["release_id"]), r["artist_name"], int(r["extra"]), titles[int(r["release_id"])])
            for r in csv.DictReader(fh)
            if int(r["release_id"]) in SURVIVORS
        ]


def test_reference_corpus() -> None:
    library = load_match_library(None, require_shared("reference", "library.db"))
    assert library.artist_count == 16 and library.pair_count == 19
    assert library.compilation_titles == {"sugar hill"}
    result = classify(library, reference_rows())
    assert result.keep == [1002, 2002, 3001, 4001, 6001, 8001, 9001, 9002]  # 8001: compilation rule fixed
    assert result.review == []
    assert result.prune == [5001, 5002, 10001, 10002]
    assert result.counts["exact"] == 7
    assert result.counts["compilation"] == 1
    assert result.counts["releases"] == 12
    assert result.decision(8001) == "keep" and result.decision(5001) == "prune"
    assert result.decision(7001) is None


def classify(library: MatchLibrary, rows, aliases=None):  # noqa: ANN001, ANN201
    """classify_releases on (release_id, artist, extra, title) rows: credits without an id,
    unless a row gives one as a fifth field."""
    return classify_releases(library, [(*r, None) if len(r) == 4 else r for r in rows], aliases)


def lib(entries, **kw) -> MatchLibrary:
    return MatchLibrary.from_entries(entries, **kw)


BASIC = [
    ("Radiohead", "OK Computer"),
    ("Radiohead", "Kid A"),
    ("Joy Division", "Closer"),
    ("Joy Division", "Unknown Pleasures"),
    ("Sonic Youth", "Daydream Nation"),
    ("Sonic Youth", "Goo"),
    ("OHSEES", "Floating Coffin"),
    ("Various Artists - Compilations", "Sugar Hill"),
]


def decide(library: MatchLibrary, rows) -> dict[int, str]:
    result = classify(library, rows)
    out = dict.fromkeys(result.keep, "keep")
    out.update(dict.fromkeys(result.review, "review"))
    out.update(dict.fromkeys(result.prune, "prune"))
    return out


@pytest.mark.parametrize(
    ("artist", "title", "expected"),
    [
        ("Radiohead", "OK Computer", "keep"),
        ("RADIOHEAD (2)", "OK Computer (Collector's Edition)", "keep"),
        ("Radiohead", "OK Computr", "keep"),  # one letter off: title similarity 0.95
        ("Radiohead", "Kid A Mnesia", "prune"),  # a superset is not a match
        ("Joy", "Closer", "prune"),  # "Joy" is not "Joy Division"
        ("Sonic Youth", "Gao", "review"),  # a typo in a short title, 0.67: surfaced, not kept
        ("Sonic Youth", "Daydream", "prune"),  # a word fewer: another album (0.70 by letters)
        ("Sonic Youth", "Daydream Natoin", "keep"),  # a swap is one edit
        ("Radiohead", "Hail to the Thief", "prune"),  # the artist's, but not in the library
        ("Thee Oh Sees", "Floating Coffin", "review"),  # fuzzy artist, same title: a = 0.67
        ("Oh Sees", "Floating Coffin", "keep"),  # a = 0.92
        ("Radiohed", "Kid A", "keep"),  # misspelt artist anchored on the title
        ("Radiohed", "Amnesiac", "prune"),  # ... and not without it
        ("Various", "Sugar Hill", "keep"),  # compilation rule first
        ("Various", "Sugar Hill (Original Motion Picture Soundtrack)", "keep"),
        ("Various", "Some Other Compilation", "prune"),
        ("The Soundtrack of Our Lives", "Sugar Hill", "prune"),  # a band, not a compilation
    ],
)
def test_one_artist(artist: str, title: str, expected: str) -> None:
    assert decide(lib(BASIC), [(1, artist, 0, title)]) == {1: expected}


def test_multi_artist_release_is_aggregated_per_release() -> None:
    """One decision per release, KEEP > REVIEW > PRUNE over its main artists."""
    rows = [
        (1, "Mystery Band", 0, "OK Computer"),
        (1, "Radiohead", 0, "OK Computer"),
        (2, "Sonic Youth", 0, "Gao"),
        (2, "Nobody", 0, "Gao"),
        (3, "Nobody", 0, "Nothing"),
        (3, "Someone", 0, "Nothing"),
    ]
    assert decide(lib(BASIC), rows) == {1: "keep", 2: "review", 3: "prune"}


def test_releases_without_main_artist_use_extras() -> None:
    """No main artist → judged by the extra artists; no artist at all → PRUNE."""
    rows = [
        (1, "Radiohead", 1, "Kid A"),  # only an extra credit
        (2, "Some Producer", 1, "Kid A"),
        (3, None, 0, "Kid A"),  # a release without any artist row (LEFT JOIN)
        (4, "Mystery Band", 0, "Kid A"),  # main artist present: the extra is not used
        (4, "Radiohead", 1, "Kid A"),
    ]
    result = classify(lib(BASIC), rows)
    assert result.keep == [1]
    assert result.prune == [2, 3, 4]
    assert result.counts["unclassified"] == 3
    assert result.counts["no_artist"] == 1


def test_keep_mapping_uses_the_library_artists_titles() -> None:
    """A "keep" mapping matches against the mapped library artist's titles."""
    mappings = ArtistMappings.from_dict({"keep": {"On A Friday": "Radiohead"}, "prune": {"Radiohead (2)": None}})
    library = lib(BASIC, mappings=mappings)
    rows = [
        (1, "On A Friday", 0, "Kid A"),
        (2, "On A Friday", 0, "Unknown Album"),
        (3, "Radiohead (2)", 0, "Kid A"),  # prune mapping: no candidate from this artist
    ]
    result = classify(library, rows)
    assert result.keep == [1]
    assert result.prune == [2, 3]
    assert result.counts["mapped"] == 2
    assert result.counts["mapped_prune"] == 1


def test_mappings_file(tmp_path: Path) -> None:
    path = tmp_path / "artist_mappings.json"
    path.write_text(json.dumps({"keep": {"on a friday": "radiohead"}, "prune": {"x": None}}))
    m = ArtistMappings.load(path)
    assert m.keep == {"on a friday": "radiohead"} and m.prune == {"x"}
    path.write_text('{"keep": {"a": "Not In The Library"}}')
    with pytest.raises(ValueError, match="not in the library"):
        lib(BASIC, mappings=ArtistMappings.load(path))
    path.write_text("{not json")
    with pytest.raises(ValueError, match="artist_mappings.json:1: not valid JSON"):
        ArtistMappings.load(path)
    path.write_text('{"keep": {}, "drop": {}}')
    with pytest.raises(ValueError, match="unknown section"):
        ArtistMappings.load(path)
    with pytest.raises(ValueError, match="not found"):
        ArtistMappings.load(tmp_path / "missing.json")


def test_thresholds_are_configurable() -> None:
    rows = [(1, "Sonic Youth", 0, "Gao")]  # title similarity 0.667
    assert decide(lib(BASIC), rows) == {1: "review"}
    assert decide(lib(BASIC, thresholds=Thresholds(keep=0.66, review=0.5)), rows) == {1: "keep"}
    assert decide(lib(BASIC, thresholds=Thresholds(keep=0.9, review=0.8)), rows) == {1: "prune"}
    # a fuzzy artist only counts at or above artist_cutoff (and review)
    fuzzy = [(2, "Thee Oh Sees", 0, "Floating Coffin")]  # a = 0.67
    assert decide(lib(BASIC, thresholds=Thresholds(artist_cutoff=0.7)), fuzzy) == {2: "prune"}
    with pytest.raises(ValueError):
        Thresholds(keep=0.5, review=0.6)


def test_review_artists_are_reported() -> None:
    rows = [(1, "Thee Oh Sees", 0, "Floating Coffin"), (2, "Sonic Youth", 0, "Gao")]
    result = classify(lib(BASIC), rows)
    assert result.review == [1, 2]
    by_artist = {r.artist: r for r in result.review_artists}
    assert by_artist["Thee Oh Sees"].library_artist == "OHSEES"
    assert by_artist["Thee Oh Sees"].artist_score == pytest.approx(0.667, abs=0.01)
    assert by_artist["Sonic Youth"].artist_score == 1.0
    meta = result.metadata()
    assert meta["classify_review"] == 2 and meta["review_artists"][0]["releases"] == 1


def test_rows_in_any_order_and_repeated() -> None:
    rows = [(7, "Radiohead", 0, "Kid A"), (5, "Nobody", 0, "X"), (7, "Radiohead", 0, "Kid A")]
    result = classify(lib(BASIC), rows)
    assert result.keep == [7] and result.prune == [5]
    assert classify(lib(BASIC), []).counts["releases"] == 0


def test_alternate_names_are_known_to_the_prune_step(tmp_path: Path) -> None:
    """library.db's alternate_artist_name and library_aliases.csv widen the library."""
    db = tmp_path / "library.db"
    with sqlite3.connect(db) as conn:
        conn.execute("CREATE TABLE library (id INTEGER PRIMARY KEY, artist TEXT, title TEXT, alternate_artist_name TEXT)")
        conn.executemany(
            "INSERT INTO library (artist, title, alternate_artist_name) VALUES (?, ?, ?)",
            [("Ice-T", "Body Count", "Body Count"), ("Eric Bachmann", "To the Races", None)],
        )
    folder = tmp_path / "lib"
    folder.mkdir()
    (folder / "library_aliases.csv").write_text(
        "artist_name,release_title,source\nCrooked Fingers,To the Races,cross_reference\n", encoding="utf-8"
    )
    rows = [(1, "Body Count", 0, "Body Count"), (2, "Crooked Fingers", 0, "To the Races")]
    assert classify(load_match_library(folder, db), rows).keep == [1, 2]
    # Without the aliases file "Crooked Fingers" is unknown: the title anchors it to Eric
    # Bachmann, but the names are too different, so it is PRUNE.
    without = classify(load_match_library(None, db), rows)
    assert without.keep == [1] and without.prune == [2]


SPELLINGS = [
    ("Clean, The", "Boodle"),
    ("Fall", "Hex Enduction Hour"),
    ("Cluster", "Zuckerzeit"),
    ("Łona", "Absurd"),
    ("Mutantes, Os", "Tecnicolor"),
    ("Simon + Garfunkel", "Bookends"),
    ("M.I.A.", "Kala"),
    ("Primal Scream", "Screamadelica"),
    ("Pavement", "Lonesome Crowded West, The"),
    ("Various Artists - Compilations", "Łza"),
]


@pytest.mark.parametrize(
    ("artist", "title"),
    [
        ("The Clean", "Boodle"),  # filing form in the library
        ("The Fall", "Hex Enduction Hour"),  # the library drops the article
        ("Cluster (2)", "Zuckerzeit"),  # Discogs' disambiguator
        ("Lona", "Absurdd"),  # a letter that does not decompose (and a typo in the title)
        ("Os Mutantes", "Tecnicolour"),  # a filed non-English article
        ("Simon & Garfunkel", "Bookends"),
        ("MIA", "Kala (Remastered)"),
        ("Primal Scream", "Scre4madelica"),  # a typo: title similarity 0.92
        ("Pavement", "The Lonesome Crowded West [Bonus Tracks]"),
        ("Various", "Lza"),  # compilation titles by the same title key
    ],
)
def test_library_spellings_are_the_identity_keys(artist: str, title: str) -> None:
    assert decide(lib(SPELLINGS), [(1, artist, 0, title)]) == {1: "keep"}


def test_thresholds_as_stated() -> None:
    """The docstring's figures: a typo is a title match, a title sharing words is not."""
    library = lib(SPELLINGS + [("Radiohead", "Kid A"), ("Dolores Garnier", "Groove the Dondslau Tired")])
    result = classify(library, [(1, "Primal Scream", 0, "Scre4madelica"), (2, "Radiohead", 0, "Kid A Mnesia"),
                                (3, "Dolores Garnier", 0, "When the Dondslau Tired")])  # 0.8 by letters
    assert result.keep == [1] and result.prune == [2, 3]
    th = Thresholds()
    assert (th.keep, th.review, th.artist_cutoff) == (0.75, 0.65, 0.60)


ALIAS_LIBRARY = [("Polygon Window", "Surfing on Sine Waves"), ("Aphex Twin", "Drukqs")]


def test_aliases_by_credited_artist_id() -> None:
    """A release credited to Aphex Twin (id 45) is the album the library files under his alias
    "Polygon Window"; the title still decides, and only the credited id's aliases count."""
    library = lib(ALIAS_LIBRARY)
    aliases = library.alias_targets({45: ["AFX", "The Polygon Window"], 46: ["Nobody Here"]})
    assert aliases == {45: (library.artist_index["polygon window"],)}
    rows = [
        (1, "Aphex Twin", 0, "Surfing on Sine Waves", 45),
        (2, "Aphex Twin", 0, "Selected Ambient Works 85-92", 45),  # no such Polygon Window title
        (3, "Aphex Twin (2)", 0, "Surfing on Sine Waves", 99),  # another id, without the alias
    ]
    result = classify(library, rows, aliases)
    assert result.keep == [1] and result.prune == [2, 3]
    assert result.counts["alias"] == 1
    assert classify(library, rows).keep == []  # without the artists' aliases: not the library's


def test_one_library_name_two_discogs_artists_the_title_decides() -> None:
    library = lib([("Cluster", "Zuckerzeit"), ("Cluster", "Sowiesoso"), ("Eno", "Old Land")])
    rows = [
        (1, "Cluster", 0, "Zuckerzeit"),  # only Cluster's: KEEP
        (2, "Cluster (2)", 0, "Some Other Album"),  # the other Cluster, another title: PRUNE
        (3, "Cluster", 0, "Sowiesoso"),
        (4, "Cluster (2)", 0, "Sowiesoso (Remastered)"),  # both reach one library row: no guess
        (5, "Cluster (2)", 0, "Old Land"),
        (5, "Eno", 0, "Old Land"),  # its KEEP rests on Eno as well: not held
    ]
    result = classify(library, rows)
    assert (result.keep, result.review, result.prune) == ([1, 5], [3, 4], [2])
    assert result.counts["ambiguous"] == 2
    # An operator settles it by mapping the other artist out (that artist alone, by its "(2)").
    mapped = lib([("Cluster", "Sowiesoso")], mappings=ArtistMappings.from_dict({"prune": {"Cluster (2)": None}}))
    settled = classify(mapped, rows[2:4])
    assert (settled.keep, settled.prune) == ([3], [4])


def test_shared_rows_are_judged_across_batches() -> None:
    """Two batches, one Cluster in each: each alone is KEEP; their claims together hold both."""
    library = lib([("Cluster", "Sowiesoso")])
    first = classify(library, [(3, "Cluster", 0, "Sowiesoso")])
    second = classify(library, [(4, "Cluster (2)", 0, "Sowiesoso")])
    assert first.keep == [3] and second.keep == [4]
    shared = SharedRows()
    shared.add(first.claims)
    shared.add(second.claims)
    assert shared.reviews() == [3, 4]


def test_answered_library_rows() -> None:
    library = lib(SPELLINGS)
    result = classify(library, [(1, "The Clean", 0, "Boodle (Remastered)"), (2, "Various", 0, "Lza"),
                                (3, "The Fall", 0, "Grotesque")])  # not a library title
    clean = library.artist_index["clean"]
    assert result.answered == {(clean, "boodle"), (-1, "lza")}


def test_main_artists_joined_are_one_library_name() -> None:
    """A release credited to Lou Reed & John Cale is the library's "Lou Reed and John Cale"
    album: their joined credit line counts as one more main artist."""
    library = lib([("Lou Reed and John Cale", "Songs for Drella"), ("Lou Reed", "Transformer")])
    rows = [(1, "Lou Reed", 0, "Songs for Drella"), (1, "John Cale (2)", 0, "Songs for Drella")]
    joined = {1: "Lou Reed & John Cale", 2: "Nobody & Else"}  # 2: a release of another batch
    assert classify_releases(library, [(*r, None) for r in rows], joined=joined).keep == [1]
    assert classify(library, rows).prune == [1]


@pytest.mark.parametrize(("title", "expected"), [
    ("Slanted & Enchanted: Luxe & Reduxe", "keep"),  # the album under a subtitle
    ("Slanted and Enchanted [Live]", "keep"),
    ("Slanted and Enchanted - Demos", "keep"),
    ("Slanted and Enchanted Demos", "prune"),  # a word more, no subtitle: another album
    ("Enchanted", "prune"),
])
def test_a_subtitled_edition_is_the_album(title: str, expected: str) -> None:
    assert decide(lib([("Pavement", "Slanted and Enchanted")]), [(1, "Pavement", 0, title)]) == {1: expected}
