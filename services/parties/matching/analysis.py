"""Turning a name into the tokens the scorer compares.

Every script is transliterated to ASCII (``common.names.fold``). Then: ``&`` → ``and``,
runs of initials joined (``A.B.C.`` → ``abc``), digits inside words read as letters
(``Sech1n``), ordinals and number words as digits, British spellings as American, titles,
stop words and legal forms taken out (legal forms are kept aside as classes), particles
spelled one way. Abbreviations are not expanded here: ``canon`` holds the full word and the
scorer treats the two as equal, so ``Min`` the given name still matches ``Min``.
"""

import re
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import process
from rapidfuzz.distance import OSA

from common.names import SYLLABIC, fold
from services.parties.matching import vocabulary as vocab

_APOSTROPHES = re.compile(r"['’ʼ`´‘]")
_WORD = re.compile(r"([a-z0-9]+)(\.?)")
_LEET = re.compile(r"(?<=[a-z])[013457](?=[a-z])")
_LEET_MAP = str.maketrans("013457", "oieast")
_ROMAN = re.compile(r"^(x{0,3})(ix|iv|v?i{0,3})$")
_ABJAD = re.compile("[\u0590-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]")


@dataclass(frozen=True, slots=True)
class Token:
    text: str  # as written, normalized
    canon: str  # the full word when ``text`` is a known abbreviation, else ``text``
    key: str  # transliteration-tolerant spelling (``phonetic_key``)
    generic: bool  # says what kind of body, not which one (university, company...)
    particle: bool  # al, bin, de, van...
    numeric: bool
    patronymic: bool
    prefix: bool  # typed with a trailing period: may stand for any word it begins
    abjad: bool  # transliterated from a script without vowels (Arabic, Hebrew)
    syllabic: bool  # one CJK/Hangul character: only the same character matches


@dataclass(frozen=True, slots=True)
class Analyzed:
    text: str
    tokens: tuple[Token, ...]
    forms: frozenset[str]  # legal-form classes found
    acronym: str  # initials of the tokens, legal forms and stop words left out
    syllabic: bool  # written in CJK ideographs or Hangul


@lru_cache(maxsize=65536)
def phonetic_key(word: str) -> str:
    """Spelling that survives common transliteration differences (w/v, z/s, ph/f, kh/h,
    y/i, c/k/q, x/ks, ou/oo/u, doubled letters)."""
    if word.isdigit():
        return word
    for source, target in (
        ("sch", "s"),
        ("dzh", "j"),
        ("zh", "j"),
        ("dj", "j"),
        ("ph", "f"),
        ("kh", "h"),
        ("gh", "g"),
        ("th", "t"),
        ("dh", "d"),
        ("sh", "s"),
        ("ck", "k"),
        ("ch", "%"),
        ("q", "k"),
        ("x", "ks"),
        ("c", "k"),
        ("w", "v"),
        ("y", "i"),
        ("z", "s"),
        ("ou", "u"),
        ("oo", "u"),
        ("ee", "i"),
        ("ei", "i"),
        ("ie", "i"),
    ):
        word = word.replace(source, target)
    collapsed = [char for index, char in enumerate(word) if index == 0 or char != word[index - 1]]
    return "".join(collapsed).replace("%", "ch")


def _raw_words(text: str) -> tuple[list[tuple[str, bool]], bool, bool]:
    plain = text.isascii()
    syllabic = not plain and SYLLABIC.search(text) is not None
    abjad = not plain and _ABJAD.search(text) is not None
    folded = _APOSTROPHES.sub("", fold(text)).lower().replace("&", " and ")
    words = [(match.group(1), bool(match.group(2))) for match in _WORD.finditer(folded)]
    return words, syllabic, abjad


def _join_initials(words: list[tuple[str, bool]]) -> list[tuple[str, bool]]:
    joined: list[tuple[str, bool]] = []
    run: list[str] = []
    for word, dotted in [*words, ("", False)]:
        if len(word) == 1 and word.isalpha():
            run.append(word)
            continue
        if len(run) >= 2:
            joined.append(("".join(run), False))
        else:
            joined.extend((letter, True) for letter in run)
        run = []
        if word:
            joined.append((word, dotted))
    return joined


def _numbers(words: list[tuple[str, bool]]) -> list[tuple[str, bool]]:
    out: list[tuple[str, bool]] = []
    for word, dotted in words:
        word = vocab.ORDINALS.get(word, word)
        if word in vocab.UNITS:
            value = vocab.UNITS[word]
            if out and out[-1][0].isdigit() and out[-1][0].endswith("0") and value < 10:
                out[-1] = (str(int(out[-1][0]) + value), False)
                continue
            out.append((str(value), False))
        elif word in vocab.TENS:
            out.append((str(vocab.TENS[word]), False))
        elif (
            word.isdigit()
            and len(word) == 1
            and out
            and out[-1][0] in {str(tens) for tens in vocab.TENS.values()}
        ):
            out[-1] = (str(int(out[-1][0]) + int(word)), False)
        else:
            out.append((word, dotted))
    return out


def _roman(word: str) -> str:
    match = _ROMAN.match(word) if len(word) >= 2 else None
    if not match:
        return word
    tens, units = match.groups()
    values = {
        "": 0,
        "i": 1,
        "ii": 2,
        "iii": 3,
        "iv": 4,
        "v": 5,
        "vi": 6,
        "vii": 7,
        "viii": 8,
        "ix": 9,
    }
    return str(10 * len(tens) + values[units])


