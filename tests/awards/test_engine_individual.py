"""Every individual award route, with exact verdicts (review year 2025, Decree 152/2025 rule set)."""

from datetime import date

from thidua.awards.engine import Discipline, Honour, evaluate
from thidua.awards.terms import HonourType, Outcome


def rules(verdict):
    return [(c.rule, c.year, c.route, c.met) for c in verdict.criteria]


def test_ldtt_eligible_with_htt_and_service(make_person, rs152):
    p = make_person({2025: ("HTT", [])}, service_months=6)
    v = evaluate(p, "LDTT", 2025, rs152)
    assert v.outcome is Outcome.ELIGIBLE
    assert rules(v) == [
        ("not_under_review", None, None, True),
        ("service_months", None, None, True),
        ("rating", 2025, None, True),
        ("no_discipline", 2025, None, True),
    ]
    assert [c.text for c in v.criteria[1:]] == [
        "Thời gian công tác 6 tháng (yêu cầu từ 6 tháng trở lên).",
        "Năm 2025: xếp loại Hoàn thành tốt nhiệm vụ (yêu cầu từ Hoàn thành tốt nhiệm vụ trở lên).",
        "Năm 2025: không có kỷ luật có hiệu lực.",
    ]
    assert [c.basis for c in v.criteria] == [
        "Điều 4 Nghị định 152/2025/NĐ-CP",
        "khoản 5 Điều 2 Thông tư 15/2025/TT-BNV",
        "khoản 1 Điều 24 Luật Thi đua, khen thưởng năm 2022",
        "Điều 4 Nghị định 152/2025/NĐ-CP",
    ]
    assert v.ruleset == "luat-06-2022_nd-152-2025"


def test_ldtt_service_five_months_fails(make_person, rs152):
    v = evaluate(make_person({2025: ("HTXS", [])}, service_months=5), "LDTT", 2025, rs152)
    assert v.outcome is Outcome.INELIGIBLE
    assert [c.text for c in v.unmet] == ["Thời gian công tác 5 tháng, chưa đủ 6 tháng."]


def test_ldtt_without_service_data_adds_manual_check(make_person, rs152):
    v = evaluate(make_person({2025: ("HTT", [])}), "LDTT", 2025, rs152)
    assert v.outcome is Outcome.ELIGIBLE
    assert [c.rule for c in v.criteria] == ["not_under_review", "rating", "no_discipline"]
    assert v.manual_checks == (
        "Có tinh thần tự lực, tự cường; đoàn kết, tương trợ, tích cực tham gia phong trào thi đua",
        "Kiểm tra thời gian công tác từ 6 tháng trở lên (chưa có dữ liệu).",
    )


def test_ldtt_rating_ht_fails(make_person, rs152):
    v = evaluate(make_person({2025: ("HT", [])}), "LDTT", 2025, rs152)
    assert v.outcome is Outcome.INELIGIBLE
    assert [c.text for c in v.unmet] == [
        "Năm 2025: xếp loại Hoàn thành nhiệm vụ, chưa đạt (yêu cầu từ Hoàn thành tốt nhiệm vụ trở lên)."
    ]


def test_ldtt_missing_year_has_no_rating(make_person, rs152):
    v = evaluate(make_person({2024: ("HTXS", [])}), "LDTT", 2025, rs152)
    assert [c.text for c in v.unmet] == [
        "Năm 2025: không có dữ liệu xếp loại (yêu cầu từ Hoàn thành tốt nhiệm vụ trở lên)."
    ]


def test_cstdcs_by_htxs_uses_no_initiative(make_person, rs152):
    p = make_person({2025: ("HTXS", [])}, initiatives=[("SK-1", "co_so", 2025)])
    v = evaluate(p, "CSTDCS", 2025, rs152)
    assert v.outcome is Outcome.ELIGIBLE
    assert v.initiatives == ()
    assert v.criteria[-1].text == (
        "Năm 2025: xếp loại Hoàn thành xuất sắc nhiệm vụ "
        "(yêu cầu Hoàn thành xuất sắc nhiệm vụ hoặc có sáng kiến từ cấp cơ sở trở lên)."
    )


def test_cstdcs_by_initiative_of_the_year(make_person, rs152):
    p = make_person({2025: ("HTT", [])}, initiatives=[("SK-1", "co_so", 2025)])
    v = evaluate(p, "CSTDCS", 2025, rs152)
    assert v.outcome is Outcome.ELIGIBLE
    assert v.initiatives == ("SK-1",)
    assert v.criteria[-1].text == "Năm 2025: có sáng kiến chưa sử dụng SK-1 (cấp cơ sở, năm 2025)."


