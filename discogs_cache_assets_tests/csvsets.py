"""Small converter-layout CSV sets the tests write themselves, with known outcomes."""

from __future__ import annotations

import csv
import sqlite3
from pathlib import Path

HEADERS = {
    "release.csv": ["id", "status", "title", "country", "released", "notes", "data_quality", "master_id", "format",
                    "format_descriptions"],
    "release_artist.csv": ["release_id", "artist_id", "artist_name", "extra", "anv", "position", "join_field", "role"],
    "release_label.csv": ["release_id", "label", "catno", "label_id"],
    "release_track.csv": ["release_id", "sequence", "position", "title", "duration"],
    "release_track_artist.csv": ["release_id", "track_sequence", "artist_name", "extra", "role"],
    "release_image.csv": ["release_id", "type", "width", "height", "uri"],
}

# (id, title, country, master, artist, tracks[, format, format descriptions]: "CD", "" when not
# given); per master the expected winner is marked.
RELEASES = [
    (101, "Blue Train", "UK", 1, "John Coltrane", 4),
    (102, "Blue Train", "US", 1, "John Coltrane", 3),  # winner of master 1: US
    (103, "Blue Train", None, 1, "John Coltrane", 1),  # NULL country must not beat US
    (201, "Kind of Blue", "US", 2, "Miles Davis", 0),  # no tracks, still ranked
    (202, "Kind of Blue", "US", 2, "Miles Davis", 5),  # winner of master 2: more tracks
    (301, "Homogenic", "UK", None, "Björk", 2),  # no master: kept
    (401, "Mystery Record", "DE", 4, "Nobody Known", 2),
    (501, "", "US", 5, "Empty Title Band", 2),  # skipped: empty title; children go with it
]
SURVIVORS = [102, 202, 301, 401]
LIBRARY = [("John Coltrane", "Blue Train"), ("Miles Davis", "Kind of Blue"), ("Björk", "Homogenic")]
KEPT = [102, 202, 301]


def write_csv_set(directory: Path, releases=RELEASES) -> Path:  # noqa: ANN001
    directory.mkdir(parents=True, exist_ok=True)
    rows: dict[str, list[list[object]]] = {name: [] for name in HEADERS}
    for rid, title, country, master, artist, tracks, *form in releases:
        fmt, descriptions = (*form, "", "")[:2] if form else ("CD", "")
        rows["release.csv"].append(
            [rid, "Accepted", title, country or "", "1999-01-01", "", "Correct", master or "", fmt, descriptions]
        )
        rows["release_artist.csv"].append([rid, rid * 10, artist, 0, "", 1, "", ""])
        rows["release_label.csv"].append([rid, f"Label {rid}", f"CAT-{rid}", rid])
        for seq in range(1, tracks + 1):
            rows["release_track.csv"].append([rid, seq, str(seq), f"Track {seq} of {title or rid}", "3:00"])
        rows["release_image.csv"].append([rid, "primary", 600, 600, f"https://img.example/{rid}.jpg"])
    if any(r[0] == 101 for r in releases):
        rows["release_track_artist.csv"].append([101, 1, "Lee Morgan", 1, "Trumpet"])
    for name, header in HEADERS.items():
        with (directory / name).open("w", newline="", encoding="utf-8") as fh:
            writer = csv.writer(fh, lineterminator="\n")
            writer.writerow(header)
            writer.writerows(rows[name])
    return directory


def write_library(path: Path, entries=LIBRARY) -> Path:  # noqa: ANN001
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(path)
    conn.execute(
        "CREATE TABLE library (id INTEGER PRIMARY KEY AUTOINCREMENT, artist TEXT NOT NULL, title TEXT NOT NULL)"
    )
    conn.executemany("INSERT INTO library (artist, title) VALUES (?, ?)", entries)
    conn.commit()
    conn.close()
    return path
