"""Screening quality of the engine on every real list: recall on variants, false alerts.

    .venv/bin/python -m bench.match_screening [--lists-dir ../shared/data/lists] [--examples]

Loads the newest version of every list through the adapters (``discover``/``read_source``,
the same path the service ingests) and builds one index. Then:

* recall — for each entry of the research-security lists (Entity List, Section 1286,
  1260H, MEU) and the UN list, variants a clerk would type (fixed seed): case and stray
  punctuation, abbreviations, legal form dropped/changed/added, ``of``/``the`` dropped,
  ``&``/``and``, British spelling, word order (persons), one and two typos, the entry's
  acronym alias, its native-script alias and that alias transliterated. A variant counts as
  found when the entry comes back at or above DEFAULT_THRESHOLD among the first 25 hits;
* false alerts — real university names that are not listed (``world-universities.json``
  minus names equal to a listed alias after normalization and minus ASPI-tracker names) and
  generated person names (common first × last names, minus listed names, word order
  ignored): the share with
  any hit at or above DEFAULT_THRESHOLD (persons searched with type ``person``).
"""

import argparse
import json
import random
import re
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from pathlib import Path

from common.names import normalize_name
from services.parties.adapters.discover import discover, read_source
from services.parties.matching import DEFAULT_THRESHOLD, IndexEntry, MatchIndex, Query
from services.parties.records import index_entry, party_id, party_record

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"
RECALL_LISTS = ("bis-entity-list", "dow-1286", "dow-1260h", "bis-meu", "un")
LIMIT = 25
SEED = 20260709

ABBREVIATE = {
    "university": "Univ.",
    "institute": "Inst.",
    "technology": "Tech.",
    "academy": "Acad.",
    "science": "Sci.",
    "sciences": "Sci.",
    "company": "Co.",
    "limited": "Ltd.",
    "corporation": "Corp.",
    "international": "Intl",
    "national": "Natl",
    "department": "Dept.",
    "engineering": "Eng.",
    "research": "Res.",
    "laboratory": "Lab.",
    "center": "Ctr.",
    "centre": "Ctr.",
    "group": "Grp.",
    "industrial": "Ind.",
    "electronic": "Elec.",
    "manufacturing": "Mfg.",
    "association": "Assn.",
    "incorporated": "Inc.",
    "government": "Govt.",
}
BRITISH = {
    "defense": "defence",
    "center": "centre",
    "organization": "organisation",
    "program": "programme",
    "labor": "labour",
    "aluminum": "aluminium",
}
FORMS = ["Co., Ltd.", "Ltd", "LLC", "Inc.", "Corporation", "Limited", "Company"]
FORM_WORDS = re.compile(
    r"[,\s]*\b(co\.?,?\s*ltd\.?|company limited|limited liability company|llc|ltd\.?|"
    r"limited|inc\.?|corp\.?|corporation|jsc|ojsc|pjsc|ooo|gmbh|s\.a\.|plc|company|co\.)\s*$",
    re.IGNORECASE,
)
FIRST_NAMES = [
    "James",
    "Mary",
    "John",
    "Patricia",
    "Robert",
    "Jennifer",
    "Michael",
    "Linda",
    "David",
    "Elizabeth",
    "William",
    "Susan",
    "Maria",
    "Jose",
    "Ana",
    "Juan",
    "Carlos",
    "Sofia",
    "Mohammed",
    "Ahmed",
    "Fatima",
    "Ali",
    "Omar",
    "Aisha",
    "Hassan",
    "Layla",
    "Wei",
    "Li",
    "Jing",
    "Ming",
    "Xiaoping",
    "Hui",
    "Yan",
    "Hiroshi",
    "Yuki",
    "Min-jun",
    "Ji-woo",
    "Ivan",
    "Olga",
    "Dmitry",
    "Natalia",
    "Sergei",
    "Anna",
    "Pierre",
    "Marie",
    "Hans",
    "Ingrid",
    "Giulia",
    "Luca",
    "Priya",
    "Rahul",
    "Amit",
    "Sunita",
    "Kwame",
    "Amara",
    "Chinedu",
    "Lauren",
    "Grace",
    "Daniel",
    "Sarah",
    "Thomas",
    "Emily",
    "Lucas",
    "Chloe",
    "Noah",
]
LAST_NAMES = [
    "Smith",
    "Johnson",
    "Williams",
    "Brown",
    "Jones",
    "Garcia",
    "Miller",
    "Davis",
    "Rodriguez",
    "Martinez",
    "Hernandez",
    "Lopez",
    "Gonzalez",
    "Wilson",
    "Anderson",
    "Thomas",
    "Taylor",
    "Moore",
    "Jackson",
    "Martin",
    "Lee",
    "Perez",
    "Thompson",
    "White",
    "Khan",
    "Hussain",
    "Rahman",
    "Haddad",
    "Nasser",
    "Wang",
    "Zhang",
    "Liu",
    "Chen",
    "Yang",
    "Huang",
    "Zhao",
    "Wu",
    "Zhou",
    "Tanaka",
    "Suzuki",
    "Kim",
    "Park",
    "Choi",
    "Ivanov",
    "Petrova",
    "Smirnov",
    "Kuznetsova",
    "Dubois",
    "Muller",
    "Schmidt",
    "Rossi",
    "Bianchi",
    "Sharma",
    "Patel",
    "Singh",
    "Okafor",
    "Mensah",
    "Nguyen",
    "Tran",
    "Silva",
    "Santos",
    "Kowalski",
    "Novak",
    "Jensen",
    "Murphy",
    "Kelly",
]


