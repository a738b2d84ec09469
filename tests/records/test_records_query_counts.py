"""Every list page of the records and awards apps makes the same number of queries for 1 and for 3 rows."""

import datetime

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from thidua.org import services as org
from thidua.org.enums import Gender, UnitType
from thidua.records import services

pytestmark = pytest.mark.django_db


def add_rows(school, indexes):
    """Per index: a teacher eligible for Bằng khen tỉnh 2024 (with honours, an initiative, a discipline, a review)
    and a school under Sở GD&ĐT with its collective record and honour."""
    for index in indexes:
        person = org.create_person(
            actor=None,
            full_name=f"Nguyễn Văn {chr(65 + index)}",
            gender=Gender.MALE,
            unit=school["sgd"],
            position_start=datetime.date(2010, 1, 1),
        )
        for year in (2023, 2024):
            services.set_rating(person, actor=None, year=year, rating="HTXS")
            services.record_honour(
                actor=None,
                person=person,
                year=year,
                code="CSTDCS",
                decision_date=datetime.date(year + 1, 1, 5),
            )
            services.set_rating(school["teacher"], actor=None, year=year - index * 3, rating="HTT")
            services.record_honour(actor=None, person=school["teacher"], year=year - index * 3, code="LDTT")
        services.add_initiative(
            school["teacher"], actor=None, title=f"Sáng kiến {index}", scope="co_so", year=2024
        )
        services.add_discipline(
            school["teacher"],
            actor=None,
            form="khien_trach",
            start=datetime.date(2010 + index, 1, 1),
            end=datetime.date(2010 + index, 2, 1),
        )
        unit = org.create_unit(
            actor=None,
            code=f"TRUONG{index}",
            short_name=f"Trường {index}",
            full_name=f"Trường số {index}",
            unit_type=UnitType.SCHOOL,
            parent=school["sgd"],
        )
        services.record_collective_year(
            unit, actor=None, year=2024, rating="HTXS", members=10, members_ldtt=9
        )
        services.record_collective_year(school["sgd"], actor=None, year=2020 + index, rating="HTT")
        services.record_honour(actor=None, unit=school["sgd"], year=2020 + index, code="TTLDTT")


def urls(school):
    sgd = school["sgd"].pk
    return [
        reverse("awards:radar") + f"?unit={sgd}&year=2024",
        reverse("awards:radar") + f"?unit={sgd}&year=2024&award=GIAY_KHEN",
        reverse("records:collective_list"),
        reverse("records:person_history", args=[school["teacher"].pk]) + "?nam=2024",
        reverse("records:collective_history", args=[sgd]) + "?nam=2024",
    ]


def count(client, url) -> int:
    client.get(url)  # warm caches (content types, sessions)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize("page", range(5))
def test_list_page_queries_do_not_grow_with_rows(school, page):
    client = Client()
    client.force_login(school["accounts"]["canbo"])
    add_rows(school, [0])
    url = urls(school)[page]
    one = count(client, url)
    add_rows(school, [1, 2])
    assert count(client, url) == one
