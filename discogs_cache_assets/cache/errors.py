"""Errors that end a step with one line naming the input and where in it."""

from __future__ import annotations


class InputError(Exception):
    """Bad input: the message is the whole story (file, line/offset, what is wrong)."""


class BuildConflict(Exception):
    """Another build holds the database, or changed the build schema under this one."""
