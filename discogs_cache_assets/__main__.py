"""Command line: ``python -m discogs_cache_assets demo | stop | sample ...``.

``demo`` is the zero-config tour: a generated sample dump and library, the embedded PostgreSQL,
the whole asset graph materialized through Dagster with a persistent local instance (so a second
run is incremental), then where the cache is and what a few lookups return. The embedded server
keeps running for the next run (and the lookup service); ``stop`` stops it.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from discogs_cache_assets.home import HOME_ENV, default_home

# The demo's Dagster instance runs one run at a time, as the deployment's does
# (deploy/dagster.yaml), so builds started from its `dagster dev` queue behind each other.
LOCAL_INSTANCE = """\
concurrency:
  runs:
    max_concurrent_runs: 1
"""


def _demo(args: argparse.Namespace) -> int:
    home = default_home()
    os.environ.setdefault(HOME_ENV, str(home))
    ours = "DAGSTER_HOME" not in os.environ  # an instance the user names is left as it is
    os.environ.setdefault("DAGSTER_HOME", str(home / "dagster"))
    instance_dir = Path(os.environ["DAGSTER_HOME"])
    instance_dir.mkdir(parents=True, exist_ok=True)
    if ours and not (instance_dir / "dagster.yaml").exists():
        (instance_dir / "dagster.yaml").write_text(LOCAL_INSTANCE)
    sample_dir = home / "sample"
    if not (sample_dir / "dump" / "library.db").is_file():
        from discogs_cache_assets.sample import generate_sample

        print(f"generating a sample dump of {args.releases} releases in {sample_dir} ...", flush=True)
        generate_sample(sample_dir / "dump", releases=args.releases, seed=args.seed)
    # The code location's defaults (definitions.py) point at this sample, so `dagster dev` with
    # the same DAGSTER_HOME shows exactly what the demo built.

    import dagster as dg

    from discogs_cache_assets.demo import report
    from discogs_cache_assets.definitions import defs

    with dg.DagsterInstance.get() as instance:
        result = defs.resolve_job_def("build_cache").execute_in_process(instance=instance, raise_on_error=False)
    if not result.success:
        for event in result.all_events:
            if event.is_step_failure and event.step_failure_data:
                data = event.step_failure_data
                why = data.user_failure_data.description if data.user_failure_data else data.error.message
                print(f"error: {event.step_key}: {why.strip()}", file=sys.stderr)
        return 1
    report(result)
    return 0


def _stop() -> int:
    from discogs_cache_assets.resources import stop_embedded

    data_dir = default_home() / "postgres"
    if not stop_embedded(data_dir):
        print(f"no embedded PostgreSQL is running in {data_dir}")
    elif (data_dir / "postmaster.pid").exists():
        print(f"the embedded PostgreSQL in {data_dir} is still shutting down", file=sys.stderr)
        return 1
    else:
        print(f"stopped the embedded PostgreSQL in {data_dir}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m discogs_cache_assets")
    sub = parser.add_subparsers(dest="command", required=True)
    demo = sub.add_parser("demo", help="generate a sample, build the cache on embedded PostgreSQL, show lookups")
    demo.add_argument("--releases", type=int, default=3000)
    demo.add_argument("--seed", type=int, default=7)
    sub.add_parser("stop", help="stop the embedded PostgreSQL the demo (or a zero-config build) started")
    sub.add_parser("sample", help="generate a sample dump and library (see --help)", add_help=False)
    args, rest = parser.parse_known_args(argv)
    if args.command == "sample":
        from discogs_cache_assets.sample import main as sample_main

        return sample_main(rest)
    if rest:
        parser.error(f"unrecognized arguments: {' '.join(rest)}")
    return _stop() if args.command == "stop" else _demo(args)


if __name__ == "__main__":
    sys.exit(main())
