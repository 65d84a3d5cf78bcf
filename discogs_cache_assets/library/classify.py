"""KEEP / REVIEW / PRUNE: which cached releases belong to the station library (replaces §6.4).

The rule (one rule, defects D5, D8, D9, D13, D17 fixed)
------------------------------------------------------
Names and titles are compared through ``normalize_artist`` / ``normalize_title``
(``normalize.py``). Similarity is the Indel ratio (``fuzz.ratio``, 0..1) of the token-sorted
keys: word order does not matter, but a subset is not a match ("Joy" is not "Joy Division",
"Kid A Mnesia" is not "Kid A": D17).

1. A release is judged by its **main** artists (``extra = 0``); a release without one by its
   extra artists (D9: counted as ``unclassified``); a release with no artist at all is PRUNE.
2. Per artist of the release, in this order:
   a. **compilation** (``is_compilation``, checked first, D5): the release title against the
      library's compilation titles: ``score = title similarity`` (1 on an exact title);
   b. **mapped prune** (mappings ``"prune"``): no candidate;
   c. **mapped keep** (mappings ``"keep"``: Discogs artist → library artist, D13): that
      library artist is the candidate with artist similarity 1;
   d. **exact**: the normalized name is a library artist (dictionary lookup): candidate with
      artist similarity 1;
   e. **fuzzy** otherwise (title-anchored): the candidates are the library artists that
      own the release's normalized title; artist similarity ``a`` = Indel ratio of the
      token-sorted names, computed once per distinct (name, library artist) pair with one
      vectorized ``process.cpdist`` (both cores), never a Python loop per release pair;
      candidates below ``max(artist_cutoff, review)`` are dropped (below review, ``a × t``
      cannot leave PRUNE).
   For a candidate library artist ``A`` with artist similarity ``a``:
   ``score = a × t`` where ``t`` is 1 on an exact (artist, title) pair, else the best title
   similarity among ``A``'s titles (0 below ``review``, or when ``A`` has none).
3. Per release, the best score over all its artists and candidates (D8: KEEP > REVIEW >
   PRUNE): ``≥ keep`` (0.75) KEEP, ``≥ review`` (0.65) REVIEW, else PRUNE.

Why the fuzzy route is anchored on the title: comparing every unmatched Discogs name with
every library artist (``process.cdist``) costs names × artists comparisons; a 1.5M-release
cache has ~10⁵ unmatched names (mostly main artists of releases the converter kept for an
extra artist), i.e. ~5·10⁹ comparisons, 25–100 s on two cores, for matches that must then
also agree on the title. Anchoring on the exact normalized title keeps what the fuzzy route
is for (the same record under another spelling: "Thee Oh Sees"/"OHSEES", "Sunn 0)))") at a
cost proportional to the releases. The case it gives up is an artist *and* a title both
spelled differently, where ``a × t`` reaches KEEP only when both are ≥ 0.87 or so; such
releases are PRUNE (operators can still map the artist under "keep").

Library side (``MatchLibrary``): every library.db row (artist, title) plus
(alternate_artist_name, title) and the ``library_aliases.csv`` pairs written by
``library_artists`` (D17: the prune step knows every name the converter filtered on).
Entries whose artist is a compilation contribute their title to the compilation titles.
"""

from __future__ import annotations

import bisect
import json
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from discogs_cache_assets.library.artists import ALIASES_FILE, read_aliases
from discogs_cache_assets.library.catalog import read_catalog
from discogs_cache_assets.library.normalize import (
    is_compilation,
    normalize_artist,
    normalize_title,
    sort_tokens,
)

__all__ = [
    "KEEP",
    "PRUNE",
    "REVIEW",
    "ArtistMappings",
    "Classification",
    "MatchLibrary",
    "ReviewArtist",
    "Thresholds",
    "classify_releases",
    "load_match_library",
]

KEEP, REVIEW, PRUNE = "keep", "review", "prune"

# How a release's best score was reached (Classification.counts keys).
_EXACT, _MAPPED, _FUZZY, _COMPILATION = "exact", "mapped", "fuzzy", "compilation"


