"""Finding every loadable list source under a directory, and the registry of formats.

Each source is one version of one list: the OFAC folder's sub-folders (a legacy CSV set each),
each research-security JSON file, the CSL download, the UN XML, and so on. The snapshot date
(from the file or folder name, or the curated file's ``extracted``) orders versions of a list.
"""

import gzip
import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path

from services.parties.adapters import csl, curated, dpl, ofac, ofsi, un
from services.parties.adapters.base import AdapterError, ParsedList
from services.parties.adapters.sources import slug

Parser = Callable[[Mapping[str, bytes], str], ParsedList]

FORMATS: dict[str, Parser] = {
    "csl-csv": csl.parse,
    "csl-json": csl.parse_json,
    "ofac-legacy-csv": ofac.parse,
    "un-xml": un.parse,
    "bis-dpl-txt": dpl.parse,
    "uk-ofsi-xlsx": ofsi.parse,
    "curated-json": curated.parse,
    "curated-csv": curated.parse_csv,
}

_DATE = re.compile(r"(?<!\d)(\d{4}-\d{2}(?:-\d{2})?)(?!\d)")
_SNIFF_BYTES = 4096


@dataclass(frozen=True)
class SourceSpec:
    list_id: str
    format: str
    files: tuple[Path, ...]
    snapshot: str | None  # ISO date or "YYYY-MM"; orders the versions of one list


def _snapshot(path: Path) -> str | None:
    for part in (path.name, path.parent.name):
        if match := _DATE.search(part):
            return match.group(1)
    return None


def _head(path: Path) -> str:
    with path.open("rb") as handle:
        data = handle.read(_SNIFF_BYTES)
    if data.startswith(b"\x1f\x8b"):
        with gzip.open(path, "rb") as handle:
            data = handle.read(_SNIFF_BYTES)
    return data.decode("utf-8-sig", errors="replace")


def _json_source(path: Path) -> SourceSpec | None:
    try:
        document = json.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, ValueError):
        # Offered to the curated parser anyway, so the broken file is reported, not skipped.
        return SourceSpec(slug(path.stem), "curated-json", (path,), _snapshot(path))
    if not isinstance(document, dict):
        return None
    if isinstance(document.get("results"), list):
        return SourceSpec(csl.LIST_ID, "csl-json", (path,), _snapshot(path))
    if isinstance(document.get("entities"), list):
        list_id = document.get("list_id")
        extracted = document.get("extracted")
        snapshot = extracted if isinstance(extracted, str) and extracted else _snapshot(path)
        list_id = list_id if isinstance(list_id, str) and list_id else slug(path.stem)
        return SourceSpec(list_id, "curated-json", (path,), snapshot)
    return None  # e.g. lists.json, the index describing the research-security lists


def _file_source(path: Path) -> SourceSpec | None:
    name = path.name.lower()
    if name.endswith(".json"):
        return _json_source(path)
    if name.endswith(".xlsx"):
        return SourceSpec(ofsi.LIST_ID, "uk-ofsi-xlsx", (path,), _snapshot(path))
    head = _head(path)
    first_line = head.split("\n", 1)[0].strip()
    if name.endswith((".xml", ".xml.gz")) and "<CONSOLIDATED_LIST" in head:
        return SourceSpec(un.LIST_ID, "un-xml", (path,), _snapshot(path))
    if name.endswith(".txt") and "Street_Address" in first_line and "\t" in first_line:
        return SourceSpec(dpl.LIST_ID, "bis-dpl-txt", (path,), _snapshot(path))
    if name.endswith((".csv", ".csv.gz")):
        columns = [c.strip().strip('"') for c in first_line.split(",")]
        if "source" in columns and "alt_names" in columns:
            return SourceSpec(csl.LIST_ID, "csl-csv", (path,), _snapshot(path))
        if "name" in columns and set(columns) <= set(curated.CSV_COLUMNS):
            return SourceSpec(slug(path.stem.split(".")[0]), "curated-csv", (path,), None)
    return None


def _ofac_source(folder: Path) -> SourceSpec:
    files = tuple(
        sorted(p for p in folder.iterdir() if p.is_file() and p.name.lower() in ofac.FILES)
    )
    return SourceSpec(ofac.LIST_ID, "ofac-legacy-csv", files, _snapshot(folder / "sdn.csv"))


def discover(lists_dir: Path) -> list[SourceSpec]:
    """Every loadable source under ``lists_dir``, ordered by list id and then snapshot, so that
    loading them in order publishes each list's versions oldest first."""
    specs: list[SourceSpec] = []
    for folder in sorted({lists_dir, *(p for p in lists_dir.rglob("*") if p.is_dir())}):
        names = {p.name.lower() for p in folder.iterdir() if p.is_file()}
        if "sdn.csv" in names:
            specs.append(_ofac_source(folder))
            continue
        for path in sorted(p for p in folder.iterdir() if p.is_file()):
            if not path.name.startswith(".") and (spec := _file_source(path)):
                specs.append(spec)
    return sorted(specs, key=lambda s: (s.list_id, s.snapshot or "", str(s.files[0])))


def read_source(spec: SourceSpec) -> ParsedList:
    """Parse one discovered source; the snapshot falls back to the one discovery found."""
    try:
        files = {path.name: path.read_bytes() for path in spec.files}
    except OSError as exc:
        raise AdapterError(str(spec.files[0]), "file", f"cannot be read: {exc}") from exc
    parsed = FORMATS[spec.format](files, spec.list_id)
    if parsed.snapshot is None and spec.snapshot:
        parsed = replace(parsed, snapshot=spec.snapshot)
    return parsed
