"""An S3-style bucket listing (``ListBucketResult`` XML), as a mirror of the dumps may serve it:
exact sizes, ``LastModified``, and ``IsTruncated`` when another page follows."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass

from discogs_cache_assets.dump.remote import ListedFile


@dataclass(frozen=True)
class S3Page:
    files: list[ListedFile]
    truncated: bool


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def is_s3_listing(body: bytes) -> bool:
    """An XML listing rather than an HTML page (decided by content, not by the URL)."""
    head = body[:512].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return head.startswith(b"<?xml") or head.startswith(b"<listbucketresult")


def parse_s3_listing(body: bytes) -> S3Page:
    """Raises ``ET.ParseError`` for a body that is not XML."""
    files: list[ListedFile] = []
    truncated = False
    for child in ET.fromstring(body):
        tag = _local(child.tag)
        if tag == "Contents":
            fields = {_local(f.tag): (f.text or "").strip() for f in child}
            size = fields.get("Size", "")
            files.append(ListedFile(fields.get("Key", ""), int(size) if size.isdigit() else None,
                                    fields.get("LastModified", "")))
        elif tag == "IsTruncated":
            truncated = (child.text or "").strip() == "true"
    return S3Page(files, truncated)
