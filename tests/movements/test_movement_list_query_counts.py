"""Every list page of movements makes the same number of queries for 1 and for 3 rows: no N+1."""

import datetime
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from thidua.movements import services
from thidua.movements.achievement import Direction
from thidua.movements.models import MovementKind, ReportKind
from thidua.org import services as org_services
from thidua.org.enums import UnitType

pytestmark = pytest.mark.django_db

PAGES = [
    "movements:movement_list",
    "movements:movement_detail",
    "movements:dashboard",
    "movements:plan_list",
    "movements:report_list",
    "movements:registration_list",
]


def add_rows(province, movement, indexes):
    for index in indexes:
        unit = org_services.create_unit(
            actor=None,
            code=f"S{index}",
            short_name=f"Sở {index}",
            full_name=f"Sở số {index}",
            unit_type=UnitType.DEPARTMENT,
            parent=province["root"],
        )
        scope = [*movement.units_in_scope.all(), unit]
        movement = services.update_movement(
            movement, actor=None, units_in_scope=scope, reason="Mở rộng phạm vi"
        )
        target = services.add_target(
            movement,
            actor=None,
            name=f"Chỉ tiêu {index}",
            unit_of_measure="%",
            direction=Direction.AT_LEAST,
            target_value=Decimal(50),
            responsible_units=[unit],
            reason="Bổ sung",
        )
        services.add_task(movement, actor=None, title=f"Nhiệm vụ {index}", lead_unit=unit, reason="Bổ sung")
        services.set_content(
            movement,
            actor=None,
            number=10 + index,
            title=f"Nội dung {index}",
            sub_items=[("a", "x")],
            reason="Bổ sung",
        )
        services.report_progress(
            target,
            actor=None,
            unit=unit,
            period_kind="quarter",
            period_year=2022,
            period_index=2,
            value=Decimal(40),
            evidence=SimpleUploadedFile(f"mc-{index}.pdf", b"%PDF-1.4", content_type="application/pdf"),
        )
        services.file_plan(movement, actor=None, unit=unit, summary=f"KH {index}")
        services.submit_periodic_report(
            movement, actor=None, unit=unit, kind=ReportKind.MIDTERM, year=2022, summary="SK"
        )
        services.register_title(movement, actor=None, unit=unit, title="TTLDTT")
        other = services.create_movement(
            actor=None,
            launching_unit=province["root"],
            name=f"Phong trào {index}",
            kind=MovementKind.THEMATIC,
            period_start=datetime.date(2023, 1, 1),
            period_end=datetime.date(2023, 6, 30),
        )
        services.create_thematic_movement(
            movement, actor=None, name=f"Chuyên đề {index}", lead_unit=unit, reason="Bổ sung"
        )
        assert other.pk
    return movement


def queries_for(client, url) -> int:
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize("url_name", PAGES)
def test_list_page_query_count_does_not_grow_with_rows(url_name, province, movement):
    client = Client()
    client.force_login(province["users"]["admin"])
    launched = movement["movement"]
    url = (
        reverse(url_name) if url_name == "movements:movement_list" else reverse(url_name, args=[launched.pk])
    )
    launched = add_rows(province, launched, [0])
    one = queries_for(client, url)
    add_rows(province, launched, [1, 2])
    three = queries_for(client, url)
    assert three == one


@pytest.mark.parametrize("url_name", ["movements:movement_detail", "movements:dashboard"])
def test_page_query_count_does_not_grow_with_rows_for_a_clerk(url_name, province, movement):
    """A clerk's page checks each task's update link and each evidence file in bulk too."""
    client = Client()
    client.force_login(province["users"]["clerk_syt"])
    launched = movement["movement"]
    url = reverse(url_name, args=[launched.pk])
    launched = add_rows(province, launched, [0])
    one = queries_for(client, url)
    add_rows(province, launched, [1, 2])
    three = queries_for(client, url)
    assert three == one
