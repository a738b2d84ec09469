"""``load_demo`` loads the 2022 movement of Lai Châu faithfully: every number and every thematic movement name
of the seed file is in the database, and the year of follow-up tells a story on the dashboard."""

import io
import re
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings

from thidua.blocks.models import Block
from thidua.core.models import Notification
from thidua.movements import queries
from thidua.movements.achievement import Status
from thidua.movements.models import (
    Content,
    Movement,
    MovementStatus,
    PeriodicReport,
    Plan,
    ProgressReport,
    Registration,
    SubItem,
    Target,
    Task,
)
from thidua.movements.seed_lai_chau_2022 import SEED_PATH, collapse_whitespace, parse_vi_number
from thidua.org.enums import UnitType

pytestmark = pytest.mark.django_db

SHARED_SEED = Path(settings.BASE_DIR).parent / "shared" / "seed" / "chi-thi-phat-dong-thi-dua-2022.txt"


def seed_file_text() -> str:
    """The seed as the project shares it (../shared/seed/), or the repository's copy when that is absent."""
    path = SHARED_SEED if SHARED_SEED.exists() else SEED_PATH
    return path.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def loaded(django_db_setup, django_db_blocker, tmp_path_factory):
    media = tmp_path_factory.mktemp("media")
    fast = override_settings(
        PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
        MEDIA_ROOT=media,
        EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
    )
    with django_db_blocker.unblock(), fast, transaction.atomic():
        out = io.StringIO()
        call_command("load_demo", "--if-empty", stdout=out)
        yield Movement.objects.get(parent__isnull=True)
        transaction.set_rollback(True)


def database_text(movement: Movement) -> str:
    parts = [
        movement.name,
        movement.theme,
        movement.document_subject,
        movement.signer_name,
        movement.signer_position,
        movement.preamble,
        movement.closing,
        movement.recipients,
    ]
    for content in Content.objects.filter(movement=movement):
        parts += [content.title, content.text]
    parts += list(SubItem.objects.filter(content__movement=movement).values_list("text", flat=True))
    parts += list(movement.thematic_movements.values_list("name", flat=True))
    return collapse_whitespace("\n".join(parts))


def test_demo_every_number_of_the_seed_is_in_the_database(loaded):
    seed = collapse_whitespace(seed_file_text())
    numbers = set(re.findall(r"\d+(?:[.,/]\d+)*", seed))
    stored = database_text(loaded)
    missing = sorted(number for number in numbers if number not in stored)
    assert len(numbers) == 27
    assert missing == []


def test_demo_every_thematic_movement_name_of_the_seed_is_a_thematic_movement(loaded):
    seed = collapse_whitespace(seed_file_text())
    passage = seed[seed.index("phong trào thi đua chuyên đề của tỉnh như:") : seed.index("Tiếp tục đổi mới")]
    names = re.findall(r"“([^”]+)”", passage)
    assert len(names) == 7
    stored = list(loaded.thematic_movements.order_by("order").values_list("name", "kind", "status"))
    assert [name for name, _kind, _status in stored] == names
    assert {(kind, status) for _name, kind, status in stored} == {("chuyen_de", MovementStatus.LAUNCHED)}


def test_demo_targets_have_the_exact_values_and_units_of_the_seed(loaded):
    seed = collapse_whitespace(seed_file_text())
    rows = list(
        Target.objects.filter(movement=loaded)
        .order_by("order")
        .values_list("code", "name", "direction", "target_value", "unit_of_measure", "parent__code")
    )
    assert [(code, direction, value, unit, parent) for code, _n, direction, value, unit, parent in rows] == [
        ("1", "about", Decimal("7.7"), "%", None),
        ("2", "about", Decimal("47.9"), "triệu đồng", None),
        ("3", "at_least", Decimal("2250"), "tỷ đồng", None),
        ("4", "at_least", Decimal("56.3"), "%", None),
        ("5", "decrease_by", Decimal("0.4"), "‰", None),
        ("6", "decrease_by", Decimal("3.1"), "%", None),
        ("6.1", "decrease_by", Decimal("4.8"), "%", "6"),
        ("7", "at_least", Decimal("8030"), "lao động", None),
    ]
    for target in Target.objects.filter(movement=loaded):
        assert target.source_phrase in seed
        assert parse_vi_number(target.value_text) == target.target_value
        assert f"{target.value_text}{target.unit_of_measure}" in seed.replace(
            f"{target.value_text} ", target.value_text
        )


