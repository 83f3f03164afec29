"""ORCID identifiers: format and the ISO 7064 MOD 11-2 check character."""

import re

_ORCID = re.compile(r"^(?:https?://orcid\.org/)?(\d{4})-?(\d{4})-?(\d{4})-?(\d{3}[\dXx])$")


def orcid_check_character(base_digits: str) -> str:
    """The check character of the first 15 digits (ISO 7064 MOD 11-2)."""
    total = 0
    for digit in base_digits:
        total = (total + int(digit)) * 2
    result = (12 - total % 11) % 11
    return "X" if result == 10 else str(result)


def normalize_orcid(value: str) -> str:
    """``0000-0002-1825-0097`` from any accepted spelling; ValueError when invalid."""
    found = _ORCID.match(value.strip())
    if not found:
        raise ValueError("an ORCID is 16 characters: 0000-0000-0000-000X")
    orcid = "-".join(found.groups()).upper()
    digits = orcid.replace("-", "")
    if orcid_check_character(digits[:15]) != digits[15]:
        raise ValueError("the ORCID check digit is wrong (ISO 7064 MOD 11-2)")
    return orcid


def looks_like_orcid(value: str) -> bool:
    return _ORCID.match(value.strip()) is not None
