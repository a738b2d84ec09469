"""The records services: what they refuse, and what they keep."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from thidua.core.concurrency import StaleEditError
from thidua.records import services
from thidua.records.models import CollectiveYear

pytestmark = pytest.mark.django_db
D = datetime.date


def test_set_rating_counts_the_year_in_the_persons_current_unit_by_default(school):
    record = services.set_rating(school["teacher"], actor=None, year=2024, rating="HTT")
    assert (record.unit_id, record.version) == (school["sgd"].pk, 1)


def test_set_rating_again_changes_the_same_year_and_bumps_its_version(school):
    first = services.set_rating(school["teacher"], actor=None, year=2024, rating="HTT", unit=school["syt"])
    again = services.set_rating(school["teacher"], actor=None, year=2024, rating="HTXS")
    assert (again.pk, again.rating, again.unit_id, again.version) == (first.pk, "HTXS", school["syt"].pk, 2)


def test_set_rating_on_a_stale_form_is_refused(school):
    services.set_rating(school["teacher"], actor=None, year=2024, rating="HTT")
    services.set_rating(school["teacher"], actor=None, year=2024, rating="HT")
    with pytest.raises(StaleEditError):
        services.set_rating(school["teacher"], actor=None, year=2024, rating="HTXS", expected_version=1)


def test_a_year_outside_1945_2100_is_refused(school):
    with pytest.raises(ValidationError) as error:
        services.set_rating(school["teacher"], actor=None, year=1900, rating="HTT")
    assert error.value.message_dict == {"year": ["Năm phải nằm trong khoảng 1945 đến 2100."]}


def test_a_collective_title_cannot_be_given_to_a_person(school):
    with pytest.raises(ValidationError) as error:
        services.record_honour(actor=None, person=school["teacher"], year=2024, code="TTLDXS")
    assert error.value.message_dict == {"code": ["«Tập thể lao động xuất sắc» không dùng cho cá nhân."]}


def test_a_decision_dated_before_the_year_of_the_achievement_is_refused(school):
    with pytest.raises(ValidationError) as error:
        services.record_honour(
            actor=None, person=school["teacher"], year=2024, code="LDTT", decision_date=D(2023, 12, 31)
        )
    assert error.value.message_dict == {
        "decision_date": ["Ngày quyết định không được trước năm được khen thưởng."]
    }


def test_revoking_keeps_the_honour_with_its_reason_and_decision(bk_tinh_candidate):
    honour = services.revoke_honour(
        bk_tinh_candidate[2023],
        actor=None,
        reason="Thành tích không đúng sự thật",
        decision_number="15/QĐ-UBND",
        decision_date=D(2025, 3, 2),
        expected_version=1,
    )
    honour.refresh_from_db()
    assert (
        honour.revoked,
        honour.revoked_reason,
        honour.revoked_decision_number,
        honour.revoked_decision_date,
    ) == (
        True,
        "Thành tích không đúng sự thật",
        "15/QĐ-UBND",
        D(2025, 3, 2),
    )
    assert honour.version == 2


def test_revoking_twice_is_refused(bk_tinh_candidate):
    services.revoke_honour(bk_tinh_candidate[2023], actor=None, reason="Sai")
    with pytest.raises(ValidationError, match=r"Khen thưởng này đã được thu hồi trước đó\."):
        services.revoke_honour(bk_tinh_candidate[2023], actor=None, reason="Sai")


def test_revocation_dated_before_the_award_decision_is_refused(bk_tinh_candidate):
    with pytest.raises(ValidationError) as error:
        services.revoke_honour(bk_tinh_candidate[2023], actor=None, reason="Sai", decision_date=D(2023, 6, 1))
    assert error.value.message_dict == {
        "decision_date": ["Ngày quyết định thu hồi không được trước ngày quyết định khen thưởng."]
    }


def test_a_used_initiative_is_locked_and_cannot_be_used_again_or_changed(bk_tinh_candidate, school):
    initiative = services.add_initiative(
        school["teacher"], actor=None, title="Sổ tay điện tử", scope="co_so", year=2023
    )
    services.use_initiative(initiative, actor=None, honour=bk_tinh_candidate[2023])
    with pytest.raises(ValidationError, match="đã được dùng để xét khen thưởng"):
        services.use_initiative(initiative, actor=None, honour=bk_tinh_candidate[2024])
    with pytest.raises(ValidationError, match="đã được dùng để xét khen thưởng nên không sửa được"):
        services.update_initiative(initiative, actor=None, title="Khác", scope="tinh", year=2023)


def test_an_initiative_cannot_serve_another_persons_award(bk_tinh_candidate, school):
    initiative = services.add_initiative(
        school["colleague"], actor=None, title="Của người khác", scope="co_so", year=2023
    )
    with pytest.raises(ValidationError, match=r"Sáng kiến và khen thưởng phải của cùng một người\."):
        services.use_initiative(initiative, actor=None, honour=bk_tinh_candidate[2023])


def test_discipline_ending_before_it_starts_is_refused(school):
    with pytest.raises(ValidationError) as error:
        services.add_discipline(
            school["teacher"], actor=None, form="canh_cao", start=D(2024, 5, 1), end=D(2024, 4, 1)
        )
    assert error.value.message_dict == {"end": ["Ngày kết thúc phải sau ngày có hiệu lực."]}


def test_closing_a_review_twice_is_refused(school):
    flag = services.open_review(school["teacher"], actor=None, kind="dieu_tra", opened=D(2025, 1, 1))
    services.close_review(flag, actor=None, closed=D(2025, 2, 1))
    with pytest.raises(ValidationError, match=r"Việc xem xét này đã kết thúc\."):
        services.close_review(flag, actor=None, closed=D(2025, 3, 1))


def test_a_collective_figure_above_the_member_count_is_refused(school):
    with pytest.raises(ValidationError) as error:
        services.record_collective_year(school["sgd"], actor=None, year=2024, members=10, members_ldtt=11)
    assert error.value.message_dict == {"members_ldtt": ["Không được lớn hơn tổng số thành viên (10)."]}


def test_block_rank_is_recorded_without_touching_the_other_figures(school):
    services.record_collective_year(school["sgd"], actor=None, year=2024, rating="HTXS", members=12)
    services.record_block_rank(school["sgd"], year=2024, rank=1, actor=None)
    record = CollectiveYear.objects.get(unit=school["sgd"], year=2024)
    assert (record.rating, record.members, record.block_rank, record.version) == ("HTXS", 12, 1, 2)


def test_block_rank_below_one_is_refused(school):
    with pytest.raises(ValidationError) as error:
        services.record_block_rank(school["sgd"], year=2024, rank=0, actor=None)
    assert error.value.message_dict == {"rank": ["Thứ hạng bắt đầu từ 1."]}


def test_a_past_year_is_rated_in_the_unit_the_person_worked_in_then(school):
    from thidua.org import services as org

    teacher = school["teacher"]
    org.assign_position(
        teacher, actor=None, unit=school["syt"], position_title="Chuyên viên", start_date=D(2024, 3, 1)
    )
    assert services.set_rating(teacher, actor=None, year=2023, rating="HTT").unit_id == school["sgd"].pk
    assert services.set_rating(teacher, actor=None, year=2024, rating="HTT").unit_id == school["syt"].pk
    assert services.set_rating(teacher, actor=None, year=2010, rating="HTT").unit_id == school["sgd"].pk
