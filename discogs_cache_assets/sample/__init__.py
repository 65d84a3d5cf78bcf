"""Deterministic sample Discogs dumps and a matching station library (``python -m
discogs_cache_assets sample``). See ``_generate`` for the layout and ``_curated`` for the edge
cases the sample always contains, ``_library`` for how the invented library spells what it
holds and ``_truth`` for the file that says which releases each library row stands for."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ._form import FORMS
from ._generate import DEFAULT_LIBRARY_FRACTION, SampleInfo, generate_sample, minimum_releases
from ._truth import CATEGORIES, TruthRow, read_truth

__all__ = ["CATEGORIES", "SampleInfo", "TruthRow", "generate_sample", "main", "minimum_releases", "read_truth"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="discogs_cache_assets sample",
        description="Write a seeded Discogs-format dump (releases, artists, labels, masters as "
                    "discogs_<date>_*.xml.gz) plus library.db, library_labels.csv and library_truth.csv "
                    "(the releases each library row stands for).")
    parser.add_argument("--out", type=Path, required=True, help="output directory (created)")
    parser.add_argument("--releases", type=int, default=2000, help="number of <release> elements (default 2000)")
    parser.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    parser.add_argument("--date", default="20260101", help="dump date used in file names, YYYYMMDD")
    parser.add_argument("--library-fraction", type=float, default=DEFAULT_LIBRARY_FRACTION,
                        help=f"rough share of releases by library artists (default {DEFAULT_LIBRARY_FRACTION})")
    parser.add_argument("--gzip-level", type=int, default=1, help="gzip level 0-9 (default 1)")
    parser.add_argument("--form", choices=tuple(FORMS), default="current",
                        help="the dump's shape: as Discogs writes it today (default) or as until 2024, "
                             "with status attributes and images; a seed gives the same releases in both")
    args = parser.parse_args(argv)
    try:
        info = generate_sample(args.out, releases=args.releases, seed=args.seed, dump_date=args.date,
                               library_fraction=args.library_fraction, gzip_level=args.gzip_level,
                               form=args.form)
    except ValueError as exc:
        parser.error(str(exc))
    mb = info.xml_bytes / 1e6
    print(f"wrote {info.releases} releases ({info.form} form), {info.artists} artists, {info.labels} labels, "
          f"{info.masters} masters, {info.library_rows} library rows to {info.out_dir}")
    print(f"filters keep: by artist {info.kept_by_artist}, with aliases {info.kept_by_artist_or_alias}, "
          f"by pair {info.kept_by_pair}")
    print(f"{mb:.1f} MB of XML in {info.seconds:.1f} s ({info.xml_mb_per_s:.1f} MB/s)", file=sys.stderr)
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
