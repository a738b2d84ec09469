"""fold, sort_key and name_sort_key: examples, hypothesis properties, and agreement with ICU's vi collation."""

from __future__ import annotations

import unicodedata

import pytest
from django.db import connection
from hypothesis import example, given
from hypothesis import strategies as st

from thidua.core.vietnamese import fold, given_name, name_sort_key, sort_key, split_name

# --- an independent model of Vietnamese collation -------------------------------------------------------------
# The 29 letters in order, and every toned form of each vowel in tone order (none, huyền, hỏi, ngã, sắc, nặng),
# written out by hand rather than computed with unicodedata, so the model shares no code with the module.
LETTERS = [
    "a", "ă", "â", "b", "c", "d", "đ", "e", "ê", "g", "h", "i", "k", "l", "m", "n",
    "o", "ô", "ơ", "p", "q", "r", "s", "t", "u", "ư", "v", "x", "y",
]  # fmt: skip
TONED = {
    "a": "aàảãáạ",
    "ă": "ăằẳẵắặ",
    "â": "âầẩẫấậ",
    "e": "eèẻẽéẹ",
    "ê": "êềểễếệ",
    "i": "iìỉĩíị",
    "o": "oòỏõóọ",
    "ô": "ôồổỗốộ",
    "ơ": "ơờởỡớợ",
    "u": "uùủũúụ",
    "ư": "ưừửữứự",
    "y": "yỳỷỹýỵ",
}
# char -> (letter index, tone, case)
WEIGHTS: dict[str, tuple[int, int, int]] = {}
for index, letter in enumerate(LETTERS):
    for tone, form in enumerate(TONED.get(letter, letter)):
        WEIGHTS[form] = (index, tone, 0)
        WEIGHTS[form.upper()] = (index, tone, 1)
VIETNAMESE_CHARS = sorted(WEIGHTS)
FOLDED_LETTER = {"ă": "a", "â": "a", "đ": "d", "ê": "e", "ô": "o", "ơ": "o", "ư": "u"}


def model_key(text: str) -> tuple:
    """Primary letters, then tones, then case, each compared over the whole string (space sorts first)."""
    weights = [WEIGHTS[char] if char != " " else (-1, 0, 0) for char in text]
    return (
        tuple(w[0] for w in weights),
        tuple(w[1] for w in weights),
        tuple(w[2] for w in weights),
    )


def primary(text: str) -> tuple[int, ...]:
    return model_key(text)[0]


words = st.lists(st.sampled_from(VIETNAMESE_CHARS), min_size=1, max_size=7).map("".join)
phrases = st.lists(words, min_size=1, max_size=4).map(" ".join)
names = st.lists(words.map(str.capitalize), min_size=1, max_size=4).map(" ".join)


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


# --- fold: examples ---------------------------------------------------------------------------------------


def test_fold_full_name_is_lower_case_without_diacritics():
    assert fold("Nguyễn Văn Đức") == "nguyen van duc"


def test_fold_d_with_stroke_both_cases_becomes_d():
    assert [fold("Đ"), fold("đ"), fold("ĐẶNG THỊ ĐÀO")] == ["d", "d", "dang thi dao"]


def test_fold_decomposed_input_equals_composed_input():
    assert fold(nfd("Nguyễn Văn Đức")) == "nguyen van duc"


def test_fold_lookalike_eth_is_read_as_d_with_stroke():
    assert [fold("\u00d0ặng"), fold("\u0189ỗ"), fold("\u00f0ức")] == ["dang", "do", "duc"]


def test_fold_collapses_and_trims_whitespace():
    assert fold("  Hà \t  Nội\n ") == "ha noi"


def test_fold_none_and_empty_are_empty():
    assert [fold(None), fold(""), fold("   ")] == ["", "", ""]


def test_fold_every_vowel_form_maps_to_its_plain_letter():
    folded = {form: fold(form) for forms in TONED.values() for form in forms + forms.upper()}
    expected = {
        form: FOLDED_LETTER.get(letter, letter)
        for letter, forms in TONED.items()
        for form in forms + forms.upper()
    }
    assert folded == expected


# --- fold: properties -------------------------------------------------------------------------------------


@given(st.text())
@example("İstanbul")
@example("ΐ")
@example("\u0345")
def test_fold_is_idempotent(text):
    assert fold(fold(text)) == fold(text)


@given(phrases)
def test_fold_of_vietnamese_text_is_plain_ascii_letters_and_spaces(text):
    folded = fold(text)
    assert folded.isascii()
    assert set(folded) <= set("abcdefghijklmnopqrstuvwxyz ")


@given(phrases)
def test_fold_ignores_case_and_normal_form(text):
    assert fold(text.upper()) == fold(text.lower()) == fold(nfd(text)) == fold(text)


@given(phrases)
def test_fold_keeps_the_word_structure(text):
    assert len(fold(text).split(" ")) == len(text.split(" "))
    assert len(fold(text)) == len(text)


