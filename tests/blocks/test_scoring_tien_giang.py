"""Acceptance on real data: Tiền Giang's 2022 table, the Cai Lậy office's 124,4 self-score and 118,4 agreed."""

from __future__ import annotations

from decimal import Decimal

import pytest

from thidua.blocks.examples import tien_giang_2022 as tg
from thidua.blocks.scoring import EntryError, Kind, score_table, validate_table


def test_tien_giang_table_imports_and_validates(tien_giang_table):
    codes = [node.code for node in tien_giang_table.walk()]

    assert len(codes) == 182
    assert [criterion.code for criterion in tien_giang_table.criteria] == ["1", "2", "3", "4", "5"]
    assert [criterion.max_standard() for criterion in tien_giang_table.criteria] == [
        Decimal(80),
        Decimal(2),
        Decimal(10),
        Decimal(3),
        Decimal(5),
    ]
    assert tien_giang_table.max_standard() == Decimal(100)
    assert validate_table(tien_giang_table) == []


def test_tien_giang_table_holds_caps_bands_gates_and_disqualifier(tien_giang_table):
    nodes = tien_giang_table.by_code()

    assert (nodes["a1"].deduction_cap, nodes["a4"].bonus_cap, nodes["a4"].deduction_cap) == (
        Decimal("1.5"),
        Decimal(2),
        Decimal(2),
    )
    assert (nodes["a1.1"].kind, nodes["a1.1"].points, nodes["a1.1"].per_occurrence) == (
        Kind.PENALTY,
        Decimal("0.5"),
        True,
    )
    assert [code for code, node in nodes.items() if node.choice_group == "C1"] == ["C1.1", "C1.2", "C1.3"]
    assert nodes["a4.2"].requires_full_standard is True
    assert nodes["5.2"].kind == Kind.DISQUALIFIER
    assert nodes["4.3.1"].row_max == Decimal(1)


def test_tien_giang_reviewers_per_section(tien_giang_table):
    reviewers = {
        code: tien_giang_table.reviewer_of(code)
        for code in ["a7.6", "b2.5", "C4.2.1", "d2.3", "2.2", "4.3.1", "4.1", "3.3.2.1.d"]
    }

    assert reviewers == {
        "a7.6": "Phòng Quản lý đất đai",
        "b2.5": "Phòng Tài nguyên Nước, Khoáng sản và Biển",
        "C4.2.1": "Phòng Quản lý Môi trường",
        "d2.3": "Thanh tra Sở",
        "2.2": "Văn phòng Sở",
        "4.3.1": "Bộ phận phụ trách Bản tin",
        "4.1": "Văn phòng Sở",
        "3.3.2.1.d": "Phòng Quản lý đất đai; Phòng Quản lý Môi trường; Phòng Tài nguyên Nước, Khoáng sản và Biển",
    }


def test_tien_giang_self_assessment_totals_124_4(tien_giang_applied):
    result = score_table(tien_giang_applied, tg.SELF_ASSESSMENT)

    assert result.total == tg.SELF_TOTAL == Decimal("124.4")
    assert (result.standard, result.bonus, result.deduction) == (Decimal(100), Decimal("24.4"), Decimal(0))
    assert result.disqualified is False
    assert result.unscored == ()


def test_tien_giang_verification_totals_118_4(tien_giang_applied):
    result = score_table(tien_giang_applied, tg.AGREED)

    assert result.total == tg.AGREED_TOTAL == Decimal("118.4")
    assert (result.standard, result.bonus, result.deduction) == (
        Decimal(100),
        tg.STATED_AGREED_BONUS,
        Decimal(0),
    )
    assert result.disqualified is False
    assert result.unscored == ()


@pytest.mark.parametrize(
    ("entries", "stated"), [(tg.SELF_ASSESSMENT, tg.STATED_SELF), (tg.AGREED, tg.STATED_AGREED)]
)
def test_tien_giang_subtotals_match_the_documents(tien_giang_applied, entries, stated):
    result = score_table(tien_giang_applied, entries)

    assert {code: result.subtotal(code) for code in stated} == stated


def test_tien_giang_differences_between_self_score_and_verification(tien_giang_applied):
    self_result = score_table(tien_giang_applied, tg.SELF_ASSESSMENT)
    agreed = score_table(tien_giang_applied, tg.AGREED)

    changed = {
        code: (self_result.nodes[code].total, agreed.nodes[code].total)
        for code in self_result.nodes
        if self_result.nodes[code].total != agreed.nodes[code].total
    }

    assert changed == {
        "1": (Decimal("100.4"), Decimal("94.4")),
        "a": (Decimal(40), Decimal(36)),
        "a7": (Decimal(11), Decimal(7)),
        "a7.6": (Decimal(8), Decimal(4)),
        "d": (Decimal(18), Decimal(16)),
        "d2": (Decimal(13), Decimal(11)),
        "d2.3": (Decimal(6), Decimal(4)),
    }


def test_tien_giang_as_issued_caps_would_lower_both_totals(tien_giang_table):
    def without_added_row(entries):
        return {code: entry for code, entry in entries.items() if code != "C4.2.3"}

    self_result = score_table(tien_giang_table, without_added_row(tg.SELF_ASSESSMENT))
    agreed = score_table(tien_giang_table, without_added_row(tg.AGREED))

    # d2.3 capped at 2 (−4 and −2), C2.4 capped at 0,5 (−0,2), no C4.2 bonus (−0,5).
    assert (self_result.total, agreed.total) == (Decimal("119.7"), Decimal("115.7"))


def test_tien_giang_added_row_is_unknown_to_the_table_as_issued(tien_giang_table):
    with pytest.raises(EntryError) as error:
        score_table(tien_giang_table, tg.AGREED)

    assert error.value.messages == ["Mục C4.2.3: không có trong bảng tiêu chí."]


def test_tien_giang_departures_name_real_codes(tien_giang_applied):
    codes = tien_giang_applied.by_code()

    assert [departure.code for departure in tg.TABLE_DEPARTURES] == ["d2.3", "C2.4", "C4.2.3"]
    assert all(departure.code in codes and departure.reason for departure in tg.TABLE_DEPARTURES)
    assert validate_table(tien_giang_applied) == []


def test_tien_giang_missing_report_disqualifies(tien_giang_applied):
    from thidua.blocks.scoring import occurs

    result = score_table(tien_giang_applied, {**tg.AGREED, "5.2": occurs()})

    assert (result.total, result.disqualified, result.disqualified_by) == (Decimal("118.4"), True, ("5.2",))
