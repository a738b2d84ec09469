"""Aggregating several assessors' scores per criterion, and flagging outliers."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from thidua.blocks.aggregation import Method, aggregate, aggregate_scores, median, outliers

D = Decimal


@pytest.mark.parametrize(
    ("method", "expected"),
    [(Method.MEAN, D("4.33")), (Method.MEDIAN, D(5)), (Method.TRIMMED_MEAN, D(5))],
)
def test_aggregate_three_scores(method, expected):
    assert aggregate([D(5), D(2), D(6)], method) == expected


def test_aggregate_trimmed_mean_drops_each_end():
    scores = [D(1), D(7), D(8), D(9), D(30)]

    assert (aggregate(scores, Method.TRIMMED_MEAN), aggregate(scores, Method.TRIMMED_MEAN, trim=2)) == (
        D(8),
        D(8),
    )
    assert aggregate([D(1), D(7), D(8), D(10)], Method.TRIMMED_MEAN) == D("7.50")


def test_aggregate_trimmed_mean_falls_back_to_median_when_too_few():
    assert aggregate([D(3), D(4)], Method.TRIMMED_MEAN) == D("3.5")


def test_median_even_count():
    assert median([D(4), D(1), D(3), D(2)]) == D("2.5")


def test_aggregate_refuses_empty():
    with pytest.raises(ValueError) as error:
        aggregate([], Method.MEAN)

    assert str(error.value) == "Không có điểm nào để tổng hợp."


def test_outliers_strictly_beyond_threshold():
    scores = {"Phòng A": D(5), "Phòng B": D("4.5"), "Phòng C": D(3), "Phòng D": D("6.5")}

    # median 4,75: C is 1,75 away, D 1,75 away; threshold 1,5 flags both, 1,75 flags none.
    assert (outliers(scores, D("1.5")), outliers(scores, D("1.75"))) == (["Phòng C", "Phòng D"], [])


def test_aggregate_scores_per_criterion():
    by_assessor = {
        "Sở Tư pháp": {"I.1": D(4), "I.2": D(3)},
        "Sở Y tế": {"I.1": D("3.5"), "I.2": D(3)},
        "Sở Nội vụ": {"I.1": D(1), "I.2": D("2.5")},
    }

    result = aggregate_scores(by_assessor, method=Method.MEDIAN, outlier_threshold=D(2))

    assert [(item.code, item.value, item.median, item.outliers) for item in result.values()] == [
        ("I.1", D("3.5"), D("3.5"), ("Sở Nội vụ",)),
        ("I.2", D(3), D(3), ()),
    ]
    assert result["I.1"].scores == {"Sở Tư pháp": D(4), "Sở Y tế": D("3.5"), "Sở Nội vụ": D(1)}


def test_aggregate_scores_requires_every_criterion_from_every_assessor():
    with pytest.raises(ValueError) as error:
        aggregate_scores({"A": {"1": D(1), "2": D(2)}, "B": {"1": D(1)}})

    assert str(error.value) == "Người chấm B chưa chấm mục 2."


scores = st.lists(st.decimals(min_value=D(0), max_value=D(100), places=2), min_size=1, max_size=9)


@given(scores, st.sampled_from(list(Method)), st.integers(min_value=0, max_value=3))
def test_property_aggregate_lies_between_min_and_max(values, method, trim):
    result = aggregate(values, method, trim=trim)

    assert min(values) <= result <= max(values)


@given(scores, st.decimals(min_value=D(0), max_value=D(50), places=1))
def test_property_outliers_are_exactly_those_beyond_threshold_from_median(values, threshold):
    named = {f"N{index}": value for index, value in enumerate(values)}
    centre = median(values)

    assert outliers(named, threshold) == [
        name for name, value in named.items() if abs(value - centre) > threshold
    ]
