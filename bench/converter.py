"""Benchmark: the Rust converter against `gzip -dc FILE > /dev/null` on the same releases dump.

    .venv/bin/python bench/converter.py [--releases 280000] [--runs 3]
    .venv/bin/python bench/converter.py --dump /data/discogs_20260101_releases.xml.gz --library-artists lib.txt

Without --dump a seeded sample (discogs_cache_assets.sample, >= 1 GB of releases XML by default)
is generated once into --work and reused. The converter runs as the pipeline runs it: directory
input holding the releases dump plus the artists and labels dumps beside it, with
--library-artists (from --library-artists, else the distinct non-compilation artists of the
library.db beside the dump). Runs alternate gzip / converter; medians are reported. Peak RSS is the
converter's own (/usr/bin/time, else wait4 rusage). The last line is the ratio converter / gzip; the exit status is 1
when the ratio is above 1.0 or the peak RSS above 1 GiB.
"""

from __future__ import annotations

import argparse
import os
import re
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

RSS_LIMIT = 1 << 30
# The dump shape every benchmark runs on: as Discogs writes it today.
SAMPLE_FORM = "current"


@dataclass(frozen=True)
class Measured:
    wall: float  # seconds
    rss: int  # peak bytes
    status: int
    cpu: float  # user + system seconds of the child and what it waited for


def run_timed(cmd: list[str], stdout: int | None, stderr_path: Path | None = None) -> tuple[float, int, int]:
    """Wall seconds, peak RSS bytes and exit status of one child (see ``measure``)."""
    m = measure(cmd, stdout, stderr_path)
    return m.wall, m.rss, m.status


def measure(cmd: list[str], stdout: int | None, stderr_path: Path | None = None) -> Measured:
    """Wall and CPU seconds, peak RSS bytes and exit status of one child. The RSS comes from
    /usr/bin/time when present: a child forked from this (large) Python process inherits its
    high-water mark across exec, so wait4's ru_maxrss would overstate it."""
    err = stderr_path.open("wb") if stderr_path else subprocess.DEVNULL
    rss_file = None
    if Path("/usr/bin/time").is_file():
        rss_file = Path(tempfile.mktemp(prefix="rss-"))
        cmd = ["/usr/bin/time", "-f", "%M", "-o", str(rss_file), *cmd]
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=stdout, stderr=err)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t0
    if stderr_path:
        err.close()
    rss = usage.ru_maxrss * 1024
    if rss_file:
        text = rss_file.read_text().strip().splitlines()
        rss_file.unlink()
        rss = int(text[-1]) * 1024 if text and text[-1].isdigit() else rss
    return Measured(wall, rss, os.waitstatus_to_exitcode(status), usage.ru_utime + usage.ru_stime)


def sample_dump(work: Path, releases: int, seed: int) -> Path:
    from discogs_cache_assets.sample import generate_sample

    # The form is in the name, so that a folder written in the older form is not reused.
    out = work / f"sample-{releases}-{seed}-{SAMPLE_FORM}"
    if not (out / "sample_info.json").is_file():
        print(f"generating {releases} releases into {out} ...", flush=True)
        info = generate_sample(out, releases=releases, seed=seed, form=SAMPLE_FORM)
        print(f"  {info.releases_xml_bytes / 1e6:.0f} MB of releases XML in {info.seconds:.1f} s", flush=True)
    (path,) = out.glob("discogs_*_releases.xml.gz")
    return path


def library_artists(dump: Path, given: Path | None, work: Path) -> Path:
    if given:
        return given
    path = work / f"{dump.name}.library_artists.txt"
    names: list[str] = ["Autechre"]
    db = dump.parent / "library.db"
    if db.is_file():
        from discogs_cache_assets.sample._xml import is_compilation

        with sqlite3.connect(db) as conn:
            names = sorted({a for (a,) in conn.execute("SELECT artist FROM library") if a and not is_compilation(a)})
    path.write_text("\n".join(names) + "\n", encoding="utf-8")
    return path


