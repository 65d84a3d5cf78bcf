"""KEEP / REVIEW / PRUNE: which cached releases belong to the station library.

The rule
--------
Artist names are compared by their identity key (``identity.identity_key``: the converter's
filter uses the same key, so the two never disagree: "Clean, The" = "The Clean" = "Clean",
"Cluster" = "Cluster (2)", "Straßenjungs" = "Strassenjungs", "&" = "and"), release titles by
``identity.title_key`` (the same folding, plus trailing edition and format suffixes such as
"(Remastered)", "[Bonus Tracks]" or ``12"`` dropped). Compilation titles go through
``title_key`` too.

Similarity is the Indel ratio (rapidfuzz ``fuzz.ratio``, 0..1) of the token-sorted keys: word
order does not matter, a typo costs little, but a subset is not a match. A title matches
fuzzily only when it has the same words as the library's, some of them mistyped
(``same_words``: as many words, each differing word within 1 edit, 2 from 8 letters, a swap
counting one); a title that shares words with another but has one word replaced, more or
fewer, is another album:

* "Scre4madelica" against "Screamadelica": 0.92, a title match (≥ ``keep``);
* "Kid A Mnesia" against "Kid A": 0.59 (below ``review``) and a word more: a distinct title;
* "When the Dondslau Tired" against "Groove the Dondslau Tired": 0.8, but "when" is not
  "groove" mistyped: a distinct title;
* "Joy" against "Joy Division": 0.40, a distinct artist.

Thresholds (``Thresholds``, configurable): ``keep`` 0.75, ``review`` 0.65, ``artist_cutoff``
0.60 (a fuzzy artist below ``max(artist_cutoff, review)`` is no candidate).

1. A release is judged by its **main** artists (``extra = 0``); a release without one by its
   extra artists (counted as ``unclassified``); a release with no artist at all is PRUNE.
   Its main artists also count together as one more: their credit line joined the way Discogs
   shows it ("Lou Reed & John Cale", ``identity.joined_credit``), when that line is a library
   name (the converter's filter keeps such releases too).
2. Per artist of the release, in this order:
   a. **compilation** (``is_compilation``, checked first): the release title against the
      library's compilation titles: ``score = title similarity`` (1 on an exact title);
   b. **mapped prune** (mappings ``"prune"``): no candidate;
   c. **mapped keep** (mappings ``"keep"``: Discogs artist → library artist): that
      library artist is the candidate with artist similarity 1;
   d. **exact**: the name's key is a library artist's (dictionary lookup): candidate with
      artist similarity 1. Two Discogs artists of the same key ("Cluster", "Cluster (2)") are
      both candidates; the title decides, and where it cannot, see ``ambiguity.py``;
   e. **alias**: the library artists whose key equals the key of an alias or name variation
      of the credited artist *id* (the Discogs artists dump, the ids the converter filtered
      by): candidates with artist similarity 1 ("Aphex Twin" for a library "Polygon Window");
   f. **fuzzy** otherwise (title-anchored): the candidates are the library artists that
      own the release's title key; artist similarity ``a`` = Indel ratio of the token-sorted
      keys, computed once per distinct (name, library artist) pair with one vectorized
      ``process.cpdist`` (both cores), never a Python loop per release pair; candidates below
      ``max(artist_cutoff, review)`` are dropped (below review, ``a × t`` cannot leave PRUNE).
   For a candidate library artist ``A`` with artist similarity ``a``:
   ``score = a × t`` where ``t`` is 1 on an exact (artist, title) pair, or when the title
   before a subtitle is one of ``A``'s ("Slanted & Enchanted: Luxe & Reduxe", "X [Live]",
   "X - Remixes", "X (Live at Y)"), else the best title similarity among ``A``'s titles
   (0 below ``review``, when the words differ by more than typos, or when ``A`` has none).
3. Per release, the best score over all its artists and candidates (KEEP > REVIEW >
   PRUNE): ``≥ keep`` KEEP, ``≥ review`` REVIEW, else PRUNE; a KEEP that rests only on a
   library row two Discogs artists of one name both reach is REVIEW (``ambiguity.py``).

Every candidate scoring at least ``review`` answers its library row (library artist and the
title it matched): ``Classification.answered``, from which ``coverage.py`` tells which library
rows the cache answers.

Why the fuzzy route is anchored on the title: comparing every unmatched Discogs name with
every library artist (``process.cdist``) costs names × artists comparisons; a 1.5M-release
cache has ~10⁵ unmatched names (mostly main artists of releases the converter kept for an
extra artist), i.e. ~5·10⁹ comparisons, 25–100 s on two cores, for matches that must then
also agree on the title. Anchoring on the exact title key keeps what the fuzzy route is for
(the same record under another spelling: "Thee Oh Sees"/"OHSEES", "Sunn 0)))") at a cost
proportional to the releases. The case it gives up is an artist *and* a title both spelled
differently, where ``a × t`` reaches KEEP only when both are ≥ 0.87 or so; such releases are
PRUNE (operators can still map the artist under "keep").

Library side (``MatchLibrary``): every library.db row (artist, title) plus
(alternate_artist_name, title) and the ``library_aliases.csv`` pairs written by
``library_artists`` (the prune step knows every name the converter filtered on).
Entries whose artist is a compilation contribute their title to the compilation titles.
"""

