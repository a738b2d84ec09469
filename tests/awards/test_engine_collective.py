"""Collective awards: TTLĐTT, TTLĐXS, Cờ thi đua tỉnh, and the manual-only entries."""

import pytest

from thidua.awards.engine import CollectiveHistory, CollectiveYear, HouseholdHistory, evaluate, screen
from thidua.awards.terms import Outcome, Rating


def unit(rating="HTXS", members=40, ldtt=28, completed=40, cstdcs=1, disciplined=0, rank=1, year=2025):
    record = CollectiveYear(Rating(rating), members, ldtt, completed, cstdcs, disciplined, rank)
    return CollectiveHistory("u1", {year: record})


@pytest.mark.parametrize(("ldtt", "met"), [(28, True), (27, False)])  # 70% of 40 = 28; 27 is 67.5%
def test_ttldtt_seventy_percent_boundary(rs152, ldtt, met):
    v = evaluate(unit("HTT", ldtt=ldtt), "TTLDTT", 2025, rs152)
    assert v.eligible is met


def test_ttldtt_69_percent_text(rs152):
    v = evaluate(unit("HTT", members=100, ldtt=69), "TTLDTT", 2025, rs152)
    assert [c.text for c in v.unmet] == [
        "Năm 2025: 69/100 thành viên (69%) đạt Lao động tiên tiến, chưa đạt 70%."
    ]


def test_ttldtt_exact_verdict(rs152):
    v = evaluate(unit("HTT", ldtt=30), "TTLDTT", 2025, rs152)
    assert [(c.rule, c.met, c.text) for c in v.criteria] == [
        (
            "not_under_review",
            True,
            "Không trong thời gian bị xem xét kỷ luật, điều tra, thanh tra, kiểm tra hoặc xác minh khiếu nại, tố cáo.",
        ),
        (
            "rating",
            True,
            "Năm 2025: xếp loại Hoàn thành tốt nhiệm vụ (yêu cầu từ Hoàn thành tốt nhiệm vụ trở lên).",
        ),
        (
            "members_ldtt_percent",
            True,
            "Năm 2025: 30/40 thành viên (75%) đạt Lao động tiên tiến (yêu cầu từ 70% trở lên).",
        ),
        (
            "no_member_disciplined",
            True,
            "Năm 2025: không có thành viên bị kỷ luật từ hình thức cảnh cáo trở lên.",
        ),
    ]
    assert [c.basis for c in v.criteria[1:]] == ["khoản 1 Điều 28 Luật Thi đua, khen thưởng năm 2022"] * 3


def test_ttldtt_disciplined_member_fails(rs152):
    v = evaluate(unit("HTT", disciplined=1), "TTLDTT", 2025, rs152)
    assert [c.text for c in v.unmet] == [
        "Năm 2025: có 1 thành viên bị kỷ luật từ hình thức cảnh cáo trở lên."
    ]


def test_ttldtt_missing_year(rs152):
    v = evaluate(CollectiveHistory("u1", {}), "TTLDTT", 2025, rs152)
    assert [c.rule for c in v.unmet] == ["rating", "members_ldtt_percent", "no_member_disciplined"]


def test_ttldxs_eligible_and_each_failure(rs152):
    assert evaluate(unit(), "TTLDXS", 2025, rs152).eligible
    cases = {
        "rating": unit("HTT"),
        "members_completed_all": unit(completed=39),
        "members_ldtt_percent": unit(ldtt=27),
        "members_cstdcs": unit(cstdcs=0),
        "no_member_disciplined": unit(disciplined=2),
    }
    for rule, history in cases.items():
        v = evaluate(history, "TTLDXS", 2025, rs152)
        assert [c.rule for c in v.unmet] == [rule]


def test_ttldxs_texts(rs152):
    v = evaluate(unit(completed=39, cstdcs=0), "TTLDXS", 2025, rs152)
    assert [c.text for c in v.unmet] == [
        "Năm 2025: 39/40 thành viên hoàn thành nhiệm vụ, chưa đạt 100%.",
        "Năm 2025: có 0 thành viên đạt Chiến sĩ thi đua cơ sở (yêu cầu ít nhất 1).",
    ]


def test_co_tinh_needs_first_place(rs152):
    assert evaluate(unit(rank=1), "CO_TINH", 2025, rs152).eligible
    v = evaluate(unit(rank=2), "CO_TINH", 2025, rs152)
    assert [c.text for c in v.unmet] == ["Năm 2025: xếp thứ 2 trong cụm, khối thi đua, chưa dẫn đầu."]
    v = evaluate(unit(rank=None), "CO_TINH", 2025, rs152)
    assert [c.text for c in v.unmet] == ["Năm 2025: không có dữ liệu xếp hạng trong cụm, khối thi đua."]


def test_co_tinh_needs_ttldxs_criteria(rs152):
    v = evaluate(unit("HTT", rank=1), "CO_TINH", 2025, rs152)
    assert [c.rule for c in v.unmet] == ["rating"]


def test_collective_screen_outcomes(rs152):
    verdicts = screen([unit()], 2025, rs152)
    assert [(v.award, v.outcome) for v in verdicts] == [
        ("TTLDTT", Outcome.ELIGIBLE),
        ("TTLDXS", Outcome.ELIGIBLE),
        ("CO_TINH", Outcome.ELIGIBLE),
        ("CO_CP", Outcome.MANUAL_ONLY),
        ("GIAY_KHEN", Outcome.MANUAL_ONLY),
        ("BK_TINH", Outcome.MANUAL_ONLY),
        ("BK_TTG", Outcome.MANUAL_ONLY),
        ("HCLD3", Outcome.MANUAL_ONLY),
        ("THON_VH", Outcome.MANUAL_ONLY),
        ("XA_TIEU_BIEU", Outcome.MANUAL_ONLY),
    ]


def test_household_cultural_family_checklist(rs152):
    v = evaluate(HouseholdHistory("h1"), "GDVH", 2025, rs152)
    assert v.outcome is Outcome.MANUAL_ONLY
    assert [m[:8] for m in v.manual_checks] == ["Nhóm I: ", "Nhóm II:", "Nhóm III"]
