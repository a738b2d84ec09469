"""evaluate(): every direction at, below and above its target, pacing, and exact Decimal ratios."""

import datetime as dt
from decimal import Decimal

import pytest

from thidua.movements.achievement import (
    Achievement,
    Direction,
    Status,
    TargetSpec,
    elapsed_days,
    elapsed_fraction,
    evaluate,
    to_decimal,
)

START = dt.date(2022, 1, 1)
DEADLINE = dt.date(2022, 12, 31)
Q1_END = dt.date(2022, 3, 31)
H1_END = dt.date(2022, 6, 30)


def final(spec, value):
    return evaluate(spec, value, period_end=DEADLINE, target_start=START, target_deadline=DEADLINE)


def at_h1(spec, value):
    return evaluate(spec, value, period_end=H1_END, target_start=START, target_deadline=DEADLINE)


# --- at least -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "status", "ratio", "percent", "met"),
    [
        ("2250", Status.DAT, Decimal("1"), Decimal("100.00"), True),
        ("1912.5", Status.CHUA_DAT, Decimal("0.85"), Decimal("85.00"), False),
        ("2475", Status.VUOT, Decimal("1.1"), Decimal("110.00"), True),
    ],
)
def test_achievement_at_least_final_at_below_above(value, status, ratio, percent, met):
    spec = TargetSpec(Decimal("2250"), Direction.AT_LEAST, "tỷ đồng")

    result = final(spec, value)

    assert result == Achievement(status, Decimal(value), ratio, percent, None, None, met=met, final=True)


def test_achievement_at_least_percent_rounds_half_up():
    spec = TargetSpec(Decimal("2250"), Direction.AT_LEAST, "tỷ đồng")

    result = final(spec, Decimal("2000"))

    assert (result.ratio, result.percent) == (Decimal("0.8888888888888888888888888889"), Decimal("88.89"))


# --- at most --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "status", "ratio", "met"),
    [
        ("20", Status.DAT, Decimal("1"), True),
        ("25", Status.CHUA_DAT, Decimal("0.8"), False),
        ("16", Status.VUOT, Decimal("1.25"), True),
        ("0", Status.VUOT, None, True),
    ],
)
def test_achievement_at_most_final_at_above_below(value, status, ratio, met):
    spec = TargetSpec(Decimal("20"), Direction.AT_MOST, "%")

    result = final(spec, value)

    assert (result.status, result.ratio, result.met, result.final) == (status, ratio, met, True)


# --- increase by ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "status", "change", "ratio"),
    [
        ("55", Status.DAT, Decimal("5"), Decimal("1")),
        ("54", Status.CHUA_DAT, Decimal("4"), Decimal("0.8")),
        ("56", Status.VUOT, Decimal("6"), Decimal("1.2")),
    ],
)
def test_achievement_increase_by_final_from_baseline(value, status, change, ratio):
    spec = TargetSpec(Decimal("5"), Direction.INCREASE_BY, "%", baseline=Decimal("50"))

    result = final(spec, value)

    assert (result.status, result.change, result.ratio) == (status, change, ratio)


# --- decrease by ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "status", "change", "ratio", "percent"),
    [
        ("18.1", Status.DAT, Decimal("0.4"), Decimal("1"), Decimal("100.00")),
        ("18.2", Status.CHUA_DAT, Decimal("0.3"), Decimal("0.75"), Decimal("75.00")),
        ("18.0", Status.VUOT, Decimal("0.5"), Decimal("1.25"), Decimal("125.00")),
        ("18.7", Status.CHUA_DAT, Decimal("-0.2"), Decimal("-0.5"), Decimal("-50.00")),
    ],
)
def test_achievement_decrease_by_fall_of_0_4_permille(value, status, change, ratio, percent):
    spec = TargetSpec(Decimal("0.4"), Direction.DECREASE_BY, "‰", baseline=Decimal("18.5"))

    result = final(spec, value)

    assert (result.status, result.change, result.ratio, result.percent) == (status, change, ratio, percent)


@pytest.mark.parametrize(
    ("value", "status", "ratio"),
    [
        ("0.4", Status.DAT, Decimal("1")),
        ("0.39", Status.CHUA_DAT, Decimal("0.975")),
        ("0.42", Status.VUOT, Decimal("1.05")),
    ],
)
def test_achievement_decrease_by_reported_as_change(value, status, ratio):
    spec = TargetSpec(Decimal("0.4"), Direction.DECREASE_BY, "‰", measures_change=True)

    result = final(spec, value)

    assert (result.status, result.change, result.ratio) == (status, Decimal(value), ratio)


