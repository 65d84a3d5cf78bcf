"""A cache built through the real graph from the project's generated sample dump."""

from __future__ import annotations

from pathlib import Path

import dagster as dg

from discogs_cache_assets.dump.resource import DumpResource
from discogs_cache_assets.sample import SampleInfo, generate_sample
from discogs_cache_assets_tests.graph import build, graph_resources


def sample_resources(pg_url: str, work: Path, info: SampleInfo, *, dump_id: str = "") -> dict[str, object]:
    """The graph's resources reading the sample's dump folder (so the real converter runs)."""
    resources = graph_resources(pg_url=pg_url, home=work / "home", csv_dir=work, library_db=info.library_db)
    resources["dump"] = DumpResource(dump_dir=str(info.out_dir), dump_id=dump_id)
    return resources


def build_sample_cache(
    pg_url: str, work: Path, *, releases: int = 3000, seed: int = 11, library_fraction: float = 0.3
) -> SampleInfo:
    info = generate_sample(work / "sample", releases=releases, seed=seed, library_fraction=library_fraction)
    with dg.instance_for_test() as instance:
        build(instance, sample_resources(pg_url, work, info))
    return info