def load_entries(lists_dir: Path) -> list[IndexEntry]:
    """The newest version of every list, as the service would index it."""
    newest = {spec.list_id: spec for spec in discover(lists_dir)}
    entries = []
    for list_id, spec in sorted(newest.items()):
        for party in read_source(spec).parties:
            pid = party_id(list_id, party.source_id)
            entries.append(index_entry(pid, list_id, party_record(party)))
    return entries


def build(lists_dir: Path) -> tuple[list[IndexEntry], MatchIndex, float]:
    entries = load_entries(lists_dir)
    started = time.perf_counter()
    index = MatchIndex.build(entries)
    return entries, index, time.perf_counter() - started


def _typo(word: str, rng: random.Random) -> str:
    i = rng.randrange(1, len(word) - 1)
    letters = "abcdefghijklmnopqrstuvwxyz"
    edit = rng.choice(("substitute", "delete", "insert", "transpose"))
    if edit == "substitute":
        return word[:i] + rng.choice(letters) + word[i + 1 :]
    if edit == "delete":
        return word[:i] + word[i + 1 :]
    if edit == "insert":
        return word[:i] + rng.choice(letters) + word[i:]
    return word[: i - 1] + word[i] + word[i - 1] + word[i + 1 :]


def _typos(name: str, count: int, rng: random.Random) -> str | None:
    words = name.split()
    long_words = [i for i, w in enumerate(words) if len(w) >= 5 and w.isalpha()]
    if len(long_words) < count:
        return None
    for i in rng.sample(long_words, count):
        words[i] = _typo(words[i], rng)
    return " ".join(words)


def _replace_words(name: str, table: dict[str, str]) -> str | None:
    words = name.split()
    changed = [table.get(w.lower().strip(",."), w) for w in words]
    return " ".join(changed) if changed != words else None


def _case_punct(name: str, rng: random.Random) -> str:
    text = rng.choice((name.lower(), name.upper(), name.title()))
    words = text.split()
    i = rng.randrange(len(words))
    words[i] = words[i] + rng.choice((",", ".", " -", "  "))
    return " ".join(words) + rng.choice(("", ".", " ;"))


def _legal_form(name: str, rng: random.Random) -> str:
    stripped = FORM_WORDS.sub("", name)
    if stripped != name and stripped.strip():
        return stripped if rng.random() < 0.5 else f"{stripped} {rng.choice(FORMS)}"
    return f"{name} {rng.choice(FORMS)}"


def _word_order(name: str) -> str | None:
    words = name.replace(",", " ").split()
    if len(words) < 2:
        return None
    return f"{words[-1]}, {' '.join(words[:-1])}" if "," not in name else " ".join(words)


Variant = Callable[[IndexEntry, random.Random], str | None]


def _alias_of(entry: IndexEntry, kind: str) -> str | None:
    return next((n.text for n in entry.names if n.kind == kind), None)


def _native_transliterated(entry: IndexEntry, _: random.Random) -> str | None:
    native = _alias_of(entry, "native")
    return normalize_name(native) if native else None


