"""The curated list format, for lists with no official machine-readable form (DoD 1286 and
1260H, lists extracted from PDFs or web pages) and for an institution's own watch list.

JSON::

    {"list_id": "dow-1286", "source_file": "...", "extracted": "2026-07-09", "count": 2,
     "default_type": "organization",                        # optional
     "entities": [{"name": "Harbin Institute of Technology", # required
                   "aliases": ["HIT", {"name": "哈尔滨工业大学", "kind": "native"}],
                   "country": "China", "address": "...", "status": null,
                   "effective_date": "2024-01-31", "federal_register": "...", "notes": "...",
                   "id": "hit", "type": "organization", "sub_list": "table1",
                   "license_requirement": "...", "license_policy": "..."}]}

Only ``name`` is required; ``count``, when given, must equal the number of entities. ``type``
is person, organization, vessel, aircraft or unknown (default: organization, or unknown for
lists known to mix persons and firms). Without ``id`` the entry's id is its slugged name and
country ("harbin-institute-of-technology-cn"). For ``dow-1286`` the sub-list (table1/table2)
comes from ``sub_list`` or else from "Table 1"/"Table 2" in the notes.

CSV: a header row with ``name`` and any of ``aliases`` ("; "-separated), ``country``,
``type``, ``sub_list``, ``id``, ``address``, ``federal_register``, ``notes``,
``effective_date``, ``status``, ``license_requirement``, ``license_policy``.
"""

import csv
import io
import json
import re
from collections.abc import Mapping, Sequence
from pathlib import PurePath
from typing import Any

from services.parties.adapters.base import (
    AdapterError,
    Alias,
    AliasKind,
    ParsedList,
    ParsedParty,
    PartyType,
)
from services.parties.adapters.countries import to_iso2
from services.parties.adapters.dates import parse_date
from services.parties.adapters.names import build_aliases, split_values
from services.parties.adapters.sources import (
    SOURCE_ID,
    decode_utf8,
    finish,
    name_ids,
    name_key,
    only_file,
    slug,
)

DEFAULT_LIST_ID = "watchlist"
CSV_COLUMNS = (
    "name", "aliases", "country", "type", "sub_list", "id", "address", "federal_register",
    "notes", "effective_date", "status", "license_requirement", "license_policy",
)  # fmt: skip
# Lists that hold persons and firms alike without saying which is which.
MIXED_LISTS = frozenset(
    {"bis-dpl", "bis-entity-list", "state-debarred-admin", "state-debarred-statutory",
     "state-nonproliferation"}
)  # fmt: skip
_TABLE = re.compile(r"\btable\s*([12])\b", re.IGNORECASE)
_ADDRESS_SEPARATOR = re.compile(r";\s*(?:and\s+)?")
_REQUIREMENT_LABEL = re.compile(r"licen[cs]e requirement:\s*([^;|]+)", re.IGNORECASE)
_POLICY_LABEL = re.compile(r"licen[cs]e (?:review )?policy:\s*([^;|]+)", re.IGNORECASE)
_REQUIREMENT_TEXT = re.compile(
    r"^(?:for\s+)?(?:all\s+)?items\b.*(?:subject to the EAR|on the CCL)", re.IGNORECASE
)
_LIST_ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,62}$")


def _string(value: Any, field: str, location: str, source: str) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str | int | float):
        raise AdapterError(source, location, f"{field} must be text")
    text = " ".join(str(value).split())
    return text or None


def _aliases(value: Any, location: str, source: str) -> list[Alias]:
    if value is None:
        return []
    if isinstance(value, str):
        return [Alias(part) for part in split_values(value)]
    if not isinstance(value, list):
        raise AdapterError(source, location, "aliases must be a list")
    aliases = []
    for index, item in enumerate(value):
        where = f"{location}.aliases[{index}]"
        if isinstance(item, str):
            aliases.append(Alias(item))
            continue
        if not isinstance(item, dict) or not isinstance(item.get("name"), str):
            raise AdapterError(source, where, 'expected a name or {"name", "kind"}')
        kind = item.get("kind", "aka")
        if kind not in AliasKind.__members__.values():
            known = ", ".join(k.value for k in AliasKind)
            raise AdapterError(source, where, f"unknown alias kind {kind!r} (known: {known})")
        aliases.append(Alias(item["name"], AliasKind(kind)))
    return aliases


def _licence(notes: str | None) -> tuple[str | None, str | None]:
    """Licence requirement and policy when the notes state them (the Entity List's do)."""
    if not notes:
        return None, None
    requirement = _REQUIREMENT_LABEL.search(notes)
    policy = _POLICY_LABEL.search(notes)
    if requirement or policy:
        return (
            requirement.group(1).strip() if requirement else None,
            policy.group(1).strip() if policy else None,
        )
    return (notes, None) if _REQUIREMENT_TEXT.match(notes) else (None, None)


def _sub_list(list_id: str, given: str | None, notes: str | None, where: str, src: str) -> str:
    if given:
        return given
    if list_id != "dow-1286":
        return list_id
    table = _TABLE.search(notes or "")
    if not table:
        raise AdapterError(src, where, "a dow-1286 entry needs sub_list or 'Table 1/2' in notes")
    return f"table{table.group(1)}"


def _party_type(value: str | None, default: PartyType, where: str, src: str) -> PartyType:
    if value is None:
        return default
    try:
        return PartyType(value.lower())
    except ValueError:
        known = ", ".join(t.value for t in PartyType)
        raise AdapterError(src, where, f"unknown type {value!r} (known: {known})") from None


