"""The scripts of bench/ loaded as modules, for tests of their logic."""

from __future__ import annotations

import importlib.util
import sys
from types import ModuleType

from discogs_cache_assets_tests.conftest import REPO_ROOT


def load_bench(name: str) -> ModuleType:
    """``bench/<name>.py`` as the module ``bench_<name>``."""
    spec = importlib.util.spec_from_file_location(f"bench_{name}", REPO_ROOT / "bench" / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module
