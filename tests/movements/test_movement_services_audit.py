"""Every movements service writes its audit entries, with the actor, in its own transaction.

tests/core/test_audit_services.py keeps a recipe per registered service; the movements services are checked
here in the same way (``RECIPES`` below can be merged into that file's registry).
"""

import datetime
from collections.abc import Callable
from decimal import Decimal

import pytest

from thidua.core.excel import ParsedRow
from thidua.core.models import AuditEntry
from thidua.core.services import SERVICES
from thidua.movements import imports, services
from thidua.movements.achievement import Direction
from thidua.movements.models import MovementKind, ReportKind, TaskStatus

pytestmark = pytest.mark.django_db

D = datetime.date


def _progress_rows(w):
    return [
        ParsedRow(
            number=2,
            values={
                "target_obj": w["schools"],
                "unit_obj": w["province"]["sgd"],
                "period_kind": "quarter",
                "period_year": 2022,
                "period_index": 3,
                "value": Decimal("55"),
                "note": "",
            },
        )
    ]


def _registration_rows(w):
    return [
        ParsedRow(
            number=2,
            values={
                "unit_obj": w["province"]["sgd"],
                "title": "LDTT",
                "person_name": "Lò Thị Ánh",
                "person_obj": None,
            },
        )
    ]


AMEND = "movements.movement.amend"
RECIPES: dict[str, tuple[Callable, list[str]]] = {
    "create_movement": (
        lambda w: services.create_movement(
            actor=w["actor"],
            launching_unit=w["province"]["root"],
            name="Phong trào mới",
            kind=MovementKind.THEMATIC,
            period_start=D(2023, 1, 1),
            period_end=D(2023, 6, 30),
        ),
        ["movements.movement.create"],
    ),
    "update_movement": (
        lambda w: services.update_movement(
            w["movement"], actor=w["actor"], theme="Chủ đề mới", reason="Lý do"
        ),
        [AMEND, "movements.movement.update"],
    ),
    "create_thematic_movement": (
        lambda w: services.create_thematic_movement(
            w["movement"], actor=w["actor"], name="Mới", reason="Lý do"
        ),
        [AMEND, "movements.thematic.create"],
    ),
    "update_thematic": (
        lambda w: services.update_thematic(w["thematic"], actor=w["actor"], name="Đổi tên", reason="Lý do"),
        [AMEND, "movements.thematic.update"],
    ),
    "set_content": (
        lambda w: services.set_content(
            w["movement"], actor=w["actor"], number=5, title="Mới", reason="Lý do"
        ),
        [AMEND, "movements.content.set"],
    ),
    "launch_movement": (
        lambda w: services.launch_movement(w["draft"]["movement"], actor=w["actor"]),
        ["movements.movement.launch"],
    ),
    "close_movement": (
        lambda w: services.close_movement(w["movement"], actor=w["actor"]),
        ["movements.movement.close"],
    ),
    "set_public_progress": (
        lambda w: services.set_public_progress(w["movement"], actor=w["actor"], public=True),
        ["movements.movement.public"],
    ),
    "update_thematic_review": (
        lambda w: services.update_thematic_review(w["thematic"], actor=w["actor"], review="Tốt"),
        ["movements.thematic.review"],
    ),
    "add_task": (
        lambda w: services.add_task(w["movement"], actor=w["actor"], title="Việc mới", reason="Lý do"),
        [AMEND, "movements.task.create"],
    ),
    "update_task": (
        lambda w: services.update_task(w["task"], actor=w["actor"], status=TaskStatus.DONE),
        ["movements.task.update"],
    ),
    "add_target": (
        lambda w: services.add_target(
            w["movement"],
            actor=w["actor"],
            name="Mới",
            unit_of_measure="%",
            direction=Direction.AT_MOST,
            target_value=Decimal(5),
            reason="Lý do",
        ),
        [AMEND, "movements.target.create"],
    ),
    "update_target": (
        lambda w: services.update_target(
            w["schools"], actor=w["actor"], target_value=Decimal(57), reason="Lý do"
        ),
        [AMEND, "movements.target.update"],
    ),
    "report_progress": (
        lambda w: services.report_progress(
            w["schools"],
            actor=w["actor"],
            unit=w["province"]["sgd"],
            period_kind="quarter",
            period_year=2022,
            period_index=1,
            value=Decimal(50),
        ),
        ["movements.progress.report"],
    ),
    "import_progress": (
        lambda w: services.import_progress(w["movement"], _progress_rows(w), actor=w["actor"]),
        ["movements.progress.report", "movements.progress.import"],
    ),
    "file_plan": (
        lambda w: services.file_plan(
            w["movement"], actor=w["actor"], unit=w["province"]["syt"], summary="KH"
        ),
        ["movements.plan.file"],
    ),
    "send_reminders": (
        lambda w: services.send_reminders(
            w["movement"], actor=w["actor"], subject="ke-hoach", units=[w["province"]["syt"]]
        ),
        ["movements.reminder.send"],
    ),
    "register_title": (
        lambda w: services.register_title(
            w["movement"], actor=w["actor"], unit=w["province"]["syt"], title="TTLDXS"
        ),
        ["movements.registration.create"],
    ),
    "withdraw_registration": (
        lambda w: services.withdraw_registration(w["registration"], actor=w["actor"]),
        ["movements.registration.withdraw"],
    ),
    "import_registrations": (
        lambda w: services.import_registrations(w["movement"], _registration_rows(w), actor=w["actor"]),
        ["movements.registration.create", "movements.registration.import"],
    ),
    "delete_content": (
        lambda w: services.delete_content(w["draft"]["movement"].contents.get(), actor=w["actor"]),
        ["movements.content.delete"],
    ),
    "delete_target": (
        lambda w: services.delete_target(w["draft"]["revenue"], actor=w["actor"]),
        ["movements.target.delete"],
    ),
    "delete_task": (
        lambda w: services.delete_task(w["draft_task"], actor=w["actor"]),
        ["movements.task.delete"],
    ),
    "delete_thematic_movement": (
        lambda w: services.delete_thematic_movement(w["draft"]["thematic"], actor=w["actor"]),
        ["movements.thematic.delete"],
    ),
    "submit_periodic_report": (
        lambda w: services.submit_periodic_report(
            w["movement"],
            actor=w["actor"],
            unit=w["province"]["sgd"],
            kind=ReportKind.FINAL,
            year=2022,
            summary="Tổng kết",
        ),
        ["movements.report.submit"],
    ),
}