def _parties(
    entities: Sequence[tuple[str, Mapping[str, Any]]], list_id: str, default: PartyType, src: str
) -> list[tuple[str, ParsedParty]]:
    drafts = []
    for where, entity in entities:
        fields = {
            key: _string(entity.get(key), key, where, src)
            for key in CSV_COLUMNS
            if key != "aliases"
        }
        name = fields["name"]
        if not name:
            raise AdapterError(src, where, "entry has no name")
        own_id = fields["id"]
        if own_id is not None and not SOURCE_ID.match(own_id):
            raise AdapterError(src, where, f"id {own_id!r} must match {SOURCE_ID.pattern}")
        drafts.append((where, entity, fields, name, own_id))
    derived = name_ids(
        [
            (
                name_key(name, to_iso2(f["country"])),
                (f["address"], f["notes"], f["federal_register"]),
            )
            for _, _, f, name, _ in drafts
        ]
    )
    parties = []
    for (where, entity, fields, name, own_id), derived_id in zip(drafts, derived, strict=True):
        country = to_iso2(fields["country"])
        notes = fields["notes"]
        requirement, policy = _licence(notes)
        extra = {k: v for k in ("status",) if (v := fields[k])}
        start_date = parse_date(fields["effective_date"], day_first=False)
        if fields["effective_date"] and not start_date:
            extra["effective_date"] = fields["effective_date"]
        remarks = notes
        if fields["country"] and not country:
            extra["country"] = fields["country"]
            remarks = "; ".join(p for p in (notes, f"Country: {fields['country']}") if p)
        address = fields["address"]
        party = ParsedParty(
            source_id=own_id or derived_id,
            sub_list=_sub_list(list_id, fields["sub_list"], notes, where, src),
            party_type=_party_type(fields["type"], default, where, src),
            name=name,
            aliases=build_aliases(name, _aliases(entity.get("aliases"), where, src)),
            addresses=_addresses(address),
            countries=(country,) if country else (),
            federal_register=fields["federal_register"],
            start_date=start_date,
            remarks=remarks,
            license_requirement=fields["license_requirement"] or requirement,
            license_policy=fields["license_policy"] or policy,
            extra=extra,
        )
        parties.append((where, party))
    return parties


def _addresses(text: str | None) -> tuple[str, ...]:
    """The Entity List joins addresses as "A; and B."."""
    if not text:
        return ()
    return tuple(p.strip() for p in _ADDRESS_SEPARATOR.split(text.rstrip(".")) if p.strip())


def _list_id(given: str | None, in_file: Any, fallback: str, source: str) -> str:
    if given and isinstance(in_file, str) and in_file and in_file != given:
        raise AdapterError(source, "list_id", f"the file is list {in_file!r}, not {given!r}")
    list_id = given or (in_file if isinstance(in_file, str) and in_file else fallback)
    if not _LIST_ID.match(list_id):
        raise AdapterError(source, "list_id", f"list id {list_id!r} must be lower-case a-z0-9-")
    return list_id


def _default_type(list_id: str, declared: Any, source: str) -> PartyType:
    if declared is not None:
        return _party_type(str(declared), PartyType.ORGANIZATION, "default_type", source)
    return PartyType.UNKNOWN if list_id in MIXED_LISTS else PartyType.ORGANIZATION


def parse(files: Mapping[str, bytes], list_id: str | None = None) -> ParsedList:
    """A curated JSON file (see the module documentation)."""
    name, data = only_file(files, "curated JSON")
    try:
        document = json.loads(decode_utf8(name, data))
    except json.JSONDecodeError as exc:
        raise AdapterError(name, f"line {exc.lineno}", f"invalid JSON: {exc.msg}") from exc
    if not isinstance(document, dict) or not isinstance(document.get("entities"), list):
        raise AdapterError(name, "document", 'expected an object with an "entities" array')
    entities = document["entities"]
    count = document.get("count")
    if count is not None and count != len(entities):
        raise AdapterError(
            name, "count", f"count says {count} but there are {len(entities)} entities"
        )
    the_list = _list_id(list_id, document.get("list_id"), DEFAULT_LIST_ID, name)
    located = []
    for index, entity in enumerate(entities):
        if not isinstance(entity, dict):
            raise AdapterError(name, f"entities[{index}]", "expected an object")
        located.append((f"entities[{index}]", entity))
    default = _default_type(the_list, document.get("default_type"), name)
    snapshot = parse_date(_string(document.get("extracted"), "extracted", "extracted", name))
    return finish(the_list, _parties(located, the_list, default, name), name, snapshot)


def parse_csv(files: Mapping[str, bytes], list_id: str | None = None) -> ParsedList:
    """A curated CSV file; without ``list_id`` the list is named after the file."""
    name, data = only_file(files, "curated CSV")
    reader = csv.DictReader(io.StringIO(decode_utf8(name, data), newline=""), strict=True)
    try:
        header = [column.strip() for column in reader.fieldnames or []]
        if "name" not in header:
            raise AdapterError(name, "line 1", "missing required column: name")
        unknown = [column for column in header if column not in CSV_COLUMNS]
        if unknown:
            raise AdapterError(
                name,
                "line 1",
                f"unknown column(s) {', '.join(unknown)}; known: {', '.join(CSV_COLUMNS)}",
            )
        reader.fieldnames = header
        located = []
        for row in reader:
            where = f"line {reader.line_num}"
            if None in row or any(value is None for value in row.values()):
                raise AdapterError(name, where, f"expected {len(header)} columns")
            if any(value.strip() for value in row.values()):
                located.append((where, row))
    except csv.Error as exc:
        raise AdapterError(name, f"line {reader.line_num}", f"malformed CSV: {exc}") from exc
    the_list = _list_id(list_id, None, slug(PurePath(name).stem), name)
    default = _default_type(the_list, None, name)
    return finish(the_list, _parties(located, the_list, default, name), name, None)