def test_demo_movement_document_fields_as_the_seed_writes_them(loaded):
    assert loaded.theme == (
        "Bảo đảm thích ứng an toàn, linh hoạt, kiểm soát hiệu quả dịch Covid-19, góp phần thực hiện thắng lợi "
        "nhiệm vụ phát triển kinh tế - xã hội năm 2022"
    )
    assert (loaded.document_type, loaded.document_number, loaded.document_symbol, loaded.document_date) == (
        "chi_thi",
        "",
        "",
        None,
    )
    assert (loaded.signer_position, loaded.signer_name) == ("Chủ tịch", "Trần Tiến Dũng")
    assert (loaded.kind, loaded.duration, str(loaded.period_start), str(loaded.period_end)) == (
        "thuong_xuyen",
        "1 năm",
        "2022-01-01",
        "2022-12-31",
    )
    assert list(loaded.contents.values_list("number", flat=True)) == [1, 2, 3, 4, 5, 6, 7, 8]
    assert list(SubItem.objects.filter(content__number=8).values_list("letter", flat=True)) == list("abcde")
    assert loaded.recipient_list[0] == "Ban TĐKT TW (B/c)"
    assert loaded.recipient_list[-1] == "Lưu: VT, Th3"
    assert len(loaded.recipient_list) == 14
    assert loaded.source_document.name.endswith(".docx")
    assert loaded.launched_text["contents"][7]["sub_items"][4][0] == "e"


def test_demo_section_8_becomes_five_tasks(loaded):
    tasks = list(Task.objects.filter(movement=loaded).order_by("letter"))
    assert [task.letter for task in tasks] == list("abcde")
    assert tasks[1].is_request is True
    assert tasks[2].lead_unit.code == "STTTT"
    assert "Sở Văn hóa - Thể thao và Du lịch" in tasks[2].coordinating_list
    assert tasks[4].lead_unit.code == "SNV"
    assert [str(task.deadline) for task in tasks] == [
        "2022-03-15",
        "2022-12-31",
        "2022-11-30",
        "2022-03-31",
        "2022-12-15",
    ]
    assert loaded.launched_text["tasks"][0] == {
        "letter": "a",
        "title": tasks[0].title,
        "deadline": "2022-03-15",
    }


def test_demo_task_a_is_followed_for_the_departments_and_districts_in_scope(loaded):
    task = Task.objects.get(movement=loaded, letter="a")
    in_scope = loaded.units_in_scope.filter(unit_type__in=[UnitType.DEPARTMENT, UnitType.DISTRICT])
    codes = sorted(task.assignee_units.values_list("code", flat=True))
    assert codes == sorted(in_scope.values_list("code", flat=True))
    assert {"SNV", "SGDDT", "STP", "TPLC", "HTU"} <= set(codes)
    assert len(codes) == in_scope.count() > 20
    assert set(task.assignee_units.values_list("unit_type", flat=True)) == {
        UnitType.DEPARTMENT,
        UnitType.DISTRICT,
    }


def test_demo_task_d_is_followed_for_the_heads_of_the_2022_blocks(loaded):
    task = Task.objects.get(movement=loaded, letter="d")
    heads = Block.objects.filter(year=2022, head_unit__isnull=False).values_list("head_unit__code", flat=True)
    assert sorted(task.assignee_units.values_list("code", flat=True)) == sorted(set(heads))
    assert sorted(task.assignee_units.values_list("code", flat=True)) == [
        "MTTQ",
        "SKHDT",
        "STP",
        "SYT",
        "TPLC",
    ]


def test_demo_year_of_follow_up_tells_a_story(loaded):
    rows = queries.dashboard(loaded)
    assert [(row.target.code, row.status) for row in rows] == [
        ("1", Status.DAT),
        ("2", Status.DAT),
        ("3", Status.VUOT),
        ("4", Status.VUOT),
        ("5", Status.VUOT),
        ("6", Status.VUOT),
        ("6.1", Status.CHUA_DAT),
        ("7", Status.VUOT),
    ]
    assert ProgressReport.objects.filter(target__movement=loaded).count() == 24
    assert ProgressReport.objects.get(
        target__code="3", period_index=2, target__movement=loaded
    ).status_label == ("Đạt tiến độ")
    states = {state.code for state, count in queries.state_counts(queries.plan_rows(loaded)) if count}
    assert {"filed", "late"} <= states
    assert Plan.objects.filter(movement=loaded).count() < loaded.units_in_scope.count()
    assert Registration.objects.filter(movement=loaded, kind="ca_nhan").exists()
    assert PeriodicReport.objects.filter(movement=loaded, kind="tong_ket").exists()
    assert loaded.public_progress is True
    assert Notification.objects.filter(title__startswith="Phát động:").exists()
