"""Which library rows the cache answers, overall and by spelling category (``spelling.py``).

A library row (artist, title, alternate name) is answered when some KEEP or REVIEW release
stands for it: a candidate of that release matched the row's artist (or its alternate name, or
a station cross-reference name filed with the same title) and the row's title, by their
identity keys (``classify.Classification.answered``). A compilation row is answered by a
compilation release matching its title. Each unanswered row is an album the lookup service
fetches from the Discogs API instead, and a spelling the music staff may want to fix.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from discogs_cache_assets.library.catalog import LibraryRow
from discogs_cache_assets.library.keymemo import KeyMemo
from discogs_cache_assets.library.spelling import CATEGORIES, category

__all__ = ["Coverage", "library_coverage", "shares_below"]

UNANSWERED_SHOWN = 100


@dataclass(frozen=True)
class Coverage:
    rows: int
    answered: int
    by_category: dict[str, tuple[int, int]]  # category → (rows, answered), categories with rows
    unanswered: list[tuple[str, str, str]]  # (artist, title, category), the first UNANSWERED_SHOWN

    @property
    def share(self) -> float:
        return self.answered / self.rows if self.rows else 1.0

    def shares(self) -> dict[str, float]:
        return {c: answered / rows for c, (rows, answered) in self.by_category.items()}

    def metadata(self) -> dict[str, object]:
        """Shares as floats (plotted), counts as integers."""
        meta: dict[str, object] = {
            "coverage": round(self.share, 4),
            "library_rows": self.rows,
            "library_rows_answered": self.answered,
        }
        for c, (rows, answered) in self.by_category.items():
            meta[f"coverage_{c}"] = round(answered / rows, 4)
            meta[f"library_rows_{c}"] = rows
            meta[f"library_rows_answered_{c}"] = answered
        return meta

    def markdown(self) -> str:
        """The unanswered rows shown, as a Markdown table."""
        if not self.unanswered:
            return "Every library row is answered."
        lines = ["| artist | title | category |", "| --- | --- | --- |"]
        lines += [f"| {_cell(a)} | {_cell(t)} | {c} |" for a, t, c in self.unanswered]
        more = self.rows - self.answered - len(self.unanswered)
        if more > 0:
            lines.append(f"\n… and {more} more.")
        return "\n".join(lines)


def shares_below(metadata: Mapping[str, object], minimum: float) -> list[str]:
    """From ``Coverage.metadata()``: "overall" and the categories answered below ``minimum``."""
    low = ["overall"] if float(metadata["coverage"]) < minimum else []  # type: ignore[arg-type]
    return low + [
        k.removeprefix("coverage_") for k, v in metadata.items()
        if k.startswith("coverage_") and float(v) < minimum  # type: ignore[arg-type]
    ]


def _cell(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def library_coverage(
    rows: Iterable[LibraryRow],
    artist_index: dict[str, int],
    answered: set[tuple[int, str]],
    cross_references: Iterable[tuple[str, str]] = (),
    keys: KeyMemo | None = None,
) -> Coverage:
    """``answered``: (library artist index, -1 for compilations; title key) pairs, over every
    batch; ``artist_index``: the match library's artist key → index; ``cross_references``:
    further (name, title) pairs the station files (library_aliases.csv); ``keys``: the match
    library's, whose spellings are keyed already."""
    keys = keys or KeyMemo()
    names_by_title: dict[str, set[str]] = defaultdict(set)
    for name, title in cross_references:
        if name and title:
            names_by_title[keys.title(title)].add(keys.artist(name))
    total = hit = 0
    counts: dict[str, list[int]] = {c: [0, 0] for c in CATEGORIES}
    unanswered: list[tuple[str, str, str]] = []
    for row in rows:
        compilation = keys.compilation(row.artist)
        cat = category(row.artist, row.title, row.alternate, compilation)
        title = keys.title(row.title)
        if compilation:
            ok = (-1, title) in answered
        else:
            names = {keys.artist(row.artist)} | names_by_title.get(title, set())
            if row.alternate:
                names.add(keys.artist(row.alternate))
            ok = any((artist_index.get(n, -2), title) in answered for n in names)
        total += 1
        hit += ok
        counts[cat][0] += 1
        counts[cat][1] += ok
        if not ok and len(unanswered) < UNANSWERED_SHOWN:
            unanswered.append((row.artist, row.title, cat))
    by_category = {c: (n, a) for c, (n, a) in counts.items() if n}
    return Coverage(total, hit, by_category, unanswered)
