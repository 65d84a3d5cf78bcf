"""Each distinct spelling's keys, computed once: a library lists an artist once per album, and
the library match, its coverage and their categories all ask for the same keys."""

from __future__ import annotations

from discogs_cache_assets.library.identity import identity_key, title_key
from discogs_cache_assets.library.normalize import is_compilation

__all__ = ["KeyMemo"]


class KeyMemo:
    """``identity_key``, ``title_key`` and ``is_compilation`` by spelling, remembered."""

    __slots__ = ("_artists", "_compilations", "_titles")

    def __init__(self) -> None:
        self._artists: dict[str, str] = {}
        self._titles: dict[str, str] = {}
        self._compilations: dict[str, bool] = {}

    def artist(self, name: str) -> str:
        key = self._artists.get(name)
        if key is None:
            key = self._artists[name] = identity_key(name)
        return key

    def title(self, title: str) -> str:
        key = self._titles.get(title)
        if key is None:
            key = self._titles[title] = title_key(title)
        return key

    def compilation(self, name: str) -> bool:
        found = self._compilations.get(name)
        if found is None:
            found = self._compilations[name] = is_compilation(name)
        return found
