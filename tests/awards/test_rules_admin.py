"""The province's adjustments to a rule set: quotas, council vote thresholds, the base salary and rounding; each
change versioned and audited, validated by the engine's own rules, and used by the money computations."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from thidua.awards import services
from thidua.awards.engine import RewardError
from thidua.awards.models import RuleSetRecord
from thidua.awards.queries import reward, ruleset_for_review_year
from thidua.awards.terms import SubjectKind
from thidua.core.concurrency import StaleEditError
from thidua.core.models import AuditEntry

pytestmark = pytest.mark.django_db
ND152 = "luat-06-2022_nd-152-2025"
D = datetime.date


@pytest.fixture
def record():
    return RuleSetRecord.objects.get(ruleset_id=ND152)


def test_a_quota_applies_to_the_rule_set_of_the_review_year(record):
    services.set_quota(record, actor=None, award_code="CSTDCS", percent=Decimal("15"), of="LDTT")
    ruleset = ruleset_for_review_year(2025)
    assert (
        ruleset.quotas["CSTDCS"].percent,
        ruleset.quotas["CSTDCS"].of,
        ruleset.quotas["CSTDCS"].cap(21),
    ) == (
        Decimal(15),
        "LDTT",
        3,
    )
    assert ruleset.overridden == ("quotas",)
    assert ruleset_for_review_year(2024).quotas == {}


def test_each_change_bumps_the_version_and_records_before_and_after(record):
    services.set_quota(record, actor=None, award_code="CSTDCS", percent=Decimal("15"), of="LDTT")
    services.remove_quota(record, actor=None, award_code="CSTDCS")
    record.refresh_from_db()
    assert (record.version, record.quotas) == (3, {})
    entry = AuditEntry.objects.filter(action="awards.ruleset.quota").order_by("-id").first()
    assert entry.before["quotas"] == {"CSTDCS": {"percent": "15", "of": "LDTT"}}
    assert entry.after["quotas"] == {}


def test_a_stale_adjustment_is_refused(record):
    services.set_money_rounding(record, actor=None, unit=1000, mode="down")
    with pytest.raises(StaleEditError):
        services.set_money_rounding(record, actor=None, unit=10000, mode="up", expected_version=1)


def test_a_percentage_above_100_is_refused(record):
    with pytest.raises(ValidationError) as error:
        services.set_vote_threshold(record, actor=None, award_code="CSTD_TINH", percent=Decimal("101"))
    assert error.value.message_dict == {"percent": ["Tỷ lệ phải lớn hơn 0 và không quá 100%."]}


def test_a_vote_threshold_counts_all_council_members(record):
    services.set_vote_threshold(record, actor=None, award_code="CSTD_TINH", percent=Decimal("75"))
    vote = ruleset_for_review_year(2025).vote_thresholds["CSTD_TINH"]
    assert (vote.percent, vote.passes(15, 20), vote.passes(14, 20)) == (Decimal(75), True, False)


def test_reward_is_multiplier_times_base_salary_on_the_decision_date(record):
    before = reward("BK_TINH", D(2025, 12, 20))
    assert (before.multiplier, before.base_salary, before.amount) == (Decimal("1.5"), 2340000, 3510000)
    services.add_base_salary(
        record,
        actor=None,
        effective_from=D(2026, 7, 1),
        amount=2530000,
        basis="Nghị định (giả định cho kiểm thử)",
    )
    assert reward("BK_TINH", D(2026, 6, 30)).amount == 3510000
    assert reward("BK_TINH", D(2026, 7, 1)).amount == 3795000


def test_households_get_one_and_a_half_times_the_individual_amount():
    assert reward("BK_TINH", D(2025, 12, 20), SubjectKind.HOUSEHOLD).amount == 5265000


def test_rounding_follows_the_province_setting(record):
    assert reward("LDTT", D(2025, 12, 20)).amount == 702000  # 0,3 × 2.340.000
    services.set_money_rounding(record, actor=None, unit=10000, mode="up")
    assert reward("LDTT", D(2025, 12, 20)).amount == 710000


def test_no_reward_before_the_2022_law():
    with pytest.raises(RewardError, match="Chưa có bộ quy tắc áp dụng cho ngày 31/12/2023"):
        reward("BK_TINH", D(2023, 12, 31))


def test_the_last_base_salary_cannot_be_removed(record):
    services.remove_base_salary(record, actor=None, effective_from=D(2023, 7, 1))
    with pytest.raises(ValidationError, match=r"Bảng lương cơ sở phải còn ít nhất một mức\."):
        services.remove_base_salary(record, actor=None, effective_from=D(2024, 7, 1))


def test_admin_adjusts_a_quota_through_the_page(admin_user, record):
    client = Client()
    client.force_login(admin_user)
    url = reverse("awards:ruleset_adjust", args=[ND152, "han-muc"])
    response = client.post(
        url, {"quota-award_code": "CSTDCS", "quota-percent": "15,5", "quota-of": "LDTT", "quota-version": 1}
    )
    assert response.status_code == 302
    record.refresh_from_db()
    assert record.quotas == {"CSTDCS": {"percent": "15.5", "of": "LDTT"}}
    html = client.get(reverse("awards:ruleset_detail", args=[ND152])).content.decode()
    assert "không quá 15,5% số Lao động tiên tiến" in html


def test_an_invalid_adjustment_shows_the_error_on_the_page(admin_user, record):
    client = Client()
    client.force_login(admin_user)
    url = reverse("awards:ruleset_adjust", args=[ND152, "han-muc"])
    response = client.post(
        url, {"quota-award_code": "CSTDCS", "quota-percent": "15", "quota-of": "CSTDCS", "quota-version": 1}
    )
    assert response.status_code == 400
    assert "Hạn mức phải tính trên một danh hiệu khác." in response.content.decode()


def test_the_officer_reads_the_rules_but_cannot_change_them(officer, record):
    client = Client()
    client.force_login(officer)
    assert client.get(reverse("awards:ruleset_detail", args=[ND152])).status_code == 200
    response = client.post(
        reverse("awards:ruleset_adjust", args=[ND152, "lam-tron"]),
        {"rounding-unit": "1000", "rounding-mode": "up", "rounding-version": 1},
    )
    assert response.status_code == 403
