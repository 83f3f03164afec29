"""The BIS Denied Persons List as BIS publishes it: tab-separated text with quoted fields and
a header row. The file has no ids, so each entry's id is its slugged name and country (plus a
hash of its address when two entries share both)."""

import csv
import io
import re
from collections.abc import Mapping

from services.parties.adapters.base import AdapterError, ParsedList, ParsedParty, PartyType
from services.parties.adapters.countries import to_iso2
from services.parties.adapters.dates import parse_date
from services.parties.adapters.names import build_aliases
from services.parties.adapters.sources import decode_utf8, finish, name_ids, name_key, only_file

LIST_ID = "bis-dpl"
COLUMNS = (
    "Name", "Street_Address", "City", "State", "Country", "Postal_Code", "Effective_Date",
    "Expiration_Date", "Standard_Order", "Last_Update", "Action", "FR_Citation",
)  # fmt: skip
_US_STATES = frozenset({
    "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "DC", "FL", "GA", "HI", "ID", "IL", "IN",
    "IA", "KS", "KY", "LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH",
    "NJ", "NM", "NY", "NC", "ND", "OH", "OK", "OR", "PA", "PR", "RI", "SC", "SD", "TN", "TX",
    "UT", "VT", "VA", "WA", "WV", "WI", "WY",
})  # fmt: skip
_SNAPSHOT = re.compile(r"(\d{4}-\d{2}(?:-\d{2})?)")


def _rows(name: str, text: str) -> list[tuple[int, dict[str, str]]]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter="\t", strict=True)
    try:
        header = [column.strip() for column in next(reader)]
    except StopIteration:
        raise AdapterError(name, "line 1", "empty file") from None
    missing = [column for column in COLUMNS if column not in header]
    if missing:
        raise AdapterError(name, "line 1", f"missing required column(s): {', '.join(missing)}")
    rows = []
    try:
        for row in reader:
            if not any(cell.strip() for cell in row):
                continue
            if len(row) != len(header):
                raise AdapterError(
                    name,
                    f"line {reader.line_num}",
                    f"expected {len(header)} fields, found {len(row)}",
                )
            rows.append((reader.line_num, {k: v.strip() for k, v in zip(header, row, strict=True)}))
    except csv.Error as exc:
        raise AdapterError(name, f"line {reader.line_num}", f"malformed line: {exc}") from exc
    return rows


def _country(row: dict[str, str]) -> str | None:
    code = to_iso2(row["Country"])
    if code is None and not row["Country"] and row["State"] in _US_STATES:
        return "US"
    return code


def _date(text: str) -> str | None:
    """US month/day/year to ISO; anything else kept as written."""
    return parse_date(text, day_first=False) or text or None


def parse(files: Mapping[str, bytes], list_id: str = LIST_ID) -> ParsedList:
    name, data = only_file(files, "BIS DPL text")
    rows = _rows(name, decode_utf8(name, data))
    for line, row in rows:
        if not row["Name"]:
            raise AdapterError(name, f"line {line}", "entry has no name")
    address_fields = ("Street_Address", "City", "State", "Country", "Postal_Code")
    ids = name_ids(
        [
            (name_key(row["Name"], _country(row)), tuple(row[f] for f in address_fields))
            for _, row in rows
        ]
    )
    parties = []
    for source_id, (line, row) in zip(ids, rows, strict=True):
        country = _country(row)
        address = ", ".join(row[f] for f in address_fields if row[f])
        extra = {
            key: row[column]
            for key, column in (
                ("standard_order", "Standard_Order"),
                ("last_update", "Last_Update"),
                ("action", "Action"),
            )
            if row[column]
        }
        party = ParsedParty(
            source_id=source_id,
            sub_list=list_id,
            party_type=PartyType.UNKNOWN,
            name=row["Name"],
            aliases=build_aliases(row["Name"], ()),
            addresses=(address,) if address else (),
            countries=(country,) if country else (),
            federal_register=row["FR_Citation"] or None,
            start_date=parse_date(row["Effective_Date"], day_first=False)
            or row["Effective_Date"]
            or None,
            end_date=parse_date(row["Expiration_Date"], day_first=False)
            or row["Expiration_Date"]
            or None,
            extra=extra,
        )
        parties.append((f"line {line}", party))
    snapshot = _SNAPSHOT.search(name)
    return finish(list_id, parties, name, snapshot.group(1) if snapshot else None)
