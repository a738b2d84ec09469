"""The catalogue page: every title with its facts, and the checklist of the criteria checked by hand."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from thidua.awards.catalog import catalog
from thidua.org import services
from thidua.org.enums import Role, UnitType

pytestmark = pytest.mark.django_db


@pytest.fixture
def client_of_a_clerk():
    unit = services.create_unit(
        actor=None,
        code="UBNDXA",
        short_name="UBND xã",
        full_name="Ủy ban nhân dân xã",
        unit_type=UnitType.COMMUNE,
    )
    user = services.create_account(
        actor=None, username="vanthu", full_name="Văn thư", password="MatKhau@2026"
    )
    services.grant_role(user, actor=None, unit=unit, role=Role.CLERK)
    client = Client()
    client.force_login(user)
    return client


def _checklist(html: str, code: str) -> list[str]:
    row = re.search(rf'<tr data-code="{code}">(.*?)</tr>', html, re.S).group(1)
    block = re.search(r'data-testid="checklist">(.*?)</details>', row, re.S)
    return re.findall(r"<li>(.*?)</li>", block.group(1)) if block else []


def test_cultural_titles_show_their_checklist_groups(client_of_a_clerk):
    html = client_of_a_clerk.get(reverse("awards:catalogue")).content.decode()
    gdvh = _checklist(html, "GDVH")
    assert [item.split(":")[0] for item in gdvh] == ["Nhóm I", "Nhóm II", "Nhóm III"]
    assert len(gdvh) == len(catalog().get("GDVH").manual_checks)
    assert "Tiêu chuẩn cần xem xét (3)" in html
    assert _checklist(html, "THON_VH") != []
