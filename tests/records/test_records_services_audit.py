"""Every records service writes its audit entry, with the actor, in the same transaction."""

import datetime

import pytest

from thidua.core.models import AuditEntry
from thidua.core.services import SERVICES
from thidua.records import services

pytestmark = pytest.mark.django_db
D = datetime.date

RECIPES = {
    "set_rating": (
        lambda w: services.set_rating(w["person"], actor=w["actor"], year=2024, rating="HTT"),
        "records.rating.set",
    ),
    "record_honour": (
        lambda w: services.record_honour(actor=w["actor"], person=w["person"], year=2024, code="LDTT"),
        "records.honour.create",
    ),
    "revoke_honour": (
        lambda w: services.revoke_honour(w["honour"], actor=w["actor"], reason="Kê khai không đúng"),
        "records.honour.revoke",
    ),
    "add_initiative": (
        lambda w: services.add_initiative(
            w["person"], actor=w["actor"], title="Sáng kiến", scope="co_so", year=2024
        ),
        "records.initiative.create",
    ),
    "use_initiative": (
        lambda w: services.use_initiative(w["initiative"], actor=w["actor"], honour=w["honour"]),
        "records.initiative.use",
    ),
    "add_discipline": (
        lambda w: services.add_discipline(
            w["person"], actor=w["actor"], form="khien_trach", start=D(2024, 1, 1)
        ),
        "records.discipline.create",
    ),
    "open_review": (
        lambda w: services.open_review(w["person"], actor=w["actor"], kind="thanh_tra", opened=D(2025, 1, 1)),
        "records.review.open",
    ),
    "close_review": (
        lambda w: services.close_review(w["flag"], actor=w["actor"], closed=D(2025, 2, 1)),
        "records.review.close",
    ),
    "record_collective_year": (
        lambda w: services.record_collective_year(
            w["unit"], actor=w["actor"], year=2024, rating="HTXS", block_rank=2
        ),
        "records.collective.set",
    ),
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
        "flag": services.open_review(person, actor=None, kind="khieu_nai", opened=D(2024, 6, 1)),
    }


def test_every_records_service_has_a_recipe():
    registered = sorted(name.rsplit(".", 1)[1] for name in SERVICES if name.startswith("thidua.records."))
    assert registered == sorted(RECIPES)


@pytest.mark.parametrize("name", sorted(RECIPES))
def test_records_service_writes_its_audit_entry_with_the_actor(name, world):
    call, action = RECIPES[name]
    before = AuditEntry.objects.count()
    call(world)
    entry = AuditEntry.objects.order_by("-id").first()
    assert AuditEntry.objects.count() == before + 1
    assert (entry.action, entry.actor_id) == (action, world["actor"].pk)


def test_an_honour_code_outside_the_catalogue_is_refused_and_nothing_written(world):
    before = AuditEntry.objects.count()
    with pytest.raises(Exception, match="Không có mã «XYZ» trong danh mục khen thưởng"):
        services.record_honour(actor=None, person=world["person"], year=2024, code="XYZ")
    assert AuditEntry.objects.count() == before


def test_an_initiative_is_used_once(world):
    services.use_initiative(world["initiative"], actor=None, honour=world["honour"])
    with pytest.raises(Exception, match="đã được dùng để xét khen thưởng"):
        services.use_initiative(world["initiative"], actor=None, honour=world["honour"])
