"""Every list page makes the same number of queries for 1 and for 3 rows: no N+1 can creep in."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from thidua.org import services
from thidua.org.enums import CouncilRole, Gender, Role, UnitType

pytestmark = pytest.mark.django_db


def build():
    root = services.create_unit(
        actor=None,
        code="UBND",
        short_name="UBND tỉnh",
        full_name="Ủy ban nhân dân tỉnh",
        unit_type=UnitType.PROVINCE,
    )
    admin = services.create_account(actor=None, username="quantri", full_name="Quản trị", password="x" * 12)
    services.grant_role(admin, actor=None, unit=root, role=Role.ADMIN, include_subtree=True)
    client = Client()
    client.force_login(admin)
    return client, root


def add_rows(root, indexes):
    for index in indexes:
        unit = services.create_unit(
            actor=None,
            code=f"S{index}",
            short_name=f"Sở {index}",
            full_name=f"Sở số {index}",
            unit_type=UnitType.DEPARTMENT,
            parent=root,
        )
        person = services.create_person(
            actor=None,
            full_name=f"Nguyễn Văn {chr(65 + index)}",
            gender=Gender.MALE,
            unit=unit,
            position_title="Chuyên viên",
        )
        council = services.create_council(actor=None, unit=unit, name=f"Hội đồng {index}")
        services.add_council_member(council, actor=None, person=person, role=CouncilRole.MEMBER)
        user = services.create_account(
            actor=None, username=f"u{index}", full_name=f"U {index}", password="x" * 12
        )
        services.grant_role(user, actor=None, unit=unit, role=Role.CLERK)


LIST_PAGES = ["org:unit_list", "org:person_list", "org:council_list", "core:audit_log", "accounts:user_list"]


def queries_for(client, url_name) -> int:
    client.get(reverse(url_name))  # warm caches (content types, sessions)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(reverse(url_name)).status_code == 200
    return len(captured)


@pytest.mark.parametrize("url_name", LIST_PAGES)
def test_list_page_query_count_does_not_grow_with_rows(url_name):
    client, root = build()
    add_rows(root, [0])
    one = queries_for(client, url_name)
    add_rows(root, [1, 2])
    three = queries_for(client, url_name)
    assert three == one
