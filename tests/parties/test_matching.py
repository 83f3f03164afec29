"""The matching engine: normalization properties, behaviours on small hand-written lists,
and the named near-miss and must-hit cases on the real research-security lists."""

import json
import string
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from common.names import normalize_name
from services.parties.adapters.discover import discover, read_source
from services.parties.matching import (
    DEFAULT_THRESHOLD,
    REVIEW_FLOOR,
    Hit,
    IndexEntry,
    IndexName,
    MatchIndex,
    Query,
    score_pair,
)
from services.parties.records import index_entry, party_id, party_record

WORDS = st.text(alphabet=string.ascii_letters + string.digits, min_size=1, max_size=8)
NAMES = st.lists(WORDS, min_size=1, max_size=5)


@given(st.text())
def test_normalize_is_idempotent_and_ascii_for_any_unicode(text: str) -> None:
    once = normalize_name(text)
    assert normalize_name(once) == once
    assert once.isascii()
    assert set(once) <= set(string.ascii_lowercase + string.digits + " ")


@given(NAMES)
def test_normalize_ignores_case(words: list[str]) -> None:
    text = " ".join(words)
    assert normalize_name(text.upper()) == normalize_name(text.lower()) == normalize_name(text)


@given(NAMES, st.lists(st.sampled_from([" ", "  ", "\t", "\n", " \u00a0"]), min_size=5, max_size=5))
def test_normalize_ignores_whitespace(words: list[str], gaps: list[str]) -> None:
    spaced = "".join(word + gap for word, gap in zip(words, gaps, strict=False))
    assert normalize_name(spaced) == normalize_name(" ".join(words))


@given(NAMES, st.lists(st.sampled_from(list(',.;:-/()"!?*')), min_size=5, max_size=5))
def test_normalize_ignores_punctuation_between_words(words: list[str], marks: list[str]) -> None:
    punctuated = " ".join(word + mark for word, mark in zip(words, marks, strict=False))
    assert normalize_name(punctuated) == normalize_name(" ".join(words))


@settings(max_examples=50)
@given(st.text(min_size=1, max_size=40))
def test_any_unicode_query_is_scored_without_error(text: str) -> None:
    score = score_pair(text, "Northwestern Polytechnical University").score
    assert 0.0 <= score <= 1.0


def entry(
    key: str,
    party_type: str,
    *names: str,
    countries: tuple[str, ...] = (),
    dobs: tuple[str, ...] = (),
    kinds: tuple[str, ...] = (),
) -> IndexEntry:
    listed = tuple(
        IndexName(text, kinds[i] if i < len(kinds) else ("primary" if i == 0 else "aka"))
        for i, text in enumerate(names)
    )
    return IndexEntry(key, "test", party_type, listed, countries, dobs)


SMALL = [
    entry(
        "nwpu",
        "organization",
        "Northwestern Polytechnical University",
        "NWPU",
        kinds=("primary", "acronym"),
    ),
    entry("scu", "organization", "Sichuan University"),
    entry("tju", "organization", "Tianjin University"),
    entry("nuaa", "organization", "Nanjing University of Aeronautics and Astronautics"),
    entry(
        "nudt",
        "organization",
        "National University of Defense Technology",
        "NUDT",
        "国防科技大学",
        kinds=("primary", "acronym", "native"),
    ),
    entry(
        "hit",
        "organization",
        "Harbin Institute of Technology",
        "Harbin Institute of Technology, Shenzhen Research Institute",
    ),
    entry(
        "bmstu",
        "organization",
        "Bauman Moscow State Technical University",
        "Московский государственный технический университет имени Н. Э. Баумана",
        kinds=("primary", "native"),
    ),
    entry("corp", "organization", "11420 CORP."),
    entry("ecc", "organization", "Electronic Components Co., Ltd.", countries=("CN",)),
    entry("cmo", "organization", "Center for Military Organization"),
    entry("ptc", "organization", "Procter & Gamble Trading LLC"),
    entry(
        "putin", "person", "PUTIN, Vladimir Vladimirovich", countries=("RU",), dobs=("1952-10-07",)
    ),
    entry("salek", "person", "ABDULHAI SALEK"),
    entry("ali", "person", "محمد علي حسن", "Mohamed Ali HASSAN"),
    entry("xi", "person", "习近平"),
    entry("maria", "vessel", "MARIA"),
    entry("lauren", "vessel", "LAUREN"),
    entry("junk", "organization", "Kurchatov Institute", "and", "Co."),
]


