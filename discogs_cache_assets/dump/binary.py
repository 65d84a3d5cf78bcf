"""Where the converter binary is: ``DISCOGS_CONVERTER`` if set, else the copy that maturin
installed with this package (found like ruff's ``find_ruff_bin``: the interpreter's scripts
directory, the user scheme's, a ``bin`` beside the package for ``pip install --target``), else
the first ``discogs-xml-converter`` on ``PATH``."""

from __future__ import annotations

import os
import shutil
import sys
import sysconfig
from pathlib import Path

BINARY = "discogs-xml-converter"
ENV_VAR = "DISCOGS_CONVERTER"


class ConverterNotFound(FileNotFoundError):
    """The converter binary is neither configured, installed with the package, nor on PATH."""


def _candidates(exe: str) -> list[Path]:
    dirs = [sysconfig.get_path("scripts")]
    scheme = sysconfig.get_preferred_scheme("user")
    dirs.append(sysconfig.get_path("scripts", scheme=scheme))
    dirs.append(str(Path(__file__).resolve().parents[2] / "bin"))
    return [Path(d) / exe for d in dirs if d]


def converter_path() -> Path:
    """Path of the converter binary; raises ``ConverterNotFound`` with a one-line reason."""
    if override := os.environ.get(ENV_VAR):
        path = Path(override).expanduser()
        if path.is_file() and os.access(path, os.X_OK):
            return path
        raise ConverterNotFound(f"{ENV_VAR}={override}: not an executable file")
    exe = BINARY + (sysconfig.get_config_var("EXE") or "")
    for path in _candidates(exe):
        if path.is_file() and os.access(path, os.X_OK):
            return path
    if found := shutil.which(exe):
        return Path(found)
    raise ConverterNotFound(
        f"{BINARY} not found (looked in {sysconfig.get_path('scripts')} and PATH; "
        f"install the package with `pip install -e .` or set {ENV_VAR})")


if __name__ == "__main__":  # pragma: no cover
    print(converter_path())
    sys.exit(0)
