"""Reading materialization history: what an asset was last built from."""

from __future__ import annotations

from typing import Any

import dagster as dg


def latest_metadata(context: dg.AssetExecutionContext, key: str | dg.AssetKey) -> dict[str, Any] | None:
    """Plain values of the newest materialization's metadata of ``key`` (None if never built)."""
    asset_key = key if isinstance(key, dg.AssetKey) else dg.AssetKey(key)
    event = context.instance.get_latest_materialization_event(asset_key)
    if event is None or event.asset_materialization is None:
        return None
    return {name: value.value for name, value in event.asset_materialization.metadata.items()}


# Figures that measure one execution: a reused step did not do that work again, and repeating
# them would plot a build that never happened.
TIMING_SUFFIXES = ("seconds", "_per_s", "_per_second")


def without_timings(metadata: dict[str, Any]) -> dict[str, Any]:
    """``metadata`` as a reused step reports it again: without its seconds and throughputs."""
    return {k: v for k, v in metadata.items() if not k.endswith(TIMING_SUFFIXES)}


def upstream_metadata(context: dg.AssetExecutionContext, key: str) -> dict[str, Any]:
    found = latest_metadata(context, key)
    if found is None:
        raise dg.Failure(f"{key} has never been materialized: materialize it (or the whole graph) first")
    return found
