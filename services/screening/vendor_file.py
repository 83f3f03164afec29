"""A procurement file of vendors (CSV) as a ``vendor`` screening request."""

import csv
import io

from pydantic import ValidationError

from common.errors import Unprocessable
from services.screening.schemas.requests import VendorParty, VendorRequest

MAX_FILE_BYTES = 10 * 1024 * 1024
MAX_ROWS = 10_000
COLUMNS = {"name", "country", "type", "role", "goods", "subject_ref"}


def parse_vendor_file(content: bytes, sponsor: str | None) -> VendorRequest:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise Unprocessable("The file is not UTF-8 text.") from exc
    reader = csv.DictReader(io.StringIO(text))
    header = {(h or "").strip().lower() for h in reader.fieldnames or []}
    if "name" not in header:
        raise Unprocessable("The CSV needs a header row with a `name` column.")
    parties: list[VendorParty] = []
    for line, row in enumerate(reader, start=2):
        if len(parties) >= MAX_ROWS:
            raise Unprocessable(f"The file has more than {MAX_ROWS} rows.")
        values = {
            key.strip().lower(): (value or "").strip()
            for key, value in row.items()
            if key and isinstance(value, str) and key.strip().lower() in COLUMNS
        }
        fields = {key: value for key, value in values.items() if value}
        if not fields:
            continue
        try:
            parties.append(VendorParty.model_validate(fields))
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(p) for p in first["loc"])
            raise Unprocessable(f"Line {line}: {where}: {first['msg']}") from exc
    if not parties:
        raise Unprocessable("The file has no vendor rows.")
    try:
        return VendorRequest(kind="vendor", parties=parties, sponsor=sponsor or None)
    except ValidationError as exc:
        raise Unprocessable(f"Invalid request: {exc.errors()[0]['msg']}") from exc
