"""The name-matching engine of the parties service.

``MatchIndex.build(entries)`` analyzes and weighs every listed name once (about 100k names
in seconds); ``index.search(Query(...), limit, floor)`` returns at most one ``Hit`` per
entry, best first. The index is immutable after build, so a service can build a new one in
a thread and swap it atomically.

Scores are 0..1 and mean the same on every list:

* ``score >= DEFAULT_THRESHOLD`` (0.75): a match — the name is the listed name written
  differently (abbreviations, legal forms, ``&``/``and``, British/American spelling, dropped
  ``of``/``the``, word order, a typo or two, another script, an acronym alias);
* ``REVIEW_FLOOR (0.55) <= score < DEFAULT_THRESHOLD``: review — similar, but a
  distinguishing word differs or is missing, only one distinctive word agrees (a first name,
  a one-word vessel name), or the context (type, country, date of birth) disagrees;
* below ``REVIEW_FLOOR``: no match, not returned by default.

How a score is made: ``analysis`` turns a name into canonical tokens (every script
transliterated, legal forms set aside), ``retrieval`` finds candidate names through inverted
indexes (no scan of all names), ``scoring`` aligns tokens and weighs them by rarity across
the list names (IDF, computed at build), with generic words (university, company) unable to
carry a match yet still telling names apart, and ``context`` adjusts for party type,
country and date of birth. ``Hit.explanation`` reports each step. ``score_pair`` scores two
names without an index (every distinctive word weighing 1).

The hot modules are compiled with mypyc (``setup.py``). Records made for every query
(weighted tokens, runs, alignments, pair scores) are plain dataclasses rather than frozen
ones, which compiled code makes several times more slowly; nothing changes them once made.
"""

from services.parties.matching import _compiled  # noqa: F401  (first: see its docstring)
from services.parties.matching.bands import DEFAULT_THRESHOLD, REVIEW_FLOOR
from services.parties.matching.index import MatchIndex
from services.parties.matching.scoring import PairScore, score_pair
from services.parties.matching.types import Hit, IndexEntry, IndexName, Query

__all__ = [
    "DEFAULT_THRESHOLD",
    "REVIEW_FLOOR",
    "Hit",
    "IndexEntry",
    "IndexName",
    "MatchIndex",
    "PairScore",
    "Query",
    "score_pair",
]
