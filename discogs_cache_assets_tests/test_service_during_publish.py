"""The lookup service keeps writing and reading while a rebuild publishes a new cache.

A writer thread performs the service's writes in a loop and a reader thread its searches, each
on its own connection, while the real graph builds a newer dump and swaps it in. Afterwards:
no write is lost (each is in the new cache, or the new build brought its own row for that
release and the artwork written onto it stays), no read raised, and no write waited longer than
publish held the tables.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field

import dagster as dg
import psycopg

from discogs_cache_assets.cache import publish
from discogs_cache_assets.checks import LIBRARY_COVERED
from discogs_cache_assets_tests.graph import build, metadata
from discogs_cache_assets_tests.samplecache import build_sample_cache, generate, sample_resources
from discogs_cache_assets_tests.service import (
    Credit,
    Fetched,
    Track,
    negative_hit,
    read,
    record_negative,
    tombstone,
    write_release,
)

FIRST_NEW_ID = 91_000_000
# Waits the machine itself adds to a write (two shared cores, a build running beside it).
SLACK_SECONDS = 0.5


@dataclass
class Log:
    latencies: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    fetched: dict[int, str] = field(default_factory=dict)  # release id -> title last written
    artwork: dict[int, str] = field(default_factory=dict)  # release id -> artwork last written
    tombstoned: set[int] = field(default_factory=set)
    negatives: list[str] = field(default_factory=list)


def _fetched(release_id: int, i: int) -> Fetched:
    return Fetched(
        id=release_id, title=f"Service Write {i}", release_year=2001, artwork_url=f"https://img.example/{i}.jpg",
        artists=(Credit("Loop Artist", None), Credit("Loop Artist", None, "Producer")),
        tracks=(Track(f"Loop Track {i}", "1", None, ("Loop Guest",)),),
    )


def _writer(url: str, bulk_ids: list[int], stop: threading.Event, log: Log) -> None:
    with psycopg.connect(url, autocommit=True) as conn:
        i = 0
        while not stop.is_set():
            i += 1
            started = time.monotonic()
            try:
                match i % 4:
                    case 0:
                        write_release(conn, _fetched(FIRST_NEW_ID + i, i))
                        log.fetched[FIRST_NEW_ID + i] = f"Service Write {i}"
                    case 1:
                        tombstone(conn, FIRST_NEW_ID + i)
                        log.tombstoned.add(FIRST_NEW_ID + i)
                    case 2:
                        bulk = bulk_ids[i % len(bulk_ids)]
                        write_release(conn, _fetched(bulk, i))
                        log.fetched[bulk] = f"Service Write {i}"
                        log.artwork[bulk] = f"https://img.example/{i}.jpg"
                    case _:
                        record_negative(conn, None, f"loop {i}", True)
                        log.negatives.append(f"loop {i}")
            except psycopg.Error as exc:
                log.errors.append(f"write {i}: {exc}")
            log.latencies.append(time.monotonic() - started)


def _reader(url: str, ids: list[int], stop: threading.Event, log: Log) -> None:
    reads = [
        ("search_track", dict(track="dirty watr", limit=20)),
        ("search_track_artist", dict(track="paranoid androi", artist="radiohed", limit=20)),
        ("search_release", dict(artist="radiohed", album="ok computr", limit=10)),
        ("release", dict(id=ids[0])),
        ("negative_hit", dict(key_hash=b"\x01" * 32)),
    ]
    with psycopg.connect(url, autocommit=True) as conn:
        i = 0
        while not stop.is_set():
            name, params = reads[i % len(reads)]
            i += 1
            started = time.monotonic()
            try:
                read(conn, name, **params)
            except psycopg.Error as exc:
                log.errors.append(f"read {name}: {exc}")
            log.latencies.append(time.monotonic() - started)


def test_service_writes_and_reads_survive_a_publish(tmp_path, pg_url) -> None:  # noqa: ANN001
    info = build_sample_cache(pg_url, tmp_path)
    with psycopg.connect(pg_url) as conn:
        build_titles = dict(conn.execute("SELECT id, title FROM release ORDER BY id"))
        assert conn.execute("SELECT count(*) FROM release WHERE artwork_url IS NOT NULL").fetchone()[0] == 0
    bulk_ids = list(build_titles)[:5]
    generate(info.out_dir, "20260201")  # a newer dump: the next build really swaps

    writes, reads, stop = Log(), Log(), threading.Event()
    threads = [threading.Thread(target=_writer, args=(pg_url, bulk_ids, stop, writes)),
               threading.Thread(target=_reader, args=(pg_url, bulk_ids, stop, reads))]
    for t in threads:
        t.start()
    try:
        with dg.instance_for_test() as instance:
            result = build(instance, sample_resources(pg_url, tmp_path, info))
        during = len(writes.latencies)
        time.sleep(0.5)  # and a while on the new cache
    finally:
        stop.set()
        for t in threads:
            t.join()
    published = metadata(result, "discogs_cache")

    assert writes.errors == [] and reads.errors == []
    # Tombstones included; the sample library lists albums its small dump lacks: coverage only warns.
    assert all(check.passed for check in result.get_asset_check_evaluations() if check.check_name != LIBRARY_COVERED)
    assert during > 20 and len(writes.latencies) > during and reads.latencies
    carried = {r.data["table"]: r.data["rows"] for r in published["carried_rows_by_table"].records}
    assert carried["release"] > 0  # writes made before the swap were carried over
    # Artwork written onto the build's releases before cache_tables copied them, and after.
    assert published["kept_service_values"] > 0 and published["newer_service_values"] > 0
    with psycopg.connect(pg_url, autocommit=True) as conn:
        for release_id, title in writes.fetched.items():
            final = read(conn, "release", id=release_id)[0]
            if release_id in build_titles:  # the new build's row, or a write made after the swap
                assert final[1] in (title, build_titles[release_id]), release_id
                # Either way the artwork is the last one written: kept by the swap, or written after it.
                assert (final[3], final[5] is not None) == (writes.artwork[release_id], True), release_id
            else:
                assert (final[1], final[6], len(final[8])) == (title, False, 2), release_id
        for release_id in writes.tombstoned:
            assert read(conn, "release", id=release_id)[0][6] is True, release_id
        assert all(negative_hit(conn, None, track, True) for track in writes.negatives)
    assert max(writes.latencies) <= published["swap_seconds"] + SLACK_SECONDS, (
        max(writes.latencies), published["swap_seconds"])


def test_publish_backs_off_rather_than_make_a_reader_the_deadlock_victim(tmp_path, pg_url) -> None:  # noqa: ANN001
    """The cycle to avoid: a reader holds release_track and asks for release, while publish holds
    release and queues for release_track; PostgreSQL's deadlock check (deadlock_timeout, 1 s)
    may then cancel the reader. Publish must give way instead, and swap once the reader is done."""
    info = build_sample_cache(pg_url, tmp_path)
    generate(info.out_dir, "20260201")
    with dg.instance_for_test() as instance:  # the next cache, built but not yet published
        build(instance, sample_resources(pg_url, tmp_path, info),
              selection=dg.AssetSelection.all() - dg.AssetSelection.assets("discogs_cache"))
    outcome: dict[str, object] = {}

    def run_publish() -> None:
        with psycopg.connect(pg_url, autocommit=True) as conn:
            try:
                outcome["report"] = publish.publish(conn)
            except Exception as exc:  # noqa: BLE001 - reported by the assertion below
                outcome["publish_error"] = exc

    def reader_asks_for_release() -> None:
        try:
            reader.execute("SELECT count(*) FROM release").fetchone()
        except psycopg.Error as exc:
            outcome["read_error"] = exc

    with psycopg.connect(pg_url) as writer, psycopg.connect(pg_url) as reader:
        writer.execute("DELETE FROM release_artist WHERE release_id = -1")  # a service write, open
        reader.execute("SELECT count(*) FROM release_track").fetchone()  # a read, transaction open
        swap = threading.Thread(target=run_publish)
        swap.start()
        time.sleep(0.3)  # publish is trying: the writer holds release_artist
        ask = threading.Thread(target=reader_asks_for_release)
        started = time.monotonic()
        ask.start()
        time.sleep(0.3)
        writer.commit()  # publish may now reach release_track, which the reader holds
        ask.join()
        waited = time.monotonic() - started
        reader.commit()
        swap.join()
    assert "read_error" not in outcome and "publish_error" not in outcome, outcome
    assert waited < 1.0  # never as long as a deadlock check
    assert outcome["report"].attempts > 1  # publish gave way, then swapped