from __future__ import annotations

import bisect
import heapq
import json
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from discogs_cache_assets.library.ambiguity import Claim, SharedRows
from discogs_cache_assets.library.artists import ALIASES_FILE, read_aliases
from discogs_cache_assets.library.catalog import LibraryCatalog, read_catalog
from discogs_cache_assets.library.identity import identity_key, title_key
from discogs_cache_assets.library.keymemo import KeyMemo
from discogs_cache_assets.library.normalize import is_compilation, sort_tokens

__all__ = [
    "KEEP",
    "PRUNE",
    "REVIEW",
    "ArtistMappings",
    "Classification",
    "MatchLibrary",
    "MatchRow",
    "ReviewArtist",
    "Thresholds",
    "classify_releases",
    "library_entries",
    "load_match_library",
]

KEEP, REVIEW, PRUNE = "keep", "review", "prune"

# How a release's best score was reached (Classification.counts keys).
_EXACT, _MAPPED, _FUZZY, _COMPILATION, _ALIAS = "exact", "mapped", "fuzzy", "compilation", "alias"

# (release_id, artist_name or None, extra, release title, credited artist id or None)
MatchRow = tuple[int, str | None, int | None, str, int | None]


@dataclass(frozen=True)
class Thresholds:
    """Scores are 0..1. Defaults are the reference pipeline's."""

    keep: float = 0.75
    review: float = 0.65
    artist_cutoff: float = 0.60
    candidates: int = 3  # library artists tried per fuzzy Discogs artist (not only the best)

    def __post_init__(self) -> None:
        if not (0.0 < self.review <= self.keep <= 1.0):
            raise ValueError(f"thresholds must satisfy 0 < review ({self.review}) <= keep ({self.keep}) <= 1")
        if not (0.0 <= self.artist_cutoff <= 1.0):
            raise ValueError(f"artist_cutoff must be within 0..1, got {self.artist_cutoff}")
        if self.candidates < 1:
            raise ValueError(f"candidates must be >= 1, got {self.candidates}")


# Discogs' disambiguator on a name as written: "Cluster (2)".
_DISAMBIGUATOR = re.compile(r"\s*\(\s*\d+\s*\)\s*$")


def mapping_key(name: str) -> str:
    """The identity key, with Discogs' ``(n)`` kept when the name has one: a mapping written for
    "Cluster (2)" is that artist's alone, one written for "Cluster" every artist of the key."""
    key = identity_key(name)
    match = _DISAMBIGUATOR.search(name)
    return f"{key} ({match.group(0).strip(' ()')})" if match and match.start() > 0 else key


@dataclass(frozen=True)
class ArtistMappings:
    """Operator decisions ``{"keep": {discogs_artist: library_artist}, "prune": {artist: null}}``.

    Names may be written in any spelling: Discogs names are keyed by ``mapping_key``, library
    artists by ``identity_key``.
    """

    keep: Mapping[str, str] = field(default_factory=dict)  # mapping key → library artist key
    prune: frozenset[str] = frozenset()

    @classmethod
    def from_dict(cls, data: Mapping) -> ArtistMappings:
        unknown = set(data) - {"keep", "prune"}
        if unknown:
            raise ValueError(f"artist mappings: unknown section(s) {sorted(unknown)}; expected keep, prune")
        keep_raw = data.get("keep") or {}
        prune_raw = data.get("prune") or {}
        if not isinstance(keep_raw, Mapping) or not all(isinstance(v, str) for v in keep_raw.values()):
            raise ValueError('artist mappings: "keep" must map Discogs artist → library artist')
        keep = {mapping_key(k): identity_key(v) for k, v in keep_raw.items()}
        prune = frozenset(mapping_key(k) for k in prune_raw)
        both = sorted(set(keep) & prune)
        if both:
            raise ValueError(f"artist mappings: {both[:5]} listed under both keep and prune")
        return cls(keep, prune)

    @classmethod
    def load(cls, path: str | Path) -> ArtistMappings:
        path = Path(path)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise ValueError(f"artist mappings file not found: {path}") from None
        except json.JSONDecodeError as exc:
            raise ValueError(f"{path}:{exc.lineno}: not valid JSON ({exc.msg})") from None
        if not isinstance(data, Mapping):
            raise ValueError(f"{path}: expected a JSON object with keep/prune")
        try:
            return cls.from_dict(data)
        except ValueError as exc:
            raise ValueError(f"{path}: {exc}") from None

    def __bool__(self) -> bool:
        return bool(self.keep or self.prune)

    def of(self, name: str, key: str) -> tuple[str, str] | None:
        """("keep", library artist key) or ("prune", "") for a Discogs name, None when unmapped;
        a mapping of the name's own ``(n)`` wins over one of its key."""
        specific = mapping_key(name)
        for k in (specific, key) if specific != key else (key,):
            if k in self.prune:
                return PRUNE, ""
            if (target := self.keep.get(k)) is not None:
                return KEEP, target
        return None


