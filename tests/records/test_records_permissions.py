"""Every page of the records and awards apps, requested as every persona, with the exact status expected.

The person and the collective belong to Sở GD&ĐT: its clerk edits them, its leader and viewer read them, the clerk
of Sở Y tế (the outsider) and the others get 403, the anonymous visitor goes to the login page.
"""

import datetime

import pytest
from django.test import Client
from django.urls import reverse

from thidua.org import services as org
from thidua.org.enums import Gender
from thidua.records import services

pytestmark = pytest.mark.django_db
ND152 = "luat-06-2022_nd-152-2025"

ALL = [
    "admin_user",
    "officer",
    "clerk_sgd",
    "leader_sgd",
    "viewer_sgd",
    "clerk_syt",
    "block_head",
    "council_member",
    "no_role_user",
    "anonymous",
]
ROLE_HOLDERS = set(ALL) - {"no_role_user", "anonymous"}
SEES_SGD = {"admin_user", "officer", "clerk_sgd", "leader_sgd", "viewer_sgd"}
EDITS_SGD = {"admin_user", "officer", "clerk_sgd"}
EDITORS = {"admin_user", "officer", "clerk_sgd", "clerk_syt"}
RULE_READERS = {"admin_user", "officer"}
RULE_MAKERS = {"admin_user"}


@pytest.fixture
def objects(province_tree):
    person = org.create_person(
        actor=None, full_name="Lò Thị Ánh", gender=Gender.FEMALE, unit=province_tree.sgddt
    )
    services.set_rating(person, actor=None, year=2024, rating="HTXS")
    honour = services.record_honour(actor=None, person=person, year=2024, code="LDTT")
    initiative = services.add_initiative(person, actor=None, title="Sáng kiến", scope="co_so", year=2024)
    discipline = services.add_discipline(
        person, actor=None, form="khien_trach", start=datetime.date(2020, 1, 1)
    )
    flag = services.open_review(person, actor=None, kind="thanh_tra", opened=datetime.date(2025, 1, 1))
    return {
        "person": person,
        "honour": honour,
        "initiative": initiative,
        "discipline": discipline,
        "flag": flag,
        "unit": province_tree.sgddt,
    }


def pages(o):
    """(url, the personas that get the page (200); the others get 403, the anonymous visitor 302)."""
    return [
        (reverse("records:person_history", args=[o["person"].pk]), SEES_SGD),
        (reverse("records:person_add", args=[o["person"].pk, "xep-loai"]), EDITS_SGD),
        (reverse("records:person_add", args=[o["person"].pk, "khen-thuong"]), EDITS_SGD),
        (reverse("records:person_add", args=[o["person"].pk, "sang-kien"]), EDITS_SGD),
        (reverse("records:person_add", args=[o["person"].pk, "ky-luat"]), EDITS_SGD),
        (reverse("records:person_add", args=[o["person"].pk, "xem-xet"]), EDITS_SGD),
        (reverse("records:initiative_edit", args=[o["initiative"].pk]), EDITS_SGD),
        (reverse("records:discipline_edit", args=[o["discipline"].pk]), EDITS_SGD),
        (reverse("records:review_close", args=[o["flag"].pk]), EDITS_SGD),
        (reverse("records:honour_revoke", args=[o["honour"].pk]), EDITS_SGD),
        (reverse("records:collective_list"), ROLE_HOLDERS),
        (reverse("records:collective_history", args=[o["unit"].pk]), SEES_SGD),
        (reverse("records:collective_year_edit", args=[o["unit"].pk]), EDITS_SGD),
        (reverse("records:collective_honour_add", args=[o["unit"].pk]), EDITS_SGD),
        (reverse("records:history_import"), EDITORS),
        (reverse("records:history_template"), EDITORS),
        (reverse("awards:radar"), ROLE_HOLDERS),
        (reverse("awards:radar") + f"?unit={o['unit'].pk}&year=2024", ROLE_HOLDERS),
        (reverse("awards:catalogue"), ROLE_HOLDERS),
        (reverse("awards:ruleset_list"), RULE_READERS),
        (reverse("awards:ruleset_detail", args=[ND152]), RULE_READERS),
    ]


def client_for(name, personas):
    client = Client()
    if name != "anonymous":
        client.force_login(personas[name])
    return client


@pytest.mark.parametrize("persona", ALL)
def test_every_page_as_every_persona(persona, personas, objects):
    client = client_for(persona, personas)
    statuses = {url: client.get(url).status_code for url, _allowed in pages(objects)}
    expected = {
        url: 302 if persona == "anonymous" else (200 if persona in allowed else 403)
        for url, allowed in pages(objects)
    }
    assert statuses == expected


@pytest.mark.parametrize("persona", ALL)
def test_writes_as_every_persona(persona, personas, objects):
    """A write the persona may not make is refused (403, or 302 to the login page) and changes nothing."""
    client = client_for(persona, personas)
    honour = objects["honour"]
    revoke = client.post(reverse("records:honour_revoke", args=[honour.pk]), {"reason": "Sai", "version": 1})
    rounding = client.post(
        reverse("awards:ruleset_adjust", args=[ND152, "lam-tron"]),
        {"rounding-unit": "1000", "rounding-mode": "up", "rounding-version": 1},
    )
    honour.refresh_from_db()
    anonymous = persona == "anonymous"
    assert (revoke.status_code, honour.revoked) == (
        (302, True) if persona in EDITS_SGD else (302 if anonymous else 403, False)
    )
    assert rounding.status_code == (302 if persona in RULE_MAKERS or anonymous else 403)
    if anonymous:
        assert revoke["Location"].startswith("/tai-khoan/dang-nhap/")


def test_the_outsider_radar_of_the_whole_province_shows_none_of_sgd(personas, objects, province_tree):
    client = client_for("clerk_syt", personas)
    html = client.get(reverse("awards:radar"), {"unit": province_tree.syt.pk, "year": 2024}).content.decode()
    assert "Lò Thị Ánh" not in html
    response = client.get(reverse("awards:radar"), {"unit": province_tree.sgddt.pk, "year": 2024})
    assert "Hãy chọn một lựa chọn hợp lệ" in response.content.decode()
