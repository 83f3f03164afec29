"""The adapters on small hand-made files: the CSL API JSON, the curated formats, broken files
rejected whole with their location, and the list catalog."""

from pathlib import Path

import pytest

from services.parties.adapters import csl, curated, dpl, ofac, ofsi, un
from services.parties.adapters.base import AdapterError, AliasKind, PartyType
from services.parties.adapters.discover import FORMATS, discover, read_source
from services.parties.catalog import CATEGORIES, category_for, effect_for, list_info

FIXTURES = Path(__file__).parent / "fixtures"
CONTRACT_LIST_IDS = (
    "us-csl", "ofac-sdn", "un", "uk-ofsi", "bis-dpl", "bis-entity-list", "bis-meu", "dow-1286",
    "dow-1260h", "ofac-nscmic", "ofac-eo14032", "dhs-uflpa", "cbp-wro", "fcc-covered",
    "state-debarred-admin", "state-debarred-statutory", "state-nonproliferation",
)  # fmt: skip


def fixture(name: str) -> dict[str, bytes]:
    return {name: (FIXTURES / name).read_bytes()}


def test_csl_api_json_twin() -> None:
    parsed = csl.parse_json(fixture("csl-api.json"))
    assert [p.source_id for p in parsed.parties] == [
        "SDN-21944", "EL-a0b130ed562b11470b8f9ccd0f1eb91947f64bcc", "UVL-c0ffee"
    ]  # fmt: skip
    rim, nudt, trading = parsed.parties
    assert rim.party_type is PartyType.PERSON
    assert rim.identifiers[0].kind == "Passport" and rim.identifiers[0].country == "SY"
    assert rim.extra["entity_number"] == "21944"
    assert nudt.addresses == ("109 Deya Road, Kaifu District, Changsha, Hunan, CN",)
    assert nudt.countries == ("CN",)
    assert {a.name for a in nudt.aliases} == {
        "National University of Defense Technology", "NUDT", "Hunan Guofang Keji University"
    }  # fmt: skip
    assert nudt.license_policy == "Presumption of denial."
    assert trading.sub_list == "UVL" and trading.countries == ("AE",)


def test_curated_json_with_typed_aliases_ids_and_licence_notes() -> None:
    parsed = curated.parse(fixture("curated-watchlist.json"))
    assert parsed.list_id == "watchlist"
    assert parsed.snapshot == "2026-07-01"
    aaspt, jane, plan = parsed.parties
    assert aaspt.source_id == "academy-of-aerospace-solid-propulsion-technology-aaspt-cn"
    kinds = {(a.name, a.kind) for a in aaspt.aliases}
    assert ("AASPT", AliasKind.ACRONYM) in kinds
    assert ("中国航天科技集团有限公司第四研究院", AliasKind.NATIVE) in kinds
    assert ("Fourth Academy", AliasKind.AKA) in kinds
    assert "and" not in {a.name for a in aaspt.aliases}
    assert aaspt.license_requirement == "All items subject to the EAR"
    assert aaspt.license_policy == "Presumption of denial"
    assert (jane.source_id, jane.party_type) == ("wl-0002", PartyType.PERSON)
    assert jane.countries == () and jane.extra["country"] == "Atlantis"
    assert jane.remarks == "Country: Atlantis"
    assert jane.start_date == "2025-03-01"
    assert plan.sub_list == "programmes"
    assert {(a.name, a.kind) for a in plan.aliases} == {("TPX", AliasKind.ACRONYM)}


def test_curated_csv_takes_its_list_id_from_the_caller_or_the_file_name() -> None:
    parsed = curated.parse_csv(fixture("curated-watchlist.csv"))
    assert parsed.list_id == "curated-watchlist"
    acme, doe = parsed.parties
    assert acme.source_id == "acme-quantum-lab-ru"
    assert {a.name for a in acme.aliases} == {"AQL", "Acme Labs"}
    assert acme.addresses == ("1 Lenin St, Moscow",)
    assert (doe.source_id, doe.party_type, doe.remarks) == (
        "jd-1", PartyType.PERSON, "visiting scholar declined 2025"
    )  # fmt: skip
    assert FORMATS["curated-csv"](fixture("curated-watchlist.csv"), "watchlist").list_id == (
        "watchlist"
    )


def test_a_curated_file_for_another_list_is_refused() -> None:
    with pytest.raises(AdapterError) as error:
        curated.parse(fixture("curated-watchlist.json"), "dow-1286")
    assert error.value.location == "list_id"


