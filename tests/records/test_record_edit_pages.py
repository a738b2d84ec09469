"""Editing an initiative or a discipline from the person's page: saved through the service, a stale edit refused."""

import datetime

from django.test import Client
from django.urls import reverse

from thidua.records import services
from thidua.records.models import Discipline, Initiative


def _clerk(school):
    client = Client()
    client.force_login(school["accounts"]["vanthu"])
    return client


def test_discipline_edit_page_saves_and_refuses_a_stale_version(school):
    discipline = services.add_discipline(
        school["teacher"], actor=None, form="khien_trach", start=datetime.date(2024, 3, 1)
    )
    url = reverse("records:discipline_edit", args=[discipline.pk])
    data = {"form": "canh_cao", "start": "01/03/2024", "end": "28/02/2025", "decision_number": "5/QĐ-SGDĐT"}
    response = _clerk(school).post(url, data | {"version": discipline.version})
    assert response.status_code == 302
    saved = Discipline.objects.get(pk=discipline.pk)
    assert (saved.form, saved.end, saved.decision_number) == (
        "canh_cao",
        datetime.date(2025, 2, 28),
        "5/QĐ-SGDĐT",
    )

    stale = _clerk(school).post(url, data | {"decision_number": "6/QĐ-SGDĐT", "version": discipline.version})
    assert stale.status_code == 200
    assert (
        "Bản ghi này vừa được người khác sửa (phiên bản 2, bạn đang sửa phiên bản 1)."
        in stale.content.decode()
    )
    assert Discipline.objects.get(pk=discipline.pk).decision_number == "5/QĐ-SGDĐT"


def test_initiative_edit_page_saves_the_fields(school):
    initiative = services.add_initiative(
        school["teacher"], actor=None, title="Sổ tay", scope="co_so", year=2024
    )
    response = _clerk(school).post(
        reverse("records:initiative_edit", args=[initiative.pk]),
        {
            "title": "Sổ tay điện tử",
            "scope": "tinh",
            "year": 2024,
            "recognised_by": "UBND tỉnh",
            "version": 1,
        },
    )
    assert response.status_code == 302
    saved = Initiative.objects.get(pk=initiative.pk)
    assert (saved.title, saved.scope, saved.recognised_by) == ("Sổ tay điện tử", "tinh", "UBND tỉnh")