def test_cstdcs_initiative_from_previous_year_does_not_count(make_person, rs152):
    p = make_person({2025: ("HTT", [])}, initiatives=[("SK-1", "tinh", 2024)])
    v = evaluate(p, "CSTDCS", 2025, rs152)
    assert v.outcome is Outcome.INELIGIBLE
    assert [c.text for c in v.unmet] == [
        "Năm 2025: không đạt Hoàn thành xuất sắc nhiệm vụ và không có sáng kiến từ cấp cơ sở trở lên "
        "chưa sử dụng năm 2025."
    ]


def test_cstdcs_used_initiative_does_not_count(make_person, rs152):
    p = make_person({2025: ("HTT", [])}, initiatives=[("SK-1", "co_so", 2025, True)])
    v = evaluate(p, "CSTDCS", 2025, rs152)
    assert v.outcome is Outcome.INELIGIBLE
    assert [c.text for c in v.unmet] == [
        "Năm 2025: không đạt Hoàn thành xuất sắc nhiệm vụ và không có sáng kiến từ cấp cơ sở trở lên "
        "chưa sử dụng năm 2025 (SK-1 (cấp cơ sở, năm 2025) đã được sử dụng để khen thưởng)."
    ]


def test_cstdcs_needs_ldtt_criteria(make_person, rs152):
    v = evaluate(make_person({2025: ("HTXS", [])}, service_months=3), "CSTDCS", 2025, rs152)
    assert v.outcome is Outcome.INELIGIBLE
    assert [c.rule for c in v.unmet] == ["service_months"]


def test_cstd_tinh_three_listed_years_and_provincial_initiative(make_person, rs152):
    p = make_person(
        {2023: ("HTXS", ["CSTDCS"]), 2024: ("HTXS", ["CSTDCS"]), 2025: ("HTT", ["CSTDCS"])},
        initiatives=[("SK-T", "tinh", 2023)],
    )
    v = evaluate(p, "CSTD_TINH", 2025, rs152)
    assert v.outcome is Outcome.ELIGIBLE
    assert rules(v) == [
        ("not_under_review", None, None, True),
        ("title:CSTDCS", 2023, None, True),
        ("title:CSTDCS", 2024, None, True),
        ("title:CSTDCS", 2025, None, True),
        ("no_discipline", 2023, None, True),
        ("no_discipline", 2024, None, True),
        ("no_discipline", 2025, None, True),
        ("initiative", 2025, None, True),
    ]
    assert v.initiatives == ("SK-T",)


def test_cstd_tinh_review_year_held_by_own_criteria(make_person, rs152):
    p = make_person(
        {2023: ("HTXS", ["CSTDCS"]), 2024: ("HTXS", ["CSTDCS"]), 2025: ("HTXS", [])},
        initiatives=[("SK-T", "tinh", 2024)],
    )
    v = evaluate(p, "CSTD_TINH", 2025, rs152)
    assert v.outcome is Outcome.ELIGIBLE
    assert v.criteria[3].text == (
        "Năm 2025: đạt tiêu chuẩn Chiến sĩ thi đua cơ sở (xếp loại Hoàn thành xuất sắc nhiệm vụ)."
    )


def test_cstd_tinh_past_year_must_be_listed(make_person, rs152):
    p = make_person(
        {2023: ("HTXS", []), 2024: ("HTXS", ["CSTDCS"]), 2025: ("HTXS", ["CSTDCS"])},
        initiatives=[("SK-T", "tinh", 2024)],
    )
    v = evaluate(p, "CSTD_TINH", 2025, rs152)
    assert v.outcome is Outcome.INELIGIBLE
    assert [c.text for c in v.unmet] == ["Năm 2023: chưa có Chiến sĩ thi đua cơ sở."]


