"""Benchmark: the database phase alone against its floor, alternated on the same CSVs.

    .venv/bin/python bench/database.py [--releases 2000000] [--rounds 5] [--work DIR]

The quick, load-tolerant form of bench/pipeline.py's second goal: the sample dump is generated
and converted once (both reused from --work, the same folder bench/pipeline.py uses), then each
round runs the database steps directly (bench/direct.py with --csv-dir: cache_schema ..
discogs_cache and the checks, on a fresh database) and, right after, the floor (plain COPY of the
same CSVs into unindexed tables + the published cache's indexes, same server and session
settings). Each round's ratio is printed; the last line is the median ratio, and the exit status
is 1 when it is above 1.5.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

from pipeline import (  # noqa: E402
    DATABASE_STEPS,
    GOAL_DATABASE,
    Sampler,
    drop_database,
    floor,
    fresh_database,
    run_direct,
    sample_dump,
    start_server,
)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--releases", type=int, default=2_000_000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "discogs-pipeline-bench")
    args = ap.parse_args(argv)
    args.work.mkdir(parents=True, exist_ok=True)
    sample = sample_dump(args.work, args.releases, args.seed).parent
    server, server_pid = start_server(args.work / "postgres")
    sampler = Sampler(server_pid)  # run_direct registers its process; nothing else is sampled
    csv_dir = next(iter(sorted((args.work / "converted").glob("*/release.csv"))), None)
    if csv_dir is None:  # convert once, with the pipeline's own library files
        print("converting the sample once ...", flush=True)
        first = run_direct(args, sample, fresh_database(server, "bench_direct"), sampler)
        converted = args.work / "converted" / Path(first["csv_dir"]).name
        converted.parent.mkdir(parents=True, exist_ok=True)
        Path(first["csv_dir"]).rename(converted)
        csv_dir = converted / "release.csv"
    csv_dir = csv_dir.parent
    ratios: list[float] = []
    cpu_ratios: list[float] = []
    for i in range(args.rounds):
        load = os.getloadavg()[0]
        direct = run_direct(args, sample, fresh_database(server, "bench_direct"), sampler, csv_dir)
        database = sum(direct["seconds"][s] for s in DATABASE_STEPS)
        fl = floor(fresh_database(server, "bench_floor"), csv_dir)
        drop_database(server, "bench_floor")
        ratios.append(database / (fl["load"] + fl["index"]))
        cpu_ratios.append(direct["database_cpu"] / fl["cpu"])
        print(f"round {i + 1}: load average {load:.1f}, database phase {database:.2f} s "
              f"({direct['database_cpu']:.1f} CPU s), floor {fl['load'] + fl['index']:.2f} s (COPY {fl['load']:.2f} "
              f"+ indexes {fl['index']:.2f}; {fl['cpu']:.1f} CPU s), ratio {ratios[-1]:.3f}, in CPU {cpu_ratios[-1]:.3f}",
              flush=True)
        # Per step, so a change to one step can be judged against the others of the same round.
        print("  steps: " + ", ".join(f"{s} {direct['seconds'][s]:.2f}" for s in DATABASE_STEPS), flush=True)
    ratio = statistics.median(ratios)
    print(f"in CPU seconds (server + client, load-proof): median ratio {statistics.median(cpu_ratios):.3f}")
    print(f"ratio database {ratio:.3f} (median of {len(ratios)}; goal <= {GOAL_DATABASE})")
    return 0 if ratio <= GOAL_DATABASE else 1


if __name__ == "__main__":
    raise SystemExit(main())