@pytest.fixture
def world(province, movement, build_movement):
    task = services.add_task(
        movement["movement"], actor=None, title="Việc", lead_unit=province["syt"], reason="x"
    )
    registration = services.register_title(
        movement["movement"], actor=None, unit=province["sgd"], title="TTLDTT"
    )
    draft = build_movement(province, launch=False)
    return movement | {
        "province": province,
        "actor": province["users"]["officer"],
        "draft": draft,
        "draft_task": services.add_task(draft["movement"], actor=None, title="Việc của dự thảo"),
        "task": task,
        "registration": registration,
    }


def test_every_movements_service_has_a_recipe():
    registered = {
        name.rsplit(".", 1)[1]
        for name in SERVICES
        if name.startswith(("thidua.movements.services.", "thidua.movements.imports."))
    }
    assert sorted(registered) == sorted(RECIPES)
    assert imports.ProgressImporter and imports.RegistrationImporter


@pytest.mark.parametrize("name", sorted(RECIPES))
def test_movements_service_writes_its_audit_entries_with_the_actor(name, world):
    call, expected = RECIPES[name]
    last_id = AuditEntry.objects.order_by("-id").values_list("id", flat=True).first()
    call(world)
    written = AuditEntry.objects.filter(id__gt=last_id).order_by("id")
    assert [entry.action for entry in written] == expected
    assert {entry.actor_label for entry in written} == {"officer (officer)"}
