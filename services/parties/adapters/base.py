"""What every list adapter produces: parsed parties, independent of the source format."""

from dataclasses import dataclass, field
from enum import StrEnum


class PartyType(StrEnum):
    PERSON = "person"
    ORGANIZATION = "organization"
    VESSEL = "vessel"
    AIRCRAFT = "aircraft"
    UNKNOWN = "unknown"


class AliasKind(StrEnum):
    AKA = "aka"
    FKA = "fka"
    NKA = "nka"  # now known as
    ACRONYM = "acronym"
    NATIVE = "native"  # the name in its own (non-Latin) script
    WEAK = "weak"  # low-quality alias per the list (UN "Low", OFAC "weak a.k.a.")


@dataclass(frozen=True, slots=True)
class Alias:
    name: str
    kind: AliasKind = AliasKind.AKA


@dataclass(frozen=True, slots=True)
class Identifier:
    kind: str  # e.g. "Passport", "Tax ID No.", "IMO", "USCC"
    value: str
    country: str | None = None


@dataclass(frozen=True, slots=True)
class ParsedParty:
    """One list entry, as the list says it. ``source_id`` is the list's own id for the entry
    (or, for lists without ids, a stable key derived from the name) and is unique per list."""

    source_id: str
    # e.g. CSL source code "EL", "SDN"; "table1"/"table2" for DoD 1286; else the list id
    sub_list: str
    party_type: PartyType
    name: str
    aliases: tuple[Alias, ...] = ()
    addresses: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()  # ISO 3166-1 alpha-2 where the country is known
    dates_of_birth: tuple[str, ...] = ()  # ISO dates, or "YYYY" / "YYYY-MM" when partial
    places_of_birth: tuple[str, ...] = ()
    nationalities: tuple[str, ...] = ()  # ISO alpha-2
    identifiers: tuple[Identifier, ...] = ()
    programs: tuple[str, ...] = ()
    title: str | None = None
    federal_register: str | None = None
    start_date: str | None = None
    end_date: str | None = None
    remarks: str | None = None
    license_requirement: str | None = None
    license_policy: str | None = None
    source_url: str | None = None
    extra: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class ParsedList:
    """A whole list file (or file set) parsed. ``list_id`` is our id for the list."""

    list_id: str
    parties: tuple[ParsedParty, ...]
    source_name: str  # file name(s) read
    snapshot: str | None = None  # the publication date the file carries, when it does


class AdapterError(ValueError):
    """A malformed source file.

    ``location`` names the line/row/element; ``problem`` says what is wrong."""

    def __init__(self, source: str, location: str, problem: str) -> None:
        super().__init__(f"{source}: {location}: {problem}")
        self.source = source
        self.location = location
        self.problem = problem
