"""The trade.gov Consolidated Screening List: its CSV download and its API JSON.

Both carry the same fields; in the CSV multi-valued cells are joined with "; ", in the JSON
they are arrays (addresses and ids as objects). The 13 sub-lists stay apart by ``source``.
"""

import csv
import io
import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import replace
from typing import Any

from services.parties.adapters.base import (
    AdapterError,
    Alias,
    Identifier,
    ParsedList,
    ParsedParty,
    PartyType,
)
from services.parties.adapters.countries import ISO2_CODES, countries_of, to_iso2
from services.parties.adapters.dates import parse_date, parse_dates
from services.parties.adapters.names import build_aliases, split_values
from services.parties.adapters.sources import (
    decode_utf8,
    finish,
    gunzip_if_needed,
    only_file,
    safe_id,
)

LIST_ID = "us-csl"
SUB_LISTS = (
    "SDN", "EL", "MEU", "DPL", "UVL", "ISN", "DTC", "SSI", "FSE", "CMIC", "CAP", "NS-MBS", "PLC",
)  # fmt: skip
REQUIRED_COLUMNS = ("source", "name")
_SOURCE_CODE = re.compile(r"\(([A-Z][A-Z-]*)(?: List)?\)")
_TYPES = {
    "individual": PartyType.PERSON,
    "entity": PartyType.ORGANIZATION,
    "vessel": PartyType.VESSEL,
    "aircraft": PartyType.AIRCRAFT,
}
_EXTRA_FIELDS = (
    "entity_number", "standard_order", "call_sign", "vessel_type", "gross_tonnage",
    "gross_registered_tonnage", "vessel_flag", "vessel_owner",
)  # fmt: skip
_SNAPSHOT_IN_NAME = re.compile(r"(\d{4}-\d{2}-\d{2})")

Record = Mapping[str, Any]


def sub_list_of(source: str) -> str | None:
    """The CSL source code ("EL") of a ``source`` value such as "Entity List (EL) - Bureau..."."""
    text = source.strip()
    if text in SUB_LISTS:
        return text
    match = _SOURCE_CODE.search(text)
    return match.group(1) if match and match.group(1) in SUB_LISTS else None


def _text(record: Record, key: str) -> str | None:
    value = record.get(key)
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def _values(record: Record, key: str) -> list[str]:
    value = record.get(key)
    if isinstance(value, list):
        return [str(v).strip() for v in value if v is not None and str(v).strip()]
    return split_values(value if isinstance(value, str) else None)


def _address(value: Any) -> tuple[str, str | None]:
    """An address line and its country code."""
    if isinstance(value, dict):
        parts = [value.get(k) for k in ("address", "city", "state", "postal_code", "country")]
        line = ", ".join(str(p).strip() for p in parts if p and str(p).strip())
        return line, to_iso2(value.get("country"))
    text = str(value).strip()
    last = text.rsplit(",", 1)[-1].strip()
    return text, last if last in ISO2_CODES else None


def _addresses(record: Record) -> tuple[tuple[str, ...], tuple[str, ...]]:
    raw = record.get("addresses")
    items = raw if isinstance(raw, list) else split_values(raw if isinstance(raw, str) else None)
    lines: list[str] = []
    codes: list[str | None] = []
    for item in items:
        line, code = _address(item)
        if line and line not in lines:
            lines.append(line)
        codes.append(code)
    return tuple(lines), countries_of(codes)


def _identifier(value: Any, extra: dict[str, str]) -> Identifier | None:
    if isinstance(value, dict):
        kind, number = _text(value, "type"), _text(value, "number")
        if not kind or not number:
            return None
        return Identifier(kind, number, to_iso2(value.get("country")))
    parts = [p.strip() for p in str(value).split(",")]
    kind = parts[-1]
    if len(parts) < 2 or not kind or kind.endswith((":", "-")):
        return None  # sanctions notes such as "Subject to Secondary Sanctions, ... -"
    if kind == "Gender":
        extra["gender"] = parts[0]
        return None
    country = parts[0] if len(parts) >= 3 and parts[0] in ISO2_CODES else None
    number_parts = parts[1 if country else 0 : -1]
    if country and len(number_parts) > 1 and parse_date(number_parts[0]):
        number_parts = number_parts[1:]  # "LB, 2020-08-28, RL 3367620, Passport": issue date
    number = ", ".join(number_parts).strip()
    return Identifier(kind, number, country) if number else None


