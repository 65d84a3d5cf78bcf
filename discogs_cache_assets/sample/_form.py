"""The two shapes of the Discogs dump the sample generator writes.

``current`` is the dump as Discogs publishes it since 2025: files start with their root element
(no XML declaration), ``<release id="N">`` has no ``status``, there are no ``<images>``,
``<master_id>`` is on every release with ``0`` for "no master", empty child elements are left
out (a heading track has no ``<position>``, a credit without a join no ``<join>``), a few extra
credits and companies have no ``<id>`` (names Discogs links to no artist or company), one label
has no ``<name>``, and sub-tracks carry their own artists. ``older`` is the dump as it was until
2024, which the converter still reads.

Only the rendering differs. The generator draws the same numbers from the same random streams
in both forms and takes what only the current form adds from a stream of its own, so a seed
gives the same releases, titles, credited artists, labels, tracks and masters in both.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_EMPTY = re.compile(r"<(position|duration|anv|join|role|tracks|catno)></\1>")


@dataclass(frozen=True)
class Form:
    name: str
    declaration: str  # written before each file's root element
    status: bool  # <release status="...">
    images: bool  # <images> on releases, masters, artists and labels
    empty_elements: bool  # <anv></anv>, <position></position>, ... written when empty
    no_master: str  # what a release without a master carries
    unlinked_credits: float  # share of extra credits written without an <id>
    unlinked_companies: float  # share of companies written without an <id>
    nameless_label: bool  # one label of the labels dump has no <name>
    sub_track_artists: bool  # sub-tracks carry their own <artists>

    def release_open(self, rid: int, status: str) -> str:
        return f'<release id="{rid}" status="{status}">' if self.status else f'<release id="{rid}">'

    def tidy(self, xml: str) -> str:
        """``xml`` without the empty elements this form leaves out."""
        return xml if self.empty_elements else _EMPTY.sub("", xml)

    def credit(self, aid: int, name_xml: str, join: str = "", anv: str = "", role: str = "") -> str:
        """One ``<artist>`` credit (arguments already escaped)."""
        if self.empty_elements:
            return (f"<artist><id>{aid}</id><name>{name_xml}</name><anv>{anv}</anv><join>{join}</join>"
                    f"<role>{role}</role><tracks></tracks></artist>")
        return (f"<artist><id>{aid}</id><name>{name_xml}</name>{f'<anv>{anv}</anv>' if anv else ''}"
                f"{f'<join>{join}</join>' if join else ''}{f'<role>{role}</role>' if role else ''}</artist>")


CURRENT = Form(
    name="current", declaration="", status=False, images=False, empty_elements=False,
    no_master='<master_id is_main_release="false">0</master_id>',
    # About 1.7 % of the real dump's extra credits and a few of its companies have no id.
    unlinked_credits=0.017, unlinked_companies=0.01, nameless_label=True, sub_track_artists=True,
)
OLDER = Form(
    name="older", declaration='<?xml version="1.0" encoding="UTF-8"?>\n', status=True, images=True,
    empty_elements=True, no_master="", unlinked_credits=0.0, unlinked_companies=0.0,
    nameless_label=False, sub_track_artists=False,
)
FORMS = {f.name: f for f in (CURRENT, OLDER)}
