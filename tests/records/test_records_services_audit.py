"""Every records service writes its audit entry, with the actor, in the same transaction."""

import datetime

import pytest

from thidua.core.excel import ParsedRow
from thidua.core.models import AuditEntry
from thidua.core.services import SERVICES
from thidua.records import imports, services

pytestmark = pytest.mark.django_db
D = datetime.date


def _import_row(w):
    row = ParsedRow(
        2,
        {
            "subject": "ca_nhan",
            "year": 2021,
            "rating": "HTT",
            "person_obj": w["person"],
            "unit_obj": w["unit"],
        },
    )
    return imports.import_history([row], actor=w["actor"])


RECIPES = {
    "set_rating": (
        lambda w: services.set_rating(w["person"], actor=w["actor"], year=2024, rating="HTT"),
        ["records.rating.set"],
    ),
    "record_honour": (
        lambda w: services.record_honour(actor=w["actor"], person=w["person"], year=2024, code="LDTT"),
        ["records.honour.create"],
    ),
    "revoke_honour": (
        lambda w: services.revoke_honour(w["honour"], actor=w["actor"], reason="Kê khai không đúng"),
        ["records.honour.revoke"],
    ),
    "add_initiative": (
        lambda w: services.add_initiative(
            w["person"], actor=w["actor"], title="Sáng kiến", scope="co_so", year=2024
        ),
        ["records.initiative.create"],
    ),
    "update_initiative": (
        lambda w: services.update_initiative(
            w["initiative"], actor=w["actor"], title="Sáng kiến đã sửa", scope="tinh", year=2023
        ),
        ["records.initiative.update"],
    ),
    "use_initiative": (
        lambda w: services.use_initiative(w["initiative"], actor=w["actor"], honour=w["honour"]),
        ["records.initiative.use"],
    ),
    "add_discipline": (
        lambda w: services.add_discipline(
            w["person"], actor=w["actor"], form="khien_trach", start=D(2024, 1, 1)
        ),
        ["records.discipline.create"],
    ),
    "update_discipline": (
        lambda w: services.update_discipline(
            w["discipline"], actor=w["actor"], form="canh_cao", start=D(2022, 1, 1), end=D(2022, 12, 31)
        ),
        ["records.discipline.update"],
    ),
    "open_review": (
        lambda w: services.open_review(w["person"], actor=w["actor"], kind="thanh_tra", opened=D(2025, 1, 1)),
        ["records.review.open"],
    ),
    "close_review": (
        lambda w: services.close_review(w["flag"], actor=w["actor"], closed=D(2025, 2, 1)),
        ["records.review.close"],
    ),
    "record_collective_year": (
        lambda w: services.record_collective_year(
            w["unit"], actor=w["actor"], year=2024, rating="HTXS", block_rank=2
        ),
        ["records.collective.set"],
    ),
    "record_block_rank": (
        lambda w: services.record_block_rank(w["unit"], year=2024, rank=1, actor=w["actor"]),
        ["records.collective.rank"],
    ),
    "import_history": (_import_row, ["records.rating.set", "records.history.import"]),
}


@pytest.fixture
def world(school):
    person = school["teacher"]
    return {
        "actor": school["accounts"]["vanthu"],
        "person": person,
        "unit": school["sgd"],
        "honour": services.record_honour(actor=None, person=person, year=2023, code="CSTDCS"),
        "initiative": services.add_initiative(person, actor=None, title="Cũ", scope="co_so", year=2023),
        "discipline": services.add_discipline(person, actor=None, form="khien_trach", start=D(2021, 1, 1)),
        "flag": services.open_review(person, actor=None, kind="khieu_nai", opened=D(2024, 6, 1)),
    }


def test_every_records_service_has_a_recipe():
    registered = sorted(name.rsplit(".", 1)[1] for name in SERVICES if name.startswith("thidua.records."))
    assert registered == sorted(RECIPES)


@pytest.mark.parametrize("name", sorted(RECIPES))
def test_records_service_writes_its_audit_entries_with_the_actor(name, world):
    call, actions = RECIPES[name]
    before = AuditEntry.objects.order_by("-id").first().pk
    call(world)
    entries = list(AuditEntry.objects.filter(pk__gt=before).order_by("id"))
    assert [entry.action for entry in entries] == actions
    assert {entry.actor_id for entry in entries} == {world["actor"].pk}


def test_an_honour_code_outside_the_catalogue_is_refused_and_nothing_written(world):
    before = AuditEntry.objects.count()
    with pytest.raises(Exception, match="Không có mã «XYZ» trong danh mục khen thưởng"):
        services.record_honour(actor=None, person=world["person"], year=2024, code="XYZ")
    assert AuditEntry.objects.count() == before
