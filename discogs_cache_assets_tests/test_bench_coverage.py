"""bench/coverage.py: its measure of a cache built through the real graph from a small sample
adds up (rows per category, answered rows, published releases), whatever the coverage is."""

from __future__ import annotations

from pathlib import Path

import dagster as dg
import psycopg

from discogs_cache_assets.sample import CATEGORIES, TruthRow, read_truth
from discogs_cache_assets_tests.benchscripts import load_bench
from discogs_cache_assets_tests.graph import build
from discogs_cache_assets_tests.samplecache import generate, sample_resources
from discogs_cache_assets_tests.test_sample import parse_releases


def test_coverage_of_a_built_cache_adds_up(pg_url: str, tmp_path: Path) -> None:
    bench = load_bench("coverage")
    info = generate(tmp_path / "sample")
    with dg.instance_for_test() as instance:
        build(instance, sample_resources(pg_url, tmp_path, info))
    cov = bench.coverage_of(info.library_truth_csv, pg_url)

    truth = read_truth(info.library_truth_csv)
    in_dump = {r.id for r in parse_releases(info.releases_path)}
    assert set(cov.categories) == set(CATEGORIES)
    assert sum(c.rows for c in cov.categories.values()) == len(truth) == info.library_rows
    for name, c in cov.categories.items():
        rows = [t for t in truth if t.category == name]
        assert c.rows == len(rows)
        ids = [t.near_release_ids if name == "near" else t.release_ids for t in rows]
        assert c.in_dump == sum(bool(i) for i in ids) and all(i <= in_dump for i in ids)
        assert 0 <= c.answered <= c.in_dump
    with psycopg.connect(pg_url) as conn:
        published = conn.execute("SELECT count(*) FROM public.release").fetchone()[0]
        held = conn.execute("SELECT count(*) FROM public.release WHERE id = ANY(%s)",
                            (sorted(set().union(*(t.release_ids for t in truth))),)).fetchone()[0]
    assert cov.published == published > 0 and cov.unheld == published - held
    assert cov.total.answered > 0  # exactly spelt rows at least are answered
    assert cov.total.in_dump == sum(c.in_dump for n, c in cov.categories.items() if n != "near")

    text = bench.table({"artist": cov})
    assert text.splitlines()[0].startswith("| category | rows in dump | artist: answered | artist: share |")
    exact = cov.categories["exact"]
    assert f"| exact | {exact.in_dump} | {exact.answered} | {100 * exact.share:.1f} % |" in text
    assert f"artist: {published} releases published, {cov.unheld} of them stand for no library row" in text


def test_near_rows_count_what_stays_out_and_a_miss_is_named() -> None:
    bench = load_bench("coverage")
    truth = [
        TruthRow(1, "A", "X", "exact", frozenset({10, 11})),
        TruthRow(2, "A", "Y", "exact", frozenset({12})),
        TruthRow(3, "A", "Z", "near", frozenset(), frozenset({13})),
        TruthRow(4, "B", "W", "near", frozenset(), frozenset({14})),
        TruthRow(5, "C", "V", "station-only", frozenset()),
    ]
    cov = bench.measure(truth, {11, 13, 20})
    exact, near = cov.categories["exact"], cov.categories["near"]
    assert (exact.rows, exact.in_dump, exact.answered) == (2, 2, 1)
    assert (near.rows, near.in_dump, near.answered) == (2, 2, 1)  # row 3's look-alike 13 was published
    assert (cov.published, cov.unheld) == (3, 2)  # 13 and 20 stand for no row
    assert (cov.total.rows, cov.total.in_dump, cov.total.answered) == (3, 2, 1)
    assert bench.misses({"pair": cov}, 99) == ["pair exact 50.0 %", "pair near 50.0 %"]
    assert bench.misses({"pair": bench.measure(truth, {10, 12})}, 99) == []