class MatchLibrary:
    """The library as the classification sees it: artist keys → title keys."""

    def __init__(
        self,
        titles: Mapping[str, Iterable[str]],
        compilation_titles: Iterable[str] = (),
        *,
        display: Mapping[str, str] | None = None,
        mappings: ArtistMappings | None = None,
        thresholds: Thresholds | None = None,
        keys: KeyMemo | None = None,
    ) -> None:
        self.titles: dict[str, frozenset[str]] = {a: frozenset(t) for a, t in titles.items()}
        self.keys = keys or KeyMemo()  # the library's spellings' keys, for its coverage
        self.compilation_titles = frozenset(t for t in compilation_titles if t)
        self.display = dict(display or {})
        self.mappings = mappings or ArtistMappings()
        self.thresholds = thresholds or Thresholds()
        unknown = sorted({v for v in self.mappings.keep.values() if v not in self.titles})
        if unknown:
            raise ValueError(f"artist mappings: keep target(s) not in the library: {unknown[:10]}")
        # Dense indexes for the vectorized phases: artist i, its titles, token-sorted forms.
        self.artists: list[str] = sorted(self.titles)
        self.artist_index = {a: i for i, a in enumerate(self.artists)}
        self._title_lists = [sorted(self.titles[a]) for a in self.artists]
        self._sorted_title_lists = [[sort_tokens(t) for t in ts] for ts in self._title_lists]
        self._compilation_list = sorted(self.compilation_titles)
        self._compilation_sorted = [sort_tokens(t) for t in self._compilation_list]
        self._sorted_artists = [sort_tokens(a) for a in self.artists]
        self._flat = None
        self._owners: dict[str, list[int]] | None = None

    @classmethod
    def from_entries(
        cls,
        entries: Iterable[tuple[str, str]],
        *,
        mappings: ArtistMappings | None = None,
        thresholds: Thresholds | None = None,
    ) -> MatchLibrary:
        """From (artist, title) pairs as written; a title may be "" (a name without titles)."""
        titles: dict[str, set[str]] = defaultdict(set)
        display: dict[str, str] = {}
        compilation_titles: set[str] = set()
        keys = KeyMemo()
        for artist, title in entries:
            artist, title = (artist or "").strip(), (title or "").strip()
            if not artist:
                continue
            if keys.compilation(artist):
                if title:
                    compilation_titles.add(keys.title(title))
                continue
            key = keys.artist(artist)
            if not key:
                continue
            display.setdefault(key, artist)
            bucket = titles[key]
            if title:
                bucket.add(keys.title(title))
        return cls(titles, compilation_titles, display=display, mappings=mappings, thresholds=thresholds, keys=keys)

    def alias_targets(self, names_by_id: Mapping[int, Iterable[str]]) -> dict[int, tuple[int, ...]]:
        """Discogs artist id → the library artists (indexes) whose key is the key of one of its
        aliases or name variations; ids reaching none are left out."""
        keys: dict[str, int] = {}
        targets: dict[int, tuple[int, ...]] = {}
        for artist_id, names in names_by_id.items():
            found: set[int] = set()
            for name in names:
                lib = keys.get(name)
                if lib is None:
                    lib = keys[name] = self.artist_index.get(identity_key(name), -1)
                if lib >= 0:
                    found.add(lib)
            if found:
                targets[artist_id] = tuple(sorted(found))
        return targets

    def _title_owners(self) -> dict[str, list[int]]:
        """Title key → indexes of the library artists that have it."""
        if self._owners is None:
            owners: dict[str, list[int]] = defaultdict(list)
            for i, titles in enumerate(self._title_lists):
                for t in titles:
                    owners[t].append(i)
            self._owners = dict(owners)
        return self._owners

    def _flat_titles(self):
        """All token-sorted titles in one list, their keys in another, and (start, count) per
        artist as numpy arrays."""
        if self._flat is None:
            import numpy as np

            counts = np.asarray([len(t) for t in self._sorted_title_lists], dtype=np.int64)
            starts = np.cumsum(counts) - counts
            flat = [t for ts in self._sorted_title_lists for t in ts]
            flat_keys = [t for ts in self._title_lists for t in ts]
            self._flat = (flat, flat_keys, starts, counts)
        return self._flat

    @property
    def artist_count(self) -> int:
        return len(self.titles)

    @property
    def pair_count(self) -> int:
        return sum(len(t) for t in self.titles.values())


