"""Vietnamese text: folding for search, collation keys for sorting, and name order.

Pure Python, no Django. Every app uses these three functions, and stores their results in indexed columns so
that search and sort behave the same on SQLite and PostgreSQL.

* ``fold(text)``: lower case, no diacritics, đ → d. "Nguyễn Văn Đức" → "nguyen van duc".
* ``sort_key(text)``: a string whose plain byte order is the Vietnamese collation order (the order of ICU's
  ``vi`` collation): letters first (a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y), then tones
  (none, huyền, hỏi, ngã, sắc, nặng), then case (lower before upper).
* ``name_sort_key(full_name)``: the given name (the last word) first, then the rest, as Vietnamese lists are
  ordered.

The key is made only of the digits 0-9, so any database collation (C, en_US.UTF-8, ICU) orders it the same.
It has three parts separated by "000": one 3-digit primary code per character, then one tone digit per
character, then one case digit per character. Because two strings with equal primary parts have the same
number of characters, the secondary and tertiary parts line up, and comparing whole keys compares level by
level, as ICU does.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["fold", "given_name", "name_sort_key", "sort_key", "split_name"]

_WHITESPACE = re.compile(r"\s+")

# Combining marks that make distinct Vietnamese letters (primary level).
_BREVE = "\u0306"  # ă
_CIRCUMFLEX = "\u0302"  # â ê ô
_HORN = "\u031b"  # ơ ư
# Tone marks in collation order: none < huyền < hỏi < ngã < sắc < nặng (secondary level).
_TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}

_ALPHABET = [
    "a", "ă", "â", "b", "c", "d", "đ", "e", "ê", "f", "g", "h", "i", "j", "k", "l", "m", "n",
    "o", "ô", "ơ", "p", "q", "r", "s", "t", "u", "ư", "v", "w", "x", "y", "z",
]  # fmt: skip
_LETTER_CODE = {letter: 200 + index for index, letter in enumerate(_ALPHABET)}
# ICU puts space and punctuation before digits, and digits before letters.
_PUNCTUATION = "_-,;:!?.'\"()[]{}@*/\\&#%`^+<=>|~$"
_SYMBOL_CODE = {" ": 1} | {char: 10 + index for index, char in enumerate(_PUNCTUATION)}
_DIGIT_BASE = 100
_OTHER_CODE = 900
_TERMINATOR = "000"

# Look-alike capitals found in pasted data: Ð (U+00D0, Icelandic eth) and Ɖ (U+0189, African D) mean Đ.
_LOOKALIKES = str.maketrans({"\u00d0": "Đ", "\u0189": "Đ", "\u00f0": "đ", "\u0256": "đ"})


def _normalise(text: str) -> str:
    return unicodedata.normalize("NFC", (text or "").translate(_LOOKALIKES))


def fold(text: str | None) -> str:
    """Lower case, diacritics removed, đ → d, NFC and NFD alike, whitespace collapsed.

    >>> fold("  Nguyễn   Văn ĐỨC ")
    'nguyen van duc'
    """
    decomposed = unicodedata.normalize("NFD", _normalise(text or ""))
    stripped = "".join(char for char in decomposed if unicodedata.category(char) != "Mn")
    stripped = stripped.replace("đ", "d").replace("Đ", "D")
    return _WHITESPACE.sub(" ", stripped.casefold()).strip()


def _char_weights(char: str) -> tuple[int, int, int]:
    """Primary code, tone and case of one (NFC) character."""
    if char in _SYMBOL_CODE:
        return _SYMBOL_CODE[char], 0, 0
    if char.isdigit() and char.isascii():
        return _DIGIT_BASE + int(char), 0, 0
    if char.isspace():
        return _SYMBOL_CODE[" "], 0, 0
    lower = char.lower()
    case = 0 if char == lower else 1
    if lower == "đ":
        return _LETTER_CODE["đ"], 0, case
    decomposed = unicodedata.normalize("NFD", lower)
    base, marks = decomposed[0], decomposed[1:]
    tone = 0
    for mark in marks:
        if mark == _BREVE and base == "a":
            base = "ă"
        elif mark == _CIRCUMFLEX and base in "aeo":
            base = {"a": "â", "e": "ê", "o": "ô"}[base]
        elif mark == _HORN and base in "ou":
            base = {"o": "ơ", "u": "ư"}[base]
        elif mark in _TONES:
            tone = _TONES[mark]
        # Any other mark (ç, ñ, ü in foreign names) is ignored at the primary level.
    code = _LETTER_CODE.get(base)
    if code is None:
        code = _DIGIT_BASE + int(base) if base.isdigit() and base.isascii() else _OTHER_CODE
    return code, tone, case


def sort_key(text: str | None) -> str:
    """A digits-only key whose byte order is Vietnamese collation order (ICU ``vi``).

    >>> sorted(["Hạ", "Hà", "Ha", "Há", "Hả", "Hã"], key=sort_key)
    ['Ha', 'Hà', 'Hả', 'Hã', 'Há', 'Hạ']
    """
    text = _WHITESPACE.sub(" ", _normalise(text or "")).strip()
    primary, secondary, tertiary = [], [], []
    for char in text:
        code, tone, case = _char_weights(char)
        primary.append(f"{code:03d}")
        secondary.append(str(tone))
        tertiary.append(str(case))
    return "".join(primary) + _TERMINATOR + "".join(secondary) + _TERMINATOR + "".join(tertiary)


def split_name(full_name: str | None) -> tuple[str, str]:
    """(family and middle names, given name): "Nguyễn Văn Đức" → ("Nguyễn Văn", "Đức")."""
    words = _WHITESPACE.sub(" ", _normalise(full_name or "")).strip().split(" ")
    if words == [""]:
        return "", ""
    return " ".join(words[:-1]), words[-1]


def given_name(full_name: str | None) -> str:
    """The given name (tên): the last word of a Vietnamese full name."""
    return split_name(full_name)[1]


def name_sort_key(full_name: str | None) -> str:
    """Order people by given name, then by family and middle names, in Vietnamese collation.

    >>> names = ["Trần Văn Bình", "Nguyễn Thị An", "Lê Văn An", "Đỗ Ánh"]
    >>> sorted(names, key=name_sort_key)
    ['Lê Văn An', 'Nguyễn Thị An', 'Đỗ Ánh', 'Trần Văn Bình']
    """
    rest, given = split_name(full_name)
    # Each sort_key is self-delimiting (see the module docstring), so joining two keys compares the given
    # names completely before the family names are looked at.
    return sort_key(given) + sort_key(rest)
