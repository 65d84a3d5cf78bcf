"""Taking the published tables' ACCESS EXCLUSIVE locks (the swap, a schema upgrade) without
holding the lookup service up.

A transaction that held some tables while queueing for others could deadlock with a service
transaction that reads them in another order, and PostgreSQL's deadlock check might then abort
the service's query. NOWAIT avoids the cycle but starves under steady traffic (a service whose
searches run back to back never leaves every table free at once: measured, a single looping
reader kept a 500k-release swap out for minutes). So each attempt queues, briefly: every lock
wait is capped so that one attempt's waits add up to less than half the deadlock timeout. The
attempt then gives up (and is retried) before any waiter's deadlock check runs, and new readers,
which queue behind it, wait at most that long per attempt.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

import psycopg

from discogs_cache_assets.cache.errors import BuildConflict

LOCK_WAIT_SECONDS = 300.0
RETRY_PAUSE = 0.05

T = TypeVar("T")


def lock_timeout_ms(conn: psycopg.Connection, locks: int) -> int:
    """Per-lock wait of one attempt taking ``locks`` locks: together under half the deadlock timeout."""
    (deadlock_ms,) = conn.execute("SELECT setting::int FROM pg_settings WHERE name = 'deadlock_timeout'").fetchone()
    return max(10, deadlock_ms // (2 * max(locks, 1)))


@dataclass(frozen=True)
class Tries:
    attempts: int
    # The longest a failed attempt queued: the most a service statement waited behind it.
    longest_wait: float


def retried(attempt: Callable[[], T], what: str) -> tuple[T, Tries]:
    """``attempt()`` (one transaction whose lock waits are capped with lock_timeout_ms) again
    until it gets its locks, for up to LOCK_WAIT_SECONDS; then one line naming ``what``."""
    deadline = time.monotonic() + LOCK_WAIT_SECONDS
    longest = 0.0
    tries = 0
    while True:
        tries += 1
        started = time.monotonic()
        try:
            return attempt(), Tries(tries, longest)
        except psycopg.errors.LockNotAvailable:
            longest = max(longest, time.monotonic() - started)
            if time.monotonic() >= deadline:
                raise BuildConflict(
                    f"could not lock {what} in {LOCK_WAIT_SECONDS:.0f} s ({tries} tries): "
                    "long transactions of its readers or writers hold it"
                ) from None
            time.sleep(RETRY_PAUSE)
