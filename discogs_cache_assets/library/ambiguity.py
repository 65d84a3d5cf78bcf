"""Ambiguity kept, not guessed: one library row, two Discogs artists of the same name.

A library name can fit two Discogs artists whose names have the same identity key ("Cluster"
and "Cluster (2)"). Both are candidates of the library artist and the title decides. When it
cannot, because releases of both reach KEEP on the same library row (library artist and
title), none of them is KEEP by a guess: each is REVIEW, unless another claim of its own that
no second Discogs artist shares keeps it.

A claim is (release id, library artist index, library title key, Discogs name) for a release
whose KEEP rests on an equal name (the exact route) alone. The classification of one batch
records its claims here; the library match adds every batch's, so a release of "Cluster" in
one batch and one of "Cluster (2)" in another are judged together.
"""

from __future__ import annotations

from collections.abc import Iterable

__all__ = ["Claim", "SharedRows"]

Claim = tuple[int, int, str, str]  # release id, library artist index, title key, Discogs name


class SharedRows:
    """Claims over any number of batches; ``reviews()`` names the releases to hold at REVIEW."""

    def __init__(self) -> None:
        self._first_name: dict[tuple[int, str], str] = {}  # library row → first Discogs name
        self._shared: set[tuple[int, str]] = set()  # rows claimed under two names or more
        self._releases: dict[tuple[int, str], list[int]] = {}
        self._rows_of: dict[int, list[tuple[int, str]]] = {}  # release → its rows (2+ only)

    def add(self, claims: Iterable[Claim]) -> None:
        first_name, shared, releases, rows_of = self._first_name, self._shared, self._releases, self._rows_of
        seen: dict[int, tuple[int, str]] = {}
        for release_id, lib, title, name in claims:
            row = (lib, title)
            known = first_name.setdefault(row, name)
            if known != name:
                shared.add(row)
            releases.setdefault(row, []).append(release_id)
            if (earlier := seen.get(release_id)) is not None:
                rows_of.setdefault(release_id, [earlier]).append(row)
            else:
                seen[release_id] = row

    def reviews(self) -> list[int]:
        """Releases whose every KEEP claim is on a row another Discogs name claims too."""
        held: set[int] = set()
        for row in self._shared:
            for release_id in self._releases[row]:
                rows = self._rows_of.get(release_id)
                if rows is None or all(r in self._shared for r in rows):
                    held.add(release_id)
        return sorted(held)

    @property
    def shared_rows(self) -> int:
        return len(self._shared)
