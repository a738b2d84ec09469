"""Every service writes its audit entry in its own transaction, and the audit log is append-only."""

from __future__ import annotations

import datetime
import importlib
import pathlib
import pkgutil
from collections.abc import Callable

import pytest
from django.core.exceptions import ValidationError
from django.db import DatabaseError, connection, transaction

import thidua
from thidua.core import audit
from thidua.core.excel import ParsedRow
from thidua.core.models import AppendOnlyError, AuditEntry
from thidua.core.services import SERVICES, MissingAuditError, service
from thidua.org import services as org
from thidua.org.enums import CouncilRole, Gender, PositionLevel, Role, UnitType
from thidua.org.models import Unit


def _import_every_service_module() -> None:
    """Fill the SERVICES registry: import every module of the project whose name says it holds services."""
    for module in pkgutil.walk_packages(thidua.__path__, prefix="thidua."):
        last = module.name.rsplit(".", 1)[-1]
        if last in {"services", "imports"} or ".services." in module.name:
            importlib.import_module(module.name)


_import_every_service_module()
REGISTERED = sorted(name for name in SERVICES if name.startswith("thidua."))
DAY = datetime.date(2025, 7, 1)


@pytest.fixture
def world(province_tree, officer, person_factory, user_factory):
    """Objects the recipes act on, made before the audit rows are counted."""
    person = person_factory(full_name="Nguyễn Văn Đức", gender=Gender.MALE, unit=province_tree.commune_a)
    other = person_factory(full_name="Lò Thị Ánh", gender=Gender.FEMALE, unit=province_tree.sgddt)
    account = user_factory(username="taikhoan.moi", full_name="Tài khoản mới")
    grant = org.grant_role(account, actor=None, unit=province_tree.syt, role=Role.VIEWER)
    council = org.create_council(
        actor=None, unit=province_tree.root, name="Hội đồng Thi đua – Khen thưởng tỉnh"
    )
    new_a = org.create_unit(
        actor=None, code="XA_MOI_1", short_name="Xã mới 1", full_name="Xã mới 1", unit_type=UnitType.COMMUNE,
        parent=province_tree.root,
    )  # fmt: skip
    new_b = org.create_unit(
        actor=None, code="XA_MOI_2", short_name="Xã mới 2", full_name="Xã mới 2", unit_type=UnitType.COMMUNE,
        parent=province_tree.root,
    )  # fmt: skip
    return {
        "tree": province_tree,
        "actor": officer,
        "person": person,
        "other": other,
        "account": account,
        "grant": grant,
        "council": council,
        "new_units": [new_a, new_b],
    }


def _unit_rows(w):
    return [
        ParsedRow(
            number=2,
            values={
                "code": "STTTT",
                "short_name": "Sở TT&TT",
                "full_name": "Sở Thông tin và Truyền thông",
                "unit_type": UnitType.DEPARTMENT,
                "parent_code": "UBND",
                "order": 40,
                "effective_from": None,
                "effective_to": None,
            },
        )
    ]


def _person_rows(w):
    return [
        ParsedRow(
            number=2,
            values={
                "cccd": "012345678901",
                "full_name": "Giàng A Páo",
                "gender": Gender.MALE,
                "birth_date": datetime.date(1985, 2, 3),
                "ethnicity_obj": None,
                "email": "",
                "phone": "",
                "unit_code": "SGDDT",
                "unit_obj": w["tree"].sgddt,
                "position_title": "Chuyên viên",
                "position_level": PositionLevel.STAFF,
                "position_start": datetime.date(2024, 1, 1),
                "existing": None,
            },
        )
    ]