@dataclass(frozen=True)
class Thresholds:
    """Scores are 0..1. Defaults are the reference's (PIPELINE.md §6.4)."""

    keep: float = 0.75
    review: float = 0.65
    artist_cutoff: float = 0.60
    candidates: int = 3  # library artists tried per fuzzy Discogs artist (D17: not only the best)

    def __post_init__(self) -> None:
        if not (0.0 < self.review <= self.keep <= 1.0):
            raise ValueError(f"thresholds must satisfy 0 < review ({self.review}) <= keep ({self.keep}) <= 1")
        if not (0.0 <= self.artist_cutoff <= 1.0):
            raise ValueError(f"artist_cutoff must be within 0..1, got {self.artist_cutoff}")
        if self.candidates < 1:
            raise ValueError(f"candidates must be >= 1, got {self.candidates}")


@dataclass(frozen=True)
class ArtistMappings:
    """Operator decisions ``{"keep": {discogs_artist: library_artist}, "prune": {artist: null}}``.

    Keys and values may be written as they appear (they are normalized on load).
    """

    keep: Mapping[str, str] = field(default_factory=dict)  # normalized → normalized
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
        keep = {normalize_artist(k): normalize_artist(v) for k, v in keep_raw.items()}
        prune = frozenset(normalize_artist(k) for k in prune_raw)
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


class MatchLibrary:
    """The library as the classification sees it: normalized artists → normalized titles."""

    def __init__(
        self,
        titles: Mapping[str, Iterable[str]],
        compilation_titles: Iterable[str] = (),
        *,
        display: Mapping[str, str] | None = None,
        mappings: ArtistMappings | None = None,
        thresholds: Thresholds | None = None,
    ) -> None:
        self.titles: dict[str, frozenset[str]] = {a: frozenset(t) for a, t in titles.items()}
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
        self._compilation_sorted = sorted({sort_tokens(t) for t in self.compilation_titles})
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
        for artist, title in entries:
            artist, title = (artist or "").strip(), (title or "").strip()
            if not artist:
                continue
            if is_compilation(artist):
                if title:
                    compilation_titles.add(normalize_title(title))
                continue
            key = normalize_artist(artist)
            if not key:
                continue
            display.setdefault(key, artist)
            bucket = titles[key]
            if title:
                bucket.add(normalize_title(title))
        return cls(titles, compilation_titles, display=display, mappings=mappings, thresholds=thresholds)

    def _title_owners(self) -> dict[str, list[int]]:
        """Normalized title → indexes of the library artists that have it."""
        if self._owners is None:
            owners: dict[str, list[int]] = defaultdict(list)
            for i, titles in enumerate(self._title_lists):
                for t in titles:
                    owners[t].append(i)
            self._owners = dict(owners)
        return self._owners

    def _flat_titles(self):
        """All token-sorted titles in one list + (start, count) per artist, as numpy arrays."""
        if self._flat is None:
            import numpy as np

            counts = np.asarray([len(t) for t in self._sorted_title_lists], dtype=np.int64)
            starts = np.cumsum(counts) - counts
            flat = [t for ts in self._sorted_title_lists for t in ts]
            self._flat = (flat, starts, counts)
        return self._flat

    @property
    def artist_count(self) -> int:
        return len(self.titles)

    @property
    def pair_count(self) -> int:
        return sum(len(t) for t in self.titles.values())


class _WorkspaceLike(Protocol):
    def dir(self, *parts: str) -> Path: ...