def test_cstd_tinh_one_initiative_cannot_serve_twice(make_person, rs152):
    # 2025 is HTT, so CSTĐCS 2025 needs an initiative of 2025; the only one is also the provincial one.
    p = make_person(
        {2023: ("HTXS", ["CSTDCS"]), 2024: ("HTXS", ["CSTDCS"]), 2025: ("HTT", [])},
        initiatives=[("SK-T", "tinh", 2025)],
    )
    v = evaluate(p, "CSTD_TINH", 2025, rs152)
    assert v.outcome is Outcome.INELIGIBLE
    assert [c.text for c in v.unmet] == [
        "Không có sáng kiến từ cấp tỉnh trở lên chưa sử dụng từ năm 2023 đến năm 2025 "
        "(SK-T (cấp tỉnh, năm 2025) đã được tính cho tiêu chí khác; mỗi sáng kiến chỉ tính một lần)."
    ]
    two = make_person(
        {2023: ("HTXS", ["CSTDCS"]), 2024: ("HTXS", ["CSTDCS"]), 2025: ("HTT", [])},
        initiatives=[("SK-T", "tinh", 2025), ("SK-C", "co_so", 2025)],
    )
    verdict = evaluate(two, "CSTD_TINH", 2025, rs152)
    assert verdict.outcome is Outcome.ELIGIBLE
    assert verdict.initiatives == ("SK-C", "SK-T")


def test_cstd_tinh_initiative_outside_window(make_person, rs152):
    p = make_person(
        {2023: ("HTXS", ["CSTDCS"]), 2024: ("HTXS", ["CSTDCS"]), 2025: ("HTXS", ["CSTDCS"])},
        initiatives=[("SK-T", "toan_quoc", 2022)],
    )
    assert evaluate(p, "CSTD_TINH", 2025, rs152).outcome is Outcome.INELIGIBLE


def test_cstd_tq_eligible(make_person, rs152):
    p = make_person(
        {
            2022: ("HTXS", ["CSTD_TINH"]),
            2023: ("HTXS", ["CSTDCS"]),
            2024: ("HTXS", ["CSTDCS"]),
            2025: ("HTXS", ["CSTDCS", "CSTD_TINH"]),
        },
        initiatives=[("SK-Q", "toan_quoc", 2024)],
    )
    v = evaluate(p, "CSTD_TQ", 2025, rs152)
    assert v.outcome is Outcome.ELIGIBLE
    assert rules(v) == [
        ("not_under_review", None, None, True),
        ("title:CSTD_TINH", 2025, None, True),
        ("title:CSTD_TINH", 2022, None, True),
        ("initiative", 2025, None, True),
    ]


def test_cstd_tq_review_year_provincial_title_by_own_criteria_needs_two_initiatives(make_person, rs152):
    years = {
        2022: ("HTXS", ["CSTD_TINH"]),
        2023: ("HTXS", ["CSTDCS"]),
        2024: ("HTXS", ["CSTDCS"]),
        2025: ("HTXS", []),
    }
    one = make_person(years, initiatives=[("SK-Q", "toan_quoc", 2024)])
    assert evaluate(one, "CSTD_TQ", 2025, rs152).outcome is Outcome.INELIGIBLE
    two = make_person(years, initiatives=[("SK-Q", "toan_quoc", 2024), ("SK-T", "tinh", 2023)])
    v = evaluate(two, "CSTD_TQ", 2025, rs152)
    assert v.outcome is Outcome.ELIGIBLE
    assert v.initiatives == ("SK-T", "SK-Q")


def test_cstd_tq_previous_provincial_title_must_be_three_years_earlier(make_person, rs152):
    p = make_person(
        {2023: ("HTXS", ["CSTD_TINH"]), 2025: ("HTXS", ["CSTD_TINH"])},
        initiatives=[("SK-Q", "toan_quoc", 2025)],
    )
    v = evaluate(p, "CSTD_TQ", 2025, rs152)
    assert v.outcome is Outcome.INELIGIBLE
    assert [c.text for c in v.unmet] == ["Năm 2022: chưa có Chiến sĩ thi đua cấp tỉnh."]


def test_bk_tinh_route_a_two_cstdcs(make_person, rs152):
    p = make_person({2024: ("HTT", ["CSTDCS"]), 2025: ("HTT", ["CSTDCS"])})
    v = evaluate(p, "BK_TINH", 2025, rs152)
    assert v.outcome is Outcome.ELIGIBLE
    assert v.route == "a"
    assert rules(v) == [
        ("not_under_review", None, None, True),
        ("no_discipline", 2024, None, True),
        ("no_discipline", 2025, None, True),
        ("title:CSTDCS", 2024, "a", True),
        ("title:CSTDCS", 2025, "a", True),
        ("rating", 2024, "b", False),
        ("rating", 2025, "b", False),
        ("initiative", 2025, "b", False),
    ]