# name -> (call, the exact audit actions it writes, in order)
RECIPES: dict[str, tuple[Callable, list[str]]] = {
    "thidua.org.services.create_unit": (
        lambda w: org.create_unit(
            actor=w["actor"],
            code="SCT",
            short_name="Sở Công Thương",
            full_name="Sở Công Thương",
            unit_type=UnitType.DEPARTMENT,
            parent=w["tree"].root,
        ),
        ["org.unit.create"],
    ),
    "thidua.org.services.update_unit": (
        lambda w: org.update_unit(
            w["tree"].sgddt, actor=w["actor"], short_name="Sở GDĐT", expected_version=1
        ),
        ["org.unit.update"],
    ),
    "thidua.org.services.rename_unit": (
        lambda w: org.rename_unit(
            w["tree"].syt, actor=w["actor"], date=DAY, full_name="Sở Y tế tỉnh Lai Châu"
        ),
        ["org.unit.rename"],
    ),
    "thidua.org.services.merge_units": (
        lambda w: org.merge_units(
            [w["tree"].commune_a], into=w["tree"].commune_b, actor=w["actor"], date=DAY
        ),
        ["org.person.move", "org.unit.close", "org.unit.merge"],
    ),
    "thidua.org.services.split_unit": (
        lambda w: org.split_unit(w["tree"].commune_b, into=w["new_units"], actor=w["actor"], date=DAY),
        ["org.unit.close", "org.unit.split"],
    ),
    "thidua.org.services.move_unit": (
        lambda w: org.move_unit(w["tree"].commune_a, new_parent=w["tree"].root, actor=w["actor"], date=DAY),
        ["org.unit.move"],
    ),
    "thidua.org.services.dissolve_unit": (
        lambda w: org.dissolve_unit(w["tree"].school, actor=w["actor"], date=DAY),
        ["org.unit.close", "org.unit.dissolve"],
    ),
    "thidua.org.services.create_person": (
        lambda w: org.create_person(
            actor=w["actor"], full_name="Tẩn Thị Mẩy", gender=Gender.FEMALE, unit=w["tree"].syt
        ),
        ["org.person.create"],
    ),
    "thidua.org.services.update_person": (
        lambda w: org.update_person(w["person"], actor=w["actor"], phone="0912345678", expected_version=1),
        ["org.person.update"],
    ),
    "thidua.org.services.assign_position": (
        lambda w: org.assign_position(
            w["person"],
            actor=w["actor"],
            unit=w["tree"].commune_a,
            position_title="Chủ tịch UBND xã",
            start_date=DAY,
            position_level=PositionLevel.COMMUNE_LEADER,
        ),
        ["org.person.position"],
    ),
    "thidua.org.services.archive_person": (
        lambda w: org.archive_person(w["person"], actor=w["actor"], reason="Nghỉ hưu"),
        ["org.person.archive"],
    ),
    "thidua.org.services.create_account": (
        lambda w: org.create_account(
            actor=w["actor"], username="vanthu.xa", full_name="Văn thư xã", password="MatKhau@2026"
        ),
        ["org.account.create"],
    ),
    "thidua.org.services.set_account_active": (
        lambda w: org.set_account_active(w["account"], actor=w["actor"], active=False),
        ["org.account.active"],
    ),
    "thidua.org.services.change_password": (
        lambda w: org.change_password(w["account"], actor=w["actor"], new_password="MatKhauMoi@2026"),
        ["org.account.password"],
    ),
    "thidua.org.services.grant_role": (
        lambda w: org.grant_role(w["account"], actor=w["actor"], unit=w["tree"].sgddt, role=Role.CLERK),
        ["org.role.grant"],
    ),
    "thidua.org.services.revoke_role": (
        lambda w: org.revoke_role(w["grant"], actor=w["actor"], on=DAY),
        ["org.role.revoke"],
    ),
    "thidua.org.services.create_council": (
        lambda w: org.create_council(actor=w["actor"], unit=w["tree"].sgddt, name="Hội đồng TĐKT Sở GD&ĐT"),
        ["org.council.create"],
    ),
    "thidua.org.services.add_council_member": (
        lambda w: org.add_council_member(
            w["council"], actor=w["actor"], person=w["other"], role=CouncilRole.MEMBER
        ),
        ["org.council.member"],
    ),
    "thidua.org.imports.import_units": (
        lambda w: importlib.import_module("thidua.org.imports").import_units(_unit_rows(w), actor=w["actor"]),
        ["org.unit.create", "org.unit.import"],
    ),
    "thidua.org.imports.import_people": (
        lambda w: importlib.import_module("thidua.org.imports").import_people(
            _person_rows(w), actor=w["actor"]
        ),
        ["org.person.create", "org.person.import"],
    ),
    "thidua.core.services.mark_notifications_read": (
        lambda w: importlib.import_module("thidua.core.services").mark_notifications_read(
            w["account"], actor=w["actor"]
        ),
        ["core.notification.read"],
    ),
}


FOUNDATION_APPS = ("thidua.core.", "thidua.org.")
TESTS_ROOT = pathlib.Path(__file__).resolve().parents[1]