def load_match_library(
    workspace: _WorkspaceLike | Path | str | None,
    library_db_path: str | Path,
    *,
    mappings: ArtistMappings | str | Path | None = None,
    thresholds: Thresholds | None = None,
) -> MatchLibrary:
    """library.db rows + alternate names + ``<workspace>/library/library_aliases.csv``.

    ``workspace`` is the Workspace resource (its ``library`` folder is used), a folder path
    holding the library files, or None (library.db only).
    """
    catalog = read_catalog(library_db_path)
    entries: list[tuple[str, str]] = []
    for row in catalog.rows:
        entries.append((row.artist, row.title))
        if row.alternate:
            entries.append((row.alternate, row.title))
    if workspace is not None:
        folder = workspace.dir("library") if hasattr(workspace, "dir") else Path(workspace)
        entries += [(artist, title) for artist, title, _src in read_aliases(folder / ALIASES_FILE)]
    if mappings is not None and not isinstance(mappings, ArtistMappings):
        mappings = ArtistMappings.load(mappings)
    return MatchLibrary.from_entries(entries, mappings=mappings, thresholds=thresholds)


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
    score was reached: exact, mapped, fuzzy, compilation, unmatched (no candidate at all);
    mapped_prune (releases with an artist under "prune"); and sizes: releases, artists,
    fuzzy_artists (distinct unmatched names on releases not yet KEEP),
    fuzzy_comparisons (distinct name/library-artist pairs scored).
    """

    keep: list[int]
    review: list[int]
    prune: list[int]
    counts: dict[str, int]
    review_artists: list[ReviewArtist]

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
# Requests are (release index, combo, artist similarity, route, Discogs name index); a combo is
# one distinct (normalized title, library artist) whose title similarity is computed once.
# Library artist -1 stands for the compilation titles.

_ROUTES = (_COMPILATION, _EXACT, _MAPPED, _FUZZY)
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


def _title_scores(library: MatchLibrary, req: _Requests, tkey: list[str]):
    """Title similarity (0..1) per request: 1 on an exact title, else the best fuzzy score
    (0 below the review threshold) among the library artist's titles."""
    import numpy as np
    from rapidfuzz import fuzz, process

    cutoff = library.thresholds.review * 100.0
    m = len(req.rel)
    scores = np.zeros(m, dtype=np.float32)
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
        elif exact:
            if lib < 0 or len(exact) > _MANY_TITLES:
                big[lib].append(j)
            else:
                small.append(j)
    # Many libraries artists with few titles: expand to (query, title) pairs, cpdist, max.
    if small:
        flat, starts, counts = library._flat_titles()
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
            np.maximum.at(scores, owner, pair / 100.0)
    # Compilations and library artists with many titles: one cdist over distinct titles.
    for lib, js in big.items():
        choices = library._compilation_sorted if lib < 0 else library._sorted_title_lists[lib]
        distinct = sorted({tkey[req.rel[j]] for j in js})
        matrix = process.cdist([sort_tokens(t) for t in distinct], choices, scorer=fuzz.ratio,
                               score_cutoff=cutoff, dtype=np.float32, workers=-1)
        best = dict(zip(distinct, (matrix.max(axis=1) / 100.0).tolist()))
        for j in js:
            scores[j] = best[tkey[req.rel[j]]]
    return scores


def _apply(library, req: _Requests, tkey, best, route, best_name, best_lib, best_ascore) -> None:
    """Fold the requests' scores into the per-release best (strictly better wins, so an
    earlier route wins a tie)."""
    import numpy as np

    if not req.rel:
        return
    tscore = _title_scores(library, req, tkey)
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


