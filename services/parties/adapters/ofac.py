"""OFAC's legacy SDN CSV set: ``sdn.csv`` with optional ``add.csv``, ``alt.csv`` and
``sdn_comments.csv``. No header rows, ``-0-`` for empty, a 0x1A byte at the end; the other
files join ``sdn.csv`` on ``ent_num``; ``sdn_comments.csv`` continues truncated remarks."""

import csv
import io
import re
from collections.abc import Iterator, Mapping

from services.parties.adapters.base import (
    AdapterError,
    Alias,
    AliasKind,
    ParsedList,
    ParsedParty,
    PartyType,
)
from services.parties.adapters.countries import countries_of
from services.parties.adapters.names import build_aliases
from services.parties.adapters.ofac_remarks import read_remarks
from services.parties.adapters.sources import decode_utf8, finish

LIST_ID = "ofac-sdn"
FILES = ("sdn.csv", "add.csv", "alt.csv", "sdn_comments.csv")
_COLUMNS = {"sdn.csv": 12, "add.csv": 6, "alt.csv": 5, "sdn_comments.csv": 2}
_TYPES = {
    "individual": PartyType.PERSON,
    "vessel": PartyType.VESSEL,
    "aircraft": PartyType.AIRCRAFT,
}
_ALT_KINDS = {"aka": AliasKind.AKA, "fka": AliasKind.FKA, "nka": AliasKind.NKA}
_SNAPSHOT = re.compile(r"(\d{4}-\d{2}(?:-\d{2})?)")
_EXTRA = {5: "call_sign", 6: "vessel_type", 7: "tonnage", 8: "gross_registered_tonnage",
          9: "vessel_flag", 10: "vessel_owner"}  # fmt: skip


def _value(cell: str) -> str | None:
    text = cell.strip()
    return None if not text or text == "-0-" else text


def _rows(name: str, data: bytes) -> Iterator[tuple[int, list[str | None]]]:
    text = decode_utf8(name, data.rstrip(b"\x1a\r\n\t "))
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    expected = _COLUMNS[name]
    try:
        for row in reader:
            if not row or not any(cell.strip() for cell in row):
                continue
            if len(row) != expected:
                raise AdapterError(
                    name,
                    f"line {reader.line_num}",
                    f"expected {expected} columns, found {len(row)}",
                )
            if not row[0].strip().isdigit():
                raise AdapterError(
                    name, f"line {reader.line_num}", f"ent_num {row[0].strip()!r} is not a number"
                )
            yield reader.line_num, [_value(cell) for cell in row]
    except csv.Error as exc:
        raise AdapterError(name, f"line {reader.line_num}", f"malformed CSV: {exc}") from exc


def _by_name(files: Mapping[str, bytes]) -> dict[str, bytes]:
    found: dict[str, bytes] = {}
    for file_name, data in files.items():
        base = file_name.replace("\\", "/").rsplit("/", 1)[-1].lower()
        if base not in _COLUMNS:
            raise AdapterError(
                file_name, "files", f"not part of the OFAC legacy set ({', '.join(FILES)})"
            )
        found[base] = data
    if "sdn.csv" not in found:
        raise AdapterError(", ".join(sorted(files)) or "upload", "files", "sdn.csv is missing")
    return found


def _joined(name: str, data: bytes | None, known: set[str]) -> dict[str, list[list[str | None]]]:
    joined: dict[str, list[list[str | None]]] = {}
    if data is None:
        return joined
    for line, row in _rows(name, data):
        ent_num = row[0] or ""
        if ent_num not in known:
            raise AdapterError(name, f"line {line}", f"ent_num {ent_num} is not in sdn.csv")
        joined.setdefault(ent_num, []).append(row)
    return joined


def _programs(cell: str | None) -> tuple[str, ...]:
    """Programs as written "SDGT] [IFSR" (the file's brackets, less the outer pair)."""
    return tuple(p.strip("[] ") for p in (cell or "").split("] [") if p.strip("[] "))


def _address(row: list[str | None]) -> str:
    return ", ".join(part for part in row[2:5] if part)


def parse(files: Mapping[str, bytes], list_id: str = LIST_ID) -> ParsedList:
    found = _by_name(files)
    main = list(_rows("sdn.csv", found["sdn.csv"]))
    known = {row[0] or "" for _, row in main}
    addresses = _joined("add.csv", found.get("add.csv"), known)
    alternates = _joined("alt.csv", found.get("alt.csv"), known)
    comments = _joined("sdn_comments.csv", found.get("sdn_comments.csv"), known)
    parties = []
    for line, row in main:
        ent_num = row[0] or ""
        name = row[1]
        if not name:
            raise AdapterError("sdn.csv", f"line {line}", f"entry {ent_num} has no name")
        remarks = "".join([row[11] or ""] + [c[1] or "" for c in comments.get(ent_num, [])])
        facts = read_remarks(remarks)
        aliases = [
            Alias(alt[3], _ALT_KINDS.get((alt[2] or "aka").lower(), AliasKind.AKA))
            for alt in alternates.get(ent_num, [])
            if alt[3]
        ]
        address_rows = addresses.get(ent_num, [])
        extra = {key: value for index, key in _EXTRA.items() if (value := row[index])}
        if facts.citizenships:
            extra["citizenships"] = "; ".join(facts.citizenships)
        if facts.gender:
            extra["gender"] = facts.gender
        parties.append(
            (
                f"sdn.csv line {line}",
                ParsedParty(
                    source_id=ent_num,
                    sub_list=list_id,
                    party_type=_TYPES.get((row[2] or "").lower(), PartyType.ORGANIZATION),
                    name=name,
                    aliases=build_aliases(name, aliases + facts.aliases, split_semicolons=False),
                    addresses=tuple(a for r in address_rows if (a := _address(r))),
                    countries=countries_of([r[4] for r in address_rows]),
                    dates_of_birth=tuple(facts.dates_of_birth),
                    places_of_birth=tuple(facts.places_of_birth),
                    nationalities=tuple(facts.nationalities),
                    identifiers=tuple(facts.identifiers),
                    programs=_programs(row[3]),
                    title=row[4],
                    remarks=remarks or None,
                    extra=extra,
                ),
            )
        )
    source_name = ", ".join(f for f in FILES if f in found)
    snapshots = [m.group(1) for f in files if (m := _SNAPSHOT.search(f))]
    return finish(list_id, parties, source_name, snapshots[0] if snapshots else None)
