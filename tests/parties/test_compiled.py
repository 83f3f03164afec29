"""The matching engine runs compiled (setup.py, mypyc) unless asked not to, and a compiled
module older than its source is refused rather than run."""

import importlib
import os

import pytest

from services.parties.matching._compiled import stale_extensions
from setup import COMPILED


@pytest.mark.skipif(os.environ.get("MATCHING_PURE_PYTHON") == "1", reason="built without mypyc")
@pytest.mark.parametrize("name", COMPILED)
def test_the_hot_modules_are_compiled(name):
    module = importlib.import_module(f"services.parties.matching.{name}")
    assert module.__file__ is not None and module.__file__.endswith(".so")


def test_an_extension_older_than_its_source_is_stale(tmp_path):
    extension = tmp_path / "scoring.cpython-311-x86_64-linux-gnu.so"
    source = tmp_path / "scoring.py"
    fresh = tmp_path / "ranking.cpython-311-x86_64-linux-gnu.so"
    for path in (source, extension, tmp_path / "ranking.py", fresh):
        path.write_text("")
    os.utime(extension, (1_000, 1_000))
    os.utime(source, (2_000, 2_000))
    assert stale_extensions(tmp_path) == ["scoring.py"]
