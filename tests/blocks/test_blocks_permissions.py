"""Every page of the blocks app, requested as every persona: who gets the page, who is refused.

The block has Sở Y tế (head), Sở GD&ĐT, Sở Nội vụ and Sở Tài chính; Sở Tư pháp's clerk is the outsider.
"""

import datetime

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from thidua.blocks import services
from thidua.blocks.models import SheetKind
from thidua.blocks.testing import build_world, run_round

pytestmark = pytest.mark.django_db

PERSONAS = [
    "quantri",
    "canbotdkt",
    "truongkhoi",
    "vanthu.sgd",
    "vanthu.stp",
    "xemtin",
    "khongvaitro",
    "anonymous",
]
ROLE_HOLDERS = {"quantri", "canbotdkt", "truongkhoi", "vanthu.sgd", "vanthu.stp", "xemtin"}
SEES_BLOCK = {"quantri", "canbotdkt", "truongkhoi", "vanthu.sgd", "xemtin"}
MANAGES = {"quantri", "canbotdkt", "truongkhoi"}
ORGANISERS = {"quantri", "canbotdkt"}


@pytest.fixture(autouse=True)
def fast(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def world():
    world = build_world()
    block = world["block"]
    services.upload_regulation(
        block, actor=None, file=ContentFile(b"%PDF-1.4", name="quy-che.pdf"), number="01/QC-KTĐ"
    )
    round_ = run_round(world)
    closed = services.create_meeting(block, actor=None, held_on=datetime.date(2022, 12, 20))
    services.record_attendance(closed, actor=None, attendance={m.pk: (True, "") for m in block.members.all()})
    ballot = services.open_ballot(closed, actor=None)
    services.close_ballot(ballot, actor=None)
    world.update(
        round=round_,
        meeting=closed,
        ballot=ballot,
        self_sheet=round_.sheets.get(kind=SheetKind.SELF, member__unit__code="SGDDT"),
        cross_sheet=round_.sheets.filter(kind=SheetKind.CROSS).first(),
        final_sheet=round_.sheets.get(kind=SheetKind.FINAL, member__unit__code="SGDDT"),
        evidence=round_.sheets.get(kind=SheetKind.SELF, member__unit__code="SGDDT").evidence.get(),
    )
    return world


def pages(world):
    pk = world["block"].pk
    row = world["rows"]["1.1"].pk
    ballot = world["ballot"].pk
    return [
        ("danh sách khối", reverse("blocks:block_list"), ROLE_HOLDERS),
        ("xuất kết quả", reverse("blocks:results_export"), ROLE_HOLDERS),
        ("lập khối", reverse("blocks:block_create"), ORGANISERS),
        ("xem khối", reverse("blocks:block_detail", args=[pk]), SEES_BLOCK),
        ("sửa khối", reverse("blocks:block_edit", args=[pk]), MANAGES),
        ("thành viên", reverse("blocks:block_members", args=[pk]), MANAGES),
        ("quy chế", reverse("blocks:block_regulation", args=[pk]), MANAGES),
        ("tải quy chế", reverse("blocks:regulation_download", args=[pk]), SEES_BLOCK),
        ("sao chép khối", reverse("blocks:block_copy", args=[pk]), ORGANISERS),
        ("bảng tiêu chí", reverse("blocks:table_detail", args=[pk]), SEES_BLOCK),
        ("sửa bảng", reverse("blocks:table_edit", args=[pk]), MANAGES),
        ("thêm mục", reverse("blocks:criterion_add", args=[pk]), MANAGES),
        ("sửa mục", reverse("blocks:criterion_edit", args=[pk, row]), MANAGES),
        ("nhập bảng", reverse("blocks:table_import", args=[pk]), MANAGES),
        ("xuất bảng xlsx", reverse("blocks:table_export", args=[pk, "xlsx"]), SEES_BLOCK),
        ("xuất bảng csv", reverse("blocks:table_export", args=[pk, "csv"]), SEES_BLOCK),
        ("phiếu chấm trắng", reverse("blocks:table_pdf", args=[pk]), SEES_BLOCK),
        ("chấm điểm", reverse("blocks:round_detail", args=[pk]), SEES_BLOCK),
        ("xếp hạng xlsx", reverse("blocks:ranking_export", args=[pk]), SEES_BLOCK),
        ("phiếu tự chấm", reverse("blocks:sheet_detail", args=[world["self_sheet"].pk]), SEES_BLOCK),
        ("phiếu chấm chéo", reverse("blocks:sheet_detail", args=[world["cross_sheet"].pk]), SEES_BLOCK),
        ("điểm thống nhất", reverse("blocks:sheet_detail", args=[world["final_sheet"].pk]), SEES_BLOCK),
        ("in phiếu", reverse("blocks:sheet_pdf", args=[world["self_sheet"].pk]), SEES_BLOCK),
        ("minh chứng", reverse("blocks:evidence_download", args=[world["evidence"].pk]), SEES_BLOCK),
        ("ghi cuộc họp", reverse("blocks:meeting_create", args=[pk]), MANAGES),
        ("cuộc họp", reverse("blocks:meeting_detail", args=[world["meeting"].pk]), SEES_BLOCK),
        ("tờ trình pdf", reverse("blocks:ballot_document", args=[ballot, "to-trinh", "pdf"]), SEES_BLOCK),
        ("tờ trình docx", reverse("blocks:ballot_document", args=[ballot, "to-trinh", "docx"]), SEES_BLOCK),
        ("biên bản pdf", reverse("blocks:ballot_document", args=[ballot, "bien-ban", "pdf"]), SEES_BLOCK),
        ("biên bản docx", reverse("blocks:ballot_document", args=[ballot, "bien-ban", "docx"]), SEES_BLOCK),
        (
            "danh sách đề nghị",
            reverse("blocks:ballot_document", args=[ballot, "de-nghi", "xlsx"]),
            SEES_BLOCK,
        ),
    ]


def client_for(world, persona) -> Client:
    client = Client()
    if persona != "anonymous":
        client.force_login(world["users"][persona])
    return client


def test_every_page_as_every_persona(world):
    failures = []
    for persona in PERSONAS:
        client = client_for(world, persona)
        for name, url, allowed in pages(world):
            response = client.get(url)
            expected = 302 if persona == "anonymous" else 200 if persona in allowed else 403
            if response.status_code != expected:
                failures.append(f"{persona} {name}: {response.status_code} != {expected}")
            if response.status_code == 302:
                assert response["Location"].startswith("/tai-khoan/dang-nhap/")
    assert failures == []


POSTS = [
    ("round_action", lambda w: reverse("blocks:round_action", args=[w["block"].pk, "mo-lai"]), MANAGES),
    ("ballot_close", lambda w: reverse("blocks:ballot_close", args=[w["ballot"].pk]), MANAGES),
    ("sheet_adjust", lambda w: reverse("blocks:sheet_adjust", args=[w["final_sheet"].pk]), MANAGES),
    (
        "criterion_delete",
        lambda w: reverse("blocks:criterion_delete", args=[w["block"].pk, w["rows"]["2.4"].pk]),
        MANAGES,
    ),
    (
        "criterion_move",
        lambda w: reverse("blocks:criterion_move", args=[w["block"].pk, w["rows"]["2.4"].pk]),
        MANAGES,
    ),
    ("external_result", lambda w: reverse("blocks:external_result", args=[w["block"].pk]), ORGANISERS),
    ("sheet_submit", lambda w: reverse("blocks:sheet_submit", args=[w["self_sheet"].pk]), set()),
]


@pytest.mark.parametrize("persona", ["vanthu.sgd", "vanthu.stp", "xemtin", "khongvaitro"])
def test_writes_are_refused_to_members_and_outsiders(world, persona):
    client = client_for(world, persona)
    for name, url, allowed in POSTS:
        assert persona not in allowed
        assert client.post(url(world), {}).status_code == 403, name


def test_anonymous_posts_go_to_login(world):
    client = Client()
    for _name, url, _allowed in POSTS:
        response = client.post(url(world), {})
        assert response.status_code == 302
        assert response["Location"].startswith("/tai-khoan/dang-nhap/")


def test_cross_sheets_stay_blind_until_the_round_is_locked(settings):
    world = build_world()
    round_ = run_round(world, until="cross")
    members = {m.unit.code: m for m in world["block"].members.select_related("unit")}
    # Rotation by one, each member scored by the next: SGDDT scores SYT, SNV scores SGDDT, STC scores SNV, SYT
    # scores STC.
    by_sgd = round_.sheets.get(kind=SheetKind.CROSS, assessor=members["SGDDT"])
    by_stc = round_.sheets.get(kind=SheetKind.CROSS, assessor=members["STC"])
    sgd = client_for(world, "vanthu.sgd")
    assert sgd.get(reverse("blocks:sheet_detail", args=[by_sgd.pk])).status_code == 200
    assert sgd.get(reverse("blocks:sheet_detail", args=[by_stc.pk])).status_code == 403
    head = client_for(world, "truongkhoi")
    assert head.get(reverse("blocks:sheet_detail", args=[by_stc.pk])).status_code == 403
    officer = client_for(world, "canbotdkt")
    assert officer.get(reverse("blocks:sheet_detail", args=[by_stc.pk])).status_code == 200
    # SGDDT is assessing SYT: it sees SYT's self-assessment (to verify it), not STC's.
    syt_self = round_.sheets.get(kind=SheetKind.SELF, member=members["SYT"])
    stc_self = round_.sheets.get(kind=SheetKind.SELF, member=members["STC"])
    assert sgd.get(reverse("blocks:sheet_detail", args=[syt_self.pk])).status_code == 200
    assert sgd.get(reverse("blocks:sheet_detail", args=[stc_self.pk])).status_code == 403
    # The progress page shows who submitted, never another assessor's total.
    page = sgd.get(reverse("blocks:round_detail", args=[world["block"].pk])).content.decode()
    assert f'href="/khoi-thi-dua/phieu/{by_stc.pk}/"' not in page
    assert f'href="/khoi-thi-dua/phieu/{by_sgd.pk}/"' in page


# Who may open Sở Nội vụ's cross sheet of Sở GD&ĐT before the lock (Sở GD&ĐT is scored by Sở Nội vụ and Sở
# Tài chính; the head's unit, Sở Y tế, scores Sở Tài chính).
CROSS_SHEET_READERS = {
    True: {"quantri", "canbotdkt", "vanthu.snv"},
    False: {"quantri", "canbotdkt", "vanthu.snv", "vanthu.stc", "vanthu.sgd", "truongkhoi"},
}


@pytest.mark.parametrize("blind", [True, False])
def test_blind_setting_decides_who_sees_a_cross_sheet_before_the_lock(blind):
    world = build_world()
    services.update_block(world["block"], actor=None, blind=blind)
    round_ = run_round(world, until="cross")
    members = {m.unit.code: m for m in world["block"].members.select_related("unit")}
    services.assign_assessors(round_, actor=None, pairs=[(members["SGDDT"], members["STC"])])
    by_snv = round_.sheets.get(kind=SheetKind.CROSS, member=members["SGDDT"], assessor=members["SNV"])
    url = reverse("blocks:sheet_detail", args=[by_snv.pk])
    personas = [
        "quantri",
        "canbotdkt",
        "truongkhoi",
        "vanthu.syt",
        "vanthu.sgd",
        "vanthu.snv",
        "vanthu.stc",
        "vanthu.stp",
        "xemtin",
    ]
    statuses = {persona: client_for(world, persona).get(url).status_code for persona in personas}
    assert statuses == {
        persona: 200 if persona in CROSS_SHEET_READERS[blind] else 403 for persona in personas
    }
    # The progress page links the sheet exactly for those who may open it.
    page = client_for(world, "vanthu.stc").get(reverse("blocks:round_detail", args=[world["block"].pk]))
    assert (f'href="/khoi-thi-dua/phieu/{by_snv.pk}/"' in page.content.decode()) is (not blind)


def test_head_returns_a_blind_cross_sheet_it_may_not_read():
    from thidua.blocks.testing import full_entries
    from thidua.core.models import AuditEntry

    world = build_world()
    round_ = run_round(world, until="cross")
    sheet = round_.sheets.get(kind=SheetKind.CROSS, assessor__unit__code="STC")
    services.save_entries(sheet, actor=None, values=full_entries(world["rows"]))
    services.submit_sheet(sheet, actor=None)
    return_url = reverse("blocks:sheet_return", args=[sheet.pk])
    round_url = reverse("blocks:round_detail", args=[world["block"].pk])
    # A member's clerk may not return it.
    assert client_for(world, "vanthu.snv").post(return_url, {"reason": "Sai"}).status_code == 403
    head = client_for(world, "truongkhoi")
    assert head.get(reverse("blocks:sheet_detail", args=[sheet.pk])).status_code == 403
    assert f'action="{return_url}"' in head.get(round_url).content.decode()
    response = head.post(return_url, {"reason": "Mục 1.2 chưa ghi kết quả đạt được"})
    assert (response.status_code, response["Location"]) == (302, round_url)
    sheet.refresh_from_db()
    assert (sheet.submitted_at, sheet.submitted_by) == (None, None)
    entry = AuditEntry.objects.filter(action="blocks.sheet.return").get()
    assert (entry.actor_id, entry.after) == (
        world["users"]["truongkhoi"].pk,
        {"reason": "Mục 1.2 chưa ghi kết quả đạt được"},
    )


# --- POST refusal matrix: every persona not allowed gets 403 and nothing is written; the same POST by a persona
# allowed to make it is carried out (so the refusal is the permission's, not the data's). ---------------------

LOGGED_IN = [persona for persona in PERSONAS if persona != "anonymous"]
SIGNERS = MANAGES | {"vanthu.sgd"}  # the head and officer, or a clerk of a member unit
VOTERS = {"truongkhoi", "vanthu.sgd"}  # acting for a present member (Sở Y tế, Sở GD&ĐT); officers never vote
SELF_EDITORS = {"quantri", "canbotdkt", "vanthu.sgd"}  # the member's clerk, or the officer


@pytest.fixture
def open_world():
    """Self-scoring open: Sở GD&ĐT's sheet saved with evidence, Sở Nội vụ's submitted."""
    from thidua.blocks.testing import full_entries

    world = build_world()
    round_ = run_round(world, until="self")
    for code, submit in (("SGDDT", False), ("SNV", True)):
        sheet = round_.sheets.get(kind=SheetKind.SELF, member__unit__code=code)
        services.save_entries(sheet, actor=None, values=full_entries(world["rows"]))
        services.add_evidence(
            sheet, actor=None, criterion=world["rows"]["1.1"], file=ContentFile(b"%PDF-1.4", name="bc.pdf")
        )
        if submit:
            services.submit_sheet(sheet, actor=None)
    world["round"] = round_
    return world


@pytest.fixture
def draft_world():
    """The 2022 block still a draft without a table; the same block in 2021 has one."""
    from thidua.blocks.testing import build_table

    world = build_world(with_table=False)
    earlier = services.create_block(
        actor=None,
        name=world["block"].name,
        year=2021,
        members=[world["units"][code] for code in ("SYT", "SGDDT", "SNV", "STC")],
        head_unit=world["units"]["SYT"],
    )
    world["earlier_table"], _rows = build_table(earlier)
    return world


def _members(world):
    return {m.unit.code: m for m in world["block"].members.select_related("unit")}


def _new_meeting(world):
    block = world["block"]
    meeting = services.create_meeting(block, actor=None, held_on=datetime.date(2022, 12, 28))
    services.record_attendance(
        meeting, actor=None, attendance={m.pk: (True, "") for m in block.members.all()}
    )
    return meeting


def _vote(world):
    ballot = services.open_ballot(_new_meeting(world), actor=None)
    first = ballot.candidates.order_by("position").first()
    url = reverse("blocks:ballot_vote", args=[ballot.pk])
    return url, lambda: {"member": _members(world)["SGDDT"].pk, "approved": [str(first.pk)]}


def _evidence_add(world):
    sheet = world["round"].sheets.get(kind=SheetKind.SELF, member__unit__code="SGDDT")
    url = reverse("blocks:evidence_add", args=[sheet.pk])
    return url, lambda: {
        "criterion": world["rows"]["1.2"].pk,
        "file": SimpleUploadedFile("ke-hoach.pdf", b"%PDF-1.4 ke hoach", content_type="application/pdf"),
    }


def _evidence_remove(world):
    sheet = world["round"].sheets.get(kind=SheetKind.SELF, member__unit__code="SGDDT")
    return reverse("blocks:evidence_remove", args=[sheet.evidence.get().pk]), dict


def _sheet_return(world):
    sheet = world["round"].sheets.get(kind=SheetKind.SELF, member__unit__code="SNV")
    return reverse("blocks:sheet_return", args=[sheet.pk]), lambda: {"reason": "Thiếu minh chứng mục 1.2"}


def _attendance(world):
    meeting = services.create_meeting(world["block"], actor=None, held_on=datetime.date(2022, 12, 28))
    return reverse("blocks:meeting_attendance", args=[meeting.pk]), lambda: {
        f"present_{member.pk}": "on" for member in world["block"].members.all()
    }


# name: (fixture, prepare(world) -> (url, data factory), personas allowed, the allowed persona who posts)
MATRIX = {
    "agreement_sign": (
        "world",
        lambda w: (
            reverse("blocks:agreement_sign", args=[w["block"].pk]),
            lambda: {
                "member": _members(w)["SGDDT"].pk,
                "signer_name": "Nguyễn Văn An",
                "signer_title": "Giám đốc",
                "signed_on": "01/03/2022",
            },
        ),
        SIGNERS,
        "vanthu.sgd",
    ),
    "round_assign": (
        "open_world",
        lambda w: (
            reverse("blocks:round_assign", args=[w["block"].pk]),
            lambda: {
                "mode": "manual",
                "per_member": "1",
                "member": _members(w)["SGDDT"].pk,
                "assessor": _members(w)["SNV"].pk,
            },
        ),
        MANAGES,
        "truongkhoi",
    ),
    "table_copy": (
        "draft_world",
        lambda w: (reverse("blocks:table_copy", args=[w["block"].pk]), dict),
        MANAGES,
        "truongkhoi",
    ),
    "ballot_open": (
        "world",
        lambda w: (reverse("blocks:ballot_open", args=[_new_meeting(w).pk]), lambda: {"question": ""}),
        MANAGES,
        "truongkhoi",
    ),
    "meeting_attendance": ("world", _attendance, MANAGES, "truongkhoi"),
    "ballot_vote": ("world", _vote, VOTERS, "vanthu.sgd"),
    "ballot_documents": (
        "world",
        lambda w: (
            reverse("blocks:ballot_documents", args=[w["ballot"].pk]),
            lambda: {
                "version": w["ballot"].version,
                "document_number": "15/TTr-KTĐ",
                "signer_name": "Nguyễn Văn Trưởng",
                "signer_title": "Giám đốc Sở Y tế",
            },
        ),
        MANAGES,
        "truongkhoi",
    ),
    "evidence_add": ("open_world", _evidence_add, SELF_EDITORS, "vanthu.sgd"),
    "evidence_remove": ("open_world", _evidence_remove, SELF_EDITORS, "vanthu.sgd"),
    "sheet_return": ("open_world", _sheet_return, MANAGES, "truongkhoi"),
}


def written() -> tuple:
    """Everything a blocks POST could write, counted."""
    from thidua.blocks.models import (
        AgreementSignature,
        Attendance,
        Ballot,
        BallotVoter,
        CriterionRow,
        Evidence,
        Scoresheet,
        Vote,
    )
    from thidua.core.models import AuditEntry, Notification

    return (
        AuditEntry.objects.count(),
        Notification.objects.count(),
        AgreementSignature.objects.count(),
        CriterionRow.objects.count(),
        Scoresheet.objects.count(),
        Scoresheet.objects.filter(submitted_at__isnull=False).count(),
        Evidence.objects.count(),
        Attendance.objects.filter(present=True).count(),
        Ballot.objects.count(),
        tuple(Ballot.objects.order_by("pk").values_list("document_number", "is_open", "version")),
        BallotVoter.objects.count(),
        Vote.objects.count(),
    )


@pytest.mark.parametrize("name", sorted(MATRIX))
def test_post_is_refused_to_every_persona_not_allowed_and_writes_nothing(name, request):
    fixture, prepare, allowed, writer = MATRIX[name]
    world = request.getfixturevalue(fixture)
    url, data = prepare(world)
    refused = [persona for persona in LOGGED_IN if persona not in allowed]
    assert writer in allowed and refused
    for persona in refused:
        before = written()
        response = client_for(world, persona).post(url, data())
        assert (persona, response.status_code) == (persona, 403)
        assert written() == before, persona
    before = written()
    response = client_for(world, writer).post(url, data())
    assert response.status_code == 302
    assert written() != before


@pytest.mark.parametrize("name", sorted(MATRIX))
def test_post_by_anonymous_goes_to_login_and_writes_nothing(name, request):
    fixture, prepare, _allowed, _writer = MATRIX[name]
    world = request.getfixturevalue(fixture)
    url, data = prepare(world)
    before = written()
    response = Client().post(url, data())
    assert (response.status_code, response["Location"].startswith("/tai-khoan/dang-nhap/")) == (302, True)
    assert written() == before
