"""Reward amounts: multiplier × base salary in force on the decision date, rounded as the rule set says."""

from datetime import date
from decimal import Decimal

import pytest

from thidua.awards.engine import RewardError, reward_amount
from thidua.awards.rulesets import get_ruleset, with_overrides
from thidua.awards.terms import SubjectKind


@pytest.mark.parametrize(
    ("code", "subject", "on", "amount"),
    [
        ("CSTD_TQ", "individual", date(2025, 8, 1), 10_530_000),  # the Bắc Ninh example: 4.5 × 2,340,000
        ("LDTT", "individual", date(2025, 12, 31), 702_000),
        ("CSTDCS", "individual", date(2025, 7, 1), 2_340_000),
        ("CO_CP", "collective", date(2026, 1, 15), 28_080_000),
        ("TTLDTT", "collective", date(2025, 9, 1), 1_872_000),
        ("GIAY_KHEN", "individual", date(2025, 7, 1), 702_000),
        ("GIAY_KHEN", "household", date(2025, 7, 1), 1_053_000),  # 1.5 × the individual amount
        ("BK_TINH", "household", date(2025, 7, 1), 5_265_000),
        ("GIAY_KHEN", "individual", date(2025, 6, 30), 351_000),  # Decree 98/2023: 0.15
        ("GIAY_KHEN", "individual", date(2024, 6, 30), 270_000),  # base salary 1,800,000 until 30/06/2024
    ],
)
def test_reward_amounts(code, subject, on, amount):
    assert reward_amount(code, on, subject=subject).amount == amount


def test_reward_record_shape():
    reward = reward_amount("CSTD_TQ", date(2025, 8, 1))
    assert reward.multiplier == Decimal("4.5")
    assert reward.base_salary == 2_340_000
    assert reward.subject is SubjectKind.INDIVIDUAL
    assert reward.confirmed is True
    assert reward.ruleset == "luat-06-2022_nd-152-2025"
    assert reward.basis == ("Nghị định 152/2025/NĐ-CP", "Nghị định 73/2024/NĐ-CP", "Thông lệ của tỉnh")


def test_unconfirmed_multiplier_is_flagged():
    assert reward_amount("CO_TINH", date(2025, 8, 1), subject="collective").confirmed is False


def test_rounding_follows_the_rule_set():
    rs = with_overrides(
        get_ruleset("luat-06-2022_nd-152-2025"),
        base_salary=[(date(2025, 1, 1), 2_345_678)],
        money_rounding={"unit": 10_000, "mode": "down"},
    )
    assert reward_amount("LDTT", date(2025, 8, 1), rs).amount == 700_000  # 703,703.4 down to 10,000
    rs = with_overrides(rs, money_rounding={"unit": 1000, "mode": "half_up"})
    assert reward_amount("LDTT", date(2025, 8, 1), rs).amount == 704_000
    rs = with_overrides(rs, money_rounding={"unit": 1000, "mode": "up"})
    assert reward_amount("CSTDCS", date(2025, 8, 1), rs).amount == 2_346_000


def test_no_amount_raises_with_reason():
    with pytest.raises(RewardError, match="chưa có mức thưởng cho 'HCLD3'"):
        reward_amount("HCLD3", date(2025, 8, 1))
    with pytest.raises(RewardError, match="Chưa có bộ quy tắc áp dụng cho ngày 31/12/2023"):
        reward_amount("LDTT", date(2023, 12, 31))
    rs = with_overrides(get_ruleset("luat-06-2022_nd-152-2025"), base_salary=[(date(2026, 1, 1), 2_500_000)])
    with pytest.raises(RewardError, match="Chưa có mức lương cơ sở áp dụng cho ngày 01/08/2025"):
        reward_amount("LDTT", date(2025, 8, 1), rs)
