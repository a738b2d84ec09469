"""Hypothesis properties of evaluate() and the period helpers."""

import datetime as dt
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from thidua.movements.achievement import Direction, PeriodKind, Status, TargetSpec, evaluate

START = dt.date(2022, 1, 1)
DEADLINE = dt.date(2022, 12, 31)

amounts = st.decimals(min_value=0, max_value=10**6, places=3, allow_nan=False, allow_infinity=False)
values = st.decimals(min_value=-(10**6), max_value=10**6, places=3, allow_nan=False, allow_infinity=False)
days = st.dates(min_value=dt.date(2021, 12, 1), max_value=dt.date(2023, 1, 31))


@st.composite
def specs(draw):
    direction = draw(st.sampled_from(list(Direction)))
    target = draw(amounts)
    kwargs = {"cumulative": draw(st.booleans())}
    if direction is Direction.ABOUT:
        kwargs["tolerance"] = draw(st.none() | amounts)
    if direction.is_change:
        if draw(st.booleans()):
            kwargs["measures_change"] = True
        else:
            kwargs["baseline"] = draw(values)
    elif draw(st.booleans()):
        kwargs["baseline"] = draw(amounts)
    return TargetSpec(target, direction, "đv", **kwargs)


def lower_is_better(spec: TargetSpec) -> bool:
    if spec.direction is Direction.AT_MOST:
        return True
    return spec.direction is Direction.DECREASE_BY and not spec.measures_change


def judge(spec, value, period_end):
    return evaluate(spec, value, period_end=period_end, target_start=START, target_deadline=DEADLINE)


@given(spec=specs(), a=values, b=values, period_end=days)
def test_achievement_better_value_never_gives_worse_status(spec, a, b, period_end):
    worse, better = sorted((a, b), reverse=lower_is_better(spec))

    worse_result, better_result = judge(spec, worse, period_end), judge(spec, better, period_end)

    assert better_result.status.rank >= worse_result.status.rank


@given(spec=specs(), value=values)
def test_achievement_final_status_is_a_verdict(spec, value):
    result = judge(spec, value, DEADLINE)

    assert result.final
    assert result.status in {Status.DAT, Status.VUOT, Status.CHUA_DAT}
    assert result.met == (result.status in {Status.DAT, Status.VUOT})


@given(spec=specs(), value=values, period_end=days.filter(lambda d: d < DEADLINE))
def test_achievement_interim_not_met_only_for_breached_cumulative_limit(spec, value, period_end):
    result = judge(spec, value, period_end)

    assert not result.final
    if result.status is Status.CHUA_DAT:
        assert (spec.direction, spec.cumulative, value > spec.target) == (Direction.AT_MOST, True, True)


@given(spec=specs())
def test_achievement_value_on_target_is_met_at_deadline(spec):
    on_target = spec.target
    if spec.direction.is_change and not spec.measures_change:
        sign = 1 if spec.direction is Direction.INCREASE_BY else -1
        on_target = spec.baseline + sign * spec.target

    result = judge(spec, on_target, DEADLINE)

    assert result.status is Status.DAT
    if spec.target != 0:
        assert result.ratio == 1


@given(spec=specs(), period_end=days)
def test_achievement_missing_value_is_not_reported(spec, period_end):
    assert judge(spec, None, period_end).status is Status.CHUA_BAO_CAO


@given(kind=st.sampled_from(list(PeriodKind)), year=st.integers(min_value=1990, max_value=2100))
def test_achievement_periods_tile_the_year(kind, year):
    indexes = range(1, kind.periods_per_year + 1)
    starts = [kind.start(year, i) for i in indexes]
    ends = [kind.end(year, i) for i in indexes]

    assert starts[0] == dt.date(year, 1, 1)
    assert ends[-1] == dt.date(year, 12, 31)
    assert [end + dt.timedelta(days=1) for end in ends[:-1]] == starts[1:]
    assert [kind.index_of(s) for s in starts] == list(indexes)
    assert [kind.index_of(e) for e in ends] == list(indexes)


@given(spec=specs(), value=values, period_end=days)
def test_achievement_percent_is_ratio_rounded(spec, value, period_end):
    result = judge(spec, value, period_end)

    if result.ratio is None:
        assert result.percent is None
    else:
        assert abs(result.percent - result.ratio * 100) <= Decimal("0.005")
