"""What PostgreSQL or libpq refused, as the rest of one line that already says which database.

libpq's messages come in several lines and repeat where it tried to connect; a connection
string that does not parse may be quoted back in part, password included.
"""

from __future__ import annotations

import re

import psycopg

# What libpq puts before the reason: how the attempt ended and where it went (the caller's line
# names the database already) and the severity.
_PREAMBLE = re.compile(
    r'^(?:connection (?:failed|is bad): )?'
    r'(?:connection to server (?:at|on socket) "[^"]*"(?:, port \d+)? failed: )?'
    r"(?:FATAL:\s+)?"
)
# Parse errors that quote only a name the user typed as an option, never a value.
_NAMES_AN_OPTION = re.compile(r'invalid (?:connection option|URI query parameter:) "\w+"')
_QUOTED = re.compile(r'"[^"]{2,}"')


def not_connected(exc: psycopg.Error) -> str:
    """Why a connection attempt failed: ``Connection refused``, ``password authentication
    failed for user "dj"``, ``database "x" does not exist``..."""
    lines = str(exc).strip().splitlines()
    return _PREAMBLE.sub("", lines[0]).strip() if lines else type(exc).__name__


def unparsable(exc: psycopg.Error) -> str:
    """Why a connection string does not parse, without the fragments of it libpq quotes (a
    ``missing "=" after "…"`` or a bad %-escape may sit inside the password)."""
    lines = str(exc).strip().splitlines()
    first = lines[0] if lines else type(exc).__name__
    return first if _NAMES_AN_OPTION.fullmatch(first) else _QUOTED.sub('"…"', first)


def denied(exc: psycopg.Error) -> str:
    """The server's refusal and its hint: ``permission denied to create extension "pg_trgm"
    (Must have CREATE privilege on current database to create this extension.)``."""
    primary = (exc.diag.message_primary or str(exc).strip().splitlines()[0]).strip()
    return f"{primary} ({exc.diag.message_hint})" if exc.diag.message_hint else primary
