"""Chart of a bench/pipeline.py report: step times (direct against Dagster) and the goal ratios.

    .venv/bin/pip install -q -e '.[bench]'       # matplotlib
    .venv/bin/python bench/chart.py REPORT.json [--out docs/benchmarks.png]

Left: wall seconds per step of the round the report's per-step table shows (the median database
ratio), each step run directly (bench/direct.py) and under `dagster asset materialize`. Right:
every goal's measured value (the median over the rounds) as a share of its limit, so that one
line at 1.0 is every goal's limit and a bar past it is a miss.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

import matplotlib  # noqa: E402

matplotlib.use("Agg")  # files only: no display on a server or in CI
import matplotlib.pyplot as plt  # noqa: E402

from pipeline import dagster_by_direct_step, median_round, verdicts  # noqa: E402

DIRECT_COLOUR, DAGSTER_COLOUR = "#4c72b0", "#dd8452"
MET_COLOUR, MISSED_COLOUR = "#55a868", "#c44e52"


def _goal_label(name: str, measured: float, goal: float, ratios: dict[str, float]) -> str:
    if name == "dagster overhead":
        # Its noise-free lower bound beside the noisy whole-process figure.
        return f"{measured:+.1%} (limit {goal:.0%});\noutside its steps {ratios['dagster_outside_steps']:.1%}"
    if name.endswith("GiB"):
        return f"{measured * 1024:.0f} MiB (limit {goal:.0f} GiB)"
    return f"{measured:.2f} (limit {goal:.1f})"


def draw(report: dict[str, Any], out: Path) -> None:
    shown = median_round(report["rounds"])
    direct = shown["direct"]["seconds"]
    dagster = dagster_by_direct_step(shown["dagster"]["steps"], direct)
    steps = list(direct)[::-1]  # graph order, top to bottom

    fig, (times, goals) = plt.subplots(1, 2, figsize=(13, 6.2), gridspec_kw={"width_ratios": [1.35, 1]})
    rows = range(len(steps))
    height = 0.4
    times.barh([r + height / 2 for r in rows], [direct[s] for s in steps], height,
               color=DIRECT_COLOUR, label=f"direct (sum {sum(direct.values()):.1f} s)")
    times.barh([r - height / 2 for r in rows], [dagster.get(s, 0.0) for s in steps], height,
               color=DAGSTER_COLOUR, label=f"under Dagster (whole process {shown['dagster']['wall']:.1f} s)")
    times.set_yticks(list(rows), steps)
    times.set_xlabel("wall seconds")
    times.set_title(f"Step times, round {report['rounds'].index(shown) + 1} of {len(report['rounds'])}")
    times.legend(loc="lower right")
    times.grid(axis="x", alpha=0.3)

    judged = verdicts(report["ratios"])[::-1]
    shares = [measured / goal for _, measured, goal, _ in judged]
    goals.barh(range(len(judged)), shares, 0.6,
               color=[MET_COLOUR if met else MISSED_COLOUR for *_, met in judged])
    goals.axvline(1.0, color="black", linewidth=1)
    goals.set_yticks(range(len(judged)), [name.removesuffix(" GiB") for name, *_ in judged])
    goals.set_xlim(0, max(1.25, max(shares) * 1.6))
    for row, ((name, measured, goal, _), share) in enumerate(zip(judged, shares)):
        goals.text(share + 0.03, row, _goal_label(name, measured, goal, report["ratios"]), va="center", fontsize=9,
                   bbox={"facecolor": "white", "edgecolor": "none", "pad": 1}, zorder=5)
    goals.set_xlabel("measured / limit (median over the rounds)")
    goals.set_title("Goals (green met, red missed)")
    goals.grid(axis="x", alpha=0.3)

    machine = report.get("machine", {})
    fig.suptitle(f"bench/pipeline.py, {report['releases']:,} releases, {report['date'][:16].replace('T', ' ')} UTC, "
                 f"{machine.get('cpus', '?')} CPUs")
    fig.tight_layout()
    fig.savefig(out, dpi=110)
    plt.close(fig)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("report", type=Path, help="a JSON report written by bench/pipeline.py --report")
    ap.add_argument("--out", type=Path, default=ROOT / "docs" / "benchmarks.png", help="the PNG to write")
    args = ap.parse_args(argv)
    draw(json.loads(args.report.read_text()), args.out)
    print(args.out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
