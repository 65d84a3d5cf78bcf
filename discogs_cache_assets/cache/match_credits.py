"""What the library match knows of a credit beyond its name: the aliases and name variations of
the credited artist ids, from the month's artists CSVs, and the joined credit line of a release's
main artists.

The converter writes ``artist_alias.csv`` (artist_id, artist_name, alias_name) and
``artist_name_variation.csv`` (artist_id, name) when the month has an artists dump, for every
artist of the dump, and keeps the releases of artists whose alias or variation is a library
name. The library match reads the same files for the ids credited on the survivors only
(``match_artist_ids.sql``), so the alias map stays as small as the cache it judges. A month
without the artists dump has no such files: no release is matched through an alias.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

import psycopg

from discogs_cache_assets import sqlfiles
from discogs_cache_assets.cache.errors import InputError
from discogs_cache_assets.library.identity import identity_key, joined_credit

# File, the column holding the other name.
ALIAS_FILES = (("artist_alias.csv", "alias_name"), ("artist_name_variation.csv", "name"))


def credited_artist_ids(conn: psycopg.Connection) -> set[int]:
    return {row[0] for row in conn.execute(sqlfiles.query("match_artist_ids"))}


def alias_names(csv_dir: Path, artist_ids: set[int]) -> dict[int, list[str]]:
    """Artist id → its aliases and name variations, for ``artist_ids`` only."""
    wanted = {str(i) for i in artist_ids}
    names: dict[int, list[str]] = defaultdict(list)
    for file, column in ALIAS_FILES:
        path = csv_dir / file
        if not wanted or not path.is_file():
            continue
        with path.open(newline="", encoding="utf-8") as fh:
            reader = csv.reader(fh, strict=True)
            try:
                header = next(reader, [])
                if "artist_id" not in header or column not in header:
                    raise InputError(f"{path}: line 1: the header needs artist_id and {column}")
                id_at, name_at = header.index("artist_id"), header.index(column)
                width = max(id_at, name_at) + 1
                for row in reader:
                    if len(row) >= width and row[id_at] in wanted and row[name_at]:
                        names[int(row[id_at])].append(row[name_at])
            except (csv.Error, UnicodeDecodeError) as exc:
                raise InputError(f"{path}: line {reader.line_num}: not readable as CSV ({exc})") from None
    return dict(names)


def joined_credits(conn: psycopg.Connection, wanted: Callable[[str], bool]) -> dict[int, str]:
    """Release id → its main credits' joined line ("Lou Reed & John Cale"), for the survivors
    with two main credits or more whose line's identity key ``wanted`` accepts."""
    lines: dict[int, str] = {}

    def finish(release_id: int | None, credits: list[tuple[str, str]]) -> None:
        if release_id is not None and len(credits) > 1:
            line = joined_credit(credits)
            if wanted(identity_key(line)):
                lines[release_id] = line

    current: int | None = None
    credits: list[tuple[str, str]] = []
    with conn.cursor(name="match_joined_credits") as cur:
        cur.itersize = 20_000
        cur.execute(sqlfiles.query("match_joined_credits"))
        for release_id, name, join in cur:
            if release_id != current:
                finish(current, credits)
                current, credits = release_id, []
            credits.append((name, join))
    finish(current, credits)
    return lines