def input_dir(dump: Path, work: Path) -> Path:
    d = work / f"input-{dump.name}"
    d.mkdir(parents=True, exist_ok=True)
    for old in d.iterdir():
        old.unlink()
    (d / dump.name).symlink_to(dump.resolve())
    for kind in ("artists", "labels"):
        side = dump.with_name(dump.name.replace("releases", kind))
        if side != dump and side.is_file():
            (d / side.name).symlink_to(side.resolve())
    return d


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--dump", type=Path, help="a releases dump (.xml.gz); default: generate a sample")
    ap.add_argument("--releases", type=int, default=280_000, help="sample size (default 280000, ~1.1 GB XML)")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "discogs-converter-bench")
    ap.add_argument("--library-artists", type=Path)
    ap.add_argument("--converter", type=Path, help="binary (default: the installed one)")
    ap.add_argument("--baseline", type=Path,
                    help="a second converter binary (e.g. an earlier build) run beside the first, order alternating "
                         "by run; prints the ratio of the two in wall and CPU time")
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args(argv)

    args.work.mkdir(parents=True, exist_ok=True)
    dump = args.dump or sample_dump(args.work, args.releases, args.seed)
    if args.converter:
        binary = args.converter
    else:
        from discogs_cache_assets.dump.binary import converter_path

        binary = converter_path()
    lib = library_artists(dump, args.library_artists, args.work)
    src = input_dir(dump, args.work)
    out = args.work / "out"
    log = args.work / "converter.stderr"
    print(f"dump      {dump} ({dump.stat().st_size / 1e6:.0f} MB gzip)")
    print(f"input     {src}: {', '.join(sorted(p.name for p in src.iterdir()))}")
    print(f"converter {binary}")

    if args.baseline:
        print(f"baseline  {args.baseline}")

    def convert(exe: Path) -> tuple[Measured, str]:
        cmd = [str(exe), str(src), "--output-dir", str(out), "--library-artists", str(lib)]
        m = measure(cmd, subprocess.DEVNULL, log)
        text = log.read_text(errors="replace")
        if m.status != 0:
            raise SystemExit(f"{exe} failed ({m.status}):\n{text[-2000:]}")
        return m, text

    gz_times: list[float] = []
    conv_times: list[float] = []
    conv_cpu: list[float] = []
    base_times: list[float] = []
    base_cpu: list[float] = []

    def run_baseline() -> None:
        b, _ = convert(args.baseline)
        base_times.append(b.wall)
        base_cpu.append(b.cpu)
    rss = 0
    xml_bytes = 0
    for i in range(args.runs):
        wall, _, status = run_timed(["gzip", "-dc", str(dump)], subprocess.DEVNULL)
        if status != 0:
            print(f"gzip -dc failed ({status})", file=sys.stderr)
            return 2
        gz_times.append(wall)
        # The baseline goes first in odd runs: whichever runs second meets a warmer page cache.
        first_baseline = bool(args.baseline) and bool(i % 2)
        if first_baseline:
            run_baseline()
        m, text = convert(binary)
        if args.baseline and not first_baseline:
            run_baseline()
        conv_times.append(m.wall)
        conv_cpu.append(m.cpu)
        rss = max(rss, m.rss)
        if found := re.search(r"Read ([0-9.]+) MB of releases XML", text):
            xml_bytes = int(float(found.group(1)) * 1e6)
        summary = next((ln.split("] ", 1)[-1] for ln in text.splitlines() if "Complete:" in ln), "")
        baseline = f", baseline {base_times[-1]:.2f} s (CPU {base_cpu[-1]:.2f} s)" if args.baseline else ""
        print(f"run {i + 1}: gzip -dc {gz_times[-1]:.2f} s, converter {m.wall:.2f} s (CPU {m.cpu:.2f} s){baseline} "
              f"({summary})", flush=True)

    gz = statistics.median(gz_times)
    conv = statistics.median(conv_times)
    ratio = conv / gz
    print(f"gzip -dc > /dev/null   {gz:.2f} s (median of {len(gz_times)})")
    print(f"converter              {conv:.2f} s (median of {len(conv_times)})")
    print(f"XML                    {xml_bytes / 1e6:.0f} MB, {xml_bytes / 1e6 / conv:.0f} MB/s through the converter, "
          f"{xml_bytes / 1e6 / gz:.0f} MB/s through gzip")
    print(f"converter peak RSS     {rss / 2**20:.0f} MiB (limit {RSS_LIMIT / 2**20:.0f} MiB)")
    if xml_bytes < 1e9:
        print("note: less than 1 GB of releases XML; use --releases 280000 or a bigger --dump for the real figure")
    if args.baseline:
        print(f"baseline               {statistics.median(base_times):.2f} s, CPU {statistics.median(base_cpu):.2f} s; "
              f"converter CPU {statistics.median(conv_cpu):.2f} s (medians)")
        print(f"converter / baseline   wall {conv / statistics.median(base_times):.3f}, "
              f"CPU {statistics.median(conv_cpu) / statistics.median(base_cpu):.3f}")
    print(f"ratio {ratio:.3f}")
    return 0 if ratio <= 1.0 and rss <= RSS_LIMIT else 1


if __name__ == "__main__":
    raise SystemExit(main())