class _WorkspaceLike(Protocol):
    def dir(self, *parts: str) -> Path: ...


def library_entries(catalog: LibraryCatalog, folder: Path | None) -> list[tuple[str, str]]:
    """library.db rows, their alternate names, and ``<folder>/library_aliases.csv`` pairs."""
    entries: list[tuple[str, str]] = []
    for row in catalog.rows:
        entries.append((row.artist, row.title))
        if row.alternate:
            entries.append((row.alternate, row.title))
    if folder is not None:
        entries += [(artist, title) for artist, title, _src in read_aliases(folder / ALIASES_FILE)]
    return entries


def load_match_library(
    workspace: _WorkspaceLike | Path | str | None,
    library_db: str | Path | LibraryCatalog,
    *,
    mappings: ArtistMappings | str | Path | None = None,
    thresholds: Thresholds | None = None,
) -> MatchLibrary:
    """library.db rows + alternate names + ``<workspace>/library/library_aliases.csv``.

    ``workspace`` is the Workspace resource (its ``library`` folder is used), a folder path
    holding the library files, or None (library.db only); ``library_db`` a path or the catalog
    already read.
    """
    catalog = library_db if isinstance(library_db, LibraryCatalog) else read_catalog(library_db)
    folder = None
    if workspace is not None:
        folder = workspace.dir("library") if hasattr(workspace, "dir") else Path(workspace)
    if mappings is not None and not isinstance(mappings, ArtistMappings):
        mappings = ArtistMappings.load(mappings)
    return MatchLibrary.from_entries(library_entries(catalog, folder), mappings=mappings, thresholds=thresholds)


@dataclass(frozen=True)
class ReviewArtist:
    """A Discogs artist whose releases landed in REVIEW, with its best library match."""

    artist: str
    library_artist: str
    artist_score: float
    releases: int

    def as_dict(self) -> dict[str, object]:
        return {
            "artist": self.artist,
            "library_artist": self.library_artist,
            "artist_score": round(self.artist_score, 3),
            "releases": self.releases,
        }


@dataclass(frozen=True)
class Classification:
    """Per-release decisions (three sorted id lists) and counts.

    ``counts``: keep, review, prune (releases); unclassified (no main artist: judged by the
    extra artists, or PRUNE without any); no_artist (no artist at all: PRUNE); how the best
    score was reached: exact, mapped, fuzzy, compilation, alias, unmatched (no candidate at
    all); mapped_prune (releases with an artist under "prune"); ambiguous (KEEP held at REVIEW,
    ``ambiguity.py``); and sizes: releases, artists, fuzzy_artists (distinct unmatched names on
    releases not yet KEEP), fuzzy_comparisons (distinct name/library-artist pairs scored).

    ``answered``: the library rows (library artist index, -1 for the compilation titles; title
    key) some candidate of a KEEP or REVIEW release matched. ``claims``: the KEEP releases
    resting on an equal name alone, for ``ambiguity.SharedRows`` across batches.
    """

    keep: list[int]
    review: list[int]
    prune: list[int]
    counts: dict[str, int]
    review_artists: list[ReviewArtist]
    answered: frozenset[tuple[int, str]] = frozenset()
    claims: list[Claim] = field(default_factory=list)

    def decision(self, release_id: int) -> str | None:
        for name, ids in ((KEEP, self.keep), (REVIEW, self.review), (PRUNE, self.prune)):
            i = _bisect(ids, release_id)
            if i is not None:
                return name
        return None

    @property
    def keep_or_review(self) -> list[int]:
        return sorted(self.keep + self.review)

    def metadata(self, top: int = 20) -> dict[str, object]:
        meta: dict[str, object] = {f"classify_{k}": v for k, v in self.counts.items()}
        meta["review_artists"] = [a.as_dict() for a in self.review_artists[:top]]
        return meta


def _bisect(ids: list[int], value: int) -> int | None:
    i = bisect.bisect_left(ids, value)
    return i if i < len(ids) and ids[i] == value else None


# --- the engine -------------------------------------------------------------------------------
# Requests are (release index, library artist, artist similarity, route, Discogs name index);
# library artist -1 stands for the compilation titles.

_ROUTES = (_COMPILATION, _EXACT, _MAPPED, _FUZZY, _ALIAS)
_R_COMPILATION, _R_EXACT, _R_MAPPED, _R_FUZZY, _R_ALIAS = range(len(_ROUTES))
_PAIR_BATCH = 4_000_000  # title pairs scored per cpdist call (about)
_MANY_TITLES = 32  # a library artist with more titles is scored with one cdist