# --- sort_key: examples -----------------------------------------------------------------------------------


def test_sort_key_orders_tones_none_huyen_hoi_nga_sac_nang():
    assert sorted(["ạ", "á", "ã", "ả", "à", "a"], key=sort_key) == ["a", "à", "ả", "ã", "á", "ạ"]


def test_sort_key_orders_a_then_breve_then_circumflex_each_with_its_tones():
    shuffled = ["ậ", "b", "ằ", "a", "ẵ", "â", "ạ", "ă", "ấ", "à", "ặ", "ẩ", "á", "ắ", "ả", "ầ", "ã", "ẫ", "ẳ"]
    assert sorted(shuffled, key=sort_key) == [
        "a", "à", "ả", "ã", "á", "ạ",
        "ă", "ằ", "ẳ", "ẵ", "ắ", "ặ",
        "â", "ầ", "ẩ", "ẫ", "ấ", "ậ",
        "b",
    ]  # fmt: skip


@pytest.mark.parametrize(
    "expected",
    [
        ["d", "đ", "e"],
        ["dz", "đa"],
        ["e", "ê", "g"],
        ["o", "ô", "ơ", "p"],
        ["u", "ư", "v"],
        ["Dũng", "Dương", "Đào", "Đức"],
        ["Trâm", "Trần", "Trịnh"],
    ],
)
def test_sort_key_letter_order(expected):
    assert sorted(reversed(expected), key=sort_key) == expected


def test_sort_key_compares_letters_before_tones():
    # "Ánh" has a tone but the same letters as "Anh"; "Ân" differs in its first letter.
    assert sorted(["Ân", "Ánh", "Anh", "An"], key=sort_key) == ["An", "Anh", "Ánh", "Ân"]


def test_sort_key_compares_tones_over_the_whole_string_before_case():
    assert sorted(["Hà An", "Ha Án", "ha an", "Ha An"], key=sort_key) == ["ha an", "Ha An", "Ha Án", "Hà An"]


def test_sort_key_space_sorts_before_letters():
    assert sorted(["Anh Thư", "An Bình"], key=sort_key) == ["An Bình", "Anh Thư"]


def test_sort_key_lower_case_before_upper_case():
    assert sorted(["Đức", "đức", "ĐỨC"], key=sort_key) == ["đức", "Đức", "ĐỨC"]


def test_sort_key_is_made_of_digits_only():
    assert sort_key("Nguyễn Văn Đức, 1990").isdigit()


def test_sort_key_exact_value_for_one_word():
    # primary codes: Đ=206 ứ=227 c=204; tones: 0 4 0; case: 1 0 0
    assert sort_key("Đức") == "206227204" + "000" + "040" + "000" + "100"


# --- sort_key: properties ---------------------------------------------------------------------------------


@given(phrases, phrases)
def test_sort_key_agrees_with_the_independent_collation_model(left, right):
    assert (sort_key(left) < sort_key(right)) == (model_key(left) < model_key(right))
    assert (sort_key(left) == sort_key(right)) == (left == right)


@given(phrases)
def test_sort_key_same_for_composed_and_decomposed_text(text):
    assert sort_key(nfd(text)) == sort_key(text)


@given(phrases, phrases, phrases)
def test_sort_key_is_a_total_order(a, b, c):
    keys = [sort_key(a), sort_key(b), sort_key(c)]
    # antisymmetric: equal keys only for equal text
    assert (keys[0] == keys[1]) == (a == b)
    # transitive
    if keys[0] <= keys[1] <= keys[2]:
        assert keys[0] <= keys[2]


@given(phrases, phrases, phrases)
def test_sort_key_keeps_texts_with_the_same_letters_together(a, b, c):
    """Texts that differ only in tones or case (the same fold and the same letters) sit next to each other:
    no text with other letters sorts between them."""
    if primary(a) == primary(b) and primary(c) != primary(a):
        low, high = sorted([sort_key(a), sort_key(b)])
        assert not (low < sort_key(c) < high)


def without_tones(text: str) -> str:
    """The same letters and case with every tone removed (ạ -> a, Ắ -> Ă)."""
    plain = []
    for char in text:
        if char == " ":
            plain.append(char)
            continue
        letter_index, _tone, case = WEIGHTS[char]
        base = LETTERS[letter_index]
        plain.append(base.upper() if case else base)
    return "".join(plain)


@given(phrases)
def test_sort_key_untoned_form_sorts_first_among_its_tone_variants(text):
    plain = without_tones(text)
    assert sort_key(plain) <= sort_key(text)
    assert (sort_key(plain) == sort_key(text)) == (plain == text)


# --- name_sort_key ----------------------------------------------------------------------------------------


def test_split_name_and_given_name():
    assert split_name("  Nguyễn   Văn Đức ") == ("Nguyễn Văn", "Đức")
    assert split_name("Đức") == ("", "Đức")
    assert split_name("") == ("", "")
    assert given_name("Giàng A Páo") == "Páo"


