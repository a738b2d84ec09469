"""Every awards service (loading the rule files, the province's adjustments) writes its audit entry with the actor."""

import datetime
from decimal import Decimal

import pytest

from thidua.awards import services
from thidua.awards.models import AwardRecord, RuleSetRecord
from thidua.core.models import AuditEntry
from thidua.core.services import SERVICES

pytestmark = pytest.mark.django_db
ND152 = "luat-06-2022_nd-152-2025"


def _record():
    return RuleSetRecord.objects.get(ruleset_id=ND152)


RECIPES = {
    "sync_catalogue": (lambda w: services.sync_catalogue(actor=w["actor"]), ["awards.catalogue.sync"]),
    "sync_rulesets": (lambda w: services.sync_rulesets(actor=w["actor"]), ["awards.ruleset.check"]),
    "set_quota": (
        lambda w: services.set_quota(
            _record(), actor=w["actor"], award_code="CSTDCS", percent=Decimal(15), of="LDTT"
        ),
        ["awards.ruleset.quota"],
    ),
    "remove_quota": (
        lambda w: services.remove_quota(w["with_quota"], actor=w["actor"], award_code="BK_TINH"),
        ["awards.ruleset.quota"],
    ),
    "set_vote_threshold": (
        lambda w: services.set_vote_threshold(
            _record(), actor=w["actor"], award_code="CSTD_TINH", percent=Decimal(75)
        ),
        ["awards.ruleset.vote"],
    ),
    "reset_vote_threshold": (
        lambda w: services.reset_vote_threshold(w["with_vote"], actor=w["actor"], award_code="BK_TTG"),
        ["awards.ruleset.vote"],
    ),
    "add_base_salary": (
        lambda w: services.add_base_salary(
            _record(),
            actor=w["actor"],
            effective_from=datetime.date(2026, 7, 1),
            amount=2530000,
            basis="Nghị định mới",
        ),
        ["awards.ruleset.base_salary"],
    ),
    "remove_base_salary": (
        lambda w: services.remove_base_salary(
            _record(), actor=w["actor"], effective_from=datetime.date(2023, 7, 1)
        ),
        ["awards.ruleset.base_salary"],
    ),
    "set_money_rounding": (
        lambda w: services.set_money_rounding(_record(), actor=w["actor"], unit=10000, mode="up"),
        ["awards.ruleset.rounding"],
    ),
}


@pytest.fixture
def world(admin_user):
    record = _record()
    services.set_quota(record, actor=None, award_code="BK_TINH", percent=Decimal(10), of="LDTT")
    services.set_vote_threshold(_record(), actor=None, award_code="BK_TTG", percent=Decimal(80))
    return {"actor": admin_user, "with_quota": _record(), "with_vote": _record()}


def test_every_awards_service_has_a_recipe():
    registered = sorted(name.rsplit(".", 1)[1] for name in SERVICES if name.startswith("thidua.awards."))
    assert registered == sorted(RECIPES)


@pytest.mark.parametrize("name", sorted(RECIPES))
def test_awards_service_writes_its_audit_entries_with_the_actor(name, world):
    call, actions = RECIPES[name]
    before = AuditEntry.objects.order_by("-id").first().pk
    call(world)
    entries = list(AuditEntry.objects.filter(pk__gt=before).order_by("id"))
    assert [entry.action for entry in entries] == actions
    assert {entry.actor_id for entry in entries} == {world["actor"].pk}


def test_the_rule_files_are_loaded_by_migrate():
    assert list(RuleSetRecord.objects.values_list("ruleset_id", "version")) == [
        ("luat-06-2022_nd-98-2023", 1),
        (ND152, 1),
    ]
    assert AwardRecord.objects.count() == 15
    assert AwardRecord.objects.get(code="BK_TINH").name_vi == "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh"
    assert services.rule_files_changed() is False


def test_a_changed_catalogue_entry_is_reloaded_with_a_new_version_and_an_audit_entry():
    record = AwardRecord.objects.get(code="LDTT")
    AwardRecord.objects.filter(pk=record.pk).update(content_hash="old")
    assert services.rule_files_changed() is True
    assert services.sync_catalogue(actor=None) == (0, 1)
    record.refresh_from_db()
    assert record.version == 2
    entry = AuditEntry.objects.filter(action="awards.catalogue.load").order_by("-id").first()
    assert (entry.object_id, entry.before["content_hash"]) == (str(record.pk), "old")
