"""Cross-cutting rules: discipline, under review, prerequisite types, rule-set selection by 31 December."""

from datetime import date

import pytest

from thidua.awards.engine import (
    CollectiveHistory,
    CollectiveYear,
    Discipline,
    Honour,
    HouseholdHistory,
    evaluate,
    screen,
)
from thidua.awards.rulesets import get_ruleset
from thidua.awards.terms import HonourType, Outcome, Rating


@pytest.mark.parametrize(
    ("start", "end", "counts"),
    [
        (date(2024, 1, 1), date(2024, 12, 31), True),  # the whole previous year
        (date(2024, 6, 1), date(2025, 1, 1), False),  # overlaps the review year by one day (1 January)
        (date(2025, 12, 31), date(2026, 6, 30), False),  # overlaps by one day (31 December)
        (date(2026, 1, 1), None, True),  # starts after the year
        (date(2020, 1, 1), None, False),  # open-ended, still in force
    ],
)
def test_discipline_in_force_on_any_day_stops_the_year_counting(make_person, rs152, start, end, counts):
    p = make_person({2025: ("HTXS", [])}, discipline=[Discipline("khien_trach", start, end)])
    v = evaluate(p, "LDTT", 2025, rs152)
    assert v.outcome is (Outcome.ELIGIBLE if counts else Outcome.INELIGIBLE)


def test_discipline_text_names_form_and_dates(make_person, rs152):
    p = make_person({2025: ("HTXS", [])}, discipline=[Discipline("canh_cao", date(2025, 12, 31), None)])
    v = evaluate(p, "LDTT", 2025, rs152)
    assert [c.text for c in v.unmet] == [
        "Năm 2025: có kỷ luật cảnh cáo có hiệu lực từ 31/12/2025 đến nay; năm này không được tính."
    ]


def test_under_review_makes_every_verdict_ineligible(make_person, rs152):
    p = make_person({2025: ("HTXS", ["LDTT"])}, under_review=True)
    verdicts = screen([p], 2025, rs152)
    assert [(v.award, v.outcome) for v in verdicts] == [
        ("LDTT", Outcome.INELIGIBLE),
        ("CSTDCS", Outcome.INELIGIBLE),
        ("CSTD_TINH", Outcome.INELIGIBLE),
        ("CSTD_TQ", Outcome.INELIGIBLE),
        ("GIAY_KHEN", Outcome.INELIGIBLE),
        ("BK_TINH", Outcome.INELIGIBLE),
        ("BK_TTG", Outcome.INELIGIBLE),
        ("HCLD3", Outcome.INELIGIBLE),
    ]
    assert verdicts[0].criteria[0].text == (
        "Đang trong thời gian bị xem xét kỷ luật, điều tra, thanh tra, kiểm tra hoặc xác minh khiếu nại, tố cáo: "
        "chưa xét khen thưởng."
    )


def test_under_review_collective_and_household(rs152):
    unit = CollectiveHistory(
        "u1", {2025: CollectiveYear(Rating.HTXS, 10, 10, 10, 1, 0, 1)}, under_review=True
    )
    home = HouseholdHistory("h1", under_review=True)
    assert {v.outcome for v in screen([unit, home], 2025, rs152)} == {Outcome.INELIGIBLE}


@pytest.mark.parametrize(
    ("honour", "counts"),
    [
        (Honour("CSTDCS"), True),
        (Honour("CSTDCS", revoked=True), False),
        (Honour("CSTDCS", type=HonourType.CHUYEN_DE), False),
        (Honour("CSTDCS", type=HonourType.DOT_XUAT), False),
        (Honour("CSTDCS", type=HonourType.CONG_HIEN), False),
        (Honour("CSTDCS", type=HonourType.KHANG_CHIEN), False),
    ],
)
def test_only_regular_unrevoked_titles_count(make_person, rs152, honour, counts):
    p = make_person({2024: ("HTT", [honour]), 2025: ("HTT", ["CSTDCS"])})
    assert evaluate(p, "BK_TINH", 2025, rs152).eligible is counts


