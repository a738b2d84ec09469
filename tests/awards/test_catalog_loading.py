"""The award catalogue: required codes, facts with confirmation flags, frozen data, loader errors."""

import dataclasses
from decimal import Decimal

import pytest

from thidua.awards.catalog import CatalogError, catalog, parse_catalog
from thidua.awards.rulesets import get_ruleset
from thidua.awards.terms import AwardKind, Level, SubjectKind


def test_catalogue_codes():
    assert catalog().codes() == (
        "LDTT",
        "CSTDCS",
        "CSTD_TINH",
        "CSTD_TQ",
        "TTLDTT",
        "TTLDXS",
        "CO_TINH",
        "CO_CP",
        "GIAY_KHEN",
        "BK_TINH",
        "BK_TTG",
        "HCLD3",
        "GDVH",
        "THON_VH",
        "XA_TIEU_BIEU",
    )


def test_entry_facts():
    award = catalog().get("CSTD_TQ")
    assert (award.name_vi, award.name_en) == ("Chiến sĩ thi đua toàn quốc", "National Emulation Fighter")
    assert award.subjects == (SubjectKind.INDIVIDUAL,)
    assert (award.kind, award.level) == (AwardKind.DANH_HIEU, Level.NHA_NUOC)
    assert award.conferring_authority == ("Thủ tướng Chính phủ",)
    assert award.bonus == {SubjectKind.INDIVIDUAL: Decimal("4.5")}
    assert award.legal_basis == ("Điều 21 Luật Thi đua, khen thưởng năm 2022",)
    assert award.fully_confirmed


def test_unconfirmed_facts_are_flagged():
    assert catalog().get("CO_TINH").unconfirmed_facts == ("bonus", "legal_basis", "criteria")
    assert catalog().get("CSTD_TINH").unconfirmed_facts == ("legal_basis",)
    assert catalog().get("HCLD3").bonus == {}


def test_subjects_of_forms():
    assert [a.code for a in catalog().for_subject("household")] == ["GIAY_KHEN", "BK_TINH", "BK_TTG", "GDVH"]
    assert catalog().get("BK_TINH").evaluated_for == (SubjectKind.INDIVIDUAL,)


def test_cultural_titles_have_checklists_and_no_machine_criteria():
    for code in ("GDVH", "THON_VH"):
        award = catalog().get(code)
        assert award.evaluated_for == ()
        assert len(award.manual_checks) == 3


def test_catalogue_bonus_matches_decree_152_rule_set():
    rs = get_ruleset("luat-06-2022_nd-152-2025")
    for award in catalog():
        for subject, multiplier in award.bonus.items():
            assert rs.multiplier(award.code, subject)[0] == multiplier, award.code


def test_entries_are_frozen():
    with pytest.raises(dataclasses.FrozenInstanceError):
        catalog().get("LDTT").code = "X"
    with pytest.raises(TypeError):
        catalog().get("LDTT").confirmed["bonus"] = False


ENTRY = """
[[award]]
code = "A"
name_vi = "A"
name_en = "A"
subjects = ["individual"]
kind = "danh_hieu"
level = "co_so"
legal_basis = ["x"]
confirmed = { name = true, subjects = true, level = true, authority = true, bonus = true, legal_basis = true, criteria = true }
"""


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (ENTRY + ENTRY, "Danh mục, mục 'A', trường 'code': mã bị trùng"),
        (ENTRY.replace('"individual"', '"robot"'), "Danh mục, mục 'A', trường 'subjects'"),
        (ENTRY + 'colour = "red"\n', "Danh mục, mục 'A', trường 'colour': trường không được hỗ trợ"),
        (ENTRY.replace(", criteria = true", ""), "Danh mục, mục 'A', trường 'confirmed'"),
        (ENTRY + 'evaluated_for = ["household"]\n', "Danh mục, mục 'A', trường 'evaluated_for'"),
        (ENTRY + "bonus = { individual = -1 }\n", "Danh mục, mục 'A', trường 'bonus'"),
        ("[[award", "Danh mục: tệp TOML không hợp lệ"),
    ],
)
def test_loader_errors(text, message):
    with pytest.raises(CatalogError) as info:
        parse_catalog(text)
    assert str(info.value).startswith(message)