def test_every_foundation_service_has_a_recipe_here():
    assert [name for name in REGISTERED if name.startswith(FOUNDATION_APPS) and name not in RECIPES] == []


def test_every_other_service_has_a_recipe_in_its_apps_tests():
    """Each app proves its own services audit, in tests/<app>/, with a RECIPES entry keyed by the service's name."""
    missing = []
    for name in REGISTERED:
        if name.startswith(FOUNDATION_APPS):
            continue
        app = name.split(".")[1]
        texts = "".join(path.read_text(encoding="utf-8") for path in (TESTS_ROOT / app).glob("test_*.py"))
        if f'"{name}"' not in texts and f'"{name.rsplit(".", 1)[1]}"' not in texts:
            missing.append(name)
    assert missing == []


def test_the_registry_holds_the_foundation_services():
    assert set(REGISTERED) >= {
        "thidua.org.services.create_unit",
        "thidua.org.services.update_unit",
        "thidua.org.services.rename_unit",
        "thidua.org.services.merge_units",
        "thidua.org.services.split_unit",
        "thidua.org.services.move_unit",
        "thidua.org.services.dissolve_unit",
        "thidua.org.services.create_person",
        "thidua.org.services.update_person",
        "thidua.org.services.assign_position",
        "thidua.org.services.archive_person",
        "thidua.org.services.create_account",
        "thidua.org.services.set_account_active",
        "thidua.org.services.grant_role",
        "thidua.org.services.revoke_role",
        "thidua.org.services.create_council",
        "thidua.org.services.add_council_member",
        "thidua.org.imports.import_units",
        "thidua.org.imports.import_people",
    }


@pytest.mark.parametrize("name", [name for name in REGISTERED if name.startswith(FOUNDATION_APPS)])
def test_service_writes_its_audit_entries_with_the_actor(name, world):
    call, expected_actions = RECIPES[name]
    last_id = AuditEntry.objects.order_by("-id").values_list("id", flat=True).first()

    call(world)

    written = AuditEntry.objects.filter(id__gt=last_id).order_by("id")
    assert [entry.action for entry in written] == expected_actions
    assert {entry.actor_id for entry in written} == {world["actor"].pk}
    assert {entry.actor_label for entry in written} == {"Vũ Thị Thu (canbotdkt)"}


def test_audit_entry_records_object_before_and_after(province_tree, officer):
    unit = province_tree.sgddt

    org.update_unit(unit, actor=officer, short_name="Sở GDĐT")

    entry = AuditEntry.objects.order_by("-id").first()
    assert (entry.action, entry.object_id, entry.object_repr, entry.unit_id) == (
        "org.unit.update",
        str(unit.pk),
        "Sở Giáo dục và Đào tạo",
        unit.pk,
    )
    assert entry.changes == [("short_name", "Sở GD&ĐT", "Sở GDĐT")]
    assert entry.summary == "Sửa thông tin đơn vị Sở Giáo dục và Đào tạo"
    assert [e.action for e in audit.history_for(unit)] == ["org.unit.update", "org.unit.create"]


@pytest.fixture
def scratch_services():
    """Services defined by a test are removed from the registry afterwards."""
    before = dict(SERVICES)
    yield
    SERVICES.clear()
    SERVICES.update(before)


@pytest.mark.django_db
def test_service_without_audit_entry_raises_and_writes_nothing(scratch_services):
    @service
    def create_silently():
        return Unit.objects.create(code="IM", short_name="Im", full_name="Im lặng", unit_type=UnitType.OTHER)

    with pytest.raises(MissingAuditError) as caught:
        create_silently()

    assert str(caught.value) == f"Service {create_silently.service_name} wrote no audit entry."
    assert create_silently.service_name.endswith("test_service_without_audit_entry_raises_and_writes_nothing"
                                                 ".<locals>.create_silently")  # fmt: skip
    assert Unit.objects.count() == 0


@pytest.mark.django_db
def test_service_failing_after_its_write_leaves_no_row_and_no_audit(scratch_services):
    @service
    def create_then_fail():
        unit = Unit.objects.create(code="LOI", short_name="Lỗi", full_name="Lỗi", unit_type=UnitType.OTHER)
        audit.record("test.create", unit, summary="Tạo rồi hỏng")
        raise RuntimeError("hỏng sau khi ghi")

    with pytest.raises(RuntimeError, match="hỏng sau khi ghi"):
        create_then_fail()

    assert (Unit.objects.count(), AuditEntry.objects.count()) == (0, 0)


