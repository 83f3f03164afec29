"""The list adapters on the real list files: counts, known entries, ids, discovery order."""

import csv
import gzip
import io
import re
from collections import Counter
from pathlib import Path

import pytest

from common.names import normalize_name
from services.parties.adapters.base import AliasKind, ParsedList, ParsedParty, PartyType
from services.parties.adapters.discover import SourceSpec, discover, read_source

SOURCE_ID = re.compile(r"^[A-Za-z0-9._-]{1,120}$")
RESEARCH_SECURITY_COUNTS = {
    "bis-dpl": 564, "bis-entity-list": 3409, "bis-meu": 70, "cbp-wro": 67, "dhs-uflpa": 148,
    "dow-1260h": 80, "dow-1286": 134, "fcc-covered": 15, "ofac-eo14032": 59, "ofac-nscmic": 68,
    "state-debarred-admin": 8, "state-debarred-statutory": 779, "state-nonproliferation": 528,
}  # fmt: skip


@pytest.fixture(scope="module")
def specs(lists_dir: Path) -> list[SourceSpec]:
    return discover(lists_dir)


@pytest.fixture(scope="module")
def parsed(specs: list[SourceSpec]) -> dict[tuple[str, str | None], ParsedList]:
    """Every real source parsed once, keyed by (list id, snapshot)."""
    return {(spec.list_id, spec.snapshot): read_source(spec) for spec in specs}


def one(
    parsed: dict[tuple[str, str | None], ParsedList], list_id: str, snapshot: str
) -> ParsedList:
    return parsed[(list_id, snapshot)]


def by_id(parsed_list: ParsedList, source_id: str) -> ParsedParty:
    return next(p for p in parsed_list.parties if p.source_id == source_id)


def by_name(parsed_list: ParsedList, name: str) -> ParsedParty:
    return next(p for p in parsed_list.parties if p.name == name)


def alias_names(party: ParsedParty, kind: AliasKind | None = None) -> set[str]:
    return {a.name for a in party.aliases if kind is None or a.kind is kind}


def test_discovery_finds_every_source_in_version_order(specs: list[SourceSpec]) -> None:
    found = [(s.list_id, s.format, s.snapshot) for s in specs]
    assert len(found) == 19
    assert [f for f in found if f[0] == "ofac-sdn"] == [
        ("ofac-sdn", "ofac-legacy-csv", "2021-07"),
        ("ofac-sdn", "ofac-legacy-csv", "2024-05"),
    ]
    assert [f for f in found if f[0] == "bis-dpl"] == [
        ("bis-dpl", "bis-dpl-txt", "2022-09"),
        ("bis-dpl", "curated-json", "2026-07-09"),
    ]
    assert ("us-csl", "csl-csv", "2022-05-16") in found
    assert ("un", "un-xml", "2026-02-27") in found
    assert ("uk-ofsi", "uk-ofsi-xlsx", "2025-04-10") in found
    curated = {s.list_id for s in specs if s.format == "curated-json"}
    assert curated == set(RESEARCH_SECURITY_COUNTS)
    ofac_2021 = next(s for s in specs if s.snapshot == "2021-07")
    assert sorted(p.name for p in ofac_2021.files) == [
        "add.csv", "alt.csv", "sdn.csv", "sdn_comments.csv"
    ]  # fmt: skip


def test_every_source_id_is_well_formed_and_unique(parsed) -> None:
    for (list_id, snapshot), parsed_list in parsed.items():
        ids = [p.source_id for p in parsed_list.parties]
        assert len(ids) == len(set(ids)), (list_id, snapshot)
        bad = [i for i in ids if not SOURCE_ID.match(i)]
        assert not bad, (list_id, bad[:5])
        assert all(p.name.strip() for p in parsed_list.parties)
        assert parsed_list.list_id == list_id
        assert parsed_list.snapshot == snapshot


def test_no_junk_aliases_anywhere(parsed) -> None:
    for parsed_list in parsed.values():
        for party in parsed_list.parties:
            for alias in party.aliases:
                lowered = alias.name.lower()
                assert lowered not in {"and", "or", "the", ""}, (party.source_id, alias)
                assert not lowered.startswith("and "), (party.source_id, alias)
                assert alias.name == alias.name.strip()
                assert normalize_name(alias.name) != normalize_name(party.name) or (
                    alias.kind is AliasKind.NATIVE
                )


