"""The releases a station label preference picks, by the same keys as the library match.

A preference (artist, title, label) names an album the way the station files it ("Clean, The",
"Boodle"). Its artist and title are keyed by ``identity_key`` / ``title_key`` here, where the
rows are written (label_pref_key), and a release matches when one of its main credits and its
title have the same keys and one of its labels is accepted for the preference (label_accepted:
the preferred label or one level above or below it). The keys are not SQL, so SQL narrows the
releases to those on an accepted label first (label_candidates) and Python compares their keys,
each distinct spelling keyed once.
"""

from __future__ import annotations

import psycopg

from discogs_cache_assets import sqlfiles
from discogs_cache_assets.cache.build import run_sql_file
from discogs_cache_assets.library.identity import identity_key, title_key


def key_preferences(conn: psycopg.Connection) -> None:
    """label_pref_key from label_pref_raw's spellings; then label_pref and label_accepted."""
    names = conn.execute(sqlfiles.query("label_pref_names")).fetchall()
    with conn.cursor() as cur, cur.copy(
        "COPY label_pref_key (artist_name, release_title, artist_key, title_key) FROM STDIN"
    ) as copy:
        for artist, title in names:
            copy.write_row((artist, title, identity_key(artist), title_key(title)))
    run_sql_file(conn, "label_accepted")


def match_preferred_releases(conn: psycopg.Connection) -> int:
    """Fill release_label_match; returns how many releases a preference picks."""
    # label key → title key → artist keys: a candidate's title is keyed first, its artists only
    # when a preference of its label has that title.
    accepted: dict[str, dict[str, set[str]]] = {}
    for artist, title, label in conn.execute("SELECT artist_key, title_key, label_key FROM label_accepted"):
        accepted.setdefault(label, {}).setdefault(title, set()).add(artist)
    if not accepted:
        return 0
    artist_keys: dict[str, str] = {}
    title_keys: dict[str, str] = {}
    matched: set[int] = set()
    with conn.cursor() as cur:
        for release_id, artist, title, label in cur.execute(sqlfiles.query("label_candidates")):
            if release_id in matched or not artist or not title:
                continue
            t = title_keys.get(title)
            if t is None:
                t = title_keys[title] = title_key(title)
            artists = accepted[label].get(t)
            if artists is None:
                continue
            a = artist_keys.get(artist)
            if a is None:
                a = artist_keys[artist] = identity_key(artist)
            if a in artists:
                matched.add(release_id)
    with conn.cursor() as cur, cur.copy("COPY release_label_match (release_id) FROM STDIN") as copy:
        for release_id in sorted(matched):
            copy.write_row((release_id,))
    return len(matched)
