"""What a disclosure version holds: the NSPM-33 common-form sections plus outside activities.

Every field is validated on the way in, so an invalid disclosure is refused whole (422) and
nothing is stored. Countries are ISO 3166-1 alpha-2 codes, currencies ISO 4217 codes.
"""

from datetime import date
from decimal import Decimal
from typing import Annotated, Any, Literal, Self, TypeVar

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    model_validator,
)

from common.names import normalize_name
from services.disclosure.reference import reference

MAX_ITEMS = 200
T = TypeVar("T")


def _clean_text(value: str) -> str:
    if "\x00" in value:
        raise ValueError("text may not contain NUL characters")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise ValueError("text must be valid Unicode") from exc
    return value


def _has_letters(value: str) -> str:
    if not normalize_name(value):
        raise ValueError("a name needs letters or digits")
    return value


def _upper(value: object) -> object:
    return value.strip().upper() if isinstance(value, str) else value


def _known_country(value: str) -> str:
    if value not in reference().country_codes:
        raise ValueError(f"unknown country code {value!r}; use ISO 3166-1 alpha-2 (e.g. CN)")
    return value


def _known_currency(value: str) -> str:
    if value not in reference().currency_codes:
        raise ValueError(f"unknown currency {value!r}; use an ISO 4217 code (e.g. USD)")
    return value


def _plausible_date(value: date) -> date:
    if not date(1900, 1, 1) <= value <= date(2200, 12, 31):
        raise ValueError("dates must fall between 1900 and 2200")
    return value


def _country_enum(schema: dict[str, Any]) -> None:
    schema["enum"] = sorted(reference().country_codes)


def _currency_enum(schema: dict[str, Any]) -> None:
    schema["enum"] = sorted(reference().currency_codes)


def _text(max_length: int) -> object:
    return StringConstraints(strip_whitespace=True, min_length=1, max_length=max_length)


Text = Annotated[str, _text(300), AfterValidator(_clean_text)]
LongText = Annotated[str, _text(4000), AfterValidator(_clean_text)]
OrganisationName = Annotated[
    str, _text(300), AfterValidator(_clean_text), AfterValidator(_has_letters)
]
CountryCode = Annotated[
    str,
    BeforeValidator(_upper),
    StringConstraints(pattern=r"^[A-Z]{2}$"),
    AfterValidator(_known_country),
    Field(examples=["CN"], json_schema_extra=_country_enum),
]
CurrencyCode = Annotated[
    str,
    BeforeValidator(_upper),
    StringConstraints(pattern=r"^[A-Z]{3}$"),
    AfterValidator(_known_currency),
    Field(examples=["USD"], json_schema_extra=_currency_enum),
]
Day = Annotated[date, AfterValidator(_plausible_date)]
Items = Annotated[list[T], Field(max_length=MAX_ITEMS)]
Amount = Annotated[Decimal, Field(ge=0, max_digits=16, decimal_places=2, examples=["250000.00"])]


