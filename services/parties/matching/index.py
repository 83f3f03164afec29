"""The immutable matching index: every listed name analyzed and weighted once, at build."""

import math
from collections import Counter
from collections.abc import Iterable
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any

from common.names import normalize_name
from services.parties.matching import vocabulary as vocab
from services.parties.matching.alignment import Rater, Side, Weighted, prepare
from services.parties.matching.analysis import Analyzed, Token, analyze, phonetic_key
from services.parties.matching.bands import REVIEW_FLOOR
from services.parties.matching.context import apply_context, context_effect
from services.parties.matching.ranking import Postings, Ranker, group_masks
from services.parties.matching.retrieval import COMMON_POSTINGS, TokenIndex
from services.parties.matching.scoring import PairScore, score_ceiling, score_tokens, weigh
from services.parties.matching.types import Hit, IndexEntry, IndexName, Query

FUZZY_SKIP = 300  # a token in more groups than this is not looked up by similar spellings
RARE_DF = 5  # a word in at most this many listed names weighs fully
MIN_WEIGHT = 0.2
POSTINGS_CACHE = 4096  # query words whose postings are kept (common words recur)
ROUNDING = 1e-4  # scores are rounded to 4 places: a bound this far below the floor is safe


@dataclass(frozen=True, slots=True)
class _Name:
    entry: int
    source: IndexName
    analyzed: Analyzed
    side: Side
    normalized: str
    person: bool


def _is_junk(analyzed: Analyzed) -> bool:
    """Aliases that say nothing (``and``, ``Co.``, two letters) must never match."""
    letters = sum(len(token.text) for token in analyzed.tokens)
    meaningful = [
        t
        for t in analyzed.tokens
        if t.text not in vocab.STOP_WORDS and not t.particle and t.text not in vocab.HONORIFICS
    ]
    return letters < 3 or not meaningful


class _QueryView:
    """One query, analyzed the way each kind of entry needs, with its token ratings."""

    def __init__(self, index: "MatchIndex", query: Query, floor: float) -> None:
        self.query = query
        self.floor = floor
        self.pairs: dict[int, PairScore] = {}  # by name group
        self.index = index
        self.normalized = normalize_name(query.name)
        self._analyzed: dict[bool, Analyzed] = {}
        self._sides: dict[bool, Side] = {}
        self._raters: dict[bool, Rater] = {}

    def analyzed(self, person: bool) -> Analyzed:
        if person not in self._analyzed:
            mode = "person" if person else None
            self._analyzed[person] = analyze(self.query.name, mode, query=True)
        return self._analyzed[person]

    def side(self, person: bool) -> Side:
        if person not in self._sides:
            weighted = weigh(self.analyzed(person).tokens, self.index.weight)
            self._sides[person] = prepare(weighted)
        return self._sides[person]

    def rater(self, person: bool) -> Rater:
        if person not in self._raters:
            self._raters[person] = Rater(self.side(person))
        return self._raters[person]