def test_revoked_title_explanation(make_person, rs152):
    p = make_person({2024: ("HTT", [Honour("CSTDCS", revoked=True)]), 2025: ("HTT", ["CSTDCS"])})
    v = evaluate(p, "BK_TINH", 2025, rs152)
    assert v.unmet[0].text == "Năm 2024: Chiến sĩ thi đua cơ sở năm 2024 đã bị hủy bỏ, không được tính."


def test_listed_title_in_review_year_counts_even_without_criteria(make_person, rs152):
    p = make_person({2024: ("HTT", ["CSTDCS"]), 2025: (None, ["CSTDCS"])})
    assert evaluate(p, "BK_TINH", 2025, rs152).eligible


def test_initiative_used_twice_in_one_verdict_is_refused(make_person, rs152):
    # Route b needs two distinct initiatives; listing the same one twice in the data does not help.
    p = make_person({2024: ("HTXS", []), 2025: ("HTXS", [])}, initiatives=[("SK-1", "co_so", 2025)])
    assert evaluate(p, "BK_TINH", 2025, rs152).outcome is Outcome.INELIGIBLE


def test_year_is_judged_by_the_rule_set_in_force_on_31_december(make_person):
    p = make_person({2024: ("HTT", [])}, service_months=12)
    assert evaluate(p, "LDTT", 2024).ruleset == "luat-06-2022_nd-98-2023"
    p = make_person({2025: ("HTT", [])}, service_months=12)
    v = evaluate(p, "LDTT", 2025)
    assert v.ruleset == "luat-06-2022_nd-152-2025"
    assert v.criteria[1].basis == "khoản 5 Điều 2 Thông tư 15/2025/TT-BNV"


def test_decree_98_citations_for_2024(make_person):
    v = evaluate(make_person({2024: ("HTT", [])}, service_months=12), "LDTT", 2024)
    assert [c.basis for c in v.criteria] == [
        "Điều 4 Nghị định 98/2023/NĐ-CP",
        "điểm d khoản 5 Điều 1 Thông tư 01/2024/TT-BNV",
        "khoản 1 Điều 24 Luật Thi đua, khen thưởng năm 2022",
        "Điều 4 Nghị định 98/2023/NĐ-CP",
    ]


def test_no_ruleset_before_2024(make_person):
    v = evaluate(make_person({2023: ("HTXS", [])}), "LDTT", 2023)
    assert v.outcome is Outcome.NO_RULESET
    assert v.ruleset is None
    assert [c.text for c in v.criteria] == [
        "Chưa nạp bộ quy tắc xét thi đua, khen thưởng áp dụng cho năm 2023 "
        "(bộ quy tắc được chọn theo văn bản có hiệu lực ngày 31/12/2023)."
    ]


def test_given_rule_set_that_does_not_cover_the_year(make_person):
    v = evaluate(make_person({2025: ("HTXS", [])}), "LDTT", 2025, get_ruleset("luat-06-2022_nd-98-2023"))
    assert v.outcome is Outcome.NO_RULESET
    assert v.criteria[0].text == (
        "Bộ quy tắc 'luat-06-2022_nd-98-2023' (hiệu lực từ 01/01/2024 đến 30/06/2025) không áp dụng cho năm 2025."
    )


def test_screen_before_2024_says_no_ruleset_for_every_award(make_person):
    verdicts = screen([make_person({2023: ("HTXS", [])})], 2023)
    assert {v.outcome for v in verdicts} == {Outcome.NO_RULESET}
    assert len(verdicts) == 8


def test_unknown_or_inapplicable_code_raises(make_person, rs152):
    with pytest.raises(ValueError, match="Không có mã"):
        evaluate(make_person(), "XYZ", 2025, rs152)
    with pytest.raises(ValueError, match="không áp dụng cho đối tượng cá nhân"):
        evaluate(make_person(), "TTLDTT", 2025, rs152)


def test_screen_filters_awards_and_skips_inapplicable(make_person, rs152):
    unit = CollectiveHistory("u1", {})
    verdicts = screen([make_person(), unit], 2025, rs152, awards=["LDTT", "TTLDTT"])
    assert [(v.subject, v.award) for v in verdicts] == [("p1", "LDTT"), ("u1", "TTLDTT")]
