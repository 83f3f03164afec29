"""Dates as the lists write them → ISO strings ("YYYY-MM-DD", "YYYY-MM" or "YYYY")."""

import re
from datetime import date

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"),
            ("may",), ("jun", "june"), ("jul", "july"), ("aug", "august"),
            ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for name in names
}  # fmt: skip

_ISO = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?(?:[T ].*)?$")
_NUMERIC = re.compile(r"^(\d{1,2})[/.](\d{1,2})[/.](\d{4})$")
_DAY_MONTH_YEAR = re.compile(r"^(?:(\d{1,2})\s+)?([A-Za-z]{3,9})\.?,?\s+(\d{4})$")
_MONTH_DAY_YEAR = re.compile(r"^([A-Za-z]{3,9})\.?\s+(\d{1,2}),?\s+(\d{4})$")
_RANGE = re.compile(r"^(?:between\s+)?(\d{4})\s*(?:to|-|–|and)\s*(\d{4})$", re.IGNORECASE)
_QUALIFIER = re.compile(r"^(?:circa|approximately|approx\.?|about|ca\.?)\s+", re.IGNORECASE)
_MAX_RANGE_YEARS = 10


def _iso(year: int, month: int | None = None, day: int | None = None) -> str | None:
    if not 1000 <= year <= 2999:
        return None
    if month is None or month == 0:
        return f"{year:04d}"
    if not 1 <= month <= 12:
        return None
    if day is None or day == 0:
        return f"{year:04d}-{month:02d}"
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def parse_date(text: str | None, *, day_first: bool = True) -> str | None:
    """One date in ISO form, or None when ``text`` is not a date we can read.

    ``day_first`` decides "01/02/2003": 1 Feb (UK, EU) or 2 Jan (US)."""
    if not text:
        return None
    value = _QUALIFIER.sub("", " ".join(text.split()).strip(" .;,"))
    if match := _ISO.match(value):
        year, month, day = (int(g) if g else None for g in match.groups())
        return _iso(year or 0, month, day)
    if match := _NUMERIC.match(value):
        first, second, year = (int(g) for g in match.groups())
        day, month = (first, second) if day_first else (second, first)
        return _iso(year, month, day)
    if match := _DAY_MONTH_YEAR.match(value):
        month_number = _MONTHS.get(match.group(2).lower())
        if month_number:
            day = int(match.group(1)) if match.group(1) else None
            return _iso(int(match.group(3)), month_number, day)
    if match := _MONTH_DAY_YEAR.match(value):
        month_number = _MONTHS.get(match.group(1).lower())
        if month_number:
            return _iso(int(match.group(3)), month_number, int(match.group(2)))
    return None


def parse_dates(text: str | None, *, day_first: bool = True) -> tuple[str, ...]:
    """Like ``parse_date`` but a year range ("1960 to 1962") gives every year in it."""
    if not text:
        return ()
    value = _QUALIFIER.sub("", " ".join(text.split()).strip(" .;,"))
    if match := _RANGE.match(value):
        start, end = int(match.group(1)), int(match.group(2))
        if start <= end and end - start <= _MAX_RANGE_YEARS:
            return tuple(str(year) for year in range(start, end + 1))
        return (str(start), str(end))
    single = parse_date(value, day_first=day_first)
    return (single,) if single else ()