@pytest.fixture(scope="module")
def small() -> MatchIndex:
    return MatchIndex.build(SMALL)


def top(index: MatchIndex, name: str, **context: str) -> Hit | None:
    hits = index.search(Query(name, **context), limit=5, floor=0.0)  # type: ignore[arg-type]
    return hits[0] if hits else None


def score_for(index: MatchIndex, name: str, key: str, **context: str) -> float:
    hits = index.search(Query(name, **context), limit=50, floor=0.0)  # type: ignore[arg-type]
    return next((hit.score for hit in hits if hit.key == key), 0.0)


@pytest.mark.parametrize(
    ("query", "key"),
    [
        ("Northwestern Polytech. Univ.", "nwpu"),
        ("Natl Univ. of Defence Tech.", "nudt"),
        ("Harbin Inst. of Tech.", "hit"),
        ("Electronic Components Co Ltd", "ecc"),
        ("Electronic Components", "ecc"),
        ("Electronic Components LLC", "ecc"),
        ("Electronic Components Corporation", "ecc"),
        ("Procter and Gamble Trading L.L.C.", "ptc"),
        ("Centre for Military Organisation", "cmo"),
        ("Nanjing University Aeronautics Astronautics", "nuaa"),
        ("The Sichuan University", "scu"),
        ("Nanjing Univrsity of Aeronautcs and Astronautics", "nuaa"),
        ("  sichuan   UNIVERSITY;; ", "scu"),
        ("NUDT", "nudt"),
        ("NWPU", "nwpu"),
        ("国防科技大学", "nudt"),
        ("Московский государственный технический университет имени Н. Э. Баумана", "bmstu"),
        ("Harbin Institute of Technology Shenzhen", "hit"),
    ],
)
def test_organization_variants_match(small: MatchIndex, query: str, key: str) -> None:
    assert score_for(small, query, key) >= DEFAULT_THRESHOLD


@pytest.mark.parametrize(
    ("query", "key"),
    [
        ("Putin Vladimir", "putin"),
        ("Vladimir Putin", "putin"),
        ("Владимир Путин", "putin"),
        ("Vladimir Pútin", "putin"),
        ("SALEK, ABDULHAI", "salek"),
        ("Abdulhai Salek", "salek"),
        ("Abdulhay Saleck", "salek"),
        ("Mohamed Ali Hassan", "ali"),
        ("محمد علي حسن", "ali"),
        ("Xi Jinping", "xi"),
    ],
)
def test_person_variants_match(small: MatchIndex, query: str, key: str) -> None:
    assert score_for(small, query, key, party_type="person") >= DEFAULT_THRESHOLD


@pytest.mark.parametrize(
    ("query", "key"),
    [
        ("Northwestern University", "nwpu"),
        ("Sichuan Normal University", "scu"),
        ("Tianjin University of Technology", "tju"),
        ("Nanjing University", "nuaa"),
        ("BELLETECH CORP", "corp"),
        ("11421 Corp", "corp"),
        ("Kurchatov Centre", "junk"),
        ("and", "junk"),
        ("Electronic Components GmbH Trading", "ecc"),
    ],
)
def test_near_misses_are_not_matches(small: MatchIndex, query: str, key: str) -> None:
    assert score_for(small, query, key) < DEFAULT_THRESHOLD


def test_junk_aliases_never_match(small: MatchIndex) -> None:
    assert small.search(Query("and")) == []
    assert all(hit.matched_name not in {"and", "Co."} for hit in small.search(Query("Co.")))


def test_one_word_vessel_names_do_not_alert_on_persons(small: MatchIndex) -> None:
    assert score_for(small, "Maria Lopez", "maria", party_type="person") < REVIEW_FLOOR
    assert score_for(small, "Lauren Smith", "lauren", party_type="person") < REVIEW_FLOOR
    only_the_name = score_for(small, "Maria", "maria", party_type="person")
    assert REVIEW_FLOOR <= only_the_name < DEFAULT_THRESHOLD  # visible, never an alert
    assert score_for(small, "Maria", "maria", party_type="vessel") >= DEFAULT_THRESHOLD


def test_first_name_alone_is_not_a_match(small: MatchIndex) -> None:
    assert score_for(small, "Vladimir", "putin", party_type="person") < DEFAULT_THRESHOLD