@pytest.mark.parametrize(
    ("parser", "files", "location", "problem"),
    [
        (csl.parse, fixture("csl-wrong-columns.csv"), "line 3", "expected 4 columns, found 3"),
        (csl.parse, fixture("csl-latin1.csv"), "line 2", "not UTF-8"),
        (csl.parse, {"x.csv": b"source,name\nSDN,A\n"}, "line 1", "missing required column"),
        (csl.parse_json, {"x.json": b'{"results": [{"id": "1", "source": "Nope", "name": "A"}]}'},
         "results[0]", "unknown CSL source"),
        (ofac.parse, {"sdn.csv": (FIXTURES / "sdn-no-name.csv").read_bytes()}, "line 2",
         "entry 307 has no name"),
        (ofac.parse, {"sdn.csv": b'99999,"UNTERMINATED QUOTE,-0- ,\n'}, "line 1", "malformed CSV"),
        (ofac.parse, {"alt.csv": b"1,2,\"aka\",\"X\",-0-\n"}, "files", "sdn.csv is missing"),
        (un.parse, fixture("un-unclosed.xml"), "line 8", "unparseable XML"),
        (dpl.parse, fixture("dpl-missing-column.txt"), "line 1", "FR_Citation"),
        (ofsi.parse, fixture("ofsi-not-a-workbook.xlsx"), "file", "not a readable xlsx"),
        (curated.parse, fixture("curated-count-mismatch.json"), "count",
         "count says 3 but there are 2"),
        (curated.parse, fixture("curated-no-name.json"), "entities[1]", "entry has no name"),
        (curated.parse, {"x.json": b'{"entities": [{"name": "A", "type": "robot"}]}'},
         "entities[0]", "unknown type 'robot'"),
        (curated.parse, {"x.json": b'{"entities": [{"name": "A"}, {"name": "B", "id": "a b"}]}'},
         "entities[1]", "must match"),
        (curated.parse, {"x.json": b'{"list_id": "dow-1286", "entities": [{"name": "A"}]}'},
         "entities[0]", "Table 1/2"),
        (curated.parse, {"x.json": b'{"entities": []}'}, "file", "no entries"),
    ],
)  # fmt: skip
def test_broken_files_are_rejected_with_their_location(parser, files, location, problem) -> None:
    with pytest.raises(AdapterError) as error:
        parser(files)
    assert error.value.location.startswith(location), str(error.value)
    assert problem in error.value.problem, str(error.value)
    assert error.value.source in str(error.value)


def test_a_real_sdn_file_with_a_broken_line_is_rejected_whole(lists_dir: Path) -> None:
    lines = (lists_dir / "ofac-sdn/2024-05/sdn.csv").read_bytes().splitlines(keepends=True)
    broken = b"".join(lines[:50]) + b'99999,"UNTERMINATED QUOTE,-0- ,\n' + b"".join(lines[50:100])
    with pytest.raises(AdapterError) as error:
        ofac.parse({"sdn.csv": broken})
    assert error.value.source == "sdn.csv"
    assert error.value.location.startswith("line ")


def test_every_contract_list_has_a_description_and_known_categories() -> None:
    for list_id in CONTRACT_LIST_IDS:
        info = list_info(list_id)
        assert info.name and info.authority and info.official_url, list_id
        assert info.update_cadence, list_id
    for code in csl.SUB_LISTS:
        assert category_for("us-csl", code) in CATEGORIES
        assert effect_for("us-csl", code)
    assert category_for("us-csl", "SDN") == "sdn"
    assert category_for("us-csl", "EL") == "entity_list"
    assert category_for("us-csl", "UVL") == "unverified"
    assert category_for("ofac-sdn", "ofac-sdn") == "sdn"
    assert category_for("bis-dpl", "bis-dpl") == "denied_persons"
    assert category_for("dow-1286", "table1") == "dod_1286_institution"
    assert category_for("dow-1286", "table2") == "dod_1286_talent_program"
    assert category_for("un", "un") == "un_sanctions"
    assert category_for("uk-ofsi", "uk-ofsi") == "uk_sanctions"
    assert category_for("watchlist", "watchlist") == "watchlist"
    assert category_for("my-lab-list", "anything") == "watchlist"
    assert list_info("my-lab-list").name == "my-lab-list"
    assert effect_for("ofac-sdn", None).startswith("blocked")
    assert "license_requirement" in effect_for("bis-entity-list", None)
    assert effect_for("us-csl", "UVL").startswith("red flag")
    assert "DoD-funded" in effect_for("dow-1286", "table1")


def test_discovery_reports_a_broken_json_file_instead_of_skipping_it(tmp_path: Path) -> None:
    (tmp_path / "lists.json").write_text('{"lists": []}')
    (tmp_path / "my_list.json").write_text('{"list_id": "my-list", "entities": [')
    (tmp_path / "readme.txt").write_text("not a list")
    specs = discover(tmp_path)
    assert [(s.list_id, s.format) for s in specs] == [("my-list", "curated-json")]
    with pytest.raises(AdapterError) as error:
        read_source(specs[0])
    assert error.value.source == "my_list.json"
    assert error.value.location == "line 1"
