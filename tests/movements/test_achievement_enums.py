"""Direction, Status and PeriodKind: Vietnamese labels, Bootstrap classes, period dates."""

import datetime as dt

import pytest

from thidua.movements.achievement import Direction, PeriodKind, Status


def test_achievement_direction_choices_in_vietnamese():
    assert Direction.choices() == [
        ("at_least", "Đạt ít nhất"),
        ("at_most", "Không vượt quá"),
        ("increase_by", "Tăng ít nhất"),
        ("decrease_by", "Giảm ít nhất"),
        ("about", "Khoảng"),
    ]


def test_achievement_direction_change_kinds():
    assert [d for d in Direction if d.is_change] == [Direction.INCREASE_BY, Direction.DECREASE_BY]


def test_achievement_status_labels_classes_and_ranks():
    assert [(s.value, s.label_vi, s.css_class, s.rank) for s in Status] == [
        ("dat", "Đạt", "text-bg-success", 2),
        ("vuot", "Vượt", "text-bg-primary", 3),
        ("chua_dat", "Chưa đạt", "text-bg-danger", 0),
        ("nguy_co", "Nguy cơ không đạt", "text-bg-warning", 1),
        ("chua_bao_cao", "Chưa báo cáo", "text-bg-secondary", None),
    ]


def test_achievement_status_choices_match_labels():
    assert Status.choices() == [(s.value, s.label) for s in Status]


def test_achievement_period_kind_labels():
    assert PeriodKind.choices() == [
        ("month", "Tháng"),
        ("quarter", "Quý"),
        ("half", "6 tháng"),
        ("year", "Năm"),
    ]


@pytest.mark.parametrize(
    ("kind", "year", "index", "start", "end"),
    [
        (PeriodKind.MONTH, 2024, 2, dt.date(2024, 2, 1), dt.date(2024, 2, 29)),
        (PeriodKind.MONTH, 2022, 2, dt.date(2022, 2, 1), dt.date(2022, 2, 28)),
        (PeriodKind.QUARTER, 2022, 2, dt.date(2022, 4, 1), dt.date(2022, 6, 30)),
        (PeriodKind.QUARTER, 2022, 4, dt.date(2022, 10, 1), dt.date(2022, 12, 31)),
        (PeriodKind.HALF, 2022, 1, dt.date(2022, 1, 1), dt.date(2022, 6, 30)),
        (PeriodKind.HALF, 2022, 2, dt.date(2022, 7, 1), dt.date(2022, 12, 31)),
        (PeriodKind.YEAR, 2022, 1, dt.date(2022, 1, 1), dt.date(2022, 12, 31)),
    ],
)
def test_achievement_period_start_and_end(kind, year, index, start, end):
    assert (kind.start(year, index), kind.end(year, index)) == (start, end)


def test_achievement_period_labels_for_one_period():
    assert [
        PeriodKind.MONTH.label_for(2022, 3),
        PeriodKind.QUARTER.label_for(2022, 2),
        PeriodKind.HALF.label_for(2022, 1),
        PeriodKind.HALF.label_for(2022, 2),
        PeriodKind.YEAR.label_for(2022),
    ] == ["Tháng 3/2022", "Quý II/2022", "6 tháng đầu năm 2022", "6 tháng cuối năm 2022", "Năm 2022"]


def test_achievement_period_index_of_date():
    day = dt.date(2022, 8, 15)

    assert [kind.index_of(day) for kind in PeriodKind] == [8, 3, 2, 1]


@pytest.mark.parametrize(
    ("kind", "index"), [(PeriodKind.QUARTER, 5), (PeriodKind.MONTH, 0), (PeriodKind.YEAR, 2)]
)
def test_achievement_period_index_out_of_range(kind, index):
    with pytest.raises(ValueError):
        kind.start(2022, index)