def test_context_raises_and_lowers_but_never_hides_an_exact_name(small: MatchIndex) -> None:
    plain = score_for(small, "Vladimir Putin", "putin", party_type="person")
    same = score_for(
        small,
        "Vladimir Putin",
        "putin",
        party_type="person",
        country="RU",
        date_of_birth="1952-10-07",
    )
    other = score_for(
        small,
        "Vladimir Putin",
        "putin",
        party_type="person",
        country="FR",
        date_of_birth="1990-01-01",
    )
    assert same > plain > other
    exact = score_for(
        small,
        "PUTIN, Vladimir Vladimirovich",
        "putin",
        party_type="organization",
        country="FR",
        date_of_birth="1990",
    )
    assert exact >= REVIEW_FLOOR
    assert score_for(small, "Sichuan University", "scu", party_type="person") < 1.0


def test_explanation_says_what_matched_and_why(small: MatchIndex) -> None:
    hit = top(small, "Tianjin University of Technology", party_type="organization")
    assert hit is not None and hit.key == "tju"
    explanation = hit.explanation
    json.dumps(explanation)
    assert explanation["matched_alias"] == "Tianjin University"
    assert {a["query"] for a in explanation["aligned"]} == {"tianjin", "university"}
    assert [e["token"] for e in explanation["extra"]] == ["technology"]
    assert explanation["factors"]["type"]["effect"] > 0
    assert {"country", "date_of_birth", "acronym", "script"} <= explanation["factors"].keys()
    native = top(small, "Владимир Путин", party_type="person")
    assert native is not None and native.explanation["factors"]["script"]["query_transliterated"]
    acronym = top(small, "NUDT")
    assert acronym is not None and acronym.explanation["factors"]["acronym"]


def test_list_filter_and_limit(small: MatchIndex) -> None:
    assert small.search(Query("Sichuan University", list_ids=frozenset({"other"}))) == []
    assert len(small.search(Query("University"), limit=2, floor=0.0)) <= 2


def test_pair_scores_follow_the_same_rules() -> None:
    assert score_pair("Siemens AG", "Siemens Aktiengesellschaft").score >= DEFAULT_THRESHOLD
    assert score_pair("Deutsche Bank AG", "Deutsche Bank GmbH").score < 1.0
    assert score_pair("Sergey Ivanov", "Sergey Viktorovich LAVROV", "person").score < REVIEW_FLOOR
    assert score_pair("Ig0r Sech1n", "Igor Sechin", "person").score >= DEFAULT_THRESHOLD
    assert score_pair("1st International Bank", "First International Bank").score == 1.0


@pytest.fixture(scope="module")
def research_lists(lists_dir: Path) -> MatchIndex:
    wanted = {"bis-entity-list", "dow-1286", "dow-1260h", "bis-meu"}
    entries = []
    for spec in discover(lists_dir / "research-security-2026-07"):
        if spec.list_id in wanted:
            for party in read_source(spec).parties:
                pid = party_id(spec.list_id, party.source_id)
                entries.append(index_entry(pid, spec.list_id, party_record(party)))
    return MatchIndex.build(entries)


def best_listed(index: MatchIndex, name: str) -> Hit | None:
    hits = index.search(Query(name, party_type="organization"), limit=1, floor=0.0)
    return hits[0] if hits else None


@pytest.mark.parametrize(
    "name",
    [
        "Northwestern University",
        "Sichuan Normal University",
        "Tianjin University of Technology",
        "Nanjing University",
    ],
)
def test_real_lists_near_misses(research_lists: MatchIndex, name: str) -> None:
    hit = best_listed(research_lists, name)
    assert hit is None or hit.score < DEFAULT_THRESHOLD, hit


@pytest.mark.parametrize(
    ("name", "key_part"),
    [
        ("Sichuan University", ":sichuan-university"),
        ("Tianjin University", ":tianjin-university"),
        ("Harbin Institute of Technology Shenzhen", ":harbin-institute-of-technology"),
        ("NUDT", ":national-university-of-defense-technology"),
        ("Northwestern Polytechnical Univ.", ":northwestern-polytechnical-university"),
        ("Beijing Univ. of Aeronautics & Astronautics", ":beijing-university-of-aeronautics"),
    ],
)
def test_real_lists_must_hit(research_lists: MatchIndex, name: str, key_part: str) -> None:
    hits = research_lists.search(Query(name, party_type="organization"), limit=10)
    assert any(key_part in hit.key and hit.score >= DEFAULT_THRESHOLD for hit in hits), hits
