"""Optimistic concurrency: an edit made on a stale copy is refused with a Vietnamese message, changing nothing."""

from __future__ import annotations

import datetime

import pytest

from thidua.core.concurrency import StaleEditError
from thidua.core.models import AuditEntry
from thidua.org import services
from thidua.org.enums import Gender
from thidua.org.models import Person, Unit

STALE_MESSAGE = (
    "Bản ghi này vừa được người khác sửa (phiên bản 2, bạn đang sửa phiên bản 1). "
    "Thay đổi của bạn chưa được lưu: hãy tải lại trang để xem bản mới nhất rồi sửa lại."
)


@pytest.fixture
def person(province_tree, person_factory):
    return person_factory(full_name="Nguyễn Văn Đức", gender=Gender.MALE, unit=province_tree.sgddt)


def test_update_person_with_the_current_version_saves_and_bumps_the_version(person, clerk_sgd):
    updated = services.update_person(person, actor=clerk_sgd, expected_version=1, phone="0912345678")
    assert (updated.version, Person.objects.get(pk=person.pk).phone) == (2, "0912345678")


def test_update_person_with_stale_version_is_refused_and_changes_nothing(person, clerk_sgd, officer):
    first_copy = Person.objects.get(pk=person.pk)  # the form the clerk opened, at version 1
    services.update_person(person, actor=officer, expected_version=1, phone="0912345678")
    audit_count = AuditEntry.objects.count()

    with pytest.raises(StaleEditError) as caught:
        services.update_person(first_copy, actor=clerk_sgd, expected_version=1, full_name="Nguyễn Văn Được")

    assert caught.value.messages == [STALE_MESSAGE]
    assert caught.value.code == "stale"
    saved = Person.objects.get(pk=person.pk)
    assert (saved.full_name, saved.phone, saved.version) == ("Nguyễn Văn Đức", "0912345678", 2)
    assert AuditEntry.objects.count() == audit_count


def test_update_person_without_expected_version_is_accepted(person, officer):
    services.update_person(person, actor=officer, phone="0912345678")
    updated = services.update_person(person, actor=officer, phone="0987654321")
    assert (updated.version, updated.phone) == (3, "0987654321")


def test_update_unit_with_stale_version_is_refused(province_tree, officer):
    unit = province_tree.syt
    services.update_unit(unit, actor=officer, expected_version=1, short_name="SYT")

    with pytest.raises(StaleEditError) as caught:
        services.update_unit(unit, actor=officer, expected_version=1, short_name="Sở Y tế LC")

    assert caught.value.messages == [STALE_MESSAGE]
    assert Unit.objects.get(pk=unit.pk).short_name == "SYT"


def test_assign_position_and_archive_person_check_the_version(person, officer):
    services.update_person(person, actor=officer, expected_version=1, phone="0912345678")

    with pytest.raises(StaleEditError):
        services.assign_position(
            person,
            actor=officer,
            unit=person.unit,
            position_title="Phó Giám đốc",
            start_date=datetime.date(2025, 1, 1),
            expected_version=1,
        )
    with pytest.raises(StaleEditError):
        services.archive_person(person, actor=officer, reason="Nghỉ hưu", expected_version=1)

    saved = Person.objects.get(pk=person.pk)
    assert (saved.position_title, saved.archived, saved.employments.count()) == ("Chuyên viên", False, 1)