def test_bk_tinh_route_b_htxs_and_two_initiatives(make_person, rs152):
    p = make_person(
        {2024: ("HTXS", []), 2025: ("HTXS", [])},
        initiatives=[("SK-1", "co_so", 2024), ("SK-2", "tinh", 2025)],
    )
    v = evaluate(p, "BK_TINH", 2025, rs152)
    assert v.outcome is Outcome.ELIGIBLE
    # Route a fails: CSTĐCS 2025 holds by its own criteria (HTXS) but 2024 is not listed.
    assert v.route == "b"
    assert v.initiatives == ("SK-1", "SK-2")


def test_bk_tinh_route_b_one_initiative_is_not_enough(make_person, rs152):
    p = make_person({2024: ("HTXS", []), 2025: ("HTXS", [])}, initiatives=[("SK-1", "co_so", 2024)])
    v = evaluate(p, "BK_TINH", 2025, rs152)
    assert v.outcome is Outcome.INELIGIBLE
    assert [c.text for c in v.unmet] == [
        "Năm 2024: chưa có Chiến sĩ thi đua cơ sở.",
        "Cần 2 sáng kiến từ cấp cơ sở trở lên chưa sử dụng từ năm 2024 đến năm 2025, khác nhau; chỉ có 1.",
    ]


def test_bk_tinh_both_years_must_count(make_person, rs152):
    p = make_person(
        {2024: ("HTT", ["CSTDCS"]), 2025: ("HTT", ["CSTDCS"])},
        discipline=[Discipline("khien_trach", date(2023, 6, 1), date(2024, 1, 1))],
    )
    v = evaluate(p, "BK_TINH", 2025, rs152)
    assert v.outcome is Outcome.INELIGIBLE
    assert v.unmet[0].text == (
        "Năm 2024: có kỷ luật khiển trách có hiệu lực từ 01/06/2023 đến 01/01/2024; năm này không được tính."
    )


def _bk_ttg_years(first_bk=2020, cstdcs=(2021, 2023, 2025)):
    years = {first_bk: ("HTT", ["BK_TINH"])}
    for year in range(first_bk + 1, 2026):
        years[year] = ("HTT", ["CSTDCS"] if year in cstdcs else [])
    return years


def test_bk_ttg_five_years_after_provincial_certificate(make_person, rs152):
    v = evaluate(make_person(_bk_ttg_years()), "BK_TTG", 2025, rs152)
    assert v.outcome is Outcome.ELIGIBLE
    assert [(c.rule, c.met, c.text) for c in v.criteria[1:]] == [
        (
            "prior:BK_TINH",
            True,
            "Năm 2020: đã được tặng Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh; từ năm 2021 đến năm 2025 là 5 năm.",
        ),
        (
            "ratings_window",
            True,
            "Từ năm 2021 đến năm 2025: năm nào cũng xếp loại từ Hoàn thành tốt nhiệm vụ trở lên.",
        ),
        ("no_discipline_window", True, "Từ năm 2021 đến năm 2025: không có kỷ luật có hiệu lực."),
        (
            "title_count:CSTDCS",
            True,
            "Từ năm 2021 đến năm 2025: 3 lần đạt Chiến sĩ thi đua cơ sở (2021, 2023, 2025); yêu cầu ít nhất 3 lần.",
        ),
    ]


def test_bk_ttg_four_years_is_not_enough(make_person, rs152):
    v = evaluate(make_person(_bk_ttg_years(first_bk=2021, cstdcs=(2022, 2023, 2024))), "BK_TTG", 2025, rs152)
    assert v.outcome is Outcome.INELIGIBLE
    assert [c.text for c in v.unmet] == [
        "Không có Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh (thường xuyên, còn hiệu lực) từ năm 2020 trở về "
        "trước (Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh năm 2021 chưa đủ 5 năm)."
    ]


def test_bk_ttg_gap_year_without_rating_fails(make_person, rs152):
    years = _bk_ttg_years()
    del years[2022]
    v = evaluate(make_person(years), "BK_TTG", 2025, rs152)
    assert [c.text for c in v.unmet] == [
        "Từ năm 2021 đến năm 2025: chưa đạt xếp loại từ Hoàn thành tốt nhiệm vụ trở lên ở các năm 2022 "
        "(không có dữ liệu xếp loại)."
    ]


def test_bk_ttg_revoked_cstdcs_turns_ineligible(make_person, rs152):
    years = _bk_ttg_years()
    years[2023] = ("HTT", [Honour("CSTDCS", revoked=True)])
    v = evaluate(make_person(years), "BK_TTG", 2025, rs152)
    assert v.outcome is Outcome.INELIGIBLE
    assert [c.text for c in v.unmet] == [
        "Từ năm 2021 đến năm 2025: 2 lần đạt Chiến sĩ thi đua cơ sở (2021, 2025); yêu cầu ít nhất 3 lần."
    ]


