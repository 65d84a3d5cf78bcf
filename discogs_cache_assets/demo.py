"""What the demo prints after a build: where the cache is, its size, and a few real lookups."""

from __future__ import annotations

import os
import shlex
import sys
from pathlib import Path

import dagster as dg

from discogs_cache_assets import sqlfiles
from discogs_cache_assets.definitions import default_resources
from discogs_cache_assets.home import HOME_ENV
from discogs_cache_assets.resources import published_database

REPO_ROOT = Path(__file__).resolve().parents[1]  # an editable install: the checkout


def _unaccent_typo(text: str) -> str:
    # Lower-case and drop the last character: the kind of query a DJ's log produces.
    return text.lower()[:-1] if len(text) > 4 else text.lower()


def report(result: dg.ExecuteInProcessResult) -> None:
    resources = default_resources()
    postgres = published_database(resources["postgres"], resources["target_postgres"])  # type: ignore[arg-type]
    published = {k: v.value for k, v in result.asset_materializations_for_node("discogs_cache")[-1].metadata.items()}
    print()
    print(f"cache: {postgres.describe()}")  # type: ignore[union-attr]
    counts: dict[str, object] = {}
    for name, value in published.items():
        if isinstance(value, dg.TableMetadataValue):  # one table of (table, rows)
            counts.update((r.data["table"], r.data["rows"]) for r in value.records if "rows" in r.data)
        elif name.startswith("rows_"):
            counts[name.removeprefix("rows_")] = value
    print("rows: " + ", ".join(f"{t} {n}" for t, n in counts.items()))
    latest = {e.asset_key.to_user_string(): e.materialization.metadata for e in result.get_asset_materialization_events()}
    steps = ["discogs_dump", "filtered_csvs", "release_tables", "deduped_releases", "library_matches", "cache_tables", "discogs_cache"]
    states = []
    for step in steps:
        if (md := latest.get(step)) is not None:
            states.append(f"{step} {'reused' if md.get('reused') and md['reused'].value else 'built'}")
    print("steps: " + ", ".join(states))
    with postgres.connect() as conn:  # type: ignore[union-attr]
        sample = conn.execute(sqlfiles.query("lookup/sample_release")).fetchone()
        if sample:
            artist, album, track = sample
            print(f"\nlookup by track {_unaccent_typo(track)!r}:")
            found = conn.execute(sqlfiles.text("lookup/search_track"), {"track": _unaccent_typo(track), "limit": 10})
            for release_id, album_title, artist_name, track_title, _compilation in found:
                print("   ", (release_id, artist_name, album_title, track_title))
            print(f"lookup by artist {_unaccent_typo(artist)!r} and album {_unaccent_typo(album)!r}:")
            for row in conn.execute(
                sqlfiles.text("lookup/search_release"), {"artist": _unaccent_typo(artist), "album": _unaccent_typo(album), "limit": 10}
            ):
                print("   ", row)
    env = " ".join(f"{k}={shlex.quote(os.environ[k])}" for k in ("DAGSTER_HOME", HOME_ENV) if os.environ.get(k))
    print("\nbrowse the graph, its history and the automation (then open http://127.0.0.1:3000):")
    # The venv's own dagster and python: the README's commands never activate the venv. From the
    # repo root, `dagster dev` reads pyproject.toml's code location (and its name).
    dagster = shlex.quote(str(Path(sys.executable).with_name("dagster")))
    print(f"    cd {shlex.quote(str(REPO_ROOT))} && {env} {dagster} dev")
    if not resources["postgres"].url:  # type: ignore[attr-defined]
        home = f"{HOME_ENV}={shlex.quote(os.environ[HOME_ENV])} " if os.environ.get(HOME_ENV) else ""
        print("the embedded PostgreSQL keeps running for the next run; stop it with:")
        print(f"    {home}{shlex.quote(sys.executable)} -m discogs_cache_assets stop")
