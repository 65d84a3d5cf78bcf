"""How the new-dump sensor looks at a dump source without wearing out its welcome: at most one
request per tick, one look at the listing a day, and nothing at all before the time a 429 or 503
named. What it knows between ticks is a small JSON document (the sensor's cursor).

A look lists this year's folder (last year's on the next tick when this year has no month yet)
and takes the newest month whose checksum file is listed. Its checksum file is read on the next
tick, unless the listing shows it unchanged (same date and size) since it was last read."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from dataclasses import dataclass, field
from typing import Any

from discogs_cache_assets.dump.checksum import checksum_name
from discogs_cache_assets.dump.http import RateLimited, stamp
from discogs_cache_assets.dump.listing import Incomplete, Listing, ListingError, list_year, read_month
from discogs_cache_assets.dump.remote import ListedFile, month_key

LOOK_EVERY = dt.timedelta(days=1)


@dataclass
class WatchState:
    not_before: str = ""  # ISO time the host named (Retry-After): no request before it
    next_look: str = ""  # ISO time of the next daily look at the listing
    year: int = 0  # a folder to list on the next tick (last year's, in January)
    pending: dict[str, Any] = field(default_factory=dict)  # month listed, checksum file to read next tick
    known: dict[str, Any] = field(default_factory=dict)  # the checksum file last read: month, signature, digest
    requested: str = ""  # run key of the last build requested

    @classmethod
    def from_json(cls, text: str | None) -> WatchState:
        """The cursor's state; a missing or foreign cursor (an older plain dump id) starts afresh."""
        try:
            data = json.loads(text or "{}")
        except ValueError:
            return cls()
        names = {f.name for f in dataclasses.fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in names}) if isinstance(data, dict) else cls()

    def wait_until(self, moment: dt.datetime) -> None:
        """No request before ``moment`` (the later of it and any wait already known)."""
        if (known := _time(self.not_before)) is None or moment > known:
            self.not_before = moment.astimezone(dt.UTC).isoformat()

    def to_json(self) -> str:
        return json.dumps({k: v for k, v in dataclasses.asdict(self).items() if v}, sort_keys=True)


@dataclass(frozen=True)
class Look:
    state: WatchState
    found: tuple[str, str] | None = None  # (dump id, digest of its checksum file) of a complete month
    message: str = ""  # why nothing was found this tick: one line


def _time(text: str) -> dt.datetime | None:
    return dt.datetime.fromisoformat(text) if text else None


def look(state: WatchState, base_url: str, now: dt.datetime) -> Look:
    """One tick against ``base_url``: at most one request."""
    s = dataclasses.replace(state, pending=dict(state.pending), known=dict(state.known))
    if (wait := _time(s.not_before)) and now < wait:
        return Look(s, message=f"the dump source asked us to wait: no request before {stamp(wait)}")
    s.not_before = ""
    try:
        if s.pending:
            return _read_checksum(s, base_url)
        if (due := _time(s.next_look)) and now < due and not s.year:
            return Look(s, message=f"the listing was read less than a day ago; next look after {stamp(due)}")
        return _list(s, base_url, now)
    except RateLimited as exc:
        s.wait_until(exc.until)
        return Look(s, message=str(exc))
    except ListingError as exc:
        return Look(s, message=f"listing unreadable: {exc}")


def _list(s: WatchState, base_url: str, now: dt.datetime) -> Look:
    year = s.year or now.year
    listing = list_year(base_url, year)
    s.year, s.next_look = 0, (now + LOOK_EVERY).isoformat()
    months = listing.checksummed()
    if not months:
        if year == now.year:  # January before its month: the newest is last year's
            s.year = year - 1
            return Look(s, message=f"no month with a checksum file under data/{year}/ yet; "
                                   f"data/{year - 1}/ is listed on the next tick")
        return Look(s, message=f"no month with a checksum file under data/{year}/")
    dump_id = months[0]
    checksum = listing.files[checksum_name(dump_id)]
    signature = f"{checksum.modified}|{checksum.size}" if checksum.modified else ""
    names = sorted(n for n in listing.files if n.startswith(f"discogs_{dump_id}_"))
    known = s.known
    if signature and known.get("dump_id") == dump_id and known.get("signature") == signature \
            and set(known.get("names", [])) <= set(names):
        return Look(s, found=(dump_id, known["digest"]))
    s.pending = {"dump_id": dump_id, "style": listing.style, "names": names, "signature": signature}
    return Look(s, message=f"dump {dump_id} is listed with its checksum file, which is read on the next tick")


def _read_checksum(s: WatchState, base_url: str) -> Look:
    pending = s.pending
    dump_id = pending["dump_id"]
    listed = {n: ListedFile(month_key(dump_id) + n, None) for n in pending["names"]}
    try:
        month = read_month(Listing(base_url, pending["style"], listed), dump_id)
    except Incomplete as exc:
        s.pending = {}
        return Look(s, message=str(exc))
    s.pending = {}
    s.known = {"dump_id": dump_id, "signature": pending["signature"], "digest": month.digest,
               "names": sorted(month.sha256)}
    return Look(s, found=(dump_id, month.digest))