# --- about ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "status", "met"),
    [
        ("7.7", Status.DAT, True),
        ("7.4", Status.DAT, True),
        ("8.0", Status.DAT, True),
        ("8.1", Status.VUOT, True),
        ("7.3", Status.CHUA_DAT, False),
    ],
)
def test_achievement_about_within_tolerance_is_met_above_is_exceeded(value, status, met):
    spec = TargetSpec(Decimal("7.7"), Direction.ABOUT, "%", tolerance=Decimal("0.3"))

    result = final(spec, value)

    assert (result.status, result.met) == (status, met)


def test_achievement_about_ratio_and_percent():
    spec = TargetSpec(Decimal("7.7"), Direction.ABOUT, "%", tolerance=Decimal("0.3"))

    result = final(spec, "8.1")

    assert (result.ratio, result.percent) == (Decimal("1.051948051948051948051948052"), Decimal("105.19"))


@pytest.mark.parametrize(
    ("value", "status"),
    [
        ("7.315", Status.DAT),
        ("7.31", Status.CHUA_DAT),
        ("8.085", Status.DAT),
        ("8.09", Status.VUOT),
    ],
)
def test_achievement_about_default_tolerance_is_five_percent_of_target(value, status):
    spec = TargetSpec(Decimal("7.7"), Direction.ABOUT, "%")

    result = final(spec, value)

    assert (spec.effective_tolerance, result.status) == (Decimal("0.385"), status)


# --- pacing ---------------------------------------------------------------------------------------------


def test_achievement_elapsed_days_inclusive_and_clamped():
    assert [
        elapsed_days(H1_END, START, DEADLINE),
        elapsed_days(DEADLINE, START, DEADLINE),
        elapsed_days(dt.date(2023, 2, 1), START, DEADLINE),
        elapsed_days(dt.date(2021, 12, 31), START, DEADLINE),
    ] == [(181, 365), (365, 365), (365, 365), (0, 365)]


def test_achievement_elapsed_fraction_on_deadline_is_one():
    assert (elapsed_fraction(DEADLINE, START, DEADLINE), elapsed_fraction(Q1_END, START, DEADLINE)) == (
        Decimal("1"),
        Decimal("0.2465753424657534246575342466"),
    )


@pytest.mark.parametrize(
    ("value", "status", "met", "label"),
    [
        ("1979", Status.NGUY_CO, False, "Nguy cơ không đạt"),
        ("1980", Status.DAT, False, "Đạt tiến độ"),
        ("5000", Status.DAT, False, "Đạt tiến độ"),
        ("8030", Status.DAT, True, "Đạt"),
        ("8100", Status.VUOT, True, "Vượt"),
    ],
)
def test_achievement_cumulative_jobs_judged_by_linear_pace(value, status, met, label):
    spec = TargetSpec(Decimal("8030"), Direction.AT_LEAST, "lao động", cumulative=True)

    result = evaluate(spec, value, period_end=Q1_END, target_start=START, target_deadline=DEADLINE)

    assert (result.status, result.met, result.final, result.expected, result.label_vi) == (
        status,
        met,
        False,
        Decimal("1980"),
        label,
    )


def test_achievement_cumulative_budget_expected_at_half_year():
    spec = TargetSpec(Decimal("2250"), Direction.AT_LEAST, "tỷ đồng", cumulative=True)

    behind, ahead = at_h1(spec, "1115"), at_h1(spec, "1116")

    assert (behind.status, ahead.status, behind.expected.quantize(Decimal("0.01"))) == (
        Status.NGUY_CO,
        Status.DAT,
        Decimal("1115.75"),
    )


def test_achievement_cumulative_pace_starts_from_baseline():
    spec = TargetSpec(Decimal("300"), Direction.AT_LEAST, "km", baseline=Decimal("100"), cumulative=True)

    result = evaluate(spec, "149", period_end=Q1_END, target_start=START, target_deadline=DEADLINE)

    # 100 + 200 × 90/365 = 149.315…
    assert (result.status, result.expected.quantize(Decimal("0.001"))) == (Status.NGUY_CO, Decimal("149.315"))


def test_achievement_cumulative_same_value_final_is_not_met():
    spec = TargetSpec(Decimal("8030"), Direction.AT_LEAST, "lao động", cumulative=True)

    result = final(spec, "5000")

    assert (result.status, result.label_vi, result.expected, result.final) == (
        Status.CHUA_DAT,
        "Chưa đạt",
        None,
        True,
    )


