"""The UN Security Council consolidated list XML (``CONSOLIDATED_LIST`` with
``INDIVIDUALS/INDIVIDUAL`` and ``ENTITIES/ENTITY``)."""

import xml.etree.ElementTree as ET
from collections.abc import Mapping

from services.parties.adapters.base import (
    AdapterError,
    Alias,
    AliasKind,
    Identifier,
    ParsedList,
    ParsedParty,
    PartyType,
)
from services.parties.adapters.countries import countries_of, to_iso2
from services.parties.adapters.dates import parse_date
from services.parties.adapters.names import build_aliases
from services.parties.adapters.sources import finish, gunzip_if_needed, only_file, safe_id

LIST_ID = "un"
_NAME_PARTS = ("FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME")
_QUALITY = {"good": AliasKind.AKA, "a.k.a.": AliasKind.AKA, "low": AliasKind.WEAK,
            "f.k.a.": AliasKind.FKA, "n.k.a.": AliasKind.NKA}  # fmt: skip
_ADDRESS_PARTS = ("STREET", "CITY", "STATE_PROVINCE", "ZIP_CODE", "COUNTRY", "NOTE")


def _text(element: ET.Element | None, tag: str) -> str | None:
    if element is None:
        return None
    value = element.findtext(tag)
    if value is None:
        return None
    text = " ".join(value.split())
    return text or None


def _values(element: ET.Element, tag: str) -> list[str]:
    return [text for child in element.findall(tag) if (text := _text(child, "VALUE")) is not None]


def _dates_of_birth(element: ET.Element, prefix: str) -> list[str]:
    dates: list[str] = []
    for dob in element.findall(f"{prefix}_DATE_OF_BIRTH"):
        single = parse_date(_text(dob, "DATE")) or parse_date(_text(dob, "YEAR"))
        if single:
            dates.append(single)
            continue
        start, end = _text(dob, "FROM_YEAR"), _text(dob, "TO_YEAR")
        if start and end and start.isdigit() and end.isdigit() and 0 <= int(end) - int(start) <= 10:
            dates.extend(str(year) for year in range(int(start), int(end) + 1))
    return list(dict.fromkeys(dates))


def _joined(element: ET.Element, parts: tuple[str, ...]) -> str | None:
    text = ", ".join(value for part in parts if (value := _text(element, part)))
    return text or None


def _documents(element: ET.Element) -> list[Identifier]:
    documents: list[Identifier] = []
    for document in element.findall("INDIVIDUAL_DOCUMENT"):
        number = _text(document, "NUMBER")
        if not number:
            continue
        kind = _text(document, "TYPE_OF_DOCUMENT") or _text(document, "TYPE_OF_DOCUMENT2")
        country = _text(document, "ISSUING_COUNTRY") or _text(document, "COUNTRY_OF_ISSUE")
        documents.append(Identifier(kind or "Document", number, to_iso2(country)))
    return documents


def _party(
    element: ET.Element, prefix: str, list_id: str, location: str, source_name: str
) -> ParsedParty:
    reference = _text(element, "REFERENCE_NUMBER")
    data_id = _text(element, "DATAID")
    own_id = safe_id(reference or data_id or "")
    if not own_id:
        raise AdapterError(source_name, location, "entry has neither REFERENCE_NUMBER nor DATAID")
    parts = _NAME_PARTS if prefix == "INDIVIDUAL" else _NAME_PARTS[:1]
    name = " ".join(value for tag in parts if (value := _text(element, tag)))
    if not name:
        raise AdapterError(source_name, location, f"entry {own_id} has no name")
    aliases: list[Alias] = []
    if native := _text(element, "NAME_ORIGINAL_SCRIPT"):
        aliases.append(Alias(native, AliasKind.NATIVE))
    for alias in element.findall(f"{prefix}_ALIAS"):
        alias_name = _text(alias, "ALIAS_NAME")
        if alias_name:
            quality = (_text(alias, "QUALITY") or "").lower()
            aliases.append(Alias(alias_name, _QUALITY.get(quality, AliasKind.AKA)))
    address_elements = element.findall(f"{prefix}_ADDRESS")
    births = element.findall("INDIVIDUAL_PLACE_OF_BIRTH")
    extra = {"dataid": data_id} if data_id else {}
    if gender := _text(element, "GENDER"):
        extra["gender"] = gender
    if list_type := _text(element, "UN_LIST_TYPE"):
        extra["un_list_type"] = list_type
    designations = _values(element, "DESIGNATION")
    comments = _text(element, "COMMENTS1")
    return ParsedParty(
        source_id=own_id,
        sub_list=list_id,
        party_type=PartyType.PERSON if prefix == "INDIVIDUAL" else PartyType.ORGANIZATION,
        name=name,
        aliases=build_aliases(name, aliases, split_semicolons=False),
        addresses=tuple(a for e in address_elements if (a := _joined(e, _ADDRESS_PARTS))),
        countries=countries_of([_text(e, "COUNTRY") for e in address_elements]),
        dates_of_birth=tuple(_dates_of_birth(element, prefix)),
        places_of_birth=tuple(
            p for b in births if (p := _joined(b, ("CITY", "STATE_PROVINCE", "COUNTRY")))
        ),
        nationalities=countries_of(_values(element, "NATIONALITY")),
        identifiers=tuple(_documents(element)),
        programs=(list_type,) if list_type else (),
        title="; ".join(designations) if designations else None,
        start_date=parse_date(_text(element, "LISTED_ON")),
        remarks=comments,
        extra=extra,
    )


def parse(files: Mapping[str, bytes], list_id: str = LIST_ID) -> ParsedList:
    name, data = only_file(files, "UN XML")
    try:
        root = ET.fromstring(gunzip_if_needed(name, data))
    except ET.ParseError as exc:
        line, column = exc.position
        raise AdapterError(
            name, f"line {line}, column {column}", f"unparseable XML: {exc}"
        ) from exc
    if root.tag != "CONSOLIDATED_LIST":
        raise AdapterError(name, f"<{root.tag}>", "expected a <CONSOLIDATED_LIST> document")
    parties = []
    for section, prefix in (("INDIVIDUALS", "INDIVIDUAL"), ("ENTITIES", "ENTITY")):
        for index, element in enumerate(root.findall(f"{section}/{prefix}"), start=1):
            location = f"{section}/{prefix}[{index}]"
            party = _party(element, prefix, list_id, location, name)
            parties.append((f"{location} ({party.source_id})", party))
    return finish(list_id, parties, name, parse_date(root.get("dateGenerated")))