def test_real_service_failing_midway_rolls_back_every_nested_write(province_tree, officer):
    from thidua.org.imports import import_units

    units_before, audit_before = Unit.objects.count(), AuditEntry.objects.count()
    rows = [
        *_unit_rows(None),
        ParsedRow(
            number=3,
            values={
                "code": "MÃ CÓ DẤU",  # refused by the unit code validator inside create_unit
                "short_name": "Sai",
                "full_name": "Sai mã",
                "unit_type": UnitType.DEPARTMENT,
                "parent_code": "UBND",
            },
        ),
    ]

    with pytest.raises(ValidationError) as caught:
        import_units(rows, actor=officer)

    assert caught.value.message_dict == {"code": ["Mã đơn vị chỉ gồm chữ không dấu, chữ số và các dấu . _ -"]}
    assert (Unit.objects.count(), AuditEntry.objects.count()) == (units_before, audit_before)
    assert not Unit.objects.filter(code="STTTT").exists()


def test_nested_service_audit_counts_for_the_outer_service(db, scratch_services):
    @service
    def outer():
        return org.create_unit(
            actor=None, code="NGOAI", short_name="Ngoài", full_name="Ngoài", unit_type=UnitType.OTHER
        )

    unit = outer()

    assert [e.action for e in audit.history_for(unit)] == ["org.unit.create"]


# --- append-only ------------------------------------------------------------------------------------------


@pytest.fixture
def entry(province_tree):
    return AuditEntry.objects.order_by("id").first()


def test_audit_entry_save_of_existing_row_is_refused(entry):
    entry.summary = "sửa lén"
    with pytest.raises(AppendOnlyError, match=r"^Audit entries are append-only\.$"):
        entry.save()
    entry.refresh_from_db()
    assert entry.summary == "Tạo đơn vị Ủy ban nhân dân tỉnh Lai Châu"


def test_audit_entry_delete_is_refused(entry):
    with pytest.raises(AppendOnlyError, match=r"^Audit entries are append-only\.$"):
        entry.delete()
    assert AuditEntry.objects.filter(pk=entry.pk).exists()


def test_audit_queryset_delete_and_update_are_refused(entry):
    count = AuditEntry.objects.count()
    with pytest.raises(AppendOnlyError, match=r"^Audit entries are append-only\.$"):
        AuditEntry.objects.all().delete()
    with pytest.raises(AppendOnlyError, match=r"^Audit entries are append-only\.$"):
        AuditEntry.objects.filter(pk=entry.pk).update(summary="sửa lén")
    assert AuditEntry.objects.count() == count == 7
    entry.refresh_from_db()
    assert entry.summary == "Tạo đơn vị Ủy ban nhân dân tỉnh Lai Châu"


def test_audit_raw_sql_update_is_refused_by_the_database(entry):
    with (
        pytest.raises(DatabaseError, match="audit log is append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute("UPDATE core_auditentry SET summary = %s WHERE id = %s", ["sửa lén", entry.pk])
    entry.refresh_from_db()
    assert entry.summary == "Tạo đơn vị Ủy ban nhân dân tỉnh Lai Châu"


def test_audit_raw_sql_delete_is_refused_by_postgresql_and_only_by_the_orm_on_sqlite(entry):
    count = AuditEntry.objects.count()
    delete = "DELETE FROM core_auditentry WHERE id = %s"
    if connection.vendor == "postgresql":
        with (
            pytest.raises(DatabaseError, match="audit log is append-only"),
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute(delete, [entry.pk])
        assert AuditEntry.objects.count() == count
    else:
        # Migration 0003: SQLite has no DELETE trigger because the test runner empties tables with DELETE.
        assert connection.vendor == "sqlite"
        with connection.cursor() as cursor:
            cursor.execute(delete, [entry.pk])
        assert AuditEntry.objects.count() == count - 1


def test_snapshot_of_an_empty_file_field_is_none():
    from django.db.models import FileField
    from django.db.models.fields.files import FieldFile

    from thidua.core.audit import _plain

    field = FileField(name="document")
    assert _plain(FieldFile(None, field, "")) is None
    assert _plain(FieldFile(None, field, "van-ban/chi-thi.pdf")) == "van-ban/chi-thi.pdf"
