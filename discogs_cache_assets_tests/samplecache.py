"""A cache built through the real graph from the project's generated sample dump."""

from __future__ import annotations

from pathlib import Path

import dagster as dg

from discogs_cache_assets.dump.resource import DumpResource
from discogs_cache_assets.sample import SampleInfo, generate_sample
from discogs_cache_assets_tests.graph import build, graph_resources

# Small enough to build in seconds, with a library share high enough that a few hundred
# releases (and the curated scenarios) are kept.
RELEASES = 3000
SEED = 11
LIBRARY_FRACTION = 0.3


def sample_resources(pg_url: str, work: Path, info: SampleInfo) -> dict[str, object]:
    """The graph's resources reading the sample's dump folder (so the real converter runs)."""
    resources = graph_resources(pg_url=pg_url, home=work / "home", csv_dir=work, library_db=info.library_db)
    resources["dump"] = DumpResource(dump_dir=str(info.out_dir))
    return resources


def generate(out_dir: Path, dump_date: str = "20260101") -> SampleInfo:
    """The sample; called again with a later date it adds a newer dump of the same releases
    beside the first, which the graph picks up as a new dump to build and publish."""
    return generate_sample(out_dir, releases=RELEASES, seed=SEED, dump_date=dump_date,
                           library_fraction=LIBRARY_FRACTION)


def build_sample_cache(pg_url: str, work: Path) -> SampleInfo:
    info = generate(work / "sample")
    with dg.instance_for_test() as instance:
        build(instance, sample_resources(pg_url, work, info))
    return info

