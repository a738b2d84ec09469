"""The whole scoring flow through the services: self-scoring, cross-scoring, aggregation with an outlier,
adjustment by the head then the officer, lock, ranking, reopening, the secret ballot and block_ranks."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from thidua.blocks import queries, services
from thidua.blocks.models import (
    Adjustment,
    BallotVoter,
    BlockResult,
    RoundStatus,
    Scoresheet,
    SheetKind,
    Vote,
)
from thidua.blocks.testing import build_world
from thidua.core.models import AuditEntry

pytestmark = pytest.mark.django_db

D = Decimal


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def world():
    return build_world()


def pdf(name="bao-cao.pdf"):
    return SimpleUploadedFile(name, b"%PDF-1.4 minh chung", content_type="application/pdf")


def fill(sheet, rows, actor, *, p11="30", v12="100", late="0", band="2.2.1", p21="20", bonus=False):
    values = {
        rows["1.1"].pk: {"points": p11},
        rows["1.2"].pk: {"value": v12},
        rows["1.2.1"].pk: {"count": late},
        rows["2.1"].pk: {"points": p21},
        rows[band].pk: {"count": "1"},
    }
    if bonus:
        values[rows["2.3"].pk] = {"count": "1"}
    return services.save_entries(sheet, actor=actor, values=values)


def open_round(world):
    return services.open_self_scoring(world["block"], actor=world["users"]["truongkhoi"])


def self_sheet(round_, code):
    return round_.sheets.get(kind=SheetKind.SELF, member__unit__code=code)


def test_open_self_scoring_creates_one_sheet_per_member(world):
    round_ = open_round(world)
    assert round_.status == RoundStatus.SELF
    assert sorted(round_.sheets.values_list("member__unit__code", flat=True)) == [
        "SGDDT",
        "SNV",
        "STC",
        "SYT",
    ]


def test_self_score_total_comes_from_score_table(world):
    round_ = open_round(world)
    sheet = fill(
        self_sheet(round_, "SGDDT"),
        world["rows"],
        world["users"]["vanthu.sgd"],
        v12="90",
        late="3",
        bonus=True,
    )
    # 30 + 27 (90% of 30) + 20 + 20 + 10 bonus - 1.5 late
    assert (sheet.standard, sheet.bonus, sheet.deduction, sheet.total) == (
        D("97.00"),
        D("10.00"),
        D("1.50"),
        D("105.50"),
    )
    assert sheet.subtotals["1"] == "55.50"


def test_submit_requires_evidence_for_flagged_criterion(world):
    round_ = open_round(world)
    user = world["users"]["vanthu.sgd"]
    sheet = fill(self_sheet(round_, "SGDDT"), world["rows"], user)
    with pytest.raises(ValidationError) as error:
        services.submit_sheet(sheet, actor=user)
    assert error.value.messages == ["Chưa có minh chứng cho các mục bắt buộc: 1.1."]
    services.add_evidence(sheet, actor=user, file=pdf(), criterion=world["rows"]["1.1"])
    services.submit_sheet(sheet, actor=user)
    sheet.refresh_from_db()
    assert sheet.is_submitted


def test_submit_after_deadline_is_refused(world):
    round_ = services.open_self_scoring(world["block"], actor=None, deadline=datetime.date(2022, 12, 1))
    sheet = self_sheet(round_, "SNV")
    with pytest.raises(ValidationError) as error:
        services.submit_sheet(sheet, actor=None)
    assert error.value.messages == ["Đã quá hạn tự chấm (01/12/2022). Đề nghị trưởng khối gia hạn."]


def test_two_bands_of_one_choice_group_are_refused(world):
    round_ = open_round(world)
    rows = world["rows"]
    with pytest.raises(ValidationError) as error:
        services.save_entries(
            self_sheet(round_, "SNV"),
            actor=None,
            values={rows["2.2.1"].pk: {"count": "1"}, rows["2.2.2"].pk: {"count": "1"}},
        )
    assert error.value.messages == ["Nhóm lựa chọn “dk”: chỉ được chọn một trong các mục 2.2.1, 2.2.2."]


def test_a_unit_is_never_assigned_to_itself(world):
    round_ = open_round(world)
    member = round_.block.members.get(unit__code="SNV")
    with pytest.raises(ValidationError) as error:
        services.assign_assessors(round_, actor=None, pairs=[(member, member)])
    assert error.value.messages == ["Sở Nội vụ không thể tự chấm chéo chính mình."]


def test_rotation_pairs_never_pair_a_member_with_itself(world):
    members = list(world["block"].members.all())
    pairs = services.rotation_pairs(members, 2)
    assert len(pairs) == 8
    assert all(member.pk != assessor.pk for member, assessor in pairs)


def run_to_review(world):
    """Everyone self-scores; SNV and STC score everyone else, SGDDT and SYT score SNV and STC."""
    users = world["users"]
    rows = world["rows"]
    round_ = open_round(world)
    for code, user in [
        ("SYT", "vanthu.syt"),
        ("SGDDT", "vanthu.sgd"),
        ("SNV", "vanthu.snv"),
        ("STC", "vanthu.stc"),
    ]:
        sheet = fill(self_sheet(round_, code), rows, users[user])
        services.add_evidence(sheet, actor=users[user], file=pdf(), criterion=rows["1.1"])
        services.submit_sheet(sheet, actor=users[user])
    members = {member.unit.code: member for member in world["block"].members.select_related("unit")}
    pairs = [
        (members["SYT"], members["SNV"]),
        (members["SYT"], members["STC"]),
        (members["SGDDT"], members["SNV"]),
        (members["SGDDT"], members["STC"]),
        (members["SNV"], members["SYT"]),
        (members["SNV"], members["SGDDT"]),
        (members["STC"], members["SYT"]),
        (members["STC"], members["SGDDT"]),
    ]
    services.assign_assessors(round_, actor=users["truongkhoi"], pairs=pairs)
    services.start_cross_scoring(round_, actor=users["truongkhoi"])
    scores = {
        # (member, assessor): points of 1.1
        ("SYT", "SNV"): "30",
        ("SYT", "STC"): "28",
        ("SGDDT", "SNV"): "29",
        ("SGDDT", "STC"): "21",  # far from the other: flagged (threshold 3)
        ("SNV", "SYT"): "24",
        ("SNV", "SGDDT"): "24",
        ("STC", "SYT"): "26",
        ("STC", "SGDDT"): "28",
    }
    assessor_user = {"SNV": "vanthu.snv", "STC": "vanthu.stc", "SYT": "vanthu.syt", "SGDDT": "vanthu.sgd"}
    for (member, assessor), points in scores.items():
        sheet = round_.sheets.get(
            kind=SheetKind.CROSS, member__unit__code=member, assessor__unit__code=assessor
        )
        user = users[assessor_user[assessor]]
        fill(sheet, rows, user, p11=points)
        services.submit_sheet(sheet, actor=user)
    round_.refresh_from_db()
    services.aggregate_round(round_, actor=users["truongkhoi"])
    round_.refresh_from_db()
    return round_


def final_of(round_, code):
    return round_.sheets.get(kind=SheetKind.FINAL, member__unit__code=code)


def test_aggregation_takes_the_mean_and_flags_the_outlier(world):
    round_ = run_to_review(world)
    assert round_.status == RoundStatus.REVIEW
    sgd = final_of(round_, "SGDDT")
    entry = sgd.entries.get(criterion__code="1.1")
    assert entry.points == D("25.00")
    assert entry.median == D("25.00")
    assert entry.flags == [
        {"assessor": "Sở Nội vụ", "points": "29.00"},
        {"assessor": "Sở Tài chính", "points": "21.00"},
    ]
    assert sgd.total == D("95.00")
    assert final_of(round_, "SYT").total == D("99.00")
    assert final_of(round_, "SYT").entries.get(criterion__code="1.1").flags == []


def test_adjustment_needs_a_reason_and_keeps_history(world):
    round_ = run_to_review(world)
    sheet = final_of(round_, "SGDDT")
    row = world["rows"]["1.1"]
    with pytest.raises(ValidationError):
        services.adjust_entry(
            sheet, actor=world["users"]["truongkhoi"], criterion=row, points=D(28), reason=" "
        )
    services.adjust_entry(
        sheet, actor=world["users"]["truongkhoi"], criterion=row, points=D(27), reason="Theo minh chứng"
    )
    services.adjust_entry(
        sheet, actor=world["users"]["canbotdkt"], criterion=row, points=D(29), reason="Đối chiếu báo cáo"
    )
    sheet.refresh_from_db()
    assert sheet.total == D("99.00")
    history = list(
        Adjustment.objects.filter(entry__sheet=sheet).values_list(
            "by_role", "before_points", "after_points", "reason"
        )
    )
    assert history == [
        ("head", D("25.00"), D("27.00"), "Theo minh chứng"),
        ("officer", D("27.00"), D("29.00"), "Đối chiếu báo cáo"),
    ]


def test_head_cannot_override_the_officer(world):
    round_ = run_to_review(world)
    sheet = final_of(round_, "SGDDT")
    row = world["rows"]["1.1"]
    services.adjust_entry(
        sheet, actor=world["users"]["canbotdkt"], criterion=row, points=D(29), reason="Đối chiếu"
    )
    with pytest.raises(PermissionDenied):
        services.adjust_entry(
            sheet, actor=world["users"]["truongkhoi"], criterion=row, points=D(20), reason="Khác"
        )


def test_a_member_clerk_cannot_adjust(world):
    round_ = run_to_review(world)
    with pytest.raises(PermissionDenied):
        services.adjust_entry(
            final_of(round_, "SNV"),
            actor=world["users"]["vanthu.snv"],
            criterion=world["rows"]["1.1"],
            points=D(30),
            reason="Tự nâng điểm",
        )


def test_lock_ranks_members_and_block_ranks_reads_them(world):
    round_ = run_to_review(world)
    services.lock_round(round_, actor=world["users"]["truongkhoi"])
    units = world["units"]
    ranks = queries.block_ranks([units[code].pk for code in ["SYT", "SGDDT", "SNV", "STC", "STP"]], 2022)
    assert ranks == {units["SYT"].pk: 1, units["STC"].pk: 2, units["SGDDT"].pk: 3, units["SNV"].pk: 4}
    assert queries.block_ranks([units["SYT"].pk], 2023) == {}


def test_locked_round_refuses_changes_until_reopened_with_reason(world):
    round_ = run_to_review(world)
    services.lock_round(round_, actor=None)
    round_.refresh_from_db()
    with pytest.raises(ValidationError):
        services.adjust_entry(
            final_of(round_, "SNV"), actor=None, criterion=world["rows"]["1.1"], points=D(30), reason="x"
        )
    with pytest.raises(ValidationError):
        services.reopen_round(round_, actor=world["users"]["canbotdkt"], reason="")
    services.reopen_round(round_, actor=world["users"]["canbotdkt"], reason="Sở Nội vụ khiếu nại mục 1.1")
    round_.refresh_from_db()
    assert (round_.status, round_.reopen_count) == (RoundStatus.REVIEW, 1)
    assert BlockResult.objects.filter(block=world["block"]).count() == 0
    entry = AuditEntry.objects.filter(action="blocks.round.reopen").get()
    assert entry.after == {"status": "review", "reason": "Sở Nội vụ khiếu nại mục 1.1"}


def test_tie_break_by_group_subtotal(world):
    round_ = run_to_review(world)
    # SNV has 94; bring STC (97) to 94 too, but with more points in group 1 (56 against 54).
    snv, stc = final_of(round_, "SNV"), final_of(round_, "STC")
    rows = world["rows"]
    services.adjust_entry(stc, actor=None, criterion=rows["1.1"], points=D(26), reason="Thiếu minh chứng")
    services.adjust_entry(stc, actor=None, criterion=rows["2.1"], points=D(18), reason="Thiếu minh chứng")
    snv.refresh_from_db()
    stc.refresh_from_db()
    assert snv.total == stc.total == D("94.00")
    assert (snv.subtotals["1"], stc.subtotals["1"]) == ("54.00", "56.00")
    services.lock_round(round_, actor=None)
    results = {result.member.unit.code: result.rank for result in queries.results_of(world["block"])}
    assert results["STC"] == 3 and results["SNV"] == 4


def locked_with_meeting(world):
    round_ = run_to_review(world)
    services.lock_round(round_, actor=None)
    meeting = services.create_meeting(
        world["block"], actor=None, held_on=datetime.date(2022, 12, 20), place="Sở Y tế"
    )
    present = {
        row.member_id: (row.member.unit.code != "STC", "")
        for row in meeting.attendance.select_related("member__unit")
    }
    services.record_attendance(meeting, actor=None, attendance=present)
    return meeting


def test_ballot_is_secret_and_counted_only_after_close(world):
    meeting = locked_with_meeting(world)
    block = world["block"]
    block.merit_count = 1
    block.save()
    ballot = services.open_ballot(meeting, actor=world["users"]["truongkhoi"])
    candidates = {c.member.unit.code: c for c in ballot.candidates.select_related("member__unit")}
    assert [(code, c.award) for code, c in candidates.items()] == [("SYT", "co"), ("STC", "bang_khen")]
    users = world["users"]
    members = {m.unit.code: m for m in block.members.select_related("unit")}
    services.cast_vote(
        ballot,
        actor=users["vanthu.syt"],
        member=members["SYT"],
        approved=[candidates["SYT"].pk, candidates["STC"].pk],
    )
    services.cast_vote(
        ballot, actor=users["vanthu.sgd"], member=members["SGDDT"], approved=[candidates["SYT"].pk]
    )
    services.cast_vote(
        ballot, actor=users["vanthu.snv"], member=members["SNV"], approved=[candidates["SYT"].pk]
    )
    with pytest.raises(queries.BallotOpenError):
        queries.ballot_tally(ballot)
    with pytest.raises(ValidationError):
        services.cast_vote(ballot, actor=users["vanthu.snv"], member=members["SNV"], approved=[])
    with pytest.raises(PermissionDenied):
        services.cast_vote(ballot, actor=users["vanthu.stc"], member=members["STC"], approved=[])
    # who voted is known; the votes carry nothing about the voter
    assert sorted(BallotVoter.objects.values_list("member__unit__code", flat=True)) == ["SGDDT", "SNV", "SYT"]
    assert {field.name for field in Vote._meta.get_fields()} == {"id", "ballot", "approved"}
    vote_audits = AuditEntry.objects.filter(action="blocks.ballot.vote")
    assert all(set(entry.after) == {"ballot", "member"} for entry in vote_audits)
    services.close_ballot(ballot, actor=users["truongkhoi"])
    ballot.refresh_from_db()
    tally = queries.ballot_tally(ballot)
    assert (tally.present, tally.ballots) == (3, 3)
    assert [(row.member.unit.code, row.votes, row.percentage, row.passed) for row in tally.rows] == [
        ("SYT", 3, D("100.00"), True),
        ("STC", 1, D("33.33"), False),
    ]
    results = {r.member.unit.code: (r.proposal, r.votes) for r in queries.results_of(block)}
    assert results["SYT"] == ("co", 3)
    assert results["STC"] == ("", 1)
    assert results["SGDDT"] == ("", None)


def test_copy_block_to_next_year_rotates_the_head(world):
    block = world["block"]
    new = services.copy_block(block, actor=world["users"]["canbotdkt"])
    assert (new.year, new.predecessor_id) == (2023, block.pk)
    assert [m.unit.code for m in new.members.select_related("unit")] == ["SYT", "SGDDT", "SNV", "STC"]
    assert (new.head_unit.code, new.deputy_unit.code) == ("SGDDT", "SNV")
    assert new.table.rows.count() == block.table.rows.count()
    newer = services.copy_block(new, actor=None)
    assert (newer.head_unit.code, newer.deputy_unit.code) == ("SNV", "STC")


def test_agreement_signature_is_recorded_once(world):
    block = world["block"]
    member = block.members.get(unit__code="SNV")
    services.sign_agreement(
        block,
        actor=world["users"]["vanthu.snv"],
        member=member,
        signer_name="Lò Văn Hùng",
        signer_title="Giám đốc",
        signed_on=datetime.date(2022, 3, 1),
    )
    with pytest.raises(ValidationError):
        services.sign_agreement(
            block, actor=None, member=member, signer_name="X", signed_on=datetime.date(2022, 3, 2)
        )
    assert block.signatures.get().signer_name == "Lò Văn Hùng"


def test_cross_sheet_must_score_every_criterion(world):
    round_ = open_round(world)
    members = list(world["block"].members.all())
    services.assign_assessors(round_, actor=None, pairs=services.rotation_pairs(members, 1))
    services.start_cross_scoring(round_, actor=None)
    sheet = round_.sheets.filter(kind=SheetKind.CROSS).first()
    services.save_entries(sheet, actor=None, values={world["rows"]["1.1"].pk: {"points": "20"}})
    with pytest.raises(ValidationError) as error:
        services.submit_sheet(sheet, actor=None)
    assert error.value.messages == [
        "Đơn vị chấm phải chấm mọi tiêu chí; còn thiếu: 1.2, 2.1, 2.2.1, 2.2.2, 2.2.3."
    ]


def test_table_is_frozen_once_scoring_starts(world):
    open_round(world)
    with pytest.raises(ValidationError):
        services.update_criterion(world["rows"]["1.1"], actor=None, points=D(25))


def test_final_sheet_count_is_one_per_member(world):
    round_ = run_to_review(world)
    assert Scoresheet.objects.filter(round=round_, kind=SheetKind.FINAL).count() == 4


def test_median_of_three_assessors_and_the_one_outlier(world):
    block = world["block"]
    block.aggregation = "median"
    block.save()
    rows = world["rows"]
    round_ = open_round(world)
    members = list(block.members.order_by("order"))
    target = members[0]
    services.assign_assessors(round_, actor=None, pairs=[(target, other) for other in members[1:]])
    services.assign_assessors(round_, actor=None, pairs=[(member, target) for member in members[1:]])
    services.start_cross_scoring(round_, actor=None)
    for sheet in round_.sheets.filter(kind=SheetKind.CROSS).select_related("assessor"):
        points = {members[1].pk: "28", members[2].pk: "27", members[3].pk: "20"}.get(sheet.assessor_id, "30")
        fill(sheet, rows, None, p11=points if sheet.member_id == target.pk else "30")
        services.submit_sheet(sheet, actor=None)
    services.aggregate_round(round_, actor=None)
    entry = round_.sheets.get(kind=SheetKind.FINAL, member=target).entries.get(criterion__code="1.1")
    assert (entry.points, entry.median) == (D("27.00"), D("27.00"))
    assert entry.flags == [{"assessor": "Sở Tài chính", "points": "20.00"}]


def test_a_choice_between_a_bonus_and_a_penalty_band_is_netted(world):
    """One assessor gives the +10 band, the other the −10 band (same choice group): the mean is 0."""
    from thidua.blocks.models import CriteriaTable

    block = world["block"]
    table = CriteriaTable.objects.get(block=block)
    services.add_criterion(
        table,
        actor=None,
        parent=world["rows"]["2"],
        code="2.5",
        text="Vượt kế hoạch: cộng 10",
        kind="bonus",
        points=D(10),
        choice_group="kh",
    )
    services.add_criterion(
        table,
        actor=None,
        parent=world["rows"]["2"],
        code="2.6",
        text="Không đạt kế hoạch: trừ 10",
        kind="penalty",
        points=D(10),
        choice_group="kh",
    )
    rows = {row.code: row for row in table.rows.all()}
    round_ = open_round(world)
    members = list(block.members.order_by("order"))
    services.assign_assessors(round_, actor=None, pairs=services.rotation_pairs(members, 2))
    services.start_cross_scoring(round_, actor=None)
    for index, sheet in enumerate(round_.sheets.filter(kind=SheetKind.CROSS).order_by("pk")):
        values = {
            rows["1.1"].pk: {"points": "30"},
            rows["1.2"].pk: {"value": "100"},
            rows["2.1"].pk: {"points": "20"},
            rows["2.2.1"].pk: {"count": "1"},
            rows["2.5" if index % 2 == 0 else "2.6"].pk: {"count": "1"},
        }
        services.save_entries(sheet, actor=None, values=values)
        services.submit_sheet(sheet, actor=None)
    services.aggregate_round(round_, actor=None)
    final = round_.sheets.get(kind=SheetKind.FINAL, member=members[0])
    assert (final.bonus, final.deduction, final.total) == (D("0.00"), D("0.00"), D("100.00"))


def test_moving_a_row_keeps_its_sub_rows_with_it(world):
    services.move_criterion(world["rows"]["2"], actor=None, up=True)
    codes = [row.code for row in queries.table_rows(world["block"].table)]
    assert codes == ["2", "2.1", "2.2", "2.2.1", "2.2.2", "2.2.3", "2.3", "2.4", "1", "1.1", "1.2", "1.2.1"]
    with pytest.raises(ValidationError):
        services.move_criterion(world["rows"]["2"], actor=None, up=True)