def test_bk_ttg_review_year_cstdcs_by_own_criteria(make_person, rs152):
    years = _bk_ttg_years(cstdcs=(2021, 2023))
    years[2025] = ("HTXS", [])
    v = evaluate(make_person(years), "BK_TTG", 2025, rs152)
    assert v.outcome is Outcome.ELIGIBLE
    assert v.criteria[-1].text == (
        "Từ năm 2021 đến năm 2025: 3 lần đạt Chiến sĩ thi đua cơ sở (2021, 2023, 2025); yêu cầu ít nhất 3 lần; "
        "năm 2025 đạt tiêu chuẩn (xếp loại Hoàn thành xuất sắc nhiệm vụ)."
    )


def test_bk_ttg_dot_xuat_certificate_does_not_count(make_person, rs152):
    years = _bk_ttg_years()
    years[2020] = ("HTT", [Honour("BK_TINH", type=HonourType.DOT_XUAT)])
    v = evaluate(make_person(years), "BK_TTG", 2025, rs152)
    assert [c.text for c in v.unmet] == [
        "Không có Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh (thường xuyên, còn hiệu lực) từ năm 2020 trở về "
        "trước (Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh năm 2020 thuộc loại khen thưởng đột xuất, "
        "không được tính làm điều kiện)."
    ]


def test_bk_ttg_any_earlier_certificate_may_start_the_window(make_person, rs152):
    # The 2019 certificate fails (2020 rated HT); the 2020 one starts a window that passes.
    years = _bk_ttg_years()
    years[2019] = ("HTT", ["BK_TINH"])
    years[2020] = ("HT", ["BK_TINH"])
    v = evaluate(make_person(years), "BK_TTG", 2025, rs152)
    assert v.outcome is Outcome.ELIGIBLE
    assert v.criteria[1].year == 2020


def test_hcld3_needs_an_htxs_year(make_person, rs152):
    years = {2020: ("HTT", ["BK_TTG"])}
    for year in range(2021, 2026):
        years[year] = ("HTT", ["CSTDCS"] if year in (2021, 2022, 2024) else [])
    v = evaluate(make_person(years), "HCLD3", 2025, rs152)
    assert v.outcome is Outcome.INELIGIBLE
    assert [c.text for c in v.unmet] == [
        "Từ năm 2021 đến năm 2025: 0 năm Hoàn thành xuất sắc nhiệm vụ; yêu cầu ít nhất 1 năm."
    ]
    years[2023] = ("HTXS", [])
    v = evaluate(make_person(years), "HCLD3", 2025, rs152)
    assert v.outcome is Outcome.ELIGIBLE
    assert v.criteria[4].text == (
        "Từ năm 2021 đến năm 2025: 1 năm Hoàn thành xuất sắc nhiệm vụ (2023); yêu cầu ít nhất 1 năm."
    )


def test_giay_khen_is_manual_only(make_person, rs152):
    v = evaluate(make_person({2025: ("HTT", [])}), "GIAY_KHEN", 2025, rs152)
    assert v.outcome is Outcome.MANUAL_ONLY
    assert [c.rule for c in v.criteria] == ["not_under_review"]


def test_bk_ttg_without_an_earlier_certificate_still_lists_every_criterion(make_person, rs152):
    years = {
        year: ("HT" if year == 2023 else "HTT", ["CSTDCS"] if year == 2024 else [])
        for year in range(2021, 2026)
    }
    v = evaluate(make_person(years), "BK_TTG", 2025, rs152)
    assert v.outcome is Outcome.INELIGIBLE
    assert [(c.rule, c.met) for c in v.criteria[1:]] == [
        ("prior:BK_TINH", False),
        ("ratings_window", False),
        ("no_discipline_window", True),
        ("title_count:CSTDCS", False),
    ]
    assert [c.text for c in v.unmet] == [
        "Không có Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh (thường xuyên, còn hiệu lực) từ năm 2020 trở về trước.",
        "Từ năm 2021 đến năm 2025: chưa đạt xếp loại từ Hoàn thành tốt nhiệm vụ trở lên ở các năm 2023 "
        "(Hoàn thành nhiệm vụ).",
        "Từ năm 2021 đến năm 2025: 1 lần đạt Chiến sĩ thi đua cơ sở (2024); yêu cầu ít nhất 3 lần.",
    ]
