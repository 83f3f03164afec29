"""What the OFAC legacy ``Remarks`` text says about an entry.

The legacy CSV has no columns for dates of birth, nationalities or documents: they are
"; "-separated phrases in the remarks ("DOB 25 Mar 1973; POB Damascus, Syria; nationality
Syria; Passport 123 (Syria); a.k.a. 'ABU ALI'."). Weak aliases also live only there.
"""

import re
from dataclasses import dataclass, field

from services.parties.adapters.base import Alias, AliasKind, Identifier
from services.parties.adapters.countries import to_iso2
from services.parties.adapters.dates import parse_dates

# a.k.a. 'NAME' — the quote may hold apostrophes and semicolons, so the alias ends at the
# quote that is followed by the end of the phrase.
_QUOTED_ALIAS = re.compile(
    r"(?:^|;\s*)(?:alt\.\s+)?([afn])\.k\.a\.,?\s+'(.*?)'(?=\s*(?:;|\.?\s*$))"
)
_PREFIX = re.compile(r"^(?:alt\.\s+)?(DOB|POB|nationality|citizen|Gender)\s+(.*)$")
_ID_TAIL = re.compile(
    r"^(?P<value>.+?)(?:\s+\((?P<country>[^()]+)\))?(?:,?\s+(?:issued|expires|expired)\b.*)?$"
)
_DIGITAL_CURRENCY = re.compile(r"^(Digital Currency Address - \w+)\s+(\S+)")
_IMO = re.compile(r"^IMO\s+(\d{7})$")
# Kinds of identifiers the remarks name, longest first so "Passport" does not take
# "Diplomatic Passport" apart.
_ID_KINDS = sorted(
    (
        "Passport", "Diplomatic Passport", "National ID No.", "Tax ID No.", "SSN", "Cedula No.",
        "C.U.R.P.", "C.U.R.P. #", "R.F.C.", "R.F.C. #", "RFC", "NIT #", "RUC #", "RIF #", "D.N.I.",
        "Registration ID", "Registration Number", "Business Registration Number",
        "Business Registration Document #", "Business Number", "Company Number",
        "UK Company Number", "Commercial Registry Number", "Public Registration Number",
        "Identification Number", "Personal ID Card", "Kenyan ID No.", "Residency Number",
        "Birth Certificate Number", "Driver's License No.", "Electoral Registry No.",
        "Credencial electoral", "Cartilla de Servicio Militar Nacional", "Italian Fiscal Code",
        "Turkish Identification Number", "National Foreign ID Number", "Numero de Identidad",
        "Citizen's Card Number", "Travel Document Number", "Refugee ID Card",
        "Tazkira National ID Card", "VisaNumberID", "Unified Social Credit Code (USCC)",
        "United Social Credit Code Certificate (USCCC)", "Legal Entity Number", "LE Number",
        "V.A.T. Number", "C.R. No.", "Economic Register Number (CBLS)", "SWIFT/BIC",
        "Trade License No.", "Matricula Mercantil No", "Folio Mercantil No.",
        "Chamber of Commerce Number", "Istanbul Chamber of Comm. No.",
        "Dubai Chamber of Commerce Membership No.", "D-U-N-S Number",
        "Central Registration System Number", "BIK (RU)", "Enterprise Number", "US FEIN",
        "Chinese Commercial Code", "I.F.E.", "Permit Number", "SRE Permit No.",
        "Registered Charity No.", "Certificate of Incorporation Number", "C.U.I.", "C.U.I.T.",
        "C.U.I.P.", "RTN", "File Number", "ISIN", "Organization Code", "Government Gazette Number",
        "Vessel Registration Identification", "MMSI", "Aircraft Tail Number",
        "Aircraft Manufacturer's Serial Number (MSN)", "Aircraft Serial Identification",
        "Aircraft Mode S Transponder Code", "Email Address", "Website", "Phone Number",
        "Telephone", "Fax",
    ),
    key=len,
    reverse=True,
)  # fmt: skip


@dataclass
class RemarkFacts:
    aliases: list[Alias] = field(default_factory=list)
    dates_of_birth: list[str] = field(default_factory=list)
    places_of_birth: list[str] = field(default_factory=list)
    nationalities: list[str] = field(default_factory=list)
    citizenships: list[str] = field(default_factory=list)
    identifiers: list[Identifier] = field(default_factory=list)
    gender: str | None = None


_ALIAS_KINDS = {"a": AliasKind.WEAK, "f": AliasKind.FKA, "n": AliasKind.NKA}


def _identifier(phrase: str) -> Identifier | None:
    if match := _DIGITAL_CURRENCY.match(phrase):
        return Identifier(match.group(1), match.group(2))
    for kind in _ID_KINDS:
        if not phrase.startswith(kind + " "):
            continue
        tail = _ID_TAIL.match(phrase[len(kind) + 1 :].strip())
        if not tail:
            return None
        value = tail.group("value").strip(" .")
        country = to_iso2(tail.group("country")) if tail.group("country") else None
        if imo := _IMO.match(value):
            return Identifier("IMO", imo.group(1))
        return Identifier(kind, value, country) if value else None
    return None


def _add(values: list[str], value: str | None) -> None:
    if value and value not in values:
        values.append(value)


def read_remarks(remarks: str) -> RemarkFacts:
    """The aliases, dates of birth, nationalities and identifiers stated in ``remarks``."""
    facts = RemarkFacts()
    for match in _QUOTED_ALIAS.finditer(remarks):
        facts.aliases.append(Alias(match.group(2), _ALIAS_KINDS[match.group(1).lower()]))
    rest = _QUOTED_ALIAS.sub(";", remarks)
    for raw in rest.split(";"):
        phrase = raw.strip().rstrip(".").strip()
        if not phrase:
            continue
        if prefixed := _PREFIX.match(phrase):
            label, value = prefixed.group(1), prefixed.group(2).strip()
            if label == "DOB":
                for iso in parse_dates(value):
                    _add(facts.dates_of_birth, iso)
            elif label == "POB":
                _add(facts.places_of_birth, value)
            elif label == "nationality":
                _add(facts.nationalities, to_iso2(value))
            elif label == "citizen":
                _add(facts.citizenships, to_iso2(value))
            else:
                facts.gender = value
            continue
        identifier = _identifier(phrase.removeprefix("alt. "))
        if identifier and identifier not in facts.identifiers:
            facts.identifiers.append(identifier)
    return facts