def _party(record: Record, location: str, source_name: str) -> ParsedParty:
    source = _text(record, "source") or ""
    sub_list = sub_list_of(source)
    if sub_list is None:
        raise AdapterError(source_name, location, f"unknown CSL source {source!r}")
    name = _text(record, "name")
    if not name:
        raise AdapterError(source_name, location, "entry has no name")
    own_id = _text(record, "_id") or _text(record, "id") or _text(record, "entity_number")
    if not own_id:
        raise AdapterError(source_name, location, "entry has no id (_id, id or entity_number)")
    extra = {key: value for key in _EXTRA_FIELDS if (value := _text(record, key))}
    if citizenships := countries_of(_values(record, "citizenships")):
        extra["citizenships"] = "; ".join(citizenships)
    raw_ids = record.get("ids")
    identifiers = []
    for item in raw_ids if isinstance(raw_ids, list) else split_values(_text(record, "ids")):
        identifier = _identifier(item, extra)
        if identifier and identifier not in identifiers:
            identifiers.append(identifier)
    addresses, countries = _addresses(record)
    dates = [d for raw in _values(record, "dates_of_birth") for d in parse_dates(raw)]
    return ParsedParty(
        source_id=f"{sub_list}-{safe_id(own_id)}",
        sub_list=sub_list,
        party_type=_TYPES.get((_text(record, "type") or "").lower(), PartyType.UNKNOWN),
        name=name,
        aliases=build_aliases(name, (Alias(a) for a in _values(record, "alt_names"))),
        addresses=addresses,
        countries=countries,
        dates_of_birth=tuple(dict.fromkeys(dates)),
        places_of_birth=tuple(_values(record, "places_of_birth")),
        nationalities=countries_of(_values(record, "nationalities")),
        identifiers=tuple(identifiers),
        programs=tuple(_values(record, "programs")),
        title=_text(record, "title"),
        federal_register=_text(record, "federal_register_notice"),
        start_date=parse_date(_text(record, "start_date")) or _text(record, "start_date"),
        end_date=parse_date(_text(record, "end_date")) or _text(record, "end_date"),
        remarks=_text(record, "remarks"),
        license_requirement=_text(record, "license_requirement"),
        license_policy=_text(record, "license_policy"),
        source_url=_text(record, "source_information_url") or _text(record, "source_list_url"),
        extra=extra,
    )


def _same_entry(first: ParsedParty, second: ParsedParty) -> bool:
    """The CSV repeats a few entries in the same sub-list, differing only in the list URL."""
    return replace(first, source_url=None) == replace(second, source_url=None)


def _collect(
    records: Iterator[tuple[str, Record]], source_name: str
) -> list[tuple[str, ParsedParty]]:
    parties: dict[str, tuple[str, ParsedParty]] = {}
    for location, record in records:
        party = _party(record, location, source_name)
        earlier = parties.get(party.source_id)
        if earlier is not None:
            if _same_entry(earlier[1], party):
                continue
            raise AdapterError(
                source_name,
                location,
                f"entry id {party.source_id!r} repeats the one at {earlier[0]} with other data",
            )
        parties[party.source_id] = (location, party)
    return list(parties.values())


def _csv_records(name: str, text: str) -> Iterator[tuple[str, Record]]:
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = [column.strip() for column in next(reader)]
    except StopIteration:
        raise AdapterError(name, "line 1", "empty file") from None
    except csv.Error as exc:
        raise AdapterError(name, "line 1", f"unreadable CSV header: {exc}") from exc
    missing = [c for c in REQUIRED_COLUMNS if c not in header]
    if "_id" not in header and "id" not in header:
        missing.append("_id")
    if missing:
        raise AdapterError(name, "line 1", f"missing required column(s): {', '.join(missing)}")
    try:
        for row in reader:
            if not any(cell.strip() for cell in row):
                continue
            location = f"line {reader.line_num}"
            if len(row) != len(header):
                raise AdapterError(
                    name, location, f"expected {len(header)} columns, found {len(row)}"
                )
            yield location, dict(zip(header, row, strict=True))
    except csv.Error as exc:
        raise AdapterError(name, f"line {reader.line_num}", f"malformed CSV: {exc}") from exc


def _snapshot(name: str) -> str | None:
    match = _SNAPSHOT_IN_NAME.search(name)
    return match.group(1) if match else None


def parse(files: Mapping[str, bytes], list_id: str = LIST_ID) -> ParsedList:
    """The CSL CSV download (plain or gzipped)."""
    name, data = only_file(files, "CSL CSV")
    text = decode_utf8(name, gunzip_if_needed(name, data))
    return finish(list_id, _collect(_csv_records(name, text), name), name, _snapshot(name))


def parse_json(files: Mapping[str, bytes], list_id: str = LIST_ID) -> ParsedList:
    """The CSL API JSON: ``{"results": [{...}, ...]}``."""
    name, data = only_file(files, "CSL JSON")
    text = decode_utf8(name, gunzip_if_needed(name, data))
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        raise AdapterError(name, f"line {exc.lineno}", f"invalid JSON: {exc.msg}") from exc
    results = document.get("results") if isinstance(document, dict) else None
    if not isinstance(results, list):
        raise AdapterError(name, "document", 'expected an object with a "results" array')
    for index, item in enumerate(results):
        if not isinstance(item, dict):
            raise AdapterError(name, f"results[{index}]", "expected an object")
    records = ((f"results[{i}]", item) for i, item in enumerate(results))
    return finish(list_id, _collect(records, name), name, _snapshot(name))