class Section(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Period(Section):
    start: Day
    end: Day | None = None

    @model_validator(mode="after")
    def _ends_after_start(self) -> Self:
        if self.end is not None and self.end < self.start:
            raise ValueError("end is before start")
        return self


def _currency_with_amount(amount: Decimal | None, currency: str | None) -> None:
    if amount is not None and currency is None:
        raise ValueError("an amount needs its currency")


class Appointment(Period):
    organisation: OrganisationName
    country: CountryCode
    title: Text
    kind: Literal["full_time", "part_time", "visiting", "honorary", "adjunct"]
    paid: bool


class PersonMonths(Section):
    year: Annotated[int, Field(ge=1900, le=2200)]
    months: Annotated[Decimal, Field(ge=0, le=12, max_digits=4, decimal_places=2)]


class SupportItem(Period):
    project_title: Text
    award_number: Text | None = None
    source: OrganisationName = Field(description="Who funds or contributes")
    source_country: CountryCode
    status: Literal["current", "pending"]
    contribution: Literal["award", "in_kind"]
    amount: Amount | None = None
    currency: CurrencyCode | None = None
    in_kind_description: LongText | None = None
    objectives: LongText | None = None
    potential_overlap: LongText | None = Field(
        default=None, description="How this overlaps or duplicates other support, if at all"
    )
    person_months: Annotated[list[PersonMonths], Field(max_length=50)] = Field(default_factory=list)

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        _currency_with_amount(self.amount, self.currency)
        years = [entry.year for entry in self.person_months]
        if len(years) != len(set(years)):
            raise ValueError("person_months lists a year twice")
        return self


class MalignTerms(Section):
    """The malign foreign talent recruitment programme terms (CHIPS Act §10638(4))."""

    deceive_or_hide_from_home_institution: bool = False
    transfer_research_or_ip: bool = False
    replicate_us_funded_work: bool = False
    assign_patents_abroad: bool = False
    relocation_or_excessive_pay: bool = False
    quid_pro_quo: bool = False
    cannot_terminate: bool = False

    def checked(self) -> list[str]:
        return [name for name, value in self.model_dump().items() if value]


class TalentProgramme(Period):
    name: OrganisationName
    sponsor: OrganisationName
    sponsor_country: CountryCode
    compensation: LongText | None = None
    compensation_amount: Amount | None = None
    compensation_currency: CurrencyCode | None = None
    malign_terms: MalignTerms = Field(default_factory=MalignTerms)

    @model_validator(mode="after")
    def _money(self) -> Self:
        _currency_with_amount(self.compensation_amount, self.compensation_currency)
        return self


class OutsideActivity(Period):
    organisation: OrganisationName
    country: CountryCode
    kind: Literal["consulting", "advisory", "board", "employment", "other"]
    description: LongText | None = None
    paid: bool
    amount: Amount | None = None
    currency: CurrencyCode | None = None

    @model_validator(mode="after")
    def _money(self) -> Self:
        _currency_with_amount(self.amount, self.currency)
        return self


class SponsoredTravel(Period):
    sponsor: OrganisationName
    sponsor_country: CountryCode
    destination_country: CountryCode
    purpose: Text
    amount: Amount | None = None
    currency: CurrencyCode | None = None

    @model_validator(mode="after")
    def _money(self) -> Self:
        _currency_with_amount(self.amount, self.currency)
        return self


class ForeignAgreement(Period):
    title: Text
    partner_organisation: OrganisationName
    partner_country: CountryCode
    agreement_type: Literal[
        "collaboration", "mou", "data_sharing", "material_transfer", "exchange", "other"
    ]
    reference: Text | None = None
    signed_on: Day | None = None


class DisclosureContent(Section):
    """The sections a researcher fills in; every list may be empty."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "appointments": [
                        {
                            "organisation": "Harbin Institute of Technology",
                            "country": "CN",
                            "title": "Visiting Professor",
                            "kind": "visiting",
                            "paid": True,
                            "start": "2025-06-01",
                            "end": "2026-05-31",
                        }
                    ],
                    "talent_programmes": [
                        {
                            "name": "Thousand Talents Plan",
                            "sponsor": "Ministry of Science and Technology",
                            "sponsor_country": "CN",
                            "start": "2025-01-01",
                            "end": "2027-12-31",
                            "malign_terms": {"transfer_research_or_ip": True},
                        }
                    ],
                }
            ]
        },
    )

    appointments: Items[Appointment] = Field(default_factory=list)
    support: Items[SupportItem] = Field(default_factory=list)
    talent_programmes: Items[TalentProgramme] = Field(default_factory=list)
    outside_activities: Items[OutsideActivity] = Field(default_factory=list)
    sponsored_travel: Items[SponsoredTravel] = Field(default_factory=list)
    foreign_agreements: Items[ForeignAgreement] = Field(default_factory=list)
