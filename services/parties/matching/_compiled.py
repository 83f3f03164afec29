"""Refuses compiled matching modules that are older than their source.

``pip install -e .`` (``make install``) compiles the engine's hot modules with mypyc
(``setup.py``) and leaves each C extension beside its ``.py``; Python imports the extension
first, so after an edit the old code would still run. Imported by the package before any
of its modules.
"""

from pathlib import Path

PACKAGE = Path(__file__).parent


def stale_extensions(package: Path = PACKAGE) -> list[str]:
    """Compiled modules whose source was changed after they were built."""
    stale = []
    for extension in package.glob("*.so"):
        source = package / f"{extension.name.split('.')[0]}.py"
        if source.exists() and source.stat().st_mtime > extension.stat().st_mtime:
            stale.append(source.name)
    return sorted(stale)


_stale = stale_extensions()
if _stale:
    raise ImportError(
        f"The compiled matching modules are older than their source ({', '.join(_stale)}): "
        "rebuild them with `make install` (or `pip install -e .`), or delete "
        f"{PACKAGE}/*.so to run the engine as plain Python."
    )
