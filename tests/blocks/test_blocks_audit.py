"""Every blocks service writes its audit entries, with the actor, in its own transaction (the blocks part of
tests/core/test_audit_services.py's contract: one recipe per registered service)."""

import datetime
from decimal import Decimal

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile

from thidua.blocks import services
from thidua.blocks.models import BlockKind, SheetKind
from thidua.blocks.testing import build_world, full_entries, run_round
from thidua.core.models import AuditEntry
from thidua.core.services import SERVICES

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fast(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def pdf(name="tep.pdf"):
    return ContentFile(b"%PDF-1.4", name=name)


def _members(w):
    return {m.unit.code: m for m in w["block"].members.select_related("unit")}


def _round(w, until):
    return run_round(w, until=until)


def _self_sheet(w, code="SGDDT"):
    return _round(w, "self").sheets.get(kind=SheetKind.SELF, member__unit__code=code)


def _meeting(w):
    _round(w, "locked")
    meeting = services.create_meeting(w["block"], actor=None, held_on=datetime.date(2022, 12, 20))
    services.record_attendance(
        meeting, actor=None, attendance={m.pk: (True, "") for m in w["block"].members.all()}
    )
    return meeting


def _outside(w):
    block = services.create_block(
        actor=None,
        name="Cụm ngoài tỉnh",
        year=2022,
        kind=BlockKind.OUTSIDE,
        members=[w["units"]["UBND"]],
        external_members=["UBND tỉnh Điện Biên"],
    )
    return block.members.get(unit__isnull=True)


# name: (prepare(world) -> state, call(world, state, actor), expected actions)
RECIPES = {
    "create_block": (
        lambda w: None,
        lambda w, s, a: services.create_block(
            actor=a, name="Khối mới", year=2023, members=[w["units"]["STP"]]
        ),
        ["blocks.block.create"],
    ),
    "update_block": (
        lambda w: None,
        lambda w, s, a: services.update_block(w["block"], actor=a, plan="Kế hoạch"),
        ["blocks.block.update"],
    ),
    "add_member": (
        lambda w: None,
        lambda w, s, a: services.add_member(w["block"], actor=a, unit=w["units"]["STP"]),
        ["blocks.member.add"],
    ),
    "remove_member": (
        lambda w: _members(w)["STC"],
        lambda w, s, a: services.remove_member(s, actor=a),
        ["blocks.member.remove"],
    ),
    "upload_regulation": (
        lambda w: None,
        lambda w, s, a: services.upload_regulation(w["block"], actor=a, file=pdf(), number="01/QC"),
        ["blocks.block.regulation"],
    ),
    "copy_block": (
        lambda w: None,
        lambda w, s, a: services.copy_block(w["block"], actor=a),
        ["blocks.block.copy"],
    ),
    "sign_agreement": (
        lambda w: _members(w)["SNV"],
        lambda w, s, a: services.sign_agreement(
            w["block"], actor=a, member=s, signer_name="Lò Văn Hùng", signed_on=datetime.date(2022, 3, 1)
        ),
        ["blocks.agreement.sign"],
    ),
    "record_external_result": (
        _outside,
        lambda w, s, a: services.record_external_result(s, actor=a, total=Decimal(95), rank=2),
        ["blocks.result.record"],
    ),
    "create_table": (
        lambda w: services.copy_block(w["block"], actor=None, copy_table=False),
        lambda w, s, a: services.create_table(s, actor=a, title="Bảng"),
        ["blocks.table.create"],
    ),
    "update_table": (
        lambda w: None,
        lambda w, s, a: services.update_table(
            w["table"], actor=a, title="Bảng 2022", total_points=Decimal(100)
        ),
        ["blocks.table.update"],
    ),
    "add_criterion": (
        lambda w: None,
        lambda w, s, a: services.add_criterion(
            w["table"],
            actor=a,
            parent=w["rows"]["2"],
            code="2.5",
            text="Cộng",
            kind="bonus",
            points=Decimal(1),
        ),
        ["blocks.table.row_add"],
    ),
    "update_criterion": (
        lambda w: None,
        lambda w, s, a: services.update_criterion(w["rows"]["2.4"], actor=a, text="Không báo cáo"),
        ["blocks.table.row_update"],
    ),
    "move_criterion": (
        lambda w: None,
        lambda w, s, a: services.move_criterion(w["rows"]["2.3"], actor=a, up=True),
        ["blocks.table.row_move"],
    ),
    "delete_criterion": (
        lambda w: None,
        lambda w, s, a: services.delete_criterion(w["rows"]["2.3"], actor=a),
        ["blocks.table.row_delete"],
    ),
    "import_table": (
        lambda w: None,
        lambda w, s, a: services.import_table(
            w["block"],
            actor=a,
            file=SimpleUploadedFile("b.csv", "Mã,Nội dung,Loại,Điểm\n1,Tiêu chí,Định tính,100\n".encode()),
        ),
        ["blocks.table.import"],
    ),
    "copy_table": (
        lambda w: services.copy_block(w["block"], actor=None, copy_table=False),
        lambda w, s, a: services.copy_table(s, actor=a, source=w["table"]),
        ["blocks.table.copy"],
    ),
    "open_self_scoring": (
        lambda w: None,
        lambda w, s, a: services.open_self_scoring(w["block"], actor=a),
        ["blocks.round.open"],
    ),
    "set_deadlines": (
        lambda w: _round(w, "self"),
        lambda w, s, a: services.set_deadlines(
            s, actor=a, self_deadline=datetime.date(2030, 1, 1), cross_deadline=None
        ),
        ["blocks.round.deadlines"],
    ),
    "save_entries": (
        _self_sheet,
        lambda w, s, a: services.save_entries(s, actor=a, values=full_entries(w["rows"])),
        ["blocks.sheet.save"],
    ),
    "add_evidence": (
        _self_sheet,
        lambda w, s, a: services.add_evidence(s, actor=a, file=pdf(), criterion=w["rows"]["1.1"]),
        ["blocks.evidence.add"],
    ),
    "remove_evidence": (
        lambda w: services.add_evidence(_self_sheet(w), actor=None, file=pdf()),
        lambda w, s, a: services.remove_evidence(s, actor=a),
        ["blocks.evidence.remove"],
    ),
    "submit_sheet": (_self_sheet, lambda w, s, a: services.submit_sheet(s, actor=a), ["blocks.sheet.submit"]),
    "return_sheet": (
        lambda w: services.submit_sheet(_self_sheet(w), actor=None),
        lambda w, s, a: services.return_sheet(s, actor=a, reason="Thiếu minh chứng"),
        ["blocks.sheet.return"],
    ),
    "assign_assessors": (
        lambda w: _round(w, "self"),
        lambda w, s, a: services.assign_assessors(
            s, actor=a, pairs=[(_members(w)["SNV"], _members(w)["STC"])]
        ),
        ["blocks.round.assign"],
    ),
    "start_cross_scoring": (
        lambda w: (
            services.assign_assessors(
                _round(w, "self"),
                actor=None,
                pairs=services.rotation_pairs(list(w["block"].members.order_by("order")), 1),
            )[0].round
        ),
        lambda w, s, a: services.start_cross_scoring(s, actor=a),
        ["blocks.round.cross"],
    ),
    "aggregate_round": (
        lambda w: _fill_cross(_round(w, "cross"), w),
        lambda w, s, a: services.aggregate_round(s, actor=a),
        ["blocks.round.aggregate"],
    ),
    "adjust_entry": (
        lambda w: _round(w, "review").sheets.get(kind=SheetKind.FINAL, member__unit__code="SNV"),
        lambda w, s, a: services.adjust_entry(
            s, actor=a, criterion=w["rows"]["1.1"], points=Decimal(20), reason="Lý do"
        ),
        ["blocks.sheet.adjust"],
    ),
    "lock_round": (
        lambda w: _round(w, "review"),
        lambda w, s, a: services.lock_round(s, actor=a),
        ["blocks.round.lock"],
    ),
    "reopen_round": (
        lambda w: _round(w, "locked"),
        lambda w, s, a: services.reopen_round(s, actor=a, reason="Khiếu nại"),
        ["blocks.round.reopen"],
    ),
    "create_meeting": (
        lambda w: None,
        lambda w, s, a: services.create_meeting(w["block"], actor=a, held_on=datetime.date(2022, 12, 1)),
        ["blocks.meeting.create"],
    ),
    "record_attendance": (
        lambda w: services.create_meeting(w["block"], actor=None, held_on=datetime.date(2022, 12, 1)),
        lambda w, s, a: services.record_attendance(
            s, actor=a, attendance={m.pk: (True, "") for m in w["block"].members.all()}
        ),
        ["blocks.meeting.attendance"],
    ),
    "open_ballot": (_meeting, lambda w, s, a: services.open_ballot(s, actor=a), ["blocks.ballot.open"]),
    "cast_vote": (
        lambda w: services.open_ballot(_meeting(w), actor=None),
        lambda w, s, a: services.cast_vote(s, actor=a, member=_members(w)["SNV"], approved=[]),
        ["blocks.ballot.vote"],
    ),
    "close_ballot": (
        lambda w: services.open_ballot(_meeting(w), actor=None),
        lambda w, s, a: services.close_ballot(s, actor=a),
        ["blocks.ballot.close"],
    ),
    "update_ballot_documents": (
        lambda w: services.open_ballot(_meeting(w), actor=None),
        lambda w, s, a: services.update_ballot_documents(
            s, actor=a, document_number="1/TTr", signer_name="A", signer_title="B"
        ),
        ["blocks.ballot.documents"],
    ),
}


def _fill_cross(round_, w):
    for sheet in round_.sheets.filter(kind=SheetKind.CROSS):
        services.save_entries(sheet, actor=None, values=full_entries(w["rows"]))
        services.submit_sheet(sheet, actor=None)
    round_.refresh_from_db()
    return round_


def test_every_blocks_service_has_a_recipe():
    registered = sorted(name.rsplit(".", 1)[-1] for name in SERVICES if name.startswith("thidua.blocks."))
    assert registered == sorted(RECIPES)


@pytest.mark.parametrize("name", sorted(RECIPES))
def test_blocks_service_writes_its_audit_entries_with_the_actor(name):
    world = build_world()
    prepare, call, expected = RECIPES[name]
    state = prepare(world)
    # The vote is cast by a member's clerk (the officer does not vote); every other action by the officer.
    actor = world["users"]["vanthu.snv" if name == "cast_vote" else "canbotdkt"]
    last_id = AuditEntry.objects.order_by("-id").values_list("id", flat=True).first()
    call(world, state, actor)
    written = AuditEntry.objects.filter(id__gt=last_id).order_by("id")
    assert [entry.action for entry in written] == expected
    assert {entry.actor_id for entry in written} == {actor.pk}
