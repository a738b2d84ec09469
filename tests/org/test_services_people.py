"""People, positions with dated history, accounts and councils."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError

from thidua.core.audit import history_for
from thidua.core.vietnamese import name_sort_key
from thidua.org import services
from thidua.org.enums import CouncilRole, Gender, PositionLevel
from thidua.org.models import Employment, Ethnicity, Person, User


@pytest.fixture
def thai(db):
    return Ethnicity.objects.get(name="Thái")


def employments(person) -> list[tuple]:
    return [
        (e.unit.code, e.position_title, e.position_level, e.start_date, e.end_date)
        for e in Employment.objects.filter(person=person).order_by("start_date")
    ]


def test_the_54_ethnic_groups_are_loaded(db):
    assert Ethnicity.objects.count() == 54
    assert list(Ethnicity.objects.values_list("name", flat=True)[:3]) == ["Kinh", "Tày", "Thái"]


def test_create_person_normalises_name_and_fills_search_columns(province_tree, clerk_sgd, thai):
    person = services.create_person(
        actor=clerk_sgd,
        full_name="  Lò   Thị  Ánh ",
        gender=Gender.FEMALE,
        unit=province_tree.school,
        position_title=" Giáo viên ",
        position_start=datetime.date(2015, 9, 1),
        cccd=" 012345678901 ",
        birth_date=datetime.date(1990, 5, 17),
        ethnicity=thai,
    )

    person = Person.objects.get(pk=person.pk)
    assert (person.full_name, person.given_name, person.family_names, person.name_folded) == (
        "Lò Thị Ánh",
        "Ánh",
        "Lò Thị",
        "lo thi anh",
    )
    assert (person.cccd, person.position_title, person.unit_id, person.version) == (
        "012345678901",
        "Giáo viên",
        province_tree.school.pk,
        1,
    )
    assert person.name_sort == name_sort_key("Lò Thị Ánh")
    assert employments(person) == [
        ("THPTCLQD", "Giáo viên", PositionLevel.STAFF, datetime.date(2015, 9, 1), None)
    ]
    entry = history_for(person).get()
    assert (entry.action, entry.summary, entry.unit_id) == (
        "org.person.create",
        "Thêm cá nhân Lò Thị Ánh",
        province_tree.school.pk,
    )
    assert entry.after == {
        "cccd": "012345678901",
        "full_name": "Lò Thị Ánh",
        "gender": "nu",
        "birth_date": "1990-05-17",
        "ethnicity_id": thai.pk,
        "unit_id": province_tree.school.pk,
        "position_title": "Giáo viên",
        "email": "",
        "phone": "",
        "archived": False,
    }


def test_create_person_without_position_or_cccd(province_tree):
    first = services.create_person(
        actor=None, full_name="Giàng A Páo", gender=Gender.MALE, unit=province_tree.syt, cccd=""
    )
    second = services.create_person(
        actor=None, full_name="Giàng A Páo", gender=Gender.MALE, unit=province_tree.syt
    )
    assert (first.cccd, second.cccd) == (None, None)
    assert (employments(first), first.position_title) == ([], "")


@pytest.mark.parametrize(
    ("changes", "errors"),
    [
        ({"cccd": "12345"}, {"cccd": ["Số CCCD gồm đúng 12 chữ số."]}),
        ({"cccd": "012345678901"}, {"cccd": ["Cá nhân có Số CCCD đã tồn tại."]}),
        ({"full_name": " "}, {"full_name": ["Trường này không được để trắng."]}),
        ({"gender": "khac"}, {"gender": ["Giá trị 'khac' không phải là lựa chọn hợp lệ."]}),
        ({"email": "khong-phai-email"}, {"email": ["Nhập địa chỉ email."]}),
    ],
)
def test_create_person_refuses_invalid_values_in_vietnamese(province_tree, person_factory, changes, errors):
    person_factory(full_name="Nguyễn Văn Đức", unit=province_tree.syt, cccd="012345678901")
    count = Person.objects.count()

    with pytest.raises(ValidationError) as caught:
        services.create_person(
            **(
                {
                    "actor": None,
                    "full_name": "Trần Thị Hà",
                    "gender": Gender.FEMALE,
                    "unit": province_tree.syt,
                }
                | changes
            )
        )

    assert caught.value.message_dict == errors
    assert Person.objects.count() == count


def test_update_person_refreshes_search_columns_and_audits_before_after(
    province_tree, person_factory, officer
):
    person = person_factory(full_name="Nguyễn Văn Đức", gender=Gender.MALE, unit=province_tree.syt)

    updated = services.update_person(
        person, actor=officer, full_name="Nguyễn  Văn Được", phone=" 0912345678 "
    )

    assert (updated.full_name, updated.given_name, updated.name_folded, updated.phone, updated.version) == (
        "Nguyễn Văn Được",
        "Được",
        "nguyen van duoc",
        "0912345678",
        2,
    )
    assert sorted(history_for(person).first().changes) == [
        ("full_name", "Nguyễn Văn Đức", "Nguyễn Văn Được"),
        ("phone", "", "0912345678"),
    ]


def test_update_person_refuses_position_fields(province_tree, person_factory):
    person = person_factory(unit=province_tree.syt)
    with pytest.raises(TypeError, match="update_person\\(\\) got an unexpected field 'unit'"):
        services.update_person(person, actor=None, unit=province_tree.sgddt)


def test_update_person_refuses_a_cccd_held_by_someone_else(province_tree, person_factory):
    person_factory(unit=province_tree.syt, cccd="012345678901")
    other = person_factory(unit=province_tree.syt)
    with pytest.raises(ValidationError) as caught:
        services.update_person(other, actor=None, cccd="012345678901")
    assert caught.value.message_dict == {"cccd": ["Cá nhân có Số CCCD đã tồn tại."]}


def test_assign_position_closes_the_current_one_and_keeps_dated_history(
    province_tree, person_factory, officer
):
    person = person_factory(full_name="Bùi Quang Minh", unit=province_tree.school, position_title="Giáo viên")

    services.assign_position(
        person,
        actor=officer,
        unit=province_tree.sgddt,
        position_title="Phó Giám đốc Sở",
        position_level=PositionLevel.DEPARTMENT_DEPUTY,
        start_date=datetime.date(2021, 3, 15),
        decision="45/QĐ-UBND",
    )
    services.assign_position(
        person,
        actor=officer,
        unit=province_tree.sgddt,
        position_title="Giám đốc Sở",
        position_level=PositionLevel.DEPARTMENT_HEAD,
        start_date=datetime.date(2024, 1, 1),
    )

    person = Person.objects.get(pk=person.pk)
    assert (person.unit_id, person.position_title, person.version) == (
        province_tree.sgddt.pk,
        "Giám đốc Sở",
        3,
    )
    assert employments(person) == [
        ("THPTCLQD", "Giáo viên", PositionLevel.STAFF, datetime.date(2020, 1, 1), datetime.date(2021, 3, 14)),
        (
            "SGDDT",
            "Phó Giám đốc Sở",
            PositionLevel.DEPARTMENT_DEPUTY,
            datetime.date(2021, 3, 15),
            datetime.date(2023, 12, 31),
        ),
        ("SGDDT", "Giám đốc Sở", PositionLevel.DEPARTMENT_HEAD, datetime.date(2024, 1, 1), None),
    ]
    assert history_for(person).first().summary == "Bùi Quang Minh: Giám đốc Sở, Sở GD&ĐT từ ngày 01/01/2024"


def test_assign_position_refuses_a_start_not_after_the_current_one(province_tree, person_factory):
    person = person_factory(unit=province_tree.school)

    with pytest.raises(ValidationError) as caught:
        services.assign_position(
            person,
            actor=None,
            unit=province_tree.sgddt,
            position_title="Chuyên viên",
            start_date=datetime.date(2020, 1, 1),
        )
    assert caught.value.message_dict == {
        "start_date": ["Ngày bắt đầu phải sau ngày bắt đầu chức vụ hiện tại (01/01/2020)."]
    }
    with pytest.raises(ValidationError) as caught:
        services.assign_position(
            person,
            actor=None,
            unit=province_tree.sgddt,
            position_title=" ",
            start_date=datetime.date(2022, 1, 1),
        )
    assert caught.value.message_dict == {"position_title": ["Hãy nhập chức vụ."]}
    assert len(employments(person)) == 1


def test_archive_person_keeps_the_record_and_needs_a_reason(province_tree, person_factory):
    person = person_factory(full_name="Lê Văn Cường", unit=province_tree.syt)
    with pytest.raises(ValidationError) as caught:
        services.archive_person(person, actor=None, reason=" ")
    assert caught.value.message_dict == {"reason": ["Hãy ghi lý do lưu trữ."]}

    services.archive_person(person, actor=None, reason="Nghỉ hưu")

    person = Person.objects.get(pk=person.pk)
    assert (person.archived, person.version) == (True, 2)
    assert history_for(person).first().after == {"archived": True, "reason": "Nghỉ hưu"}


# --- accounts -------------------------------------------------------------------------------------------


def test_create_account_hashes_the_password_and_never_audits_it(province_tree, officer, person_factory):
    person = person_factory(full_name="Đỗ Văn Khánh", unit=province_tree.sgddt)

    user = services.create_account(
        actor=officer,
        username=" vanthu.truong ",
        full_name="Đỗ Văn Khánh",
        password="MatKhau@2026",
        person=person,
    )

    user = User.objects.get(pk=user.pk)
    assert (user.username, user.person_id, user.check_password("MatKhau@2026")) == (
        "vanthu.truong",
        person.pk,
        True,
    )
    entry = history_for(user).get()
    assert entry.after == {"username": "vanthu.truong", "full_name": "Đỗ Văn Khánh", "email": ""}
    assert "MatKhau@2026" not in str(entry.after) + entry.summary


def test_create_account_refuses_a_username_in_use_whatever_the_case(clerk_sgd):
    with pytest.raises(ValidationError) as caught:
        services.create_account(actor=None, username="VANTHU.SGD", full_name="X", password="MatKhau@2026")
    assert caught.value.message_dict == {"username": ["Tên đăng nhập VANTHU.SGD đã được dùng."]}


def test_set_account_active_locks_and_unlocks(clerk_sgd, officer):
    services.set_account_active(clerk_sgd, actor=officer, active=False)
    assert User.objects.get(pk=clerk_sgd.pk).is_active is False
    services.set_account_active(clerk_sgd, actor=officer, active=True)
    assert [e.summary for e in history_for(clerk_sgd)] == [
        "Mở khóa tài khoản vanthu.sgd",
        "Khóa tài khoản vanthu.sgd",
    ]


# --- councils -------------------------------------------------------------------------------------------


def test_council_members_take_their_title_and_cannot_be_added_twice(province_tree, person_factory, officer):
    chair = person_factory(
        full_name="Trần Tiến Dũng", unit=province_tree.root, position_title="Chủ tịch UBND tỉnh"
    )
    council = services.create_council(
        actor=officer,
        unit=province_tree.root,
        name=" Hội đồng Thi đua – Khen thưởng tỉnh Lai Châu ",
        established_by="1234/QĐ-UBND",
        term_start=datetime.date(2021, 7, 1),
    )

    member = services.add_council_member(council, actor=officer, person=chair, role=CouncilRole.CHAIR)

    assert (council.name, member.title_at_appointment, str(member)) == (
        "Hội đồng Thi đua – Khen thưởng tỉnh Lai Châu",
        "Chủ tịch UBND tỉnh",
        "Trần Tiến Dũng – Chủ tịch Hội đồng",
    )
    with pytest.raises(ValidationError) as caught:
        services.add_council_member(council, actor=officer, person=chair, role=CouncilRole.MEMBER)
    assert caught.value.messages == ["Trần Tiến Dũng đã là thành viên hội đồng."]
    assert [e.action for e in history_for(council)] == ["org.council.member", "org.council.create"]
