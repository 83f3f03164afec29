"""What callers send to ``POST /v1/screenings``: one schema per kind, all but the core optional."""

import re
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, field_validator

from common.names import normalize_name

PartyType = Literal["person", "organization", "vessel", "aircraft"]
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def no_nul(value: str) -> str:
    """PostgreSQL text cannot hold NUL characters, and no real name has one."""
    if "\x00" in value:
        raise ValueError("must not contain NUL characters")
    return value


Text = Annotated[str, Field(min_length=1, max_length=500), AfterValidator(no_nul)]
ShortText = Annotated[str, Field(min_length=1, max_length=200), AfterValidator(no_nul)]
Country = Annotated[
    str,
    AfterValidator(no_nul),
    Field(
        min_length=2,
        max_length=60,
        description="ISO 3166-1 alpha-2 code (or name)",
        examples=["CN"],
    ),
]


def _has_letters(value: str | None) -> str | None:
    if value is not None and not normalize_name(value):
        raise ValueError("needs at least one letter or digit")
    return value


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Party(Strict):
    """Someone or something named in the request; every party is screened against the lists.

    ``country`` only helps the name matching: no rule scores a party's nationality."""

    name: Text = Field(examples=["Harbin Institute of Technology"])
    type: PartyType | None = Field(default=None, examples=["organization"])
    country: Country | None = None
    date_of_birth: str | None = Field(default=None, description="YYYY, YYYY-MM or YYYY-MM-DD")
    affiliation: Text | None = Field(
        default=None, description="A person's organisation; screened as an organisation too"
    )
    person_ref: ShortText | None = Field(
        default=None,
        description="ORCID or disclosure-service person id; links the organisations seen",
        examples=["0000-0002-1825-0097"],
    )
    subject_ref: ShortText | None = Field(
        default=None,
        description="Your stable id for this party; false-positive decisions are remembered "
        "per subject (default: normalized name + type + country)",
    )

    _names = field_validator("name", "affiliation")(_has_letters)

    @field_validator("date_of_birth")
    @classmethod
    def _date(cls, value: str | None) -> str | None:
        if value is not None and not _DATE.match(value):
            raise ValueError("use YYYY, YYYY-MM or YYYY-MM-DD")
        return value


class CollaborationParty(Party):
    role: Literal["collaborator", "co-investigator", "institution", "funder", "co-author"] = (
        "collaborator"
    )


class Place(Strict):
    """Where something happens: the embargo rules read places, never people."""

    country: Country
    region: Text | None = Field(default=None, examples=["Crimea"])
    city: Text | None = None


class FundingSource(Strict):
    name: Text = Field(examples=["National Natural Science Foundation of China"])
    type: PartyType | None = "organization"
    country: Country | None = Field(default=None, description="Where the money comes from")
    support: Literal["funding", "in_kind"] = "funding"
    description: Text | None = None
    person_ref: ShortText | None = Field(
        default=None, description="The person this support goes to, if it is personal"
    )
    disclosed: bool | None = Field(
        default=None, description="False when the researcher has not disclosed it"
    )
    payment_route: list[Place] = Field(default_factory=list, max_length=20)

    _names = field_validator("name")(_has_letters)


class MalignTerms(Strict):
    """The malign-programme checklist (CHIPS and Science Act §10638(4))."""

    deceive_or_hide_from_home_institution: bool = False
    transfer_research_or_ip: bool = False
    replicate_us_funded_work: bool = False
    assign_patents_abroad: bool = False
    relocation_or_excessive_pay: bool = False
    quid_pro_quo: bool = False
    cannot_terminate: bool = False

    def any(self) -> bool:
        return any(self.model_dump().values())


class TalentProgramme(Strict):
    name: Text = Field(examples=["Thousand Talents Plan"])
    sponsor: Text | None = None
    country: Country | None = Field(default=None, description="Sponsor country")
    person_ref: ShortText | None = None
    current: bool = True
    disclosed: bool | None = None
    terms: MalignTerms = Field(default_factory=MalignTerms)

    _names = field_validator("name", "sponsor")(_has_letters)


class CoAuthorship(Strict):
    name: Text | None = Field(default=None, description="The co-author")
    affiliation: Text = Field(examples=["Northwestern Polytechnical University"])
    country: Country | None = None
    year: int = Field(ge=1900, le=2100, examples=[2022])

    _names = field_validator("name", "affiliation")(_has_letters)


