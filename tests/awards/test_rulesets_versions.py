"""Rule sets: versions in time, thresholds as data, province overrides, loader errors."""

import dataclasses
import pathlib
from datetime import date
from decimal import Decimal

import pytest

from thidua.awards.rulesets import (
    RULESETS_DIR,
    BaseSalary,
    Quota,
    RuleSetError,
    VoteThreshold,
    check_no_overlap,
    get_ruleset,
    parse_ruleset,
    ruleset_for_date,
    ruleset_for_year,
    rulesets,
    with_overrides,
)
from thidua.awards.terms import Rating, Scope

ND98 = "luat-06-2022_nd-98-2023"
ND152 = "luat-06-2022_nd-152-2025"


def test_versions_in_order():
    assert [(r.id, r.effective_from, r.effective_to) for r in rulesets()] == [
        (ND98, date(2024, 1, 1), date(2025, 6, 30)),
        (ND152, date(2025, 7, 1), None),
    ]


@pytest.mark.parametrize(
    ("year", "expected"), [(2019, None), (2023, None), (2024, ND98), (2025, ND152), (2030, ND152)]
)
def test_ruleset_for_year_is_the_one_in_force_on_31_december(year, expected):
    found = ruleset_for_year(year)
    assert (found.id if found else None) == expected


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2023, 12, 31), None),
        (date(2024, 1, 1), ND98),
        (date(2025, 6, 30), ND98),
        (date(2025, 7, 1), ND152),
    ],
)
def test_ruleset_for_date_boundaries(day, expected):
    found = ruleset_for_date(day)
    assert (found.id if found else None) == expected


def test_thresholds_are_data():
    t = get_ruleset(ND152).thresholds
    assert (t.ldtt_min_rating, t.ldtt_service_months_min, t.collective_ldtt_min_percent) == (
        Rating.HTT,
        6,
        70,
    )
    assert (t.cstd_tinh_streak_years, t.cstd_tinh_initiative_scope) == (3, Scope.TINH)
    assert (t.bk_ttg_min_years, t.bk_ttg_cstdcs_count, t.hcld3_htxs_count) == (5, 3, 1)


def test_base_salary_table():
    rs = get_ruleset(ND152)
    assert rs.base_salary_on(date(2024, 6, 30)).amount == 1_800_000
    assert rs.base_salary_on(date(2024, 7, 1)).amount == 2_340_000
    assert rs.base_salary_on(date(2023, 6, 30)) is None


def test_default_quotas_and_vote_thresholds():
    rs = get_ruleset(ND152)
    assert rs.quotas == {}
    assert rs.vote_thresholds["CSTD_TINH"].percent == 90
    assert rs.vote_thresholds["CSTD_TINH"].confirmed is False


def test_with_overrides_returns_an_adjusted_copy():
    rs = get_ruleset(ND152)
    adjusted = with_overrides(
        rs,
        quotas={"CSTDCS": {"percent": 15, "of": "LDTT"}},
        vote_thresholds={"CSTD_TINH": 80},
        base_salary=[(date(2024, 7, 1), 2_340_000), {"effective_from": "2026-07-01", "amount": 2_530_000}],
    )
    assert adjusted.quotas == {"CSTDCS": Quota(Decimal(15), "LDTT")}
    assert adjusted.vote_thresholds["CSTD_TINH"] == VoteThreshold(Decimal(80), True, "Quy định của tỉnh")
    assert adjusted.vote_thresholds["CSTD_TQ"].percent == 90
    assert adjusted.base_salary == (
        BaseSalary(date(2024, 7, 1), 2_340_000),
        BaseSalary(date(2026, 7, 1), 2_530_000),
    )
    assert adjusted.overridden == ("base_salary", "quotas", "vote_thresholds")
    assert adjusted.thresholds == rs.thresholds
    assert rs.quotas == {} and rs.overridden == ()
    removed = with_overrides(adjusted, quotas={"CSTDCS": None})
    assert removed.quotas == {}


def test_law_thresholds_cannot_be_overridden():
    with pytest.raises(RuleSetError, match="trường 'thresholds': không phải giá trị tỉnh được điều chỉnh"):
        with_overrides(get_ruleset(ND152), thresholds={})
    with pytest.raises(RuleSetError, match="phải nằm trong khoảng 0 đến 100"):
        with_overrides(get_ruleset(ND152), vote_thresholds={"CSTD_TINH": 120})
    with pytest.raises(RuleSetError, match="cần ít nhất một mức lương cơ sở"):
        with_overrides(get_ruleset(ND152), base_salary=[])


@pytest.mark.parametrize(("base", "cap"), [(0, 0), (6, 0), (7, 1), (20, 3), (21, 3), (100, 15)])
def test_quota_cap_rounds_down(base, cap):
    assert Quota(Decimal(15), "LDTT").cap(base) == cap


@pytest.mark.parametrize(
    ("yes", "total", "passes"), [(27, 30, True), (26, 30, False), (9, 10, True), (0, 0, False)]
)
def test_vote_threshold_is_a_share_of_all_members(yes, total, passes):
    assert VoteThreshold(Decimal(90)).passes(yes, total) is passes


def test_overlapping_rule_sets_are_refused():
    rs = get_ruleset(ND98)
    late = dataclasses.replace(get_ruleset(ND152), effective_from=date(2025, 6, 30))
    with pytest.raises(RuleSetError, match="có hiệu lực chồng lấn nhau"):
        check_no_overlap([rs, late])


def text_of(ruleset_id):
    return (pathlib.Path(RULESETS_DIR) / f"{ruleset_id}.toml").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            'ldtt_min_rating = "HTT"',
            'ldtt_min_rating = "GOOD"',
            "trường 'thresholds.ldtt_min_rating': giá trị 'GOOD'",
        ),
        ("bk_ttg_min_years = 5", "", "trường 'thresholds.bk_ttg_min_years': bắt buộc"),
        ('co_tinh = "Điều 26', 'co_tinh_x = "Điều 26', "trường 'basis.co_tinh': bắt buộc"),
        ("effective_from = 2025-07-01", "", "trường 'effective_from': bắt buộc"),
        ("amount = 2340000", "amount = -1", "trường 'base_salary.amount'"),
        ('mode = "half_up"', 'mode = "banker"', "trường 'money_rounding.mode'"),
    ],
)
def test_loader_errors(old, new, message):
    text = text_of(ND152)
    assert old in text
    with pytest.raises(RuleSetError) as info:
        parse_ruleset(text.replace(old, new, 1))
    assert str(info.value).startswith(f"Bộ quy tắc '{ND152}', {message}")


def test_get_unknown_ruleset():
    with pytest.raises(KeyError):
        get_ruleset("nd-91-2017")