class _Requests:
    """Parallel lists: release index, library artist (-1: compilation titles), artist
    similarity, route, Discogs name index."""

    __slots__ = ("rel", "lib", "ascore", "route", "name")

    def __init__(self) -> None:
        self.rel: list[int] = []
        self.lib: list[int] = []
        self.ascore: list[float] = []
        self.route: list[int] = []
        self.name: list[int] = []

    @classmethod
    def of(cls, rows: list[tuple[int, int, float, int, int]]) -> _Requests:
        req = cls()
        if rows:
            rel, lib, ascore, route, name = zip(*rows)
            req.rel, req.lib, req.ascore, req.route, req.name = (
                list(rel), list(lib), list(ascore), list(route), list(name)
            )
        return req


def _title_scores(library: MatchLibrary, req: _Requests, tkey: list[str], heads: Mapping[int, str]):
    """Title similarity (0..1) per request: 1 on an exact title, else the best fuzzy score
    (0 below the review threshold) among the library artist's titles; and the library title
    (key) each request matched (None below the review threshold)."""
    import numpy as np
    from rapidfuzz import fuzz, process

    cutoff = library.thresholds.review * 100.0
    m = len(req.rel)
    scores = np.zeros(m, dtype=np.float32)
    matched: list[str | None] = [None] * m
    titles = library.titles
    artists = library.artists
    comp = library.compilation_titles
    small: list[int] = []  # requests scored pairwise (cpdist)
    big: dict[int, list[int]] = defaultdict(list)  # library artist → requests (one cdist)
    for j, (i, lib) in enumerate(zip(req.rel, req.lib)):
        t = tkey[i]
        exact = comp if lib < 0 else titles[artists[lib]]
        if t in exact:
            scores[j] = 1.0
            matched[j] = t
        elif heads and (head := heads.get(i)) is not None and head in exact:
            scores[j] = 1.0  # the library's album under a subtitle
            matched[j] = head
        elif exact:
            if lib < 0 or len(exact) > _MANY_TITLES:
                big[lib].append(j)
            else:
                small.append(j)
    # Many libraries artists with few titles: expand to (query, title) pairs, cpdist, max.
    # Each request's pairs are one block (its artist's titles in order): max and the first
    # title reaching it per block.
    if small:
        flat, flat_keys, starts, counts = library._flat_titles()
        small_arr = np.asarray(small, dtype=np.int64)
        libs = np.asarray(req.lib, dtype=np.int64)[small_arr]
        for lo in range(0, len(small_arr), _PAIR_BATCH // 4):
            part, part_libs = small_arr[lo:lo + _PAIR_BATCH // 4], libs[lo:lo + _PAIR_BATCH // 4]
            reps = counts[part_libs]
            owner = np.repeat(part, reps)
            offsets = np.arange(int(reps.sum())) - np.repeat(np.cumsum(reps) - reps, reps)
            choice = np.repeat(starts[part_libs], reps) + offsets
            rel = req.rel
            sorted_of: dict[str, str] = {}
            left = []
            for j in owner.tolist():
                t = tkey[rel[j]]
                q = sorted_of.get(t)
                if q is None:
                    q = sorted_of[t] = sort_tokens(t)
                left.append(q)
            right = [flat[c] for c in choice.tolist()]
            pair = process.cpdist(left, right, scorer=fuzz.ratio, score_cutoff=cutoff,
                                  dtype=np.float32, workers=-1)
            block_max = np.maximum.reduceat(pair, np.cumsum(reps) - reps)
            scores[part] = block_max / 100.0
            at_max = np.flatnonzero((pair == np.repeat(block_max, reps)) & (pair > 0))
            owners = owner[at_max]
            first = at_max[np.concatenate(([True], owners[1:] != owners[:-1]))] if len(at_max) else at_max
            for j, c in zip(owner[first].tolist(), choice[first].tolist()):
                matched[j] = flat_keys[c]
    # Compilations and library artists with many titles: one cdist over distinct titles.
    for lib, js in big.items():
        choices = library._compilation_sorted if lib < 0 else library._sorted_title_lists[lib]
        distinct = sorted({tkey[req.rel[j]] for j in js})
        matrix = process.cdist([sort_tokens(t) for t in distinct], choices, scorer=fuzz.ratio,
                               score_cutoff=cutoff, dtype=np.float32, workers=-1)
        keys = library._compilation_list if lib < 0 else library._title_lists[lib]
        best_of = (matrix.max(axis=1) / 100.0).tolist()
        title_of = [keys[c] if b > 0 else None for b, c in zip(best_of, matrix.argmax(axis=1).tolist())]
        best = {t: (b, k) for t, b, k in zip(distinct, best_of, title_of)}
        for j in js:
            scores[j], matched[j] = best[tkey[req.rel[j]]]
    _typos_only(scores, matched, req, tkey)
    return scores, matched


# Where a release title's subtitle starts: "Slanted & Enchanted: Luxe & Reduxe", "X - Live",
# "X (Live at Y)", "X [Live]" (suffixes title_key drops are gone before this is looked at).
_SUBTITLE = re.compile(r":|\s-\s|\s[(\[]")


def _typo_distance(word: str) -> int:
    """Edits a word may differ by and still be the same word mistyped (OSA: a swap is one)."""
    return 1 + len(word) // 8


def same_words(title: str, other: str) -> bool:
    """Whether two title keys have the same words, some of them mistyped: as many words, and
    each word of one without its equal in the other within ``_typo_distance`` of a word left
    over in the other. A title one word of which is another word ("When the Dondslau Tired"
    against "Groove the Dondslau Tired"), or with a word more or fewer ("Kid A Mnesia"), is
    another album, however many words it shares."""
    from rapidfuzz.distance import OSA

    left, right = title.split(), other.split()
    if len(left) != len(right):
        return False
    rest = list(right)
    unmatched = []
    for word in left:
        if word in rest:
            rest.remove(word)
        else:
            unmatched.append(word)
    for word in unmatched:
        limit = _typo_distance(word)
        best = min(range(len(rest)), key=lambda k: OSA.distance(word, rest[k], score_cutoff=limit + 1))
        if OSA.distance(word, rest[best]) > limit:
            return False
        rest.pop(best)
    return True


def _typos_only(scores, matched: list[str | None], req: _Requests, tkey: list[str]) -> None:
    """A fuzzy title match stands only when the titles have the same words, mistyped
    (``same_words``); otherwise the request's title similarity is 0."""
    verdicts: dict[tuple[str, str], bool] = {}
    for j, title in enumerate(matched):
        if title is None or scores[j] >= 1.0:
            continue
        pair = (tkey[req.rel[j]], title)
        ok = verdicts.get(pair)
        if ok is None:
            ok = verdicts[pair] = same_words(*pair)
        if not ok:
            scores[j] = 0.0
            matched[j] = None


def _apply(library, req: _Requests, tkey, heads, best, route, best_name, best_lib, best_ascore):
    """Fold the requests' scores into the per-release best (strictly better wins, so an
    earlier route wins a tie); returns each request's score and matched library title."""
    import numpy as np

    if not req.rel:
        return np.zeros(0), []
    tscore, matched = _title_scores(library, req, tkey, heads)
    ascore = np.asarray(req.ascore, dtype=np.float64)
    score = ascore * tscore.astype(np.float64)
    rel = np.asarray(req.rel, dtype=np.int64)
    order = np.lexsort((np.arange(len(rel)), -score, rel))
    rel_sorted = rel[order]
    first = order[np.concatenate(([True], rel_sorted[1:] != rel_sorted[:-1]))]
    r = rel[first]
    better = score[first] > best[r]
    idx, r = first[better], r[better]
    best[r] = score[idx]
    route[r] = np.asarray(req.route, dtype=np.int8)[idx]
    best_name[r] = np.asarray(req.name, dtype=np.int64)[idx]
    best_lib[r] = np.asarray(req.lib, dtype=np.int64)[idx]
    best_ascore[r] = ascore[idx]
    return score, matched


def _anchored_candidates(
    library: MatchLibrary, pairs: list[tuple[int, int]], sorted_keys: list[str]
) -> list[float]:
    """Artist similarity of each distinct (Discogs name, library artist) pair, in one
    vectorized ``process.cpdist`` call over both cores."""
    import numpy as np
    from rapidfuzz import fuzz, process

    if not pairs:
        return []
    left = [sorted_keys[a] for a, _lib in pairs]
    right = [library._sorted_artists[lib] for _a, lib in pairs]
    scores = process.cpdist(left, right, scorer=fuzz.ratio, dtype=np.float32, workers=-1)
    return (scores / 100.0).tolist()


class _Rows:
    """What the requests' scores say beyond each release's best: the library rows answered,
    the best score outside the exact route, the exact route's KEEP claims."""

    def __init__(self, library: MatchLibrary, n: int) -> None:
        import numpy as np

        self.library = library
        self.answered: set[tuple[int, str]] = set()
        self.best_other = np.full(n, -1.0)
        self.exact: list[tuple[int, int, str, int]] = []  # release index, library artist, title, name

    def note(self, req: _Requests, scored) -> None:
        import numpy as np

        if not req.rel:
            return
        th = self.library.thresholds
        score, matched = scored
        rel = np.asarray(req.rel, dtype=np.int64)
        routes = np.asarray(req.route, dtype=np.int8)
        other = routes != _R_EXACT
        np.maximum.at(self.best_other, rel[other], score[other])
        answered, exact, libs = self.answered, self.exact, req.lib
        keep = score >= th.keep
        for j in np.flatnonzero(score >= th.review).tolist():
            title = matched[j]
            answered.add((libs[j], title))
            if keep[j] and req.route[j] == _R_EXACT:
                exact.append((req.rel[j], libs[j], title, req.name[j]))


def classify_releases(
    library: MatchLibrary,
    rows: Iterable[MatchRow],
    aliases: Mapping[int, tuple[int, ...]] | None = None,
    shared: SharedRows | None = None,
    joined: Mapping[int, str] | None = None,
) -> Classification:
    """Classify releases from (release_id, artist_name, extra, release_title, artist_id) rows.

    Rows of one release may come in any order; ``artist_name`` may be None/"" (a release
    without artist rows, e.g. from a LEFT JOIN). ``extra`` is 0 for main credits.
    ``aliases``: ``MatchLibrary.alias_targets`` of the credited artist ids. ``shared``: the
    claims of earlier batches (``ambiguity.py``), which this call's claims are added to.
    ``joined``: release id → the joined credit line of its main artists ("Lou Reed & John
    Cale"), judged as one more main artist of the release.
    """
    import numpy as np

    th = library.thresholds
    aliases = aliases or {}

    # 1. Releases: title, main and extra artist ids (distinct raw names numbered), and the
    #    library artists the credited ids reach through aliases (main, extra).
    name_ids: dict[str, int] = {}
    releases: dict[int, list] = {}
    for release_id, name, extra, title, artist_id in rows:
        rec = releases.get(release_id)
        if rec is None:
            rec = releases[release_id] = [title or "", [], [], None, None]
        if not name:
            continue
        nid = name_ids.get(name)
        if nid is None:
            nid = name_ids[name] = len(name_ids)
        (rec[2] if extra else rec[1]).append(nid)
        if artist_id is not None and (targets := aliases.get(artist_id)):
            slot = 4 if extra else 3
            if rec[slot] is None:
                rec[slot] = []
            rec[slot].append((nid, targets))
    for release_id, line in (joined or {}).items():
        if (rec := releases.get(release_id)) is not None:
            nid = name_ids.setdefault(line, len(name_ids))
            rec[1].append(nid)
    names = list(name_ids)
    del name_ids

    # 2. Each distinct name once: compilation, mapped prune/keep, exact, or fuzzy.
    mappings = library.mappings
    index = library.artist_index
    keys: list[str] = []
    kind: list[tuple[int, int]] = []  # (route or -1 none / -2 fuzzy, library artist index)
    pruned_names: set[int] = set()
    for n, raw in enumerate(names):
        key = identity_key(raw)
        keys.append(key)
        mapped = mappings.of(raw, key) if mappings else None
        if is_compilation(raw):
            kind.append((_R_COMPILATION, -1))
        elif not key:
            kind.append((-1, -1))
        elif mapped is not None and mapped[0] == PRUNE:
            kind.append((-1, -1))
            pruned_names.add(n)
        elif mapped is not None:
            kind.append((_R_MAPPED, index[mapped[1]]))
        elif key in index:
            kind.append((_R_EXACT, index[key]))
        else:
            kind.append((-2, -1))

    # 3. Per release: effective artists, title key, dictionary routes (compilation,
    #    mapped keep, exact, alias) as requests (release, library artist, a, route, name).
    ids = list(releases)
    n = len(ids)
    title_keys: dict[str, str] = {}
    head_keys: dict[str, str] = {}
    heads: dict[int, str] = {}  # release index → the title key before its subtitle
    tkey: list[str] = []
    effective: list[list[int]] = []
    direct: list[tuple[int, int, float, int, int]] = []
    by_alias: list[tuple[int, int, float, int, int]] = []
    pending: list[int] = []
    unclassified = no_artist = mapped_prune = 0
    for i, (raw_title, mains, extras, alias_mains, alias_extras) in enumerate(releases.values()):
        t = title_keys.get(raw_title)
        if t is None:
            t = title_keys[raw_title] = title_key(raw_title)
            cut = _SUBTITLE.search(raw_title)
            head = title_key(raw_title[:cut.start()]) if cut is not None and cut.start() > 0 else ""
            if head and head != t:
                head_keys[raw_title] = head
        tkey.append(t)
        if head_keys and (head := head_keys.get(raw_title)) is not None:
            heads[i] = head
        if not mains:
            unclassified += 1
            no_artist += not extras
            mains, alias_mains = extras, alias_extras
        effective.append(mains)
        fuzzy = pruned = False
        for a in mains:
            r, lib = kind[a]
            if r >= 0:
                direct.append((i, lib, 1.0, r, a))
            elif r == -2:
                fuzzy = True
            elif a in pruned_names:
                pruned = True
        if alias_mains:
            for a, targets in alias_mains:
                if a not in pruned_names:
                    by_alias += [(i, lib, 1.0, _R_ALIAS, a) for lib in targets]
        mapped_prune += pruned
        if fuzzy:
            pending.append(i)
    del releases, title_keys, head_keys

    best = np.full(n, -1.0)
    route = np.full(n, -1, dtype=np.int8)
    best_name = np.full(n, -1, dtype=np.int64)
    best_lib = np.full(n, -1, dtype=np.int64)
    best_ascore = np.zeros(n)
    rows_seen = _Rows(library, n)
    # Aliases after the dictionary routes: an equal name wins a tie.
    direct_req = _Requests.of(direct + by_alias)
    rows_seen.note(direct_req, _apply(library, direct_req, tkey, heads, best, route, best_name, best_lib, best_ascore))
    del direct, by_alias, direct_req

    # 4. Fuzzy route (title-anchored), only for releases not already KEEP through another
    #    artist: the candidates of a non-library name are the library artists owning the
    #    release's title key; their artist similarity is computed once per distinct
    #    (name, library artist) pair.
    pending = [i for i in pending if best[i] < th.keep]
    owners = library._title_owners()
    pair_index: dict[tuple[int, int], int] = {}
    wanted: list[tuple[int, int, int]] = []  # (release, name, pair)
    for i in pending:
        libs = owners.get(tkey[i])
        if not libs:
            continue
        for a in effective[i]:
            if kind[a][0] != -2:
                continue
            for lib in libs:
                p = pair_index.get((a, lib))
                if p is None:
                    p = pair_index[(a, lib)] = len(pair_index)
                wanted.append((i, a, p))
    pair_list = list(pair_index)
    sorted_keys: dict[int, str] = {a: sort_tokens(keys[a]) for a, _lib in pair_list}
    ascores = _anchored_candidates(library, pair_list, sorted_keys) if pair_list else []
    cutoff = max(th.artist_cutoff, th.review)  # below review, a × t cannot leave PRUNE
    fuzzy_req = _Requests.of(
        [(i, pair_list[p][1], ascores[p], _R_FUZZY, a) for i, a, p in wanted if ascores[p] >= cutoff]
    )
    rows_seen.note(fuzzy_req, _apply(library, fuzzy_req, tkey, heads, best, route, best_name, best_lib, best_ascore))
    del fuzzy_req, wanted
    fuzzy_names = {a for i in pending for a in effective[i] if kind[a][0] == -2}
    comparisons = len(pair_list)

    # 5. Decisions; a KEEP resting on an equal name alone, on a library row another Discogs
    #    name of the same key reaches too, is held at REVIEW.
    ids_arr = np.asarray(ids, dtype=np.int64)
    keep_mask = best >= th.keep
    claims: list[Claim] = [
        (ids[i], lib, title, names[a])
        for i, lib, title, a in rows_seen.exact
        if keep_mask[i] and rows_seen.best_other[i] < th.keep
    ]
    shared = SharedRows() if shared is None else shared
    shared.add(claims)
    held_here = np.zeros(n, dtype=bool)
    if held := shared.reviews():
        held_here = keep_mask & np.isin(ids_arr, np.asarray(held, dtype=np.int64))
        keep_mask &= ~held_here
    review_mask = ~keep_mask & (best >= th.review)
    prune_mask = ~keep_mask & ~review_mask

    # 6. Counts, REVIEW artists.
    route_counts = np.bincount(route + 1, minlength=len(_ROUTES) + 1).tolist()
    review_groups: dict[tuple[str, str], list[float]] = {}
    for i in np.flatnonzero(review_mask).tolist():
        lib = int(best_lib[i])
        lib_key = library.artists[lib] if lib >= 0 else ""
        lib_name = library.display.get(lib_key, lib_key) if lib >= 0 else "(compilation)"
        review_groups.setdefault((names[int(best_name[i])], lib_name), []).append(float(best_ascore[i]))
    most = heapq.nsmallest(50, ((-len(s), artist, lib_name, s) for (artist, lib_name), s in review_groups.items()))
    review_artists = [ReviewArtist(artist, lib_name, max(s), -neg) for neg, artist, lib_name, s in most]
    counts = {
        "releases": n,
        "keep": int(keep_mask.sum()),
        "review": int(review_mask.sum()),
        "prune": int(prune_mask.sum()),
        "unclassified": unclassified,
        "no_artist": no_artist,
        "unmatched": route_counts[0],
        **{name: route_counts[code + 1] for code, name in enumerate(_ROUTES)},
        "mapped_prune": mapped_prune,
        "ambiguous": int(held_here.sum()),
        "artists": len(names),
        "fuzzy_artists": len(fuzzy_names),
        "fuzzy_comparisons": int(comparisons),
    }
    return Classification(
        keep=np.sort(ids_arr[keep_mask]).tolist(),
        review=np.sort(ids_arr[review_mask]).tolist(),
        prune=np.sort(ids_arr[prune_mask]).tolist(),
        counts=counts,
        review_artists=review_artists,
        answered=frozenset(rows_seen.answered),
        claims=claims,
    )
