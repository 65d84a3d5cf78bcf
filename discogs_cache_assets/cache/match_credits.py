"""What the library match knows of a credit beyond its name: the aliases and name variations of
the credited artist ids, and the joined credit line of a release's main artists.

The converter writes ``artist_alias.csv`` and ``artist_name_variation.csv`` when the month has an
artists dump, and keeps the releases of artists whose alias or variation is a library name;
release_tables imports those rows for the artists credited on the imported releases. The library
match reads them for the ids credited on the survivors only (``match_artist_ids.sql``), so the
alias map stays as small as the cache it judges. A month without the artists dump has none: no
release is matched through an alias.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable

import psycopg

from discogs_cache_assets import sqlfiles
from discogs_cache_assets.library.identity import identity_key, joined_credit


def alias_names(conn: psycopg.Connection) -> dict[int, list[str]]:
    """Credited artist id → its aliases and name variations (search_path: the build schema)."""
    names: dict[int, list[str]] = defaultdict(list)
    query = sqlfiles.query("match_alias_names", credited=sqlfiles.query("match_artist_ids"))
    for artist_id, name in conn.execute(query):
        names[artist_id].append(name)
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