def test_csl_counts_per_sub_list(parsed, lists_dir: Path) -> None:
    path = lists_dir / "us-csl/consolidated-2022-05-16.csv.gz"
    with gzip.open(path, "rt", encoding="utf-8", newline="") as handle:
        assert sum(1 for _ in csv.DictReader(handle)) == 14_160
    csl = one(parsed, "us-csl", "2022-05-16")
    # The file repeats one CAP entry (BANK OF KUNLUN, 15268) word for word: kept once.
    assert len(csl.parties) == 14_159
    assert Counter(p.sub_list for p in csl.parties) == {
        "SDN": 10_026, "EL": 2_001, "DTC": 727, "DPL": 462, "SSI": 290, "UVL": 201,
        "ISN": 163, "PLC": 78, "MEU": 71, "CMIC": 68, "CAP": 52, "NS-MBS": 17, "FSE": 3,
    }  # fmt: skip


def test_csl_entries_keep_their_fields(parsed) -> None:
    csl = one(parsed, "us-csl", "2022-05-16")
    rim = by_id(csl, "SDN-21944")
    assert rim.party_type is PartyType.PERSON
    assert rim.dates_of_birth == ("1973-03-25",)
    assert rim.nationalities == ("SY",)
    assert rim.programs == ("SYRIA",)
    harbin = next(p for p in csl.parties if p.name == "Harbin Institute of Technology")
    assert harbin.sub_list == "EL"
    assert harbin.license_requirement and "subject to the EAR" in harbin.license_requirement
    assert harbin.license_policy == "Presumption of denial"
    assert harbin.federal_register == "85 FR 34497"
    assert harbin.start_date == "2020-06-05"
    assert harbin.countries == ("CN",)
    nudt = next(p for p in csl.parties if p.name.startswith("National University of Defense"))
    assert "NUDT" in alias_names(nudt, AliasKind.ACRONYM)
    ihep = next(
        p
        for p in csl.parties
        if p.name == "Institute of High Energy Physics" and p.sub_list == "EL"
    )
    assert {"IHEP", "Kurchatovskiy Institute ITEF"} <= alias_names(ihep)
    # "and EC" was a splitting fragment: the short acronym itself stays.
    assert any("EC" in alias_names(p) for p in csl.parties if p.sub_list == "EL")
    auction = by_id(csl, "SSI-18741")
    assert auction.identifiers[0].kind == "Registration ID"
    assert auction.identifiers[0].country == "RU"
    assert "SDN-18741" in {p.source_id for p in csl.parties}


def test_sdn_2021_joins_addresses_and_aliases(parsed, lists_dir: Path) -> None:
    sdn = one(parsed, "ofac-sdn", "2021-07")
    assert len(sdn.parties) == 8_976
    text = (lists_dir / "ofac-sdn/2021-07/alt.csv").read_bytes().rstrip(b"\x1a").decode()
    alt_rows = [row for row in csv.reader(io.StringIO(text)) if row]
    assert len(alt_rows) == 11_910
    parties = {p.source_id: p for p in sdn.parties}
    for row in alt_rows:
        party = parties[row[0]]
        names = {normalize_name(n) for n in alias_names(party) | {party.name}}
        assert normalize_name(row[3]) in names, row
    assert Counter(p.party_type for p in sdn.parties) == {
        PartyType.PERSON: 4_620, PartyType.ORGANIZATION: 3_673, PartyType.VESSEL: 406,
        PartyType.AIRCRAFT: 277,
    }  # fmt: skip
    bank = parties["306"]
    assert "NATIONAL BANK OF CUBA" in alias_names(bank, AliasKind.AKA)
    assert "BNC" in alias_names(bank, AliasKind.WEAK)
    assert bank.countries == ("CH", "ES", "JP", "PA")
    marzook = parties["3754"]
    assert marzook.dates_of_birth == ("1951-02-09",)
    assert marzook.places_of_birth == ("Gaza, Egypt",)
    assert ("Passport", "92/664", "EG") in {
        (i.kind, i.value, i.country) for i in marzook.identifiers
    }
    assert parties["4108"].dates_of_birth == ("1943-11-23", "1943-07-15")
    continued = parties["12300"]
    assert continued.remarks and continued.remarks.endswith("Linked To: R D I S.A.")


def test_sdn_2024_parses_alone_with_weak_aliases_from_remarks(parsed) -> None:
    sdn = one(parsed, "ofac-sdn", "2024-05")
    assert len(sdn.parties) == 14_965
    assert {a.kind for p in sdn.parties for a in p.aliases} >= {AliasKind.WEAK, AliasKind.FKA}
    assert alias_names(by_id(sdn, "306")) == {"BNC"}
    assert sum(1 for p in sdn.parties if p.nationalities) > 4_000


