"""Compiles the matching engine's hot modules with mypyc (C extensions built from the same typed
source). ``MATCHING_PURE_PYTHON=1`` skips it: the engine then runs as plain Python, slower."""

import os
from pathlib import Path

from setuptools import Extension, setup

COMPILED = [
    "alignment",
    "analysis",
    "context",
    "index",
    "ranking",
    "retrieval",
    "scoring",
    "similarity",
]


def extensions() -> list[Extension]:
    if os.environ.get("MATCHING_PURE_PYTHON") == "1":
        return []
    from mypyc.build import mypycify

    package = Path("services/parties/matching")
    # The build environment has mypy but not the project's dependencies (pydantic's mypy
    # plugin, rapidfuzz): compile without the project's mypy settings; `make lint` checks types.
    options = ["--config-file", os.devnull, "--ignore-missing-imports"]
    paths = [str(package / f"{name}.py") for name in COMPILED]
    return mypycify([*options, *paths], opt_level="3")


if __name__ == "__main__":  # as setuptools runs it
    setup(ext_modules=extensions())