def _deleet(word: str) -> str:
    return _LEET.sub(lambda match: match.group(0).translate(_LEET_MAP), word)


def _american(word: str) -> str:
    if word in vocab.SPELLINGS:
        return vocab.SPELLINGS[word]
    if len(word) > 6:
        for source, target in vocab.SPELLING_SUFFIXES:
            if word.endswith(source):
                return word[: -len(source)] + target
    return word


_LONG_FORMS = {" ".join(p): form for p, form in vocab.LEGAL_FORMS.items() if len(" ".join(p)) >= 6}
FORM_SIMILARITY = 0.8


def _by_length(texts: list[str]) -> dict[int, list[str]]:
    out: dict[int, list[str]] = {}
    for text in texts:
        out.setdefault(len(text), []).append(text)
    return out


_FORMS_BY_LENGTH = _by_length(list(_LONG_FORMS))


def _forms_near(length: int) -> list[str]:
    """Long forms that could be ``FORM_SIMILARITY`` alike a phrase this long: lengths m <= n
    are at least n - m edits apart, so at most m/n alike (a little slack for rounding)."""
    shortest = int(length * (FORM_SIMILARITY - 0.01))
    longest = int(length / (FORM_SIMILARITY - 0.01)) + 1
    sizes = range(shortest, longest + 1)
    return [form for size in sizes for form in _FORMS_BY_LENGTH.get(size, [])]


@lru_cache(maxsize=65536)  # the same words and phrases recur from name to name
def _form_of(phrase: tuple[str, ...], fuzzy: bool) -> str | None:
    if phrase in vocab.LEGAL_FORMS:
        return vocab.LEGAL_FORMS[phrase]
    expanded = tuple(vocab.ABBREVIATIONS.get(word, word) for word in phrase)
    if expanded in vocab.LEGAL_FORMS:
        return vocab.LEGAL_FORMS[expanded]
    text = " ".join(phrase)
    if not fuzzy or len(text) < 6:
        return None
    candidates = _forms_near(len(text))
    if not candidates:
        return None
    found = process.extractOne(
        text, candidates, scorer=OSA.normalized_similarity, score_cutoff=FORM_SIMILARITY
    )
    return _LONG_FORMS[found[0]] if found else None


def _peel_forms(words: list[str], fuzzy: bool) -> tuple[list[str], set[str]]:
    """Take legal-form phrases off both ends of the name; keep at least one word.
    ``fuzzy`` (queries): a mistyped long form (``Croporation``) is a form too."""
    forms: set[str] = set()
    changed = True
    while changed and len(words) > 1:
        changed = False
        for size in range(min(vocab.LONGEST_FORM, len(words) - 1), 0, -1):
            for phrase, at_end in ((tuple(words[-size:]), True), (tuple(words[:size]), False)):
                form = _form_of(phrase, fuzzy)
                if form is not None:
                    forms.add(form)
                    words = words[:-size] if at_end else words[size:]
                    changed = True
                    break
            if changed:
                break
    return words, forms


_GLUED_FORMS = ("gmbh", "llc", "ltd", "inc", "jsc", "plc", "ooo", "ag")


def _unglue_form(words: list[str]) -> tuple[list[str], set[str]]:
    """``SiemensAG`` → ``siemens`` and the form ``ag``."""
    last = words[-1]
    for form in _GLUED_FORMS:
        if last.endswith(form) and len(last) - len(form) >= 5:
            return [*words[:-1], last[: -len(form)]], {vocab.LEGAL_FORMS[(form,)]}
    return words, set()


@lru_cache(maxsize=65536)
def _token(word: str, prefix: bool, abjad: bool, syllabic: bool, person: bool) -> Token:
    canon = word if person else vocab.ABBREVIATIONS.get(word, _american(word))
    particle = word in vocab.PARTICLES
    if particle:
        word = canon = vocab.PARTICLES[word]
    return Token(
        text=word,
        canon=canon,
        key=phonetic_key(canon),
        generic=canon in vocab.GENERIC_WORDS,
        particle=particle,
        numeric=any(char.isdigit() for char in word),
        patronymic=len(word) > 6 and word.endswith(vocab.PATRONYMIC_ENDINGS),
        prefix=prefix and len(word) >= 2 and not particle,
        abjad=abjad,
        syllabic=syllabic,
    )


def analyze(text: str, party_type: str | None = None, query: bool = False) -> Analyzed:
    """Analyze ``text``; ``party_type`` "person" keeps person-name conventions (no legal
    forms peeled, no abbreviations expanded); ``query`` also peels mistyped legal forms."""
    person = party_type == "person"
    raw, syllabic, abjad = _raw_words(text)
    words = _numbers(_join_initials(raw))
    spelled = [(_deleet(word if person else _roman(word)), dotted) for word, dotted in words]
    prefixes = {word for word, dotted in spelled if dotted}
    plain = [word for word, _ in spelled]
    if not person:
        plain, forms = _peel_forms(plain, query)
    else:
        forms = set()
    if party_type in (None, "person"):
        while len(plain) > 1 and plain[0] in vocab.HONORIFICS:
            plain = plain[1:]
    if not person and plain:
        plain, glued = _unglue_form(plain)
        forms |= glued
    kept = [word for word in plain if word not in vocab.STOP_WORDS or word in prefixes] or plain
    tokens = tuple(_token(word, word in prefixes, abjad, syllabic, person) for word in kept)
    acronym = "".join(token.canon[0] for token in tokens if not token.particle)
    return Analyzed(text, tokens, frozenset(forms), acronym, syllabic)