def classify_releases(library: MatchLibrary, rows: Iterable[tuple[int, str, int, str]]) -> Classification:
    """Classify releases from (release_id, artist_name, extra, release_title) rows.

    Rows of one release may come in any order; ``artist_name`` may be None/"" (a release
    without artist rows, e.g. from a LEFT JOIN). ``extra`` is 0 for main credits.
    """
    import numpy as np

    th = library.thresholds

    # 1. Releases: title, main artist ids, extra artist ids (distinct raw names numbered).
    name_ids: dict[str, int] = {}
    releases: dict[int, list] = {}
    for release_id, name, extra, title in rows:
        rec = releases.get(release_id)
        if rec is None:
            rec = releases[release_id] = [title or "", [], []]
        if not name:
            continue
        nid = name_ids.get(name)
        if nid is None:
            nid = name_ids[name] = len(name_ids)
        (rec[2] if extra else rec[1]).append(nid)
    names = list(name_ids)
    del name_ids

    # 2. Each distinct name once: compilation, mapped prune/keep, exact, or fuzzy.
    keep_map, prune_set = library.mappings.keep, library.mappings.prune
    index = library.artist_index
    keys: list[str] = []
    kind: list[tuple[int, int]] = []  # (route or -1 none / -2 fuzzy, library artist index)
    for raw in names:
        key = normalize_artist(raw)
        keys.append(key)
        if is_compilation(raw):
            kind.append((0, -1))
        elif not key or key in prune_set:
            kind.append((-1, -1))
        elif key in keep_map:
            kind.append((2, index[keep_map[key]]))
        elif key in index:
            kind.append((1, index[key]))
        else:
            kind.append((-2, -1))

    # 3. Per release: effective artists (D9), title key, dictionary routes (compilation,
    #    mapped keep, exact) as requests (release, library artist, a, route, name).
    ids = list(releases)
    n = len(ids)
    title_keys: dict[str, str] = {}
    tkey: list[str] = []
    effective: list[list[int]] = []
    direct: list[tuple[int, int, float, int, int]] = []
    pending: list[int] = []
    unclassified = no_artist = mapped_prune = 0
    for i, (raw_title, mains, extras) in enumerate(releases.values()):
        t = title_keys.get(raw_title)
        if t is None:
            t = title_keys[raw_title] = normalize_title(raw_title)
        tkey.append(t)
        if not mains:
            unclassified += 1
            no_artist += not extras
            mains = extras
        effective.append(mains)
        fuzzy = pruned = False
        for a in mains:
            r, lib = kind[a]
            if r >= 0:
                direct.append((i, lib, 1.0, r, a))
            elif r == -2:
                fuzzy = True
            elif prune_set and keys[a] in prune_set:
                pruned = True
        mapped_prune += pruned
        if fuzzy:
            pending.append(i)
    del releases, title_keys

    best = np.full(n, -1.0)
    route = np.full(n, -1, dtype=np.int8)
    best_name = np.full(n, -1, dtype=np.int64)
    best_lib = np.full(n, -1, dtype=np.int64)
    best_ascore = np.zeros(n)
    _apply(library, _Requests.of(direct), tkey, best, route, best_name, best_lib, best_ascore)
    del direct

    # 5. Fuzzy route (title-anchored), only for releases not already KEEP through another
    #    artist: the candidates of a non-library name are the library artists owning the
    #    release's normalized title; their artist similarity is computed once per distinct
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
    fuzzy_requests = [
        (i, pair_list[p][1], ascores[p], 3, a) for i, a, p in wanted if ascores[p] >= cutoff
    ]
    _apply(library, _Requests.of(fuzzy_requests), tkey, best, route, best_name, best_lib, best_ascore)
    del fuzzy_requests, wanted
    fuzzy_names = {a for i in pending for a in effective[i] if kind[a][0] == -2}
    comparisons = len(pair_list)

    # 6. Decisions, counts, REVIEW artists.
    ids_arr = np.asarray(ids, dtype=np.int64)
    keep_mask = best >= th.keep
    review_mask = ~keep_mask & (best >= th.review)
    prune_mask = ~keep_mask & ~review_mask
    route_counts = np.bincount(route + 1, minlength=len(_ROUTES) + 1).tolist()
    review_groups: dict[tuple[str, str], list[float]] = {}
    for i in np.flatnonzero(review_mask).tolist():
        lib = int(best_lib[i])
        lib_key = library.artists[lib] if lib >= 0 else ""
        lib_name = library.display.get(lib_key, lib_key) if lib >= 0 else "(compilation)"
        review_groups.setdefault((names[int(best_name[i])], lib_name), []).append(float(best_ascore[i]))
    review_artists = sorted(
        (ReviewArtist(artist, lib_name, max(s), len(s)) for (artist, lib_name), s in review_groups.items()),
        key=lambda ra: (-ra.releases, ra.artist, ra.library_artist),
    )[:50]
    counts = {
        "releases": n,
        "keep": int(keep_mask.sum()),
        "review": int(review_mask.sum()),
        "prune": int(prune_mask.sum()),
        "unclassified": unclassified,
        "no_artist": no_artist,
        "compilation": route_counts[1],
        "exact": route_counts[2],
        "mapped": route_counts[3],
        "fuzzy": route_counts[4],
        "unmatched": route_counts[0],
        "mapped_prune": mapped_prune,
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
    )
