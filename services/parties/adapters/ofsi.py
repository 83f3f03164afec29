"""The UK HM Treasury (OFSI) consolidated list xlsx: one row per name of a designated person,
entity or ship, grouped by ``Group ID``; the row's ``Alias Type`` says which name it is."""

import io
import re
import zipfile
from collections.abc import Iterable, Mapping
from datetime import date, datetime
from typing import Any

from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from services.parties.adapters.base import (
    AdapterError,
    Alias,
    AliasKind,
    Identifier,
    ParsedList,
    ParsedParty,
    PartyType,
)
from services.parties.adapters.countries import countries_of
from services.parties.adapters.dates import parse_date, parse_dates
from services.parties.adapters.names import build_aliases
from services.parties.adapters.sources import finish, only_file, safe_id

LIST_ID = "uk-ofsi"
REQUIRED_COLUMNS = ("Name 6", "Group ID", "Group Type", "Alias Type")
_GIVEN_NAMES = ("Name 1", "Name 2", "Name 3", "Name 4", "Name 5")
_TYPES = {
    "individual": PartyType.PERSON,
    "entity": PartyType.ORGANIZATION,
    "ship": PartyType.VESSEL,
}
_ADDRESS = ("Address 1", "Address 2", "Address 3", "Address 4", "Address 5", "Address 6",
            "Post/Zip Code", "Country")  # fmt: skip
_BIRTH_PLACE = ("Town of Birth", "Country of Birth")
_ENUMERATION = re.compile(r"\(\d+(?:-\d+)?\)\s*")
_LABELLED = re.compile(r"\(([^()]+)\):\s*(.*?)(?=\s*\([^()]+\):|$)", re.S)
_HEADER_SEARCH_ROWS = 10

Row = dict[str, str]


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime | date):
        return value.strftime("%d/%m/%Y")
    return " ".join(str(value).split())


def _parts(text: str) -> list[str]:
    """ "(1) Germany. (2) Morocco" → ["Germany", "Morocco"]."""
    return [part.strip(" .,;") for part in _ENUMERATION.split(text) if part.strip(" .,;")]


def _read(name: str, data: bytes) -> tuple[list[tuple[int, Row]], str | None]:
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, ValueError, OSError) as exc:
        raise AdapterError(name, "file", f"not a readable xlsx workbook: {exc}") from exc
    try:
        sheet = workbook.worksheets[0]
        header: list[str] | None = None
        snapshot: str | None = None
        rows: list[tuple[int, Row]] = []
        for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            cells = [_cell(v) for v in values]
            if header is None:
                if cells and cells[0] == "Last Updated" and len(cells) > 1:
                    snapshot = parse_date(cells[1])
                if "Group ID" in cells:
                    header = cells
                elif number >= _HEADER_SEARCH_ROWS:
                    break
                continue
            if any(cells):
                rows.append((number, dict(zip(header, cells, strict=False))))
    finally:
        workbook.close()
    if header is None:
        raise AdapterError(name, "sheet 1", "no header row with a 'Group ID' column")
    missing = [column for column in REQUIRED_COLUMNS if column not in header]
    if missing:
        raise AdapterError(name, "header row", f"missing required column(s): {', '.join(missing)}")
    return rows, snapshot


def _row_name(row: Row) -> str:
    given = [row.get(column, "") for column in _GIVEN_NAMES]
    return " ".join(part for part in [*given, row["Name 6"]] if part)


def _alias_kind(row: Row) -> AliasKind:
    alias_type = row["Alias Type"].lower()
    if alias_type == "fka":
        return AliasKind.FKA
    if "low" in row.get("Alias Quality", "").lower():
        return AliasKind.WEAK
    return AliasKind.AKA


def _unique(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(v for v in values if v))


def _column_parts(rows: list[Row], column: str) -> list[str]:
    return [part for row in rows for part in _parts(row.get(column, ""))]


def _joined(row: Row, columns: tuple[str, ...]) -> str:
    return ", ".join(row[c] for c in columns if row.get(c))


def _aliases(rows: list[Row], primary: Row) -> list[Alias]:
    aliases: list[Alias] = []
    for row in rows:
        if row is not primary and (alias := _row_name(row)):
            aliases.append(Alias(alias, _alias_kind(row)))
        if native := row.get("Name Non-Latin Script"):
            aliases.append(Alias(native, AliasKind.NATIVE))
    return aliases


def _identifiers(rows: list[Row], info: dict[str, str]) -> tuple[Identifier, ...]:
    found = [Identifier("Passport", p) for p in _column_parts(rows, "Passport Number")]
    found += [
        Identifier("National ID", n) for n in _column_parts(rows, "National Identification Number")
    ]
    if imo := info.get("IMO number"):
        found.append(Identifier("IMO", imo))
    return tuple(dict.fromkeys(found))


def _extra(group_id: str, info: dict[str, str]) -> dict[str, str]:
    extra = {"group_id": group_id}
    if reference := info.get("UK Sanctions List Ref"):
        extra["uk_sanctions_list_ref"] = reference.split()[0].rstrip(".")
    if gender := info.get("Gender"):
        extra["gender"] = gender
    return extra


def _party(group_id: str, numbered: list[tuple[int, Row]], list_id: str, src: str) -> ParsedParty:
    rows = [row for _, row in numbered]
    primary = next((r for r in rows if r["Alias Type"].lower() == "primary name"), rows[0])
    name = _row_name(primary)
    if not name:
        raise AdapterError(src, f"row {numbered[0][0]}", f"group {group_id} has no name")
    info: dict[str, str] = {}
    for row in rows:
        for label, value in _LABELLED.findall(row.get("Other Information", "")):
            info.setdefault(label.strip(), value.strip(" ."))
    return ParsedParty(
        source_id=safe_id(group_id),
        sub_list=list_id,
        party_type=_TYPES.get(primary["Group Type"].lower(), PartyType.UNKNOWN),
        name=name,
        aliases=build_aliases(name, _aliases(rows, primary), split_semicolons=False),
        addresses=_unique(_joined(row, _ADDRESS) for row in rows),
        countries=countries_of(_column_parts(rows, "Country")),
        dates_of_birth=_unique(d for p in _column_parts(rows, "DOB") for d in parse_dates(p)),
        places_of_birth=_unique(_joined(row, _BIRTH_PLACE) for row in rows),
        nationalities=countries_of(_column_parts(rows, "Nationality")),
        identifiers=_identifiers(rows, info),
        programs=_unique(row.get("Regime", "") for row in rows),
        title=primary.get("Position") or None,
        start_date=parse_date(primary.get("Listed On")),
        remarks=primary.get("Other Information") or None,
        extra=_extra(group_id, info),
    )


def parse(files: Mapping[str, bytes], list_id: str = LIST_ID) -> ParsedList:
    name, data = only_file(files, "UK OFSI xlsx")
    rows, snapshot = _read(name, data)
    groups: dict[str, list[tuple[int, Row]]] = {}
    for number, row in rows:
        group_id = row["Group ID"]
        if not group_id:
            raise AdapterError(name, f"row {number}", "row has no Group ID")
        groups.setdefault(group_id, []).append((number, row))
    parties = [
        (f"row {members[0][0]} (Group ID {group_id})", _party(group_id, members, list_id, name))
        for group_id, members in groups.items()
    ]
    return finish(list_id, parties, name, snapshot)