VARIANTS: dict[str, Variant] = {
    "case_punctuation": lambda e, rng: _case_punct(e.names[0].text, rng),
    "abbreviation": lambda e, rng: _replace_words(e.names[0].text, ABBREVIATE),
    "legal_form": lambda e, rng: (
        _legal_form(e.names[0].text, rng) if e.party_type != "person" else None
    ),
    "drop_of_the": lambda e, rng: _replace_words(e.names[0].text, {"of": "", "the": ""}),
    "ampersand_and": lambda e, rng: (
        e.names[0].text.replace("&", " and ")
        if "&" in e.names[0].text
        else _replace_words(e.names[0].text, {"and": "&"})
    ),
    "british_spelling": lambda e, rng: _replace_words(e.names[0].text, BRITISH),
    "word_order": lambda e, rng: _word_order(e.names[0].text) if e.party_type == "person" else None,
    "typo_1": lambda e, rng: _typos(e.names[0].text, 1, rng),
    "typo_2": lambda e, rng: _typos(e.names[0].text, 2, rng),
    "acronym_alias": lambda e, rng: _alias_of(e, "acronym"),
    "native_script": lambda e, rng: _alias_of(e, "native"),
    "native_transliterated": _native_transliterated,
}


def variants(entries: list[IndexEntry]) -> Iterator[tuple[str, IndexEntry, str]]:
    rng = random.Random(SEED)
    for entry in entries:
        if entry.list_id not in RECALL_LISTS:
            continue
        for kind, make in VARIANTS.items():
            text = make(entry, rng)
            if text and text.strip() and normalize_name(text):
                yield kind, entry, " ".join(text.split())


def recall(entries: list[IndexEntry], index: MatchIndex, examples: bool) -> None:
    found: dict[str, list[bool]] = defaultdict(list)
    misses = []
    for kind, entry, text in variants(entries):
        party_type = entry.party_type if entry.party_type in ("person", "organization") else None
        hits = index.search(Query(text, party_type=party_type), limit=LIMIT)
        ok = any(h.key == entry.key and h.score >= DEFAULT_THRESHOLD for h in hits)
        found[kind].append(ok)
        if not ok:
            misses.append((kind, text, entry.names[0].text))
    total = [ok for oks in found.values() for ok in oks]
    print(
        f"recall on variants of {', '.join(RECALL_LISTS)} entries (match = score ≥ "
        f"{DEFAULT_THRESHOLD}, entry among the first {LIMIT} hits)"
    )
    print(f"  overall {sum(total) / len(total):.4f}  ({sum(total)}/{len(total)})")
    for kind, oks in found.items():
        print(f"  {kind:22} {sum(oks) / len(oks):.4f}  ({sum(oks)}/{len(oks)})")
    if examples:
        for kind, text, listed in misses[:60]:
            print(f"    miss {kind}: {text!r} for {listed!r}")


def _words(text: str) -> str:
    return " ".join(sorted(normalize_name(text).split()))


def _listed_names(entries: list[IndexEntry]) -> set[str]:
    """Every listed name as its sorted words (``KHAN, Ali`` is ``Ali Khan``)."""
    return {_words(name.text) for entry in entries for name in entry.names}


def _aspi_names(path: Path) -> set[str]:
    document = json.loads(path.read_text())
    names = set()
    for value in document["values"]:
        names.add(_words(value["value"]))
        names.update(_words(alias) for alias in value.get("meta", {}).get("aliases", []))
    return names


def false_alerts(entries: list[IndexEntry], index: MatchIndex, data: Path, examples: bool) -> None:
    listed = _listed_names(entries)
    excluded = listed | _aspi_names(
        data / "reference" / "aspi-china-defence-universities-2020.json"
    )
    universities = sorted(
        {
            u["name"]
            for u in json.loads((data / "reference" / "world-universities.json").read_text())
            if _words(u["name"]) not in excluded
        }
    )
    persons = sorted(
        {
            f"{first} {last}"
            for first in FIRST_NAMES
            for last in LAST_NAMES
            if _words(f"{first} {last}") not in listed
        }
    )
    for label, names, party_type in (
        ("non-listed universities", universities, "organization"),
        ("generated persons", persons, "person"),
    ):
        alerts = []
        for text in names:
            hits = index.search(Query(text, party_type=party_type), limit=1)
            if hits and hits[0].score >= DEFAULT_THRESHOLD:
                alerts.append((text, hits[0].matched_name, hits[0].score))
        print(f"false alerts, {label}: {len(alerts) / len(names):.4f} ({len(alerts)}/{len(names)})")
        if examples:
            for text, matched, score in alerts[:40]:
                print(f"    {text!r} → {matched!r} {score}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--lists-dir", type=Path, default=SHARED / "lists")
    parser.add_argument("--examples", action="store_true", help="print misses and alerts")
    args = parser.parse_args()
    entries, index, seconds = build(args.lists_dir)
    print(f"{len(entries)} entries, {index.name_count} names indexed in {seconds:.1f} s")
    recall(entries, index, args.examples)
    false_alerts(entries, index, args.lists_dir.parent, args.examples)


if __name__ == "__main__":
    main()