@pytest.mark.parametrize(
    ("value", "status"),
    [("49", Status.DAT), ("50", Status.NGUY_CO), ("100", Status.NGUY_CO), ("101", Status.CHUA_DAT)],
)
def test_achievement_cumulative_at_most_limit_consumed_by_pace(value, status):
    spec = TargetSpec(Decimal("100"), Direction.AT_MOST, "vụ", cumulative=True)

    result = at_h1(spec, value)

    # pro-rata share at 30 June: 100 × 181/365 = 49.59
    assert (result.status, result.met, result.expected.quantize(Decimal("0.01"))) == (
        status,
        False,
        Decimal("49.59"),
    )


def test_achievement_cumulative_decrease_by_paced_on_the_change():
    spec = TargetSpec(Decimal("3.65"), Direction.DECREASE_BY, "%", baseline=Decimal("30"), cumulative=True)

    on_pace, behind = (
        evaluate(spec, v, period_end=Q1_END, target_start=START, target_deadline=DEADLINE)
        for v in ("29.1", "29.2")
    )

    # expected fall 3.65 × 90/365 = 0.9, so the expected level is 29.1
    assert (on_pace.status, behind.status, on_pace.expected) == (Status.DAT, Status.NGUY_CO, Decimal("29.1"))


@pytest.mark.parametrize(
    ("value", "status", "met"),
    [("55", Status.NGUY_CO, False), ("56.3", Status.DAT, True), ("57", Status.VUOT, True)],
)
def test_achievement_level_target_interim_judged_as_it_stands(value, status, met):
    spec = TargetSpec(Decimal("56.3"), Direction.AT_LEAST, "%")

    result = at_h1(spec, value)

    assert (result.status, result.met, result.final, result.expected) == (status, met, False, None)


def test_achievement_before_start_everything_is_on_pace():
    spec = TargetSpec(Decimal("8030"), Direction.AT_LEAST, "lao động", cumulative=True)

    result = evaluate(
        spec, "0", period_end=dt.date(2021, 12, 31), target_start=START, target_deadline=DEADLINE
    )

    assert (result.status, result.expected) == (Status.DAT, Decimal("0"))


def test_achievement_no_value_is_not_reported():
    spec = TargetSpec(Decimal("8030"), Direction.AT_LEAST, "lao động")

    result = at_h1(spec, None)

    assert result == Achievement(Status.CHUA_BAO_CAO, None, None, None, None, None, met=False, final=False)
    assert (result.label_vi, result.css_class) == ("Chưa báo cáo", "text-bg-secondary")


def test_achievement_zero_target_ratio_is_none():
    spec = TargetSpec(Decimal("0"), Direction.AT_LEAST, "vụ")

    result = final(spec, "3")

    assert (result.status, result.ratio, result.percent) == (Status.VUOT, None, None)


# --- input checks ---------------------------------------------------------------------------------------


def test_achievement_float_is_refused():
    with pytest.raises(TypeError):
        to_decimal(7.7)


def test_achievement_to_decimal_accepts_int_str_decimal():
    assert [to_decimal(3), to_decimal("7.7"), to_decimal(Decimal("0.4"))] == [
        Decimal(3),
        Decimal("7.7"),
        Decimal("0.4"),
    ]


def test_achievement_non_finite_is_refused():
    with pytest.raises(ValueError):
        to_decimal("NaN")


def test_achievement_spec_converts_to_decimal():
    spec = TargetSpec("2250", "at_least", "tỷ đồng")

    assert (spec.target, spec.direction) == (Decimal("2250"), Direction.AT_LEAST)


@pytest.mark.parametrize(
    "kwargs",
    [
        {"target": Decimal("5"), "direction": Direction.AT_LEAST, "tolerance": Decimal("1")},
        {"target": Decimal("7.7"), "direction": Direction.ABOUT, "tolerance": Decimal("-1")},
        {"target": Decimal("0.4"), "direction": Direction.DECREASE_BY},
        {"target": Decimal("-0.4"), "direction": Direction.DECREASE_BY, "measures_change": True},
        {"target": Decimal("5"), "direction": Direction.AT_LEAST, "measures_change": True},
    ],
)
def test_achievement_spec_rejects_inconsistent_fields(kwargs):
    with pytest.raises(ValueError):
        TargetSpec(**kwargs)


def test_achievement_deadline_before_start_is_refused():
    spec = TargetSpec(Decimal("1"), Direction.AT_LEAST)

    with pytest.raises(ValueError):
        evaluate(spec, "1", period_end=H1_END, target_start=DEADLINE, target_deadline=START)