def test_name_sort_key_orders_by_given_name_then_the_rest():
    people = ["Nguyễn Văn Đức", "Trần Thị Anh", "Lê Văn Dũng", "Phạm Ánh", "Đỗ Văn Anh", "Nguyễn Thị Ân"]
    assert sorted(people, key=name_sort_key) == [
        "Đỗ Văn Anh",
        "Trần Thị Anh",
        "Phạm Ánh",
        "Nguyễn Thị Ân",
        "Lê Văn Dũng",
        "Nguyễn Văn Đức",
    ]


def test_name_sort_key_given_name_wins_over_family_name():
    assert sorted(["An Văn Bình", "Bùi Thị An"], key=name_sort_key) == ["Bùi Thị An", "An Văn Bình"]


@given(st.lists(names, max_size=12))
def test_name_sort_key_groups_by_given_name_in_vietnamese_order(full_names):
    ordered = sorted(full_names, key=name_sort_key)
    givens = [given_name(name) for name in ordered]
    # given names are in collation order, so equal given names are contiguous
    assert givens == sorted(givens, key=sort_key)
    # within one given name, the family and middle names are in collation order
    for first_name in set(givens):
        rests = [split_name(name)[0] for name in ordered if given_name(name) == first_name]
        assert rests == sorted(rests, key=sort_key)


@given(names, names)
def test_name_sort_key_equals_comparing_given_then_rest(left, right):
    def pair(name):
        rest, given = split_name(name)
        return (model_key(given), model_key(rest))

    assert (name_sort_key(left) < name_sort_key(right)) == (pair(left) < pair(right))


# --- agreement with ICU on PostgreSQL ---------------------------------------------------------------------

REAL_NAMES = [
    "Nguyễn Văn Đức", "Nguyễn Văn Dũng", "Nguyễn Thị Ánh", "Nguyễn Thị Anh", "Nguyễn Thị Ân", "Nguyễn Thị An",
    "Trần Tiến Dũng", "Trần Thị Hà", "Trần Thị Hạ", "Trần Thị Hà", "Trần Thị Hả", "Trần Thị Hã", "Trần Thị Há",
    "Lê Văn Ba", "Lê Văn Bá", "Lê Văn Bà", "Lê Quý Đôn", "Lò Văn Tiến", "Lò Thị Ơn", "Lò Thị Ôn", "Lò Thị On",
    "Giàng A Páo", "Giàng Seo Phử", "Tẩn Láo San", "Chảo Thị Mẩy", "Phàn Văn Ư", "Phàn Văn U", "Phàn Thị Út",
    "Đỗ Ánh", "Đặng Thị Ểu", "Hoàng Văn Êm", "Hoàng Văn Em", "Vàng Thị Dợ", "Vàng Thị Đợ", "Vương Thị Ưng",
    "Vũ Thị Ứng", "Bùi Quang Minh", "Bùi Quang Mịnh", "Ngô Thị Lan", "Ngô Thị Lân", "Ngô Thị Lăn", "Tòng Văn Ướt",
    "Phạm Thị Hà", "Pờ Mé Hừ", "Lù Văn Chắng", "Ly Thị Ly", "Lý Thị Lý", "Hà Thị Ngọc Ánh", "Hà An", "Ha Án",
    "Mùa A Dình", "Đèo Văn Khang", "đèo văn khang", "ĐÈO VĂN KHANG",
]  # fmt: skip
# Every letter and toned vowel, lower and upper case, with a word after it so positions vary too.
SINGLE_FORMS = [form for form in VIETNAMESE_CHARS] + [f"{form} a" for form in VIETNAMESE_CHARS[::3]]


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="ICU collation vi-VN-x-icu exists only on PostgreSQL"
)
@pytest.mark.django_db
def test_sort_key_and_name_sort_key_agree_with_postgresql_icu_vi_collation():
    texts = sorted(set(REAL_NAMES + SINGLE_FORMS))
    values = ", ".join(["(%s)"] * len(texts))
    with connection.cursor() as cursor:
        cursor.execute(
            f'SELECT name FROM (VALUES {values}) AS t(name) ORDER BY name COLLATE "vi-VN-x-icu"', texts
        )
        icu_order = [row[0] for row in cursor.fetchall()]
        people = sorted(set(REAL_NAMES))
        pairs = [split_name(name) for name in people]
        pair_values = ", ".join(["(%s, %s, %s)"] * len(people))
        cursor.execute(
            f"SELECT full_name FROM (VALUES {pair_values}) AS t(full_name, given, rest) "
            'ORDER BY given COLLATE "vi-VN-x-icu", rest COLLATE "vi-VN-x-icu"',
            [item for name, (rest, given) in zip(people, pairs, strict=True) for item in (name, given, rest)],
        )
        icu_people = [row[0] for row in cursor.fetchall()]
    assert sorted(texts, key=sort_key) == icu_order
    assert sorted(people, key=name_sort_key) == icu_people
