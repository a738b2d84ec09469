"""The criteria-table model and score_table on small tables, with exact values and hypothesis properties."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given as hypothesis_given
from hypothesis import strategies as st

from thidua.blocks.scoring import (
    CriteriaTable,
    Criterion,
    Entry,
    EntryError,
    Formula,
    Kind,
    achieved,
    chosen,
    format_points,
    given,
    occurs,
    score_table,
    validate_table,
)

D = Decimal


def small_table() -> CriteriaTable:
    """Two groups: a criterion with a capped per-occurrence penalty and a bonus outside the cap, a gated bonus
    choice, a banded criterion, a quantitative criterion and a disqualifier."""
    return CriteriaTable(
        title="Bảng thử",
        year=2024,
        total_points=D(20),
        criteria=[
            Criterion(
                code="I",
                text="Chuyên môn",
                kind=Kind.GROUP,
                points=D(10),
                reviewer="Phòng Nghiệp vụ",
                children=[
                    Criterion(
                        code="I.1",
                        text="Báo cáo",
                        points=D(4),
                        deduction_cap=D("1.5"),
                        children=[
                            Criterion(
                                "I.1.a", "Mỗi báo cáo trễ", Kind.PENALTY, D("0.5"), per_occurrence=True
                            ),
                            Criterion("I.1.b", "Báo cáo sai mẫu", Kind.PENALTY, D(1)),
                            Criterion(
                                "I.1.c",
                                "Mỗi sáng kiến",
                                Kind.BONUS,
                                D("0.5"),
                                per_occurrence=True,
                                row_max=D(1),
                            ),
                        ],
                    ),
                    Criterion(
                        code="I.2",
                        text="Cấp giấy",
                        points=D(3),
                        bonus_cap=D(2),
                        children=[
                            Criterion("I.2.a", "Phản ánh đúng", Kind.PENALTY, D(1)),
                            Criterion(
                                "I.2.b",
                                "Đạt đủ điểm chuẩn thì cộng một trong hai",
                                Kind.GROUP,
                                requires_full_standard=True,
                                children=[
                                    Criterion("I.2.b.1", "Đạt 99%", Kind.BONUS, D(1), choice_group="I.2.b"),
                                    Criterion(
                                        "I.2.b.2", "Đạt 99% và 95%", Kind.BONUS, D(2), choice_group="I.2.b"
                                    ),
                                ],
                            ),
                        ],
                    ),
                    Criterion(
                        code="I.3",
                        text="Thu gom",
                        kind=Kind.GROUP,
                        points=D(3),
                        children=[
                            Criterion("I.3.a", "Trên 98%", points=D(3), choice_group="I.3"),
                            Criterion("I.3.b", "97% đến dưới 98%", points=D(2), choice_group="I.3"),
                            Criterion("I.3.c", "Dưới 97%", points=D(0), choice_group="I.3"),
                        ],
                    ),
                ],
            ),
            Criterion(
                code="II",
                text="Chỉ tiêu",
                kind=Kind.GROUP,
                points=D(10),
                children=[
                    Criterion(
                        "II.1",
                        "Tỷ lệ hoàn thành kế hoạch",
                        Kind.QUANTITATIVE,
                        D(6),
                        formula=Formula.PROPORTIONAL,
                        target=D(100),
                    ),
                    Criterion(
                        "II.2",
                        "Đạt ngưỡng 80%",
                        Kind.QUANTITATIVE,
                        D(4),
                        formula=Formula.THRESHOLD,
                        target=D(80),
                    ),
                    Criterion("II.3", "Không gửi báo cáo: không xếp loại", Kind.DISQUALIFIER),
                ],
            ),
        ],
    )


FULL = {
    "I.1": given(4),
    "I.2": given(3),
    "I.3.a": chosen(),
    "II.1": achieved(100),
    "II.2": achieved(80),
}


def test_small_table_validates():
    assert validate_table(small_table()) == []


def test_score_full_marks():
    result = score_table(small_table(), FULL)

    assert (result.max_standard, result.standard, result.bonus, result.deduction, result.total) == (
        D(20),
        D(20),
        D(0),
        D(0),
        D(20),
    )
    assert (result.disqualified, result.unscored) == (False, ())


def test_score_per_occurrence_deductions_capped_with_bonus_outside_the_cap():
    entries = {**FULL, "I.1.a": occurs(4), "I.1.b": occurs(), "I.1.c": occurs(3)}

    result = score_table(small_table(), entries)

    # 4 × 0,5 + 1 = 3 capped at 1,5; bonus 3 × 0,5 = 1,5 capped by the row at 1.
    assert (result.nodes["I.1"].deduction, result.nodes["I.1"].bonus, result.nodes["I.1"].total) == (
        D("1.5"),
        D(1),
        D("3.5"),
    )
    assert result.total == D("19.5")


def test_score_bonus_requires_full_standard():
    with_bonus = score_table(small_table(), {**FULL, "I.2.b.2": chosen()})
    after_deduction = score_table(small_table(), {**FULL, "I.2.b.2": chosen(), "I.2.a": occurs()})
    partial_standard = score_table(small_table(), {**FULL, "I.2": given("2.5"), "I.2.b.2": chosen()})

    assert [r.nodes["I.2"].total for r in (with_bonus, after_deduction, partial_standard)] == [
        D(5),
        D(2),
        D("2.5"),
    ]


def test_score_choice_group_band():
    entries = {code: entry for code, entry in FULL.items() if code != "I.3.a"} | {"I.3.b": chosen()}

    result = score_table(small_table(), entries)

    assert (result.nodes["I.3"].standard, result.nodes["I.3"].max_standard, result.total) == (
        D(2),
        D(3),
        D(19),
    )


def test_score_two_rows_of_a_choice_group_refused():
    with pytest.raises(EntryError) as error:
        score_table(small_table(), {**FULL, "I.3.b": chosen()})

    assert error.value.messages == ["Nhóm lựa chọn “I.3”: chỉ được chọn một trong các mục I.3.a, I.3.b."]


@pytest.mark.parametrize(
    ("value", "expected"),
    [(D(100), D(6)), (D(120), D(6)), (D(50), D(3)), (D("33.3"), D("2.00")), (D(0), D(0))],
)
def test_score_quantitative_proportional(value, expected):
    result = score_table(small_table(), {**FULL, "II.1": achieved(value)})

    assert result.nodes["II.1"].standard == expected


@pytest.mark.parametrize(("value", "expected"), [(D(80), D(4)), (D("79.9"), D(0)), (D(95), D(4))])
def test_score_quantitative_threshold(value, expected):
    result = score_table(small_table(), {**FULL, "II.2": achieved(value)})

    assert result.nodes["II.2"].standard == expected


def test_score_disqualifier_marks_not_ranked():
    result = score_table(small_table(), {**FULL, "II.3": occurs()})

    assert (result.total, result.disqualified, result.disqualified_by) == (D(20), True, ("II.3",))


def test_score_missing_entries_count_zero_and_are_listed():
    result = score_table(small_table(), {"I.1": given(4)})

    assert result.total == D(4)
    assert result.unscored == ("I.2", "I.3.a", "I.3.b", "I.3.c", "II.1", "II.2")


def test_score_invalid_entries_all_reported():
    entries = {
        "I.1": given(5),
        "I": given(1),
        "X.9": given(1),
        "I.1.b": occurs(2),
        "I.1.a": occurs("1.5"),
        "I.1.c": Entry(points=D(2)),
    }

    with pytest.raises(EntryError) as error:
        score_table(small_table(), entries)

    assert error.value.messages == [
        "Mục X.9: không có trong bảng tiêu chí.",
        "Mục I: là nhóm, chấm điểm ở các mục con.",
        "Mục I.1: chấm 5 điểm, vượt điểm chuẩn 4 điểm.",
        "Mục I.1.a: số lần phải là số nguyên (1,5).",
        "Mục I.1.b: dòng này không tính theo lần, số lần chỉ là 0 hoặc 1.",
        "Mục I.1.c: 2 điểm vượt mức tối đa 1 điểm.",
    ]


def test_validate_reports_maxima_that_do_not_add_up():
    table = small_table()
    table = table.amended("I.3", points=D(4)).amended("II.1", points=D(5))

    assert validate_table(table) == [
        "Mục I.3: tổng điểm chuẩn của các mục con là 3 điểm, khác với 4 điểm của mục.",
        "Mục II: tổng điểm chuẩn của các mục con là 9 điểm, khác với 10 điểm của mục.",
        "Bảng “Bảng thử”: tổng điểm chuẩn các tiêu chuẩn là 19 điểm, khác với tổng cộng 20 điểm.",
    ]


def test_validate_reports_structural_problems():
    table = CriteriaTable(
        title="Bảng lỗi",
        total_points=D(5),
        criteria=[
            Criterion("A", "Nhóm A", Kind.GROUP, children=[]),
            Criterion(
                "B",
                "",
                points=D(2),
                children=[
                    Criterion("B.1", "Cộng", Kind.BONUS, children=[Criterion("B.1.x", "Con", points=D(1))])
                ],
            ),
            Criterion("A", "Trùng mã", Kind.QUANTITATIVE, D(1)),
            Criterion("C", "Trừ", Kind.PENALTY, D(-1), row_max=D(1), per_occurrence=True),
            Criterion("D", "Có", points=D(1), per_occurrence=True, requires_full_standard=True),
            Criterion("E", "Cộng treo", Kind.BONUS, D(1), requires_full_standard=True),
        ],
    )

    assert validate_table(table) == [
        "Mục A: nhóm không có mục con nào.",
        "Mục B: thiếu nội dung.",
        "Mục B: tổng điểm chuẩn của các mục con là 0 điểm, khác với 2 điểm của mục.",
        "Mục B.1: dòng cộng điểm không được có mục con (B.1.x).",
        "Mục B.1: dòng cộng điểm cần số điểm lớn hơn 0.",
        "Mục A: mã bị trùng.",
        "Mục A: tiêu chí định lượng cần công thức tính.",
        "Mục A: tiêu chí định lượng cần mục tiêu lớn hơn 0.",
        "Mục C: “Điểm” không được âm (-1).",
        "Mục D: chỉ dòng cộng điểm hoặc trừ điểm mới tính theo lần.",
        "Bảng “Bảng lỗi”: tổng điểm chuẩn các tiêu chuẩn là 2 điểm, khác với tổng cộng 5 điểm.",
    ]


def test_validate_choice_group_standard_rows_share_a_parent():
    table = CriteriaTable(
        title="Bảng",
        criteria=[
            Criterion(
                "A", "A", Kind.GROUP, children=[Criterion("A.1", "Mức 1", points=D(2), choice_group="m")]
            ),
            Criterion(
                "B", "B", Kind.GROUP, children=[Criterion("B.1", "Mức 2", points=D(1), choice_group="m")]
            ),
        ],
    )

    assert validate_table(table) == [
        "Nhóm lựa chọn “m”: các dòng điểm chuẩn phải cùng một mục cha (đang thuộc A, B)."
    ]


def test_reviewer_and_evidence_lookups():
    table = small_table().amended("I.3", evidence_required=True)

    assert (table.reviewer_of("I.1.c"), table.reviewer_of("II.1")) == ("Phòng Nghiệp vụ", "")
    assert table.evidence_required_codes() == ["I.3"]


@pytest.mark.parametrize(
    ("value", "text"), [(D("1.50"), "1,5"), (D(3), "3"), (D("100.0"), "100"), (D("0.25"), "0,25"), (None, "")]
)
def test_format_points(value, text):
    assert format_points(value) == text


# --- hypothesis -------------------------------------------------------------------------------------------

amounts = st.decimals(min_value=D("0.1"), max_value=D(5), places=1)
counts = st.integers(min_value=0, max_value=12)


@st.composite
def capped_items(draw):
    """One criterion with random penalties (some per occurrence, some with row caps), random bonuses, an
    optional deduction cap and an optional bonus cap; plus random entries."""
    points = draw(st.decimals(min_value=D(1), max_value=D(10), places=1))
    children = []
    entries = {"X": given(draw(st.decimals(min_value=D(0), max_value=points, places=1)))}
    for index in range(draw(st.integers(min_value=0, max_value=5))):
        kind = draw(st.sampled_from([Kind.PENALTY, Kind.BONUS]))
        per_occurrence = draw(st.booleans())
        row_max = draw(st.none() | amounts)
        code = f"X.{index}"
        children.append(
            Criterion(
                code, f"Dòng {index}", kind, draw(amounts), per_occurrence=per_occurrence, row_max=row_max
            )
        )
        count = draw(counts) if per_occurrence else draw(st.integers(min_value=0, max_value=1))
        entries[code] = occurs(count)
    item = Criterion(
        "X",
        "Tiêu chí",
        points=points,
        deduction_cap=draw(st.none() | amounts),
        bonus_cap=draw(st.none() | amounts),
        children=children,
    )
    return CriteriaTable(title="Ngẫu nhiên", criteria=[item]), entries


@hypothesis_given(capped_items())
def test_property_deductions_and_bonuses_never_exceed_their_caps(case):
    table, entries = case
    item = table.criteria[0]

    result = score_table(table, entries)

    if item.deduction_cap is not None:
        assert result.deduction <= item.deduction_cap
    if item.bonus_cap is not None:
        assert result.bonus <= item.bonus_cap
    for child in item.children:
        if child.row_max is not None:
            assert result.nodes[child.code].bonus + result.nodes[child.code].deduction <= child.row_max


@hypothesis_given(capped_items())
def test_property_total_is_standard_plus_bonus_minus_capped_deductions(case):
    table, entries = case
    item = table.criteria[0]

    result = score_table(table, entries)

    raw_deduction = sum((result.nodes[c.code].deduction for c in item.children), D(0))
    raw_bonus = sum((result.nodes[c.code].bonus for c in item.children), D(0))
    capped_deduction = (
        min(raw_deduction, item.deduction_cap) if item.deduction_cap is not None else raw_deduction
    )
    capped_bonus = min(raw_bonus, item.bonus_cap) if item.bonus_cap is not None else raw_bonus
    assert result.total == result.standard + capped_bonus - capped_deduction
    assert (result.bonus, result.deduction) == (capped_bonus, capped_deduction)


@hypothesis_given(capped_items(), st.integers(min_value=0, max_value=12))
def test_property_more_penalty_occurrences_never_raise_the_total(case, extra):
    table, entries = case
    penalties = [c for c in table.criteria[0].children if c.kind == Kind.PENALTY and c.per_occurrence]
    if not penalties:
        return
    code = penalties[0].code
    more = {**entries, code: occurs(entries[code].count + extra)}

    assert score_table(table, more).total <= score_table(table, entries).total


def test_validate_gated_bonus_needs_a_standard_criterion_above():
    table = CriteriaTable(
        title="Bảng",
        criteria=[
            Criterion("A", "Tiêu chí", points=D(2)),
            Criterion("B", "Cộng treo", Kind.BONUS, D(1), requires_full_standard=True),
        ],
    )

    assert validate_table(table) == [
        "Mục B: “chỉ cộng khi đạt đủ điểm chuẩn” nhưng không có mục điểm chuẩn nào bên trên."
    ]


def test_score_quantitative_entry_problems():
    with pytest.raises(EntryError) as error:
        score_table(small_table(), {**FULL, "II.1": given(7), "II.2": occurs()})

    assert error.value.messages == [
        "Mục II.1: chấm 7 điểm, vượt điểm chuẩn 6 điểm.",
        "Mục II.2: tiêu chí định lượng cần kết quả đạt được.",
    ]
