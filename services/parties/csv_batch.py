"""Procurement files: a CSV of names in, the batch search's answer out as JSON or CSV."""

import csv
import io
from typing import Any

from pydantic import ValidationError

from common.errors import Unprocessable
from services.parties.schemas import MAX_BATCH, BatchQuery

COLUMNS = ("ref", "name", "type", "country", "date_of_birth")
RESULT_COLUMNS = (
    "ref",
    "query_name",
    "band",
    "score",
    "list",
    "category",
    "party_id",
    "listed_name",
    "matched_name",
    "list_version",
)


def parse_names_csv(content: bytes) -> list[BatchQuery]:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise Unprocessable(f"The file is not UTF-8 text (byte {exc.start}).") from exc
    reader = csv.DictReader(io.StringIO(text))
    header = [h.strip().lower() for h in reader.fieldnames or []]
    if "name" not in header:
        raise Unprocessable(
            "The CSV needs a header row with a 'name' column "
            "(optional: ref, type, country, date_of_birth)."
        )
    reader.fieldnames = header
    queries: list[BatchQuery] = []
    for line, row in enumerate(reader, start=2):
        if len(queries) >= MAX_BATCH:
            raise Unprocessable(f"The file has more than {MAX_BATCH} rows; split it.")
        values = {k: (row.get(k) or "").strip() for k in COLUMNS}
        if not any(values.values()):
            continue
        try:
            queries.append(
                BatchQuery(
                    ref=values["ref"] or f"row-{line}",
                    name=values["name"],
                    type=values["type"].lower() or None,
                    country=values["country"] or None,
                    date_of_birth=values["date_of_birth"] or None,
                )
            )
        except ValidationError as exc:
            first = exc.errors()[0]
            field = ".".join(str(p) for p in first["loc"])
            raise Unprocessable(f"Line {line}, column {field}: {first['msg']}", line=line) from exc
    if not queries:
        raise Unprocessable("The file has no names.")
    return queries


def results_csv(results: list[tuple[str, list[dict[str, Any]]]], queries: list[BatchQuery]) -> str:
    """One row per match (``schemas.Match`` dicts), or one ``no_match`` row per name."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(RESULT_COLUMNS)
    for query, (ref, matches) in zip(queries, results, strict=True):
        if not matches:
            writer.writerow([ref, query.name, "no_match", "", "", "", "", "", "", ""])
        for match in matches:
            writer.writerow(
                [
                    ref,
                    query.name,
                    match["band"],
                    f"{match['score']:.4f}",
                    match["list"],
                    match["category"],
                    match["party_id"],
                    match["name"],
                    match["matched_name"],
                    match["list_version"],
                ]
            )
    return out.getvalue()
