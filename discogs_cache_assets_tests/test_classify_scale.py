"""Classification at production scale: 1.5M releases against 50k library artists (slow).

Run with ``pytest -m slow discogs_cache_assets_tests/test_classify_scale.py -s``; it prints
the timing. The workload is synthetic but shaped like a converted cache: most releases by
library artists (in various spellings, 30 % with a library title), misspelt library artists,
releases the converter kept for an extra artist, compilations, and two-artist releases.
"""

from __future__ import annotations

import os
import random
import string
import time

import pytest

from discogs_cache_assets.library.classify import MatchLibrary, classify_releases

pytestmark = pytest.mark.slow

LETTERS = "etaoinshrdlcumwfgypbvkjxqz"
WEIGHTS = [12.7, 9.1, 8.2, 7.5, 7.0, 6.7, 6.3, 6.1, 6.0, 4.3, 4.0, 2.8, 2.8, 2.4, 2.4, 2.2, 2.0, 2.0, 1.9, 1.5,
           1.0, 0.8, 0.2, 0.2, 0.1, 0.1]


def workload(n_artists: int, n_releases: int, n_others: int, seed: int = 7):
    rng = random.Random(seed)
    vocabulary: set[str] = set()
    while len(vocabulary) < 30_000:
        vocabulary.add("".join(rng.choices(LETTERS, WEIGHTS, k=rng.randint(3, 10))).capitalize())
    words = sorted(vocabulary)

    def phrase(counts) -> str:
        return " ".join(rng.choice(words) for _ in range(rng.choice(counts)))

    artists = list(dict.fromkeys(phrase((1, 2, 2, 2, 3)) for _ in range(int(n_artists * 1.05))))[:n_artists]
    titles = {a: [phrase((1, 2, 2, 3, 4)) for _ in range(rng.choice((1, 1, 2, 2, 3, 4, 6, 12)))] for a in artists}
    library = [(a, t) for a in artists for t in titles[a]]
    compilation_titles = [phrase((1, 2, 3)) for _ in range(3000)]
    library += [("Various Artists - Compilations", t) for t in compilation_titles]
    others = [phrase((1, 2, 2, 2, 3)) for _ in range(n_others)]

    def typo(a: str) -> str:
        i = rng.randrange(len(a))
        return a[:i] + rng.choice(string.ascii_lowercase) + a[i + 1:]

    def spelling(a: str) -> str:
        r = rng.random()
        return a.upper() if r < 0.2 else f"{a} (2)" if r < 0.35 else a.replace("e", "é") if r < 0.45 else a

    rows = []
    for rid in range(1, n_releases + 1):
        r = rng.random()
        a = rng.choice(artists)
        title = rng.choice(titles[a]) if rng.random() < 0.3 else phrase((1, 2, 2, 3, 4))
        if r < 0.55:  # a library artist's release
            rows.append((rid, spelling(a), 0, title + (" (Remastered)" if rng.random() < 0.1 else "")))
        elif r < 0.60:  # a misspelt library artist
            rows.append((rid, typo(a), 0, title))
        elif r < 0.85:  # kept by the converter for an extra artist
            t = phrase((1, 2, 2, 3, 4))
            rows += [(rid, rng.choice(others), 0, t), (rid, a, 1, t)]
        elif r < 0.93:  # a compilation
            t = rng.choice(compilation_titles) if rng.random() < 0.4 else phrase((1, 2, 3))
            rows.append((rid, "Various", 0, t))
        else:  # two main artists, one of them in the library
            rows += [(rid, rng.choice(others), 0, title), (rid, a, 0, title)]
    return library, [(*r, None) for r in rows]  # credits without an artist id: no aliases


def test_classify_at_scale() -> None:
    n_releases = int(os.environ.get("CLASSIFY_SCALE_RELEASES", "1500000"))
    library_rows, rows = workload(50_000, n_releases, 120_000)
    t0 = time.perf_counter()
    library = MatchLibrary.from_entries(library_rows)
    t1 = time.perf_counter()
    result = classify_releases(library, rows)
    t2 = time.perf_counter()
    counts = result.counts
    print(
        f"\nlibrary: {library.artist_count} artists, {library.pair_count} titles in {t1 - t0:.1f} s; "
        f"classify {counts['releases']} releases ({len(rows)} rows, {counts['artists']} names) in {t2 - t1:.1f} s "
        f"= {counts['releases'] / (t2 - t1):,.0f} releases/s\n{counts}"
    )
    assert counts["releases"] == n_releases
    assert counts["keep"] + counts["review"] + counts["prune"] == n_releases
    assert counts["fuzzy"] > 0 and counts["exact"] > 0 and counts["compilation"] > 0
    assert t2 - t1 < 120, "classification must stay in seconds, not minutes"