class Item(Strict):
    """A physical item, material, equipment or software to ship or hand-carry."""

    description: Text = Field(examples=["cryogenic amplifier"])
    eccn: Annotated[str, Field(max_length=20, examples=["3A001"])] | None = None
    usml_category: Annotated[str, Field(max_length=20)] | None = None
    destination: Place | None = None
    end_user: Text | None = Field(default=None, description="Screened as an organisation")
    hand_carry: bool = False

    _names = field_validator("end_user")(_has_letters)


class Confidentiality(Strict):
    results_secret: bool = False
    restricts_publication: bool = False
    no_reciprocity: bool = False
    description: Text | None = None


Activity = Literal["publishing", "conference", "open_exchange", "advising_students"]
TechnologyArea = Literal["emerging_critical", "military_end_use", "dual_use"]
Exchange = Literal["data", "software", "materials", "equipment"]


class Sponsorship(Strict):
    sponsor: ShortText | None = Field(default=None, examples=["DoD"])
    federal_award: bool | None = Field(
        default=None, description="Default: true when the sponsor is a US federal agency"
    )


class CollaborationRequest(Sponsorship):
    kind: Literal["collaboration"]
    title: Text | None = None
    topic: Text | None = Field(default=None, examples=["quantum sensing"])
    technology_areas: list[TechnologyArea] = Field(default_factory=list, max_length=3)
    classifications: list[Annotated[str, Field(min_length=1, max_length=20)]] = Field(
        default_factory=list,
        max_length=20,
        description="ECCN or USML self-classification",
    )
    parties: list[CollaborationParty] = Field(min_length=1, max_length=500)
    work_locations: list[Place] = Field(default_factory=list, max_length=50)
    funding_sources: list[FundingSource] = Field(default_factory=list, max_length=100)
    exchanges: list[Exchange] = Field(default_factory=list, max_length=4)
    items: list[Item] = Field(default_factory=list, max_length=200)
    confidentiality: Confidentiality | None = None
    talent_programmes: list[TalentProgramme] = Field(default_factory=list, max_length=20)
    co_authorships: list[CoAuthorship] = Field(default_factory=list, max_length=500)
    participants_unknown: bool = False
    activities: list[Activity] = Field(default_factory=list, max_length=4)


class Payer(Strict):
    name: Text = Field(examples=["Thousand Talents Plan"])
    type: PartyType | None = "organization"
    country: Country | None = None
    pays: list[Literal["travel", "stay", "salary", "research"]] = Field(
        default_factory=list, max_length=4
    )
    disclosed: bool | None = None

    _names = field_validator("name")(_has_letters)


class VisitorRequest(Sponsorship):
    kind: Literal["visitor"]
    visitor: Party
    employer: Party | None = None
    paid_by: list[Payer] = Field(default_factory=list, max_length=20)
    host: Text | None = Field(default=None, description="Host department or lab")
    visit_location: Place | None = None
    length_of_stay_days: int | None = Field(default=None, ge=0, le=3650)
    lab_access: bool = False
    it_access: bool = False
    sponsored_work_in_lab: bool = False
    proprietary_work_in_lab: bool = Field(default=False, description="Work under an NDA")
    restricted_work_in_lab: bool = Field(default=False, description="Export-controlled work")
    joins_ongoing_research: bool = Field(
        default=False, description="In-kind help to disclose to the sponsor"
    )
    talent_programmes: list[TalentProgramme] = Field(default_factory=list, max_length=20)
    topic: Text | None = None


class VendorParty(Party):
    role: Literal["vendor", "end_user", "consignee", "manufacturer"] = "vendor"
    goods: Text | None = None


class VendorRequest(Sponsorship):
    """A purchase (one vendor or a procurement file of many) or a shipment.

    A vendor's or manufacturer's country is where the purchase happens (an embargoed place
    blocks it); a consignee's or end user's country is the shipment's destination."""

    kind: Literal["vendor"]
    parties: list[VendorParty] = Field(min_length=1, max_length=10_000)
    goods: Text | None = None
    items: list[Item] = Field(default_factory=list, max_length=500)
    payment_route: list[Place] = Field(default_factory=list, max_length=20)


ScreeningRequest = Annotated[
    CollaborationRequest | VisitorRequest | VendorRequest, Field(discriminator="kind")
]
