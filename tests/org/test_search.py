"""Diacritic-insensitive search and given-name order, on SQLite and PostgreSQL alike."""

from __future__ import annotations

import unicodedata

import pytest

from thidua.org import services
from thidua.org.enums import Gender
from thidua.org.models import Unit
from thidua.org.queries import people_list, search_units

SGD_PEOPLE = [
    # (name, where: "sgddt" or "school")
    ("Nguyễn Văn Đức", "sgddt"),
    ("Trần Văn An", "sgddt"),
    ("Giàng A Anh", "sgddt"),
    ("Bùi Văn Hạ", "sgddt"),
    ("Nguyễn Thị Đức Hạnh", "sgddt"),
    ("Vũ Thị Ân", "school"),
    ("Lò Thị Ánh", "school"),
    ("Trần Văn Dũng", "school"),
    ("Hoàng Văn An", "school"),
    ("Phan Thị Hà", "school"),
]


@pytest.fixture
def people(province_tree, person_factory):
    made = {}
    for name, where in SGD_PEOPLE:
        made[name] = person_factory(full_name=name, gender=Gender.MALE, unit=getattr(province_tree, where))
    # A namesake in Sở Y tế, which the clerk of Sở GD&ĐT must not see.
    made["namesake"] = person_factory(
        full_name="Nguyễn Văn Đức", gender=Gender.MALE, unit=province_tree.syt, cccd="011234567890"
    )
    return made


def names(queryset) -> list[str]:
    return [person.full_name for person in queryset]


@pytest.mark.parametrize(
    "typed",
    [
        "nguyen van duc",
        "Nguyen Van Đuc",
        "NGUYỄN văn đức",
        "Nguyễn Văn Đức",
        unicodedata.normalize("NFD", "Nguyễn Văn Đức"),
        "  nguyen   van\tduc ",
        "\u00d0ức văn nguyễn",  # Ð (U+00D0) pasted for Đ, words in another order
    ],
)
def test_search_finds_nguyen_van_duc_however_it_is_typed(people, clerk_sgd, officer, typed):
    assert names(people_list(clerk_sgd, text=typed)) == ["Nguyễn Văn Đức"]
    assert [p.pk for p in people_list(officer, text=typed)] == [
        people["Nguyễn Văn Đức"].pk,
        people["namesake"].pk,
    ]


def test_search_matches_parts_of_words(people, clerk_sgd):
    assert names(people_list(clerk_sgd, text="duc")) == ["Nguyễn Văn Đức", "Nguyễn Thị Đức Hạnh"]
    assert names(people_list(clerk_sgd, text="anh")) == ["Giàng A Anh", "Lò Thị Ánh", "Nguyễn Thị Đức Hạnh"]
    assert names(people_list(clerk_sgd, text="nguyen thi")) == ["Nguyễn Thị Đức Hạnh"]
    assert names(people_list(clerk_sgd, text="duc nguyen")) == ["Nguyễn Văn Đức", "Nguyễn Thị Đức Hạnh"]
    assert names(people_list(clerk_sgd, text="xyz")) == []


def test_search_by_cccd_digits_within_scope(people, clerk_sgd, officer):
    assert names(people_list(officer, text="4567")) == ["Nguyễn Văn Đức"]
    assert [p.pk for p in people_list(officer, text="4567")] == [people["namesake"].pk]
    assert names(people_list(clerk_sgd, text="011234567890")) == []


def test_people_list_is_sorted_by_given_name_in_vietnamese_order(people, clerk_sgd):
    assert names(people_list(clerk_sgd)) == [
        "Hoàng Văn An",
        "Trần Văn An",
        "Giàng A Anh",
        "Lò Thị Ánh",
        "Vũ Thị Ân",
        "Trần Văn Dũng",
        "Nguyễn Văn Đức",
        "Phan Thị Hà",
        "Bùi Văn Hạ",
        "Nguyễn Thị Đức Hạnh",
    ]


def test_people_list_limited_to_a_unit_subtree(people, clerk_sgd, officer, province_tree):
    assert names(people_list(clerk_sgd, unit=province_tree.school)) == [
        "Hoàng Văn An",
        "Lò Thị Ánh",
        "Vũ Thị Ân",
        "Trần Văn Dũng",
        "Phan Thị Hà",
    ]
    assert names(people_list(officer, unit=province_tree.syt)) == ["Nguyễn Văn Đức"]
    assert names(people_list(clerk_sgd, unit=province_tree.syt)) == []


def test_people_list_leaves_out_archived_people_unless_asked(people, clerk_sgd):
    services.archive_person(people["Bùi Văn Hạ"], actor=clerk_sgd, reason="Chuyển công tác ra ngoài tỉnh")

    assert "Bùi Văn Hạ" not in names(people_list(clerk_sgd))
    assert names(people_list(clerk_sgd, text="ha", include_archived=True)) == [
        "Phan Thị Hà",
        "Bùi Văn Hạ",
        "Nguyễn Thị Đức Hạnh",
    ]
    assert names(people_list(clerk_sgd, text="ha")) == ["Phan Thị Hà", "Nguyễn Thị Đức Hạnh"]


def test_people_list_after_a_rename_sorts_by_the_new_given_name(people, clerk_sgd):
    services.update_person(people["Giàng A Anh"], actor=clerk_sgd, full_name="Giàng A Xứ")
    assert names(people_list(clerk_sgd))[-1] == "Giàng A Xứ"
    assert names(people_list(clerk_sgd, text="giang a xu")) == ["Giàng A Xứ"]


@pytest.mark.parametrize(
    ("typed", "codes"),
    [
        ("so giao duc", ["SGDDT"]),
        ("SỞ Y TẾ", ["SYT"]),
        ("tamduong", ["TAMDUONG"]),
        ("xa", ["BANBO", "BINHLU"]),
        ("uy ban nhan dan", ["TAMDUONG", "UBND", "BANBO", "BINHLU"]),
    ],
)
def test_search_units_without_diacritics(province_tree, typed, codes):
    found = search_units(Unit.objects.order_by("name_sort"), typed)
    assert [unit.code for unit in found] == codes