class MatchIndex:
    """Build once with ``MatchIndex.build(entries)``; ``search`` is thread-safe and the
    index never changes after build."""

    def __init__(
        self,
        entries: list[IndexEntry],
        names: list[_Name],
        tokens: TokenIndex,
        document_frequency: dict[str, int],
    ) -> None:
        self._entries = entries
        self._names = names
        self._tokens = tokens
        self._df = document_frequency
        # Names written alike (after normalization) on several entries or lists form one
        # group: retrieved and scored once.
        self._members: list[list[int]] = []
        self._group_penalty: list[float] = []
        self._full_idf = math.log((len(names) + 1) / (RARE_DF + 1))
        self.weight = lru_cache(maxsize=200_000)(self._weight)
        self.token_postings = lru_cache(maxsize=POSTINGS_CACHE)(self._token_postings)
        self.run_postings = lru_cache(maxsize=POSTINGS_CACHE)(self._run_postings)
        self.split_postings = lru_cache(maxsize=POSTINGS_CACHE)(self._split_postings)

    @classmethod
    def build(cls, entries: Iterable[IndexEntry]) -> "MatchIndex":
        kept = list(entries)
        analyzed: list[tuple[int, IndexName, Analyzed, bool]] = []
        df: Counter[str] = Counter()
        for position, entry in enumerate(kept):
            person = entry.party_type == "person"
            seen: set[str] = set()
            for name in entry.names:
                if name.text.strip().lower() in seen:
                    continue
                seen.add(name.text.strip().lower())
                result = analyze(name.text, "person" if person else None)
                if _is_junk(result):
                    continue
                analyzed.append((position, name, result, person))
                df.update({token.canon for token in result.tokens})
        index = cls(kept, [], TokenIndex(), dict(df))
        interned: dict[Token, Token] = {}  # names share token objects: ratings are by identity

        def intern(token: Token) -> Token:
            return interned.setdefault(token, token)

        groups: dict[tuple[str, bool, frozenset[str]], int] = {}
        members: list[list[int]] = []
        penalties: list[float] = []
        group_names: list[Analyzed] = []
        for position, name, result, person in analyzed:
            tokens = tuple(intern(token) for token in result.tokens)
            result = replace(result, tokens=tokens)
            side = prepare(weigh(tokens, index.weight), intern)
            normalized = normalize_name(name.text)
            group = groups.setdefault((normalized, person, result.forms), len(groups))
            if group == len(members):
                members.append([])
                penalties.append(sum(w.penalty for w in side.weighted))
                group_names.append(result)
            members[group].append(len(index._names))
            index._names.append(_Name(position, name, result, side, normalized, person))
        # Group ids follow the groups' own penalty (then the order listed), which is the
        # order ranking takes a mask's groups in.
        for group, first_seen in enumerate(sorted(range(len(members)), key=penalties.__getitem__)):
            index._members.append(members[first_seen])
            index._group_penalty.append(penalties[first_seen])
            name_analyzed = group_names[first_seen]
            index._tokens.add(group, name_analyzed.tokens, name_analyzed.acronym)
        index._tokens.freeze()
        return index

    def __len__(self) -> int:
        return len(self._entries)

    @property
    def name_count(self) -> int:
        return len(self._names)

    def _weight(self, canon: str) -> float:
        """Rarity of a word across the listed names: 1 for rare words, less for common."""
        frequency = self._df.get(canon, 0)
        if frequency <= RARE_DF or self._full_idf <= 0:
            return 1.0
        idf = math.log((len(self._names) + 1) / (frequency + 1))
        return max(MIN_WEIGHT, idf / self._full_idf)

    def _candidates(self, view: _QueryView) -> list[int]:
        """Groups of names sharing a similar token with the query, most promising first.
        Those that could not reach the floor even if every shared token matched are left
        out."""
        person = view.query.party_type == "person"
        weighted = view.side(person).weighted
        groups: Postings = []
        for position, item in enumerate(weighted):
            exact, fuzzy = self.token_postings(item.token)
            groups.append((1 << position, exact, True))
            groups.append((1 << position, fuzzy, False))
        groups.extend((bits, found, True) for bits, found in self._joined_groups(weighted))
        groups.sort(key=lambda group: len(group[1]))
        reached: set[int] = set()
        effective: Postings = []
        for bits, found, is_exact in groups:
            if not found:
                continue
            if len(found) > COMMON_POSTINGS and reached:
                found = found & reached  # a common token only adds to names found already
            else:
                reached.update(found)
            effective.append((bits, found, is_exact))
        ranker = Ranker(weighted, view.floor)
        weak = ranker.weak_bits(effective)
        pool = set().union(*(found for bits, found, _ in effective if bits & ~weak))
        return ranker.top_groups(group_masks(effective, pool), self._group_penalty)

    def _token_postings(self, token: Token) -> tuple[AbstractSet[int], AbstractSet[int]]:
        exact_keys, fuzzy_keys = self._tokens.similar_keys(token)
        exact: set[int] = set()
        for key in exact_keys:
            exact.update(self._tokens.postings(key))
        if token.text.isalpha() and 2 <= len(token.text) <= 6:
            exact.update(self._tokens.acronym_postings(token.text))
        fuzzy: set[int] = set()
        if token.generic or len(exact) > FUZZY_SKIP:
            return (
                exact,
                fuzzy,
            )  # a common word spelled right: its look-alikes add only noise
        for key in fuzzy_keys:
            fuzzy.update(self._tokens.postings(key))
        return exact, fuzzy - exact

    def _joined_groups(self, weighted: tuple[Weighted, ...]) -> list[tuple[int, AbstractSet[int]]]:
        """Names where the query's adjacent words are one word, or a query word is two."""
        groups: list[tuple[int, AbstractSet[int]]] = []
        for size in (2, 3):
            for start in range(len(weighted) - size + 1):
                run = weighted[start : start + size]
                key = phonetic_key("".join(w.token.text for w in run))
                if self._tokens.known(key):
                    bits = sum(1 << i for i in range(start, start + size))
                    groups.append((bits, self.run_postings(key)))
        for position, item in enumerate(weighted):
            groups.extend((1 << position, both) for both in self.split_postings(item.token.text))
        return groups

    def _run_postings(self, key: str) -> AbstractSet[int]:
        return set(self._tokens.postings(key))

    def _split_postings(self, text: str) -> tuple[AbstractSet[int], ...]:
        """Names with two words that together spell ``text``, one set per place it is cut."""
        out = []
        for cut in range(2, len(text) - 1) if len(text) >= 6 else ():
            left = phonetic_key(text[:cut])
            if not self._tokens.known(left):
                continue
            right = phonetic_key(text[cut:])
            if self._tokens.known(right):
                out.append(set(self._tokens.postings(left)) & set(self._tokens.postings(right)))
        return tuple(out)

    def search(self, query: Query, limit: int = 10, floor: float = REVIEW_FLOOR) -> list[Hit]:
        """The best-scoring entries for ``query``, at most one hit per entry, best first."""
        view = _QueryView(self, query, floor)
        if not view.normalized:
            return []
        best: dict[int, _Scored] = {}
        for group in self._candidates(view):
            members = self._members[group]
            ceiling = self._ceiling(view, self._names[members[0]])
            for name_id in members:
                name = self._names[name_id]
                entry = self._entries[name.entry]
                if query.list_ids is not None and entry.list_id not in query.list_ids:
                    continue
                if max(0.0, ceiling + context_effect(query, entry)) < floor - ROUNDING:
                    continue
                scored = self._score(view, group, name, entry)
                if scored.score >= floor and (
                    name.entry not in best or scored.score > best[name.entry].score
                ):
                    best[name.entry] = scored
        ranked = sorted(best.values(), key=lambda s: (-s.score, s.entry.key))[:limit]
        return [self._hit(view, scored) for scored in ranked]

    def _ceiling(self, view: _QueryView, name: _Name) -> float:
        """The best name score this name's group could get (names of a group are written
        alike and of the same kind): its exact score when written as the query is."""
        if view.normalized == name.normalized:
            return 1.0
        person = name.person or view.query.party_type == "person"
        return score_ceiling(view.side(person), name.side, person, view.rater(person))

    def _score(self, view: _QueryView, group: int, name: _Name, entry: IndexEntry) -> "_Scored":
        person = name.person or view.query.party_type == "person"
        pair = view.pairs.get(group)
        if pair is None:
            pair = view.pairs[group] = score_tokens(
                view.side(person),
                name.side,
                view.analyzed(person).forms,
                name.analyzed.forms,
                person,
                view.rater(person),
            )
        exact = view.normalized == name.normalized
        name_score = 1.0 if exact else pair.score
        score, factors = apply_context(name_score, view.query, entry, exact, REVIEW_FLOOR)
        return _Scored(round(score, 4), name, entry, pair, person, name_score, exact, factors)

    def _hit(self, view: _QueryView, scored: "_Scored") -> Hit:
        name = scored.name
        return Hit(
            scored.entry.key,
            name.source.text,
            name.source.kind,
            scored.score,
            _explanation(scored, view.analyzed(scored.person)),
        )


@dataclass(slots=True)
class _Scored:
    score: float
    name: _Name
    entry: IndexEntry
    pair: PairScore
    person: bool
    name_score: float
    exact: bool
    factors: dict[str, Any]


def _explanation(scored: _Scored, query: Analyzed) -> dict[str, Any]:
    name, pair, factors = scored.name, scored.pair, scored.factors
    detail = pair.explain()
    acronym = name.source.kind == "acronym" or any(a.acronym for a in pair.alignments)
    return {
        "matched_alias": name.source.text,
        "alias_kind": name.source.kind,
        "exact_name": scored.exact,
        "name_score": round(scored.name_score, 4),
        **detail,
        "legal_forms": {
            "query": sorted(query.forms),
            "listed": sorted(name.analyzed.forms),
            "conflict": pair.form_conflict,
        },
        "factors": {
            **factors,
            "acronym": acronym,
            "script": {
                "query_transliterated": not query.text.isascii(),
                "listed_transliterated": not name.source.text.isascii(),
            },
        },
    }