def test_un_individuals_and_entities(parsed) -> None:
    un = one(parsed, "un", "2026-02-27")
    assert len(un.parties) == 1_003
    assert Counter(p.party_type for p in un.parties) == {
        PartyType.PERSON: 730,
        PartyType.ORGANIZATION: 273,
    }
    saddam = by_id(un, "IQi.001")
    assert saddam.name == "SADDAM HUSSEIN AL-TIKRITI"
    assert "صدام حسين التكريتي" in alias_names(saddam, AliasKind.NATIVE)
    assert "Abu Ali" in alias_names(saddam, AliasKind.WEAK)
    assert saddam.dates_of_birth == ("1937-04-28",)
    assert saddam.nationalities == ("IQ",)
    assert saddam.start_date == "2003-06-27"
    assert saddam.programs == ("Iraq",)
    assert saddam.extra["dataid"] == "6908048"
    komid = by_id(un, "KPe.001")
    assert "KOMID" in alias_names(komid)
    assert komid.countries == ("KP",)


def test_dpl_text_file(parsed) -> None:
    dpl = one(parsed, "bis-dpl", "2022-09")
    assert len(dpl.parties) == 581
    villa = by_id(dpl, "aaron-abraham-villa-us")
    assert villa.name == "AARON ABRAHAM VILLA"
    assert villa.start_date == "2022-08-24"
    assert villa.end_date == "2026-01-14"
    assert villa.federal_register == "87 F.R. 52741 8/29/2022"
    assert villa.party_type is PartyType.UNKNOWN
    chens = sorted(p.source_id for p in dpl.parties if p.name == "CATHY CHEN")
    assert len(chens) == 2 and all(i.startswith("cathy-chen-") for i in chens)


def test_ofsi_groups(parsed) -> None:
    ofsi = one(parsed, "uk-ofsi", "2025-04-10")
    assert len(ofsi.parties) == 4_686
    assert Counter(p.party_type for p in ofsi.parties) == {
        PartyType.PERSON: 3_662,
        PartyType.ORGANIZATION: 1_009,
        PartyType.VESSEL: 15,
    }
    abakarov = by_id(ofsi, "14241")
    assert abakarov.name == "Khizri Magomedovich ABAKAROV"
    assert "Хизри Магомедович Абакаров" in alias_names(abakarov, AliasKind.NATIVE)
    assert abakarov.dates_of_birth == ("1960-06-28",)
    assert abakarov.nationalities == ("RU",)
    assert abakarov.programs == ("Russia",)
    assert abakarov.extra["uk_sanctions_list_ref"] == "RUS0296"
    haq = by_id(ofsi, "15672")
    assert {"Mian MITHOO", "Mian MITHU"} <= alias_names(haq)
    ship = by_id(ofsi, "13651")
    assert ship.party_type is PartyType.VESSEL
    assert ("IMO", "7408873") in {(i.kind, i.value) for i in ship.identifiers}


def test_research_security_files(parsed) -> None:
    for list_id, count in RESEARCH_SECURITY_COUNTS.items():
        assert len(one(parsed, list_id, "2026-07-09").parties) == count, list_id
    entity_list = one(parsed, "bis-entity-list", "2026-07-09")
    harbin = by_id(entity_list, "harbin-institute-of-technology-cn")
    assert (
        harbin.license_requirement == "For all items subject to the EAR. (See § 744.11 of the EAR)"
    )
    assert "Harbin Institute of Technology, Shenzhen Research Institute" in alias_names(harbin)
    assert harbin.addresses[1].startswith("No. 92 West Dazhi Street")
    nudt = by_id(entity_list, "national-university-of-defense-technology-nudt-cn")
    assert {"NUDT", "CSCC"} <= alias_names(nudt, AliasKind.ACRONYM)
    assert "National University of Defense Technology" in alias_names(nudt)
    hpstar = next(p for p in entity_list.parties if "HPSTAR" in alias_names(p))
    assert hpstar.name == "Center for High Pressure Science and Technology Advanced Research"
    assert len([p for p in entity_list.parties if p.name == "BuyBest Electronic"]) == 3
    assert all(p.license_requirement for p in entity_list.parties)
    dod = one(parsed, "dow-1286", "2026-07-09")
    assert Counter(p.sub_list for p in dod.parties) == {"table1": 128, "table2": 6}
    assert by_id(dod, "thousand-talents-plan").sub_list == "table2"
    meu = one(parsed, "bis-meu", "2026-07-09")
    aaspt = next(p for p in meu.parties if p.name.endswith("(AASPT)"))
    assert "AASPT" in alias_names(aaspt, AliasKind.ACRONYM)
    debarred = one(parsed, "state-debarred-statutory", "2026-07-09")
    assert {p.party_type for p in debarred.parties} == {PartyType.UNKNOWN}
    assert {p.party_type for p in one(parsed, "dow-1260h", "2026-07-09").parties} == {
        PartyType.ORGANIZATION
    }
