"""Fixtures shared by the whole suite.

The reference corpus lives in ``../shared/fixtures`` beside the checkout and is never copied into
the repo: conformance tests read it in place, skip with a reason when it is absent, and fail
instead under ``CI=true`` where it must be present.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]
SHARED_FIXTURES = REPO_ROOT.parent / "shared" / "fixtures"


def require_shared(*parts: str) -> Path:
    """Path inside ../shared/fixtures, or skip (fail under CI=true) when it is not there."""
    path = SHARED_FIXTURES.joinpath(*parts)
    if path.exists():
        return path
    reason = f"reference corpus not found at {path} (it sits in ../shared beside the checkout)"
    if os.environ.get("CI") == "true":
        pytest.fail(f"CI=true but {reason}")
    pytest.skip(reason)


@pytest.fixture
def shared_fixtures() -> Path:
    return require_shared()
