"""one_year_away: who is one year from an award, and what the next year must bring."""

from datetime import date

from thidua.awards.engine import CollectiveHistory, Discipline, evaluate, one_year_away
from thidua.awards.terms import Rating


def test_bk_tinh_one_year_away_after_a_cstdcs_year(make_person, rs152):
    # 2025 earns CSTĐCS (HTXS) but 2024 had none: BK_TINH 2026 needs CSTĐCS 2025 granted and 2026 HTXS.
    p = make_person({2024: ("HTT", []), 2025: ("HTXS", [])})
    assert not evaluate(p, "BK_TINH", 2025, rs152).eligible
    away = one_year_away(p, "BK_TINH", 2025, rs152)
    assert away.year == 2026
    assert away.assumed_rating is Rating.HTXS
    assert away.missing == (
        "Được tặng Lao động tiên tiến năm 2025.",
        "Được tặng Chiến sĩ thi đua cơ sở năm 2025.",
        "Năm 2026 xếp loại Hoàn thành xuất sắc nhiệm vụ.",
        "Năm 2026 không có kỷ luật có hiệu lực.",
    )
    assert away.verdict.eligible
    assert away.verdict.route == "a"


def test_bk_ttg_one_year_away_needs_only_htt(make_person, rs152):
    years = {2021: ("HTT", ["BK_TINH"])}
    for year in range(2022, 2026):
        years[year] = ("HTT", ["CSTDCS"] if year < 2025 else [])
    p = make_person(years)
    away = one_year_away(p, "BK_TTG", 2025, rs152)
    assert away.assumed_rating is Rating.HTT
    assert away.missing == (
        "Được tặng Lao động tiên tiến năm 2025.",
        "Năm 2026 xếp loại từ Hoàn thành tốt nhiệm vụ trở lên.",
        "Năm 2026 không có kỷ luật có hiệu lực.",
    )


def test_eligible_now_is_not_one_year_away(make_person, rs152):
    p = make_person({2024: ("HTT", ["CSTDCS"]), 2025: ("HTT", ["CSTDCS"])})
    assert one_year_away(p, "BK_TINH", 2025, rs152) is None


def test_discipline_running_into_next_year_blocks(make_person, rs152):
    p = make_person(
        {2024: ("HTT", []), 2025: ("HTT", [])},
        discipline=[Discipline("khien_trach", date(2025, 1, 1), date(2026, 1, 1))],
    )
    assert one_year_away(p, "LDTT", 2025, rs152) is None
    q = make_person({2025: ("HT", [])})
    assert one_year_away(q, "LDTT", 2025, rs152).assumed_rating is Rating.HTT


def test_service_months_grow_by_a_year(make_person, rs152):
    p = make_person({2025: ("HTT", [])}, service_months=2)
    away = one_year_away(p, "LDTT", 2025, rs152)
    assert away.verdict.criteria[1].text == "Thời gian công tác 14 tháng (yêu cầu từ 6 tháng trở lên)."


def test_under_review_and_collectives_are_never_one_year_away(make_person, rs152):
    assert one_year_away(make_person({2025: ("HT", [])}, under_review=True), "LDTT", 2025, rs152) is None
    assert one_year_away(CollectiveHistory("u1"), "TTLDTT", 2025, rs152) is None


def test_unreachable_in_one_year(make_person, rs152):
    assert one_year_away(make_person({2025: ("HTXS", [])}), "CSTD_TINH", 2025, rs152) is None
