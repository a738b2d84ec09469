"""Every write to blocks, tables, scoring rounds, meetings and ballots. One function per business action.

Each runs in one transaction (``@service``), validates, and writes its audit entry in that transaction.
Validation failures raise ``ValidationError`` with Vietnamese messages; a refused action ``PermissionDenied``.

Totals come only from :func:`thidua.blocks.scoring.score_table` (``recompute_sheet``), ranks only from
:func:`thidua.blocks.ranking.rank_members` (``_rank_block``).
"""

from __future__ import annotations

import datetime
import secrets
import uuid
from collections.abc import Iterable, Mapping, Sequence
from decimal import ROUND_HALF_UP, Decimal
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.core import audit
from thidua.core.concurrency import bump_version, check_version
from thidua.core.models import Notification
from thidua.core.services import service
from thidua.org.models import RoleGrant, Unit

from . import aggregation, queries, scoring, table_import
from .models import (
    AdjusterRole,
    Adjustment,
    AgreementSignature,
    Attendance,
    Ballot,
    BallotCandidate,
    BallotVoter,
    Block,
    BlockKind,
    BlockMember,
    BlockResult,
    CriteriaTable,
    CriterionRow,
    Evidence,
    Meeting,
    ProposedAward,
    ResultSource,
    RoundStatus,
    ScoreEntry,
    Scoresheet,
    ScoringRound,
    SheetKind,
    Vote,
)
from .ranking import ByVotes, Candidate, rank_members
from .rules import MEMBER_ROLES, acting_unit_ids, is_head_user, is_officer_user

BLOCK_FIELDS = [
    "kind",
    "name",
    "year",
    "predecessor_id",
    "head_unit_id",
    "deputy_unit_id",
    "organiser",
    "regulation_number",
    "plan",
    "agreement_text",
    "aggregation",
    "trim",
    "outlier_threshold",
    "blind",
    "tie_breaks",
    "flag_count",
    "merit_count",
    "vote_percentage",
]
RULE_FIELDS = BLOCK_FIELDS[BLOCK_FIELDS.index("aggregation") :]
ROW_FIELDS = [
    "code",
    "text",
    "kind",
    "points",
    "per_occurrence",
    "row_max",
    "bonus_cap",
    "deduction_cap",
    "choice_group",
    "requires_full_standard",
    "formula",
    "target",
    "reviewer",
    "evidence_required",
    "note",
    "source_target",
]
EVIDENCE_EXTENSIONS = {".pdf", ".jpg", ".jpeg", ".png", ".doc", ".docx", ".xls", ".xlsx", ".odt", ".ods"}
REGULATION_EXTENSIONS = {".pdf", ".doc", ".docx", ".odt"}
HUNDREDTH = Decimal("0.01")


def _validate(instance, exclude: Sequence[str] = ()) -> None:
    instance.full_clean(exclude=list(exclude), validate_constraints=True)


def _check_upload(upload, extensions: set[str]) -> None:
    suffix = PurePath(upload.name).suffix.lower()
    if suffix not in extensions:
        raise ValidationError(
            _("Tệp “%(name)s” không đúng định dạng (chấp nhận: %(allowed)s).")
            % {"name": upload.name, "allowed": ", ".join(sorted(extensions))}
        )
    if upload.size > settings.THIDUA_MAX_UPLOAD_BYTES:
        raise ValidationError(
            _("Tệp “%(name)s” lớn hơn %(mb)s MB.")
            % {"name": upload.name, "mb": settings.THIDUA_MAX_UPLOAD_BYTES // (1024 * 1024)}
        )


def users_acting_for(unit_ids: Iterable[int], roles=MEMBER_ROLES) -> list:
    """Active accounts holding one of ``roles`` directly at one of the units (for notifications)."""
    today = timezone.localdate()
    grants = RoleGrant.objects.filter(unit_id__in=list(unit_ids), role__in=[str(role) for role in roles])
    users = {}
    for grant in grants.select_related("user"):
        if grant.is_active_on(today) and grant.user.is_active:
            users[grant.user.pk] = grant.user
    return list(users.values())


def _notify(users: Iterable, *, title: str, body: str = "", url: str = "") -> None:
    """In-app notifications now; email after the transaction commits."""
    recipients = []
    for user in users:
        Notification.objects.create(recipient=user, title=title[:300], body=body, url=url)
        if user.email:
            recipients.append(user.email)
    if recipients:
        transaction.on_commit(lambda: send_mail(title, body or title, None, recipients, fail_silently=True))


# --- blocks -------------------------------------------------------------------------------------------------


def _check_head_members(block: Block) -> None:
    member_units = queries.members_of(block)
    unit_ids = {member.unit_id for member in member_units}
    for field, label in (("head_unit", _("Trưởng khối")), ("deputy_unit", _("Phó khối"))):
        unit_id = getattr(block, f"{field}_id")
        if unit_id and unit_ids and unit_id not in unit_ids:
            raise ValidationError({field: _("%(role)s phải là một thành viên của khối.") % {"role": label}})


@service
def create_block(
    *,
    actor,
    name: str,
    year: int,
    kind: str = BlockKind.BLOCK,
    members: Sequence[Unit] = (),
    external_members: Sequence[str] = (),
    head_unit: Unit | None = None,
    deputy_unit: Unit | None = None,
    predecessor: Block | None = None,
    **fields,
) -> Block:
    """Create a block or cluster for ``year`` with its members (units of the province, and for an outside
    cluster, other provinces by name). Side effects: audit ``blocks.block.create``."""
    block = Block(
        name=" ".join(name.split()),
        year=year,
        kind=kind,
        head_unit=head_unit,
        deputy_unit=deputy_unit,
        predecessor=predecessor,
        **fields,
    )
    _validate(block, exclude=["regulation"])
    block.save()
    for position, unit in enumerate(members, start=1):
        BlockMember.objects.create(block=block, unit=unit, order=position)
    start = len(members)
    for position, external in enumerate(external_members, start=start + 1):
        if external.strip():
            BlockMember.objects.create(block=block, external_name=external.strip(), order=position)
    _check_head_members(block)
    audit.record(
        "blocks.block.create",
        block,
        actor=actor,
        after={**audit.snapshot(block, BLOCK_FIELDS), "member_units": [unit.pk for unit in members]},
        summary=_("Lập %(kind)s %(name)s năm %(year)s")
        % {"kind": block.get_kind_display().lower(), "name": block.name, "year": block.year},
    )
    return block


def _check_rules_open(block: Block, original: Block) -> None:
    """Refuse a change to a rule the year's scoring round has frozen (``queries.frozen_rule_fields``)."""
    frozen = queries.frozen_rule_fields(original)
    changed = [name for name in frozen if getattr(block, name) != getattr(original, name)]
    if not changed:
        return
    labels = "; ".join(str(Block._meta.get_field(name.removesuffix("_id")).verbose_name) for name in changed)
    round_ = original.round
    if round_.status == RoundStatus.REVIEW and round_.reopen_count:
        raise ValidationError(
            _(
                "Kết quả chấm điểm đang mở lại để điều chỉnh: chỉ sửa được thứ tự xét khi bằng điểm, số đơn vị "
                "đề nghị và tỷ lệ phiếu đồng ý; không sửa được: %(fields)s."
            )
            % {"fields": labels}
        )
    raise ValidationError(
        _(
            "Vòng chấm điểm năm %(year)s đã bắt đầu (bước “%(status)s”): quy tắc chấm điểm, xếp hạng, bỏ phiếu "
            "và trưởng khối, phó khối giữ nguyên như khi mở chấm điểm; không sửa được: %(fields)s."
        )
        % {"year": original.year, "status": round_.get_status_display(), "fields": labels}
    )


@service
def update_block(block: Block, *, actor, expected_version: int | None = None, **changes) -> Block:
    """Change a block's name, head, deputy, plan, agreement text or rules. Once the year's scoring round has
    left draft the rules and the head and deputy are frozen (a reopened round may still change the ranking
    and vote rules: ``queries.frozen_rule_fields``). Side effects: audit ``blocks.block.update``."""
    check_version(block, expected_version)
    block = Block.objects.select_for_update().get(pk=block.pk)
    original = Block.objects.get(pk=block.pk)
    before = audit.snapshot(block, BLOCK_FIELDS)
    for name, value in changes.items():
        if name not in {*BLOCK_FIELDS, "head_unit", "deputy_unit", "predecessor"}:
            raise ValueError(f"update_block cannot change {name}")
        setattr(block, name, value)
    _check_rules_open(block, original)
    _validate(block, exclude=["regulation"])
    _check_head_members(block)
    table = CriteriaTable.objects.filter(block=block).first()
    problems = queries.tie_break_problems(block, queries.core_table(table) if table else None)
    if problems and block.tie_breaks:
        raise ValidationError({"tie_breaks": problems})
    bump_version(block)
    block.save()
    audit.record(
        "blocks.block.update",
        block,
        actor=actor,
        before=before,
        after=audit.snapshot(block, BLOCK_FIELDS),
        summary=_("Sửa thông tin %(name)s") % {"name": block},
    )
    return block


@service
def add_member(block: Block, *, actor, unit: Unit | None = None, external_name: str = "") -> BlockMember:
    """Add a unit (or, for an outside cluster, another province) to the block. Refused once scoring has
    started. Side effects: audit ``blocks.member.add``."""
    _check_round_not_started(block)
    if unit is not None and block.members.filter(unit=unit).exists():
        raise ValidationError(_("%(unit)s đã là thành viên của khối.") % {"unit": unit.short_name})
    if unit is None and not external_name.strip():
        raise ValidationError(_("Hãy chọn đơn vị hoặc ghi tên đơn vị ngoài tỉnh."))
    if unit is None and block.kind != BlockKind.OUTSIDE:
        raise ValidationError(_("Chỉ cụm thi đua ngoài tỉnh mới có thành viên ngoài tỉnh."))
    order = (block.members.aggregate(top=Max("order"))["top"] or 0) + 1
    member = BlockMember.objects.create(
        block=block, unit=unit, external_name=external_name.strip() if unit is None else "", order=order
    )
    audit.record(
        "blocks.member.add",
        block,
        actor=actor,
        after={"member": member.pk, "unit": unit.pk if unit else None, "external_name": member.external_name},
        summary=_("Thêm %(member)s vào %(block)s") % {"member": member.label, "block": block},
    )
    return member


@service
def remove_member(member: BlockMember, *, actor) -> None:
    """Remove a member (not the head or the deputy; not once scoring has started). Side effects: audit
    ``blocks.member.remove``."""
    block = member.block
    _check_round_not_started(block)
    if member.unit_id and member.unit_id in {block.head_unit_id, block.deputy_unit_id}:
        raise ValidationError(_("Không thể bỏ đơn vị đang là trưởng khối hoặc phó khối."))
    label = member.label
    audit.record(
        "blocks.member.remove",
        block,
        actor=actor,
        before={"member": member.pk, "unit": member.unit_id, "external_name": member.external_name},
        summary=_("Bỏ %(member)s khỏi %(block)s") % {"member": label, "block": block},
    )
    member.delete()


@service
def upload_regulation(block: Block, *, actor, file, number: str = "") -> Block:
    """Attach the block's regulation (quy chế). Side effects: audit ``blocks.block.regulation``."""
    _check_upload(file, REGULATION_EXTENSIONS)
    before = {"regulation": block.regulation.name or None, "regulation_number": block.regulation_number}
    block.regulation.save(PurePath(file.name).name, file, save=False)
    block.regulation_number = number.strip()
    bump_version(block)
    block.save()
    audit.record(
        "blocks.block.regulation",
        block,
        actor=actor,
        before=before,
        after={"regulation": block.regulation.name, "regulation_number": block.regulation_number},
        summary=_("Tải lên quy chế của %(block)s") % {"block": block},
    )
    return block


@service
def copy_block(
    block: Block, *, actor, year: int | None = None, name: str = "", copy_table: bool = True
) -> Block:
    """Copy a block, its members and rules to another year (by default the next). The head and deputy are
    suggested by rotation; the table is copied too unless ``copy_table`` is false. Side effects: audit
    ``blocks.block.copy``."""
    year = year or block.year + 1
    name = name.strip() or block.name
    if Block.objects.filter(name=name, year=year).exists():
        raise ValidationError(_("Đã có %(name)s năm %(year)s.") % {"name": name, "year": year})
    members = queries.members_of(block)
    head, deputy = queries.suggest_rotation(block)
    new = Block(
        kind=block.kind,
        name=name,
        year=year,
        predecessor=block,
        head_unit_id=head.unit_id if head else None,
        deputy_unit_id=deputy.unit_id if deputy else None,
        organiser="" if block.kind == BlockKind.OUTSIDE else block.organiser,
        plan="",
        agreement_text=block.agreement_text,
        **{field: getattr(block, field) for field in RULE_FIELDS},
    )
    _validate(new, exclude=["regulation"])
    new.save()
    for member in members:
        BlockMember.objects.create(
            block=new, unit_id=member.unit_id, external_name=member.external_name, order=member.order
        )
    source_table = CriteriaTable.objects.filter(block=block).first()
    if copy_table and source_table is not None:
        _copy_rows(source_table, _new_table(new, source_table.title, source_table.total_points))
    audit.record(
        "blocks.block.copy",
        new,
        actor=actor,
        after={**audit.snapshot(new, BLOCK_FIELDS), "copied_from": block.pk},
        summary=_("Sao chép %(block)s sang năm %(year)s") % {"block": block, "year": year},
    )
    return new


@service
def sign_agreement(
    block: Block,
    *,
    actor,
    member: BlockMember,
    signer_name: str,
    signed_on: datetime.date,
    signer_title: str = "",
) -> AgreementSignature:
    """Record that a member signed the year's emulation agreement (giao ước thi đua). Side effects: audit
    ``blocks.agreement.sign``."""
    if member.block_id != block.pk:
        raise ValidationError(_("Đơn vị này không thuộc khối."))
    if block.signatures.filter(member=member).exists():
        raise ValidationError(_("%(member)s đã ký giao ước.") % {"member": member.label})
    if not signer_name.strip():
        raise ValidationError({"signer_name": _("Hãy ghi tên người ký.")})
    signature = AgreementSignature.objects.create(
        block=block,
        member=member,
        signer_name=signer_name.strip(),
        signer_title=signer_title.strip(),
        signed_on=signed_on,
        recorded_by=actor if getattr(actor, "pk", None) else None,
    )
    audit.record(
        "blocks.agreement.sign",
        block,
        actor=actor,
        after={"member": member.pk, "signer_name": signature.signer_name, "signed_on": signed_on},
        summary=_("%(member)s ký giao ước thi đua %(block)s")
        % {"member": member.short_label, "block": block},
    )
    return signature


@service
def record_external_result(
    member: BlockMember,
    *,
    actor,
    total: Decimal | None = None,
    rank: int | None = None,
    award_note: str = "",
) -> BlockResult:
    """Record a member's result in an outside cluster, as the cluster's own documents state it (thidua does
    not run that cluster). Side effects: audit ``blocks.result.record``."""
    block = member.block
    if block.kind != BlockKind.OUTSIDE:
        raise ValidationError(
            _("Kết quả của khối, cụm trong tỉnh được tính từ vòng chấm điểm, không ghi tay.")
        )
    result, _created = BlockResult.objects.get_or_create(
        block=block, member=member, defaults={"unit_id": member.unit_id, "year": block.year}
    )
    before = audit.snapshot(result, ["total", "rank", "award_note"])
    result.total = total
    result.rank = rank
    result.award_note = award_note.strip()
    result.source = ResultSource.RECORDED
    result.save()
    audit.record(
        "blocks.result.record",
        result,
        actor=actor,
        before=before,
        after=audit.snapshot(result, ["total", "rank", "award_note"]),
        summary=_("Ghi kết quả của %(member)s tại %(block)s") % {"member": member.label, "block": block},
    )
    return result


# --- criteria tables ----------------------------------------------------------------------------------------


def _check_round_not_started(block: Block) -> None:
    round_ = ScoringRound.objects.filter(block=block).first()
    if round_ is not None and round_.status != RoundStatus.DRAFT:
        raise ValidationError(_("Vòng chấm điểm đã bắt đầu: không sửa được bảng tiêu chí và thành viên."))


def _new_table(block: Block, title: str, total_points) -> CriteriaTable:
    table = CriteriaTable(block=block, title=title.strip() or _("Bảng tiêu chí chấm điểm thi đua"))
    table.total_points = total_points
    table.save()
    return table


def _copy_rows(source: CriteriaTable, target: CriteriaTable) -> int:
    mapping: dict[int, CriterionRow] = {}
    count = 0
    for row in queries.table_rows(source):
        copy = CriterionRow(
            table=target,
            parent=mapping.get(row.parent_id),
            position=row.position,
            **{field: getattr(row, field) for field in ROW_FIELDS},
        )
        copy.save()
        mapping[row.pk] = copy
        count += 1
    return count


def _write_core_rows(table: CriteriaTable, core: scoring.CriteriaTable) -> int:
    count = 0

    def write(node: scoring.Criterion, parent: CriterionRow | None) -> None:
        nonlocal count
        count += 1
        row = CriterionRow.objects.create(
            table=table,
            parent=parent,
            position=count,
            code=node.code,
            text=node.text,
            kind=node.kind.value,
            points=node.points,
            per_occurrence=node.per_occurrence,
            row_max=node.row_max,
            bonus_cap=node.bonus_cap,
            deduction_cap=node.deduction_cap,
            choice_group=node.choice_group,
            requires_full_standard=node.requires_full_standard,
            formula=node.formula.value if node.formula else "",
            target=node.target,
            reviewer=node.reviewer,
            evidence_required=node.evidence_required,
            note=node.note,
        )
        for child in node.children:
            write(child, row)

    for criterion in core.criteria:
        write(criterion, None)
    return count


@service
def create_table(block: Block, *, actor, title: str, total_points: Decimal | None = None) -> CriteriaTable:
    """Start an empty criteria table for the block's year. Side effects: audit ``blocks.table.create``."""
    if CriteriaTable.objects.filter(block=block).exists():
        raise ValidationError(_("Khối đã có bảng tiêu chí năm %(year)s.") % {"year": block.year})
    table = _new_table(block, title, total_points)
    audit.record(
        "blocks.table.create",
        table,
        actor=actor,
        after={"title": table.title, "total_points": total_points},
        summary=_("Lập bảng tiêu chí %(block)s") % {"block": block},
    )
    return table


@service
def update_table(
    table: CriteriaTable,
    *,
    actor,
    title: str,
    total_points: Decimal | None,
    expected_version: int | None = None,
) -> CriteriaTable:
    """Rename the table or change its stated total. Side effects: audit ``blocks.table.update``."""
    check_version(table, expected_version)
    _check_round_not_started(table.block)
    before = audit.snapshot(table, ["title", "total_points"])
    table.title = title.strip()
    table.total_points = total_points
    bump_version(table)
    table.save()
    audit.record(
        "blocks.table.update",
        table,
        actor=actor,
        before=before,
        after=audit.snapshot(table, ["title", "total_points"]),
        summary=_("Sửa bảng tiêu chí %(block)s") % {"block": table.block},
    )
    return table


def _row_problems(row: CriterionRow) -> None:
    if row.code and row.table.rows.filter(code=row.code).exclude(pk=row.pk).exists():
        raise ValidationError({"code": _("Mã “%(code)s” đã có trong bảng.") % {"code": row.code}})
    if row.parent_id:
        node = row.parent
        while node is not None:
            if node.pk == row.pk:
                raise ValidationError(
                    {"parent": _("Mục cha không thể là chính mục này hoặc mục con của nó.")}
                )
            node = node.parent
    if row.source_target_id and row.kind != "quantitative":
        raise ValidationError(
            {"source_target": _("Chỉ tiêu chí định lượng mới gắn với chỉ tiêu phong trào.")}
        )
    core = queries.to_criterion(row)
    probe = scoring.CriteriaTable(title="", criteria=[core])
    messages = [
        message
        for message in scoring.validate_table(probe)
        if "nhóm không có mục con" not in message
        and "tổng điểm chuẩn của các mục con" not in message
        and "không có mục điểm chuẩn nào bên trên" not in message
    ]
    if messages:
        raise ValidationError(messages)


@service
def add_criterion(
    table: CriteriaTable, *, actor, parent: CriterionRow | None = None, **fields
) -> CriterionRow:
    """Add a row under ``parent`` (or at the top), after its siblings. Side effects: audit
    ``blocks.table.row_add``."""
    _check_round_not_started(table.block)
    # Last among its siblings: a position above every other; ``_renumber`` then restores 1..n in table order.
    last = table.rows.aggregate(top=Max("position"))["top"] or 0
    row = CriterionRow(table=table, parent=parent, position=last + 1, **fields)
    row.code = row.code.strip()
    _validate(row, exclude=["table", "parent"])
    _row_problems(row)
    row.save()
    _renumber(table)
    bump_version(table)
    table.save(update_fields=["version", "updated_at"])
    audit.record(
        "blocks.table.row_add",
        table,
        actor=actor,
        after={"code": row.code, **audit.snapshot(row, ROW_FIELDS)},
        summary=_("Thêm mục %(code)s vào bảng tiêu chí %(block)s") % {"code": row.code, "block": table.block},
    )
    return row


def _renumber(table: CriteriaTable) -> None:
    """Positions 1..n in depth-first order (parents before their children)."""
    for index, row in enumerate(queries.table_rows(table), start=1):
        if row.position != index:
            CriterionRow.objects.filter(pk=row.pk).update(position=index)


@service
def update_criterion(row: CriterionRow, *, actor, **fields) -> CriterionRow:
    """Change a row. Side effects: audit ``blocks.table.row_update``."""
    table = row.table
    _check_round_not_started(table.block)
    before = audit.snapshot(row, [*ROW_FIELDS, "parent_id"])
    for name, value in fields.items():
        if name not in {*ROW_FIELDS, "parent"}:
            raise ValueError(f"update_criterion cannot change {name}")
        setattr(row, name, value)
    row.code = row.code.strip()
    _validate(row, exclude=["table", "parent"])
    _row_problems(row)
    row.save()
    _renumber(table)
    bump_version(table)
    table.save(update_fields=["version", "updated_at"])
    audit.record(
        "blocks.table.row_update",
        table,
        actor=actor,
        before=before,
        after=audit.snapshot(row, [*ROW_FIELDS, "parent_id"]),
        summary=_("Sửa mục %(code)s của bảng tiêu chí %(block)s") % {"code": row.code, "block": table.block},
    )
    return row


@service
def move_criterion(row: CriterionRow, *, actor, up: bool) -> CriterionRow:
    """Move a row (with its sub-rows) before its previous sibling, or after its next one. Side effects: audit
    ``blocks.table.row_move``."""
    table = row.table
    _check_round_not_started(table.block)
    siblings = list(table.rows.filter(parent_id=row.parent_id).order_by("position", "id"))
    index = next(i for i, sibling in enumerate(siblings) if sibling.pk == row.pk)
    other_index = index - 1 if up else index + 1
    if not 0 <= other_index < len(siblings):
        raise ValidationError(_("Mục %(code)s đã ở đầu hoặc cuối nhóm.") % {"code": row.code})
    siblings[index], siblings[other_index] = siblings[other_index], siblings[index]
    # Siblings keep their relative place in the table; only their order among themselves changes.
    positions = sorted(sibling.position for sibling in siblings)
    for position, sibling in zip(positions, siblings, strict=True):
        CriterionRow.objects.filter(pk=sibling.pk).update(position=position)
    _renumber(table)
    bump_version(table)
    table.save(update_fields=["version", "updated_at"])
    audit.record(
        "blocks.table.row_move",
        table,
        actor=actor,
        after={"code": row.code, "up": up},
        summary=_("Chuyển mục %(code)s %(where)s trong bảng tiêu chí %(block)s")
        % {"code": row.code, "where": _("lên") if up else _("xuống"), "block": table.block},
    )
    return row


@service
def delete_criterion(row: CriterionRow, *, actor) -> None:
    """Delete a row and its sub-rows. Side effects: audit ``blocks.table.row_delete``."""
    table = row.table
    _check_round_not_started(table.block)
    before = audit.snapshot(row, ROW_FIELDS)
    row.delete()
    _renumber(table)
    bump_version(table)
    table.save(update_fields=["version", "updated_at"])
    audit.record(
        "blocks.table.row_delete",
        table,
        actor=actor,
        before=before,
        summary=_("Xóa mục %(code)s khỏi bảng tiêu chí %(block)s")
        % {"code": before["code"], "block": table.block},
    )


@service
def import_table(
    block: Block, *, actor, file, title: str = "", total_points: Decimal | None = None
) -> CriteriaTable:
    """Replace the block's table with one read from an Excel (.xlsx) or CSV file in the tabular format of
    :mod:`thidua.blocks.table_import`. All-or-nothing: any problem raises ``ValidationError`` listing every
    one, row by row. Side effects: audit ``blocks.table.import``."""
    _check_round_not_started(block)
    existing = CriteriaTable.objects.filter(block=block).first()
    title = title.strip() or (existing.title if existing else "") or _("Bảng tiêu chí chấm điểm thi đua")
    if total_points is None and existing is not None:
        total_points = existing.total_points
    name = file.name.lower()
    try:
        if name.endswith(".xlsx"):
            core = table_import.read_xlsx(file, title=title, year=block.year, total_points=total_points)
        elif name.endswith(".csv"):
            text = file.read().decode("utf-8-sig")
            core = table_import.read_csv(
                text if "\n" in text else text + "\n", title=title, year=block.year, total_points=total_points
            )
        else:
            raise ValidationError(_("Hãy chọn tệp Excel (.xlsx) hoặc CSV (.csv)."))
    except table_import.TableImportError as error:
        raise ValidationError(error.messages) from None
    if existing is None:
        table = _new_table(block, title, total_points)
        before = None
    else:
        table = existing
        before = {"row_count": table.rows.count(), "title": table.title}
        table.rows.all().delete()
        table.title = title
        table.total_points = total_points
        bump_version(table)
        table.save()
    count = _write_core_rows(table, core)
    audit.record(
        "blocks.table.import",
        table,
        actor=actor,
        before=before,
        after={"row_count": count, "title": table.title, "file": file.name},
        summary=_("Nhập bảng tiêu chí %(block)s từ tệp %(file)s (%(count)s mục)")
        % {"block": block, "file": file.name, "count": count},
    )
    return table


@service
def copy_table(block: Block, *, actor, source: CriteriaTable) -> CriteriaTable:
    """Replace the block's table with a copy of ``source`` (usually last year's). Side effects: audit
    ``blocks.table.copy``."""
    _check_round_not_started(block)
    existing = CriteriaTable.objects.filter(block=block).first()
    if existing is not None:
        existing.rows.all().delete()
        existing.title = source.title
        existing.total_points = source.total_points
        bump_version(existing)
        existing.save()
        table = existing
    else:
        table = _new_table(block, source.title, source.total_points)
    count = _copy_rows(source, table)
    audit.record(
        "blocks.table.copy",
        table,
        actor=actor,
        after={"source_table": source.pk, "row_count": count},
        summary=_("Sao chép bảng tiêu chí từ %(source)s sang %(block)s")
        % {"source": source.block, "block": block},
    )
    return table


# --- scoring rounds -----------------------------------------------------------------------------------------


def _round_of(block: Block) -> ScoringRound:
    round_, _created = ScoringRound.objects.get_or_create(block=block)
    return round_


def _require_status(round_: ScoringRound, *statuses: str) -> None:
    if round_.status not in statuses:
        labels = ", ".join(str(RoundStatus(status).label) for status in statuses)
        raise ValidationError(
            _("Vòng chấm điểm đang ở bước “%(now)s”; thao tác này chỉ làm được ở bước: %(allowed)s.")
            % {"now": round_.get_status_display(), "allowed": labels}
        )


def _sheet_url(sheet: Scoresheet) -> str:
    from django.urls import reverse

    return reverse("blocks:sheet_detail", args=[sheet.pk])


@service
def open_self_scoring(block: Block, *, actor, deadline: datetime.date | None = None) -> ScoringRound:
    """Open self-scoring: every member unit gets its self-assessment sheet, and its staff a notification.
    The table must validate. Side effects: audit ``blocks.round.open``; notifications."""
    if block.kind == BlockKind.OUTSIDE:
        raise ValidationError(_("Cụm ngoài tỉnh không chấm điểm trên hệ thống; chỉ ghi kết quả."))
    table = CriteriaTable.objects.filter(block=block).first()
    if table is None or not table.rows.exists():
        raise ValidationError(_("Khối chưa có bảng tiêu chí."))
    problems = queries.table_problems(table)
    if problems:
        raise ValidationError([_("Bảng tiêu chí chưa hợp lệ:"), *problems])
    round_ = _round_of(block)
    _require_status(round_, RoundStatus.DRAFT)
    members = [member for member in queries.members_of(block) if member.unit_id]
    if len(members) < 2:
        raise ValidationError(_("Khối cần ít nhất hai đơn vị thành viên."))
    round_.status = RoundStatus.SELF
    round_.self_deadline = deadline
    bump_version(round_)
    round_.save()
    for member in members:
        sheet = Scoresheet.objects.create(round=round_, member=member, kind=SheetKind.SELF)
        recompute_sheet(sheet)
        deadline_text = f" {deadline:%d/%m/%Y}" if deadline else ""
        _notify(
            users_acting_for([member.unit_id]),
            title=_("Mời tự chấm điểm thi đua %(block)s") % {"block": block},
            body=_("Hạn nộp:%(deadline)s.") % {"deadline": deadline_text or _(" chưa đặt")},
            url=_sheet_url(sheet),
        )
    audit.record(
        "blocks.round.open",
        round_,
        actor=actor,
        after={"status": round_.status, "self_deadline": deadline, "members": len(members)},
        summary=_("Mở tự chấm điểm %(block)s") % {"block": block},
    )
    return round_


@service
def set_deadlines(
    round_: ScoringRound,
    *,
    actor,
    self_deadline: datetime.date | None,
    cross_deadline: datetime.date | None,
    expected_version: int | None = None,
) -> ScoringRound:
    """Set or extend the deadlines. Side effects: audit ``blocks.round.deadlines``."""
    check_version(round_, expected_version)
    before = audit.snapshot(round_, ["self_deadline", "cross_deadline"])
    round_.self_deadline = self_deadline
    round_.cross_deadline = cross_deadline
    bump_version(round_)
    round_.save()
    audit.record(
        "blocks.round.deadlines",
        round_,
        actor=actor,
        before=before,
        after=audit.snapshot(round_, ["self_deadline", "cross_deadline"]),
        summary=_("Đặt hạn chấm điểm %(block)s") % {"block": round_.block},
    )
    return round_


def recompute_sheet(sheet: Scoresheet, core: scoring.CriteriaTable | None = None) -> scoring.Result:
    """Refresh the sheet's cached numbers from :func:`scoring.score_table` (not a service: called inside
    the services that change entries)."""
    core = core or queries.core_table(sheet.round.block.table)
    try:
        result = scoring.score_table(core, queries.core_entries(sheet))
    except scoring.EntryError as error:
        raise ValidationError(error.messages) from None
    sheet.standard = result.standard
    sheet.bonus = result.bonus
    sheet.deduction = result.deduction
    sheet.total = result.total
    sheet.disqualified = result.disqualified
    sheet.subtotals = {code: str(_quantize(node.total)) for code, node in result.nodes.items()}
    sheet.save(update_fields=["standard", "bonus", "deduction", "total", "disqualified", "subtotals"])
    return result


def _decimal_or_none(value) -> Decimal | None:
    if value is None or value == "":
        return None
    return Decimal(value)


@service
def save_entries(
    sheet: Scoresheet,
    *,
    actor,
    values: Mapping[int, Mapping[str, object]],
    comment: str | None = None,
    expected_version: int | None = None,
) -> Scoresheet:
    """Save a self-assessment or an assessor's scores: ``values`` maps a criterion row id to its
    ``points`` / ``count`` / ``value`` / ``comment`` (a row absent or all empty has no entry). The whole set is
    checked against the table before anything is kept. Side effects: audit ``blocks.sheet.save``."""
    check_version(sheet, expected_version)
    if sheet.kind == SheetKind.FINAL:
        raise ValidationError(_("Điểm thống nhất chỉ thay đổi bằng điều chỉnh có lý do."))
    if sheet.is_submitted:
        raise ValidationError(_("Phiếu đã nộp, không sửa được."))
    round_ = sheet.round
    _require_status(round_, RoundStatus.SELF if sheet.kind == SheetKind.SELF else RoundStatus.CROSS)
    table = round_.block.table
    rows = {row.pk: row for row in table.rows.all()}
    before = {
        entry.criterion.code: _entry_plain(entry) for entry in sheet.entries.select_related("criterion")
    }
    sheet.entries.all().delete()
    for row_id, data in values.items():
        row = rows.get(int(row_id))
        if row is None:
            raise ValidationError(_("Tiêu chí không thuộc bảng của khối."))
        points = _decimal_or_none(data.get("points"))
        count = _decimal_or_none(data.get("count"))
        value = _decimal_or_none(data.get("value"))
        text = str(data.get("comment") or "").strip()
        if points is None and count is None and value is None and not text:
            continue
        ScoreEntry.objects.create(
            sheet=sheet, criterion=row, points=points, count=count, value=value, comment=text
        )
    if comment is not None:
        sheet.comment = comment.strip()
    bump_version(sheet)
    sheet.save()
    recompute_sheet(sheet)
    after = {entry.criterion.code: _entry_plain(entry) for entry in sheet.entries.select_related("criterion")}
    audit.record(
        "blocks.sheet.save",
        sheet,
        actor=actor,
        before={"scores": before},
        after={"scores": after, "total": sheet.total},
        summary=_("Lưu %(sheet)s: %(total)s điểm")
        % {"sheet": sheet, "total": scoring.format_points(sheet.total)},
    )
    return sheet


def _entry_plain(entry: ScoreEntry) -> dict:
    return {
        key: str(value)
        for key, value in (("points", entry.points), ("count", entry.count), ("value", entry.value))
        if value is not None
    }


@service
def add_evidence(sheet: Scoresheet, *, actor, file, criterion: CriterionRow | None = None) -> Evidence:
    """Attach an evidence file to a sheet (and a criterion). Side effects: audit ``blocks.evidence.add``."""
    if sheet.is_submitted:
        raise ValidationError(_("Phiếu đã nộp, không thêm minh chứng được."))
    if sheet.kind == SheetKind.FINAL:
        raise ValidationError(_("Không gắn minh chứng vào điểm thống nhất."))
    if criterion is not None and criterion.table.block_id != sheet.round.block_id:
        raise ValidationError(_("Tiêu chí không thuộc bảng của khối."))
    _check_upload(file, EVIDENCE_EXTENSIONS)
    name = PurePath(file.name).name
    evidence = Evidence(
        sheet=sheet,
        criterion=criterion,
        name=name[:255],
        size=file.size,
        uploaded_by=actor if getattr(actor, "pk", None) else None,
    )
    evidence.file.save(name, file, save=False)
    evidence.save()
    audit.record(
        "blocks.evidence.add",
        sheet,
        actor=actor,
        after={
            "evidence_file": evidence.pk,
            "name": evidence.name,
            "criterion": criterion.code if criterion else None,
        },
        summary=_("Thêm minh chứng “%(name)s” cho %(sheet)s") % {"name": evidence.name, "sheet": sheet},
    )
    return evidence


@service
def remove_evidence(evidence: Evidence, *, actor) -> None:
    """Remove an evidence file from a sheet not yet submitted. Side effects: audit
    ``blocks.evidence.remove``."""
    sheet = evidence.sheet
    if sheet.is_submitted:
        raise ValidationError(_("Phiếu đã nộp, không bỏ minh chứng được."))
    audit.record(
        "blocks.evidence.remove",
        sheet,
        actor=actor,
        before={"evidence_file": evidence.pk, "name": evidence.name},
        summary=_("Bỏ minh chứng “%(name)s” của %(sheet)s") % {"name": evidence.name, "sheet": sheet},
    )
    evidence.file.delete(save=False)
    evidence.delete()


def _missing_evidence(sheet: Scoresheet) -> list[str]:
    with_evidence = set(
        sheet.evidence.exclude(criterion__isnull=True).values_list("criterion__code", flat=True)
    )
    missing = []
    for entry in sheet.entries.select_related("criterion"):
        row = entry.criterion
        applies = any(value not in (None, Decimal(0)) for value in (entry.points, entry.count)) or (
            entry.value is not None
        )
        if row.evidence_required and applies and row.code not in with_evidence:
            missing.append(row.code)
    return missing


@service
def submit_sheet(sheet: Scoresheet, *, actor, expected_version: int | None = None) -> Scoresheet:
    """Submit a sheet: no more changes. A self-assessment must come by its deadline, and every criterion that
    requires evidence and is claimed must have a file. Side effects: audit ``blocks.sheet.submit``."""
    check_version(sheet, expected_version)
    if sheet.is_submitted:
        raise ValidationError(_("Phiếu đã nộp."))
    round_ = sheet.round
    if sheet.kind == SheetKind.SELF:
        _require_status(round_, RoundStatus.SELF)
        if round_.self_deadline and timezone.localdate() > round_.self_deadline:
            raise ValidationError(
                _("Đã quá hạn tự chấm (%(date)s). Đề nghị trưởng khối gia hạn.")
                % {"date": f"{round_.self_deadline:%d/%m/%Y}"}
            )
    elif sheet.kind == SheetKind.CROSS:
        _require_status(round_, RoundStatus.CROSS)
        if round_.cross_deadline and timezone.localdate() > round_.cross_deadline:
            raise ValidationError(
                _("Đã quá hạn chấm chéo (%(date)s). Đề nghị trưởng khối gia hạn.")
                % {"date": f"{round_.cross_deadline:%d/%m/%Y}"}
            )
    else:
        raise ValidationError(_("Điểm thống nhất không nộp."))
    missing = _missing_evidence(sheet) if sheet.kind == SheetKind.SELF else []
    if missing:
        raise ValidationError(
            _("Chưa có minh chứng cho các mục bắt buộc: %(codes)s.") % {"codes": ", ".join(missing)}
        )
    result = recompute_sheet(sheet)
    if sheet.kind == SheetKind.CROSS and result.unscored:
        raise ValidationError(
            _("Đơn vị chấm phải chấm mọi tiêu chí; còn thiếu: %(codes)s.")
            % {"codes": ", ".join(result.unscored)}
        )
    sheet.submitted_at = timezone.now()
    sheet.submitted_by = actor if getattr(actor, "pk", None) else None
    bump_version(sheet)
    sheet.save()
    audit.record(
        "blocks.sheet.submit",
        sheet,
        actor=actor,
        after={"total": sheet.total, "submitted_at": sheet.submitted_at},
        summary=_("Nộp %(sheet)s") % {"sheet": sheet},
    )
    return sheet


@service
def return_sheet(sheet: Scoresheet, *, actor, reason: str) -> Scoresheet:
    """Give a submitted sheet back to its unit for correction (head or officer, before aggregation). Side
    effects: audit ``blocks.sheet.return``."""
    if not reason.strip():
        raise ValidationError({"reason": _("Hãy ghi lý do trả lại phiếu.")})
    round_ = sheet.round
    _require_status(round_, RoundStatus.SELF if sheet.kind == SheetKind.SELF else RoundStatus.CROSS)
    sheet.submitted_at = None
    sheet.submitted_by = None
    bump_version(sheet)
    sheet.save()
    audit.record(
        "blocks.sheet.return",
        sheet,
        actor=actor,
        after={"reason": reason.strip()},
        summary=_("Trả lại %(sheet)s: %(reason)s") % {"sheet": sheet, "reason": reason.strip()},
    )
    return sheet


@service
def assign_assessors(
    round_: ScoringRound, *, actor, pairs: Sequence[tuple[BlockMember, BlockMember]]
) -> list[Scoresheet]:
    """Assign assessors: each (member, assessor) pair gets a cross-scoring sheet. A unit never scores itself.
    Side effects: audit ``blocks.round.assign``; notifications to the assessors."""
    _require_status(round_, RoundStatus.DRAFT, RoundStatus.SELF, RoundStatus.CROSS)
    created = []
    for member, assessor in pairs:
        if member.block_id != round_.block_id or assessor.block_id != round_.block_id:
            raise ValidationError(_("Đơn vị được chấm và đơn vị chấm phải thuộc khối."))
        if member.pk == assessor.pk or (member.unit_id and member.unit_id == assessor.unit_id):
            raise ValidationError(
                _("%(unit)s không thể tự chấm chéo chính mình.") % {"unit": member.short_label}
            )
        sheet, is_new = Scoresheet.objects.get_or_create(
            round=round_, member=member, kind=SheetKind.CROSS, assessor=assessor
        )
        if is_new:
            created.append(sheet)
    if not created:
        raise ValidationError(_("Không có phân công mới."))
    for sheet in created:
        _notify(
            users_acting_for([sheet.assessor.unit_id]),
            title=_("Được phân công chấm điểm %(member)s (%(block)s)")
            % {"member": sheet.member.short_label, "block": round_.block},
            url=_sheet_url(sheet),
        )
    audit.record(
        "blocks.round.assign",
        round_,
        actor=actor,
        after={"pairs": [[sheet.member_id, sheet.assessor_id] for sheet in created]},
        summary=_("Phân công chấm chéo %(count)s phiếu, %(block)s")
        % {"count": len(created), "block": round_.block},
    )
    return created


def rotation_pairs(members: Sequence[BlockMember], per_member: int) -> list[tuple[BlockMember, BlockMember]]:
    """Round-robin: each member is scored by the ``per_member`` members after it (wrapping), never itself."""
    count = len(members)
    if per_member < 1 or per_member >= count:
        raise ValidationError(
            _("Số đơn vị chấm mỗi đơn vị phải từ 1 đến %(max)s.") % {"max": max(count - 1, 1)}
        )
    return [
        (members[index], members[(index + step) % count])
        for index in range(count)
        for step in range(1, per_member + 1)
    ]


def verification_pairs(block: Block, members: Sequence[BlockMember]) -> list[tuple[BlockMember, BlockMember]]:
    """The head verifies every member alone; the deputy verifies the head."""
    by_unit = {member.unit_id: member for member in members}
    head = by_unit.get(block.head_unit_id)
    deputy = by_unit.get(block.deputy_unit_id)
    if head is None or deputy is None:
        raise ValidationError(_("Cần có trưởng khối và phó khối là thành viên để thẩm định."))
    return [(member, deputy if member.pk == head.pk else head) for member in members]


@service
def start_cross_scoring(
    round_: ScoringRound, *, actor, deadline: datetime.date | None = None, expected_version: int | None = None
) -> ScoringRound:
    """Close self-scoring and open cross-scoring. Every member must have at least one assessor. Side effects:
    audit ``blocks.round.cross``."""
    check_version(round_, expected_version)
    _require_status(round_, RoundStatus.SELF)
    members = [member for member in queries.members_of(round_.block) if member.unit_id]
    assessed = set(round_.sheets.filter(kind=SheetKind.CROSS).values_list("member_id", flat=True))
    missing = [member.short_label for member in members if member.pk not in assessed]
    if missing:
        raise ValidationError(_("Chưa phân công đơn vị chấm cho: %(units)s.") % {"units": ", ".join(missing)})
    late = list(
        round_.sheets.filter(kind=SheetKind.SELF, submitted_at__isnull=True).values_list(
            "member__unit__short_name", flat=True
        )
    )
    round_.status = RoundStatus.CROSS
    round_.cross_deadline = deadline or round_.cross_deadline
    bump_version(round_)
    round_.save()
    audit.record(
        "blocks.round.cross",
        round_,
        actor=actor,
        after={"status": round_.status, "cross_deadline": round_.cross_deadline, "not_submitted": late},
        summary=_("Kết thúc tự chấm, bắt đầu chấm chéo %(block)s") % {"block": round_.block},
    )
    return round_


def _quantize(value: Decimal) -> Decimal:
    return Decimal(value).quantize(HUNDREDTH, rounding=ROUND_HALF_UP)


def _leaf_amounts(core: scoring.CriteriaTable, result: scoring.Result) -> dict[str, Decimal]:
    """What each scorable row contributes in one assessor's result: standard points of a scored row, the
    bonus or deduction of an extra row, 1 or 0 for a disqualifier."""
    amounts: dict[str, Decimal] = {}
    for node in core.walk():
        score = result.nodes[node.code]
        if node.kind == scoring.Kind.DISQUALIFIER:
            amounts[node.code] = Decimal(1 if node.code in result.disqualified_by else 0)
        elif node.kind == scoring.Kind.BONUS:
            amounts[node.code] = score.bonus
        elif node.kind == scoring.Kind.PENALTY:
            amounts[node.code] = score.deduction
        elif node.is_scored:
            amounts[node.code] = score.standard - sum(
                (result.nodes[child.code].standard for child in node.children), Decimal(0)
            )
    return amounts


def _side(node: scoring.Criterion) -> str:
    if node.kind == scoring.Kind.BONUS:
        return "bonus"
    if node.kind == scoring.Kind.PENALTY:
        return "penalty"
    if node.kind == scoring.Kind.DISQUALIFIER:
        return "disqualifier"
    return "standard"


def _aggregate_member(
    round_: ScoringRound,
    member: BlockMember,
    core: scoring.CriteriaTable,
    rows_by_code: dict[str, CriterionRow],
) -> Scoresheet:
    block = round_.block
    sheets = list(round_.sheets.filter(kind=SheetKind.CROSS, member=member).select_related("assessor__unit"))
    labels = {str(sheet.assessor_id): sheet.assessor.short_label for sheet in sheets}
    nodes = core.by_code()
    # The rows of a choice group are one answer, aggregated together; a group mixing bonus and penalty rows
    # (a band above the plan earns, a band below loses) is aggregated per side, then netted.
    group_rows: dict[str, list[str]] = {}
    for node in core.walk():
        if node.choice_group and (node.is_scored or node.kind in scoring.BONUS_KINDS):
            group_rows.setdefault(f"{_side(node)}:{node.choice_group}", []).append(node.code)
    in_group = {code: key for key, codes in group_rows.items() for code in codes}
    scores: dict[str, dict[str, Decimal]] = {}
    for sheet in sheets:
        result = scoring.score_table(core, queries.core_entries(sheet))
        amounts = _leaf_amounts(core, result)
        per_key: dict[str, Decimal] = {}
        for code, amount in amounts.items():
            key = in_group.get(code, code)
            per_key[key] = per_key.get(key, Decimal(0)) + amount
        scores[str(sheet.assessor_id)] = per_key
    aggregated = aggregation.aggregate_scores(
        scores,
        method=aggregation.Method(block.aggregation),
        trim=block.trim,
        outlier_threshold=block.outlier_threshold,
    )
    values = {key: _quantize(item.value) for key, item in aggregated.items()}
    for key in list(values):
        side, _sep, group = key.partition(":")
        if side == "bonus" and group and f"penalty:{group}" in values:
            net = values[key] - values[f"penalty:{group}"]
            values[key], values[f"penalty:{group}"] = max(net, Decimal(0)), max(-net, Decimal(0))
    final, _created = Scoresheet.objects.get_or_create(round=round_, member=member, kind=SheetKind.FINAL)
    final.entries.all().delete()
    for key, item in aggregated.items():
        value = values[key]
        if key in group_rows:
            codes = group_rows[key]
            fitting = [code for code in codes if (nodes[code].points or 0) >= value and value > 0]
            code = (
                (min(fitting, key=lambda c: nodes[c].points or 0) if fitting else codes[0])
                if value > 0
                else codes[0]
            )
        else:
            code = key
        node = nodes[code]
        flags = [
            {"assessor": labels[assessor], "points": str(_quantize(item.scores[assessor]))}
            for assessor in item.outliers
        ]
        entry = ScoreEntry(
            sheet=final, criterion=rows_by_code[code], median=_quantize(item.median), flags=flags
        )
        if node.kind == scoring.Kind.DISQUALIFIER:
            entry.count = Decimal(1 if value >= Decimal("0.5") else 0)
        else:
            entry.points = value
        entry.save()
    recompute_sheet(final, core)
    return final


@service
def aggregate_round(round_: ScoringRound, *, actor, expected_version: int | None = None) -> ScoringRound:
    """Close cross-scoring: combine the assessors' scores per criterion with the block's method (mean,
    median or trimmed mean), flag scores straying from the median by more than the block's threshold, and
    build each member's agreed sheet. Every cross sheet must be submitted. Side effects: audit
    ``blocks.round.aggregate``."""
    check_version(round_, expected_version)
    _require_status(round_, RoundStatus.CROSS)
    pending = list(
        round_.sheets.filter(kind=SheetKind.CROSS, submitted_at__isnull=True).select_related(
            "member__unit", "assessor__unit"
        )
    )
    if pending:
        raise ValidationError(
            _("Còn phiếu chấm chéo chưa nộp: %(sheets)s.")
            % {"sheets": "; ".join(str(sheet) for sheet in pending)}
        )
    table = round_.block.table
    rows = queries.table_rows(table)
    core = queries.core_table(table, rows)
    rows_by_code = {row.code: row for row in rows}
    flagged = 0
    for member in queries.members_of(round_.block):
        if not member.unit_id:
            continue
        final = _aggregate_member(round_, member, core, rows_by_code)
        flagged += sum(1 for flags in final.entries.values_list("flags", flat=True) if flags)
    round_.status = RoundStatus.REVIEW
    round_.aggregated_at = timezone.now()
    bump_version(round_)
    round_.save()
    audit.record(
        "blocks.round.aggregate",
        round_,
        actor=actor,
        after={"status": round_.status, "method": round_.block.aggregation, "flagged": flagged},
        summary=_("Tổng hợp điểm chấm chéo %(block)s (%(flagged)s điểm lệch)")
        % {"block": round_.block, "flagged": flagged},
    )
    return round_


def adjuster_role(user, block: Block) -> str | None:
    if is_officer_user(user):
        return AdjusterRole.OFFICER
    if is_head_user(user, block):
        return AdjusterRole.HEAD
    return None


@service
def adjust_entry(
    sheet: Scoresheet,
    *,
    actor,
    criterion: CriterionRow,
    points: Decimal,
    reason: str,
    expected_version: int | None = None,
) -> Adjustment:
    """Change an agreed score, with a written reason. The head adjusts first; once the province officer has
    adjusted a criterion, the head can no longer change it. Every change keeps its history
    (``Adjustment`` rows). Side effects: audit ``blocks.sheet.adjust``."""
    check_version(sheet, expected_version)
    if sheet.kind != SheetKind.FINAL:
        raise ValidationError(_("Chỉ điều chỉnh điểm thống nhất."))
    _require_status(sheet.round, RoundStatus.REVIEW)
    if not reason.strip():
        raise ValidationError({"reason": _("Điều chỉnh điểm phải ghi rõ lý do.")})
    role = adjuster_role(actor, sheet.round.block) if actor is not None else AdjusterRole.OFFICER
    if role is None:
        raise PermissionDenied(
            _("Chỉ trưởng khối hoặc cán bộ Ban Thi đua – Khen thưởng được điều chỉnh điểm.")
        )
    entry, _created = ScoreEntry.objects.get_or_create(sheet=sheet, criterion=criterion)
    if role == AdjusterRole.HEAD and entry.adjustments.filter(by_role=AdjusterRole.OFFICER).exists():
        raise PermissionDenied(
            _("Cán bộ Ban Thi đua – Khen thưởng đã điều chỉnh mục %(code)s; trưởng khối không sửa lại được.")
            % {"code": criterion.code}
        )
    node = queries.to_criterion(criterion)
    before_points = entry.points if entry.points is not None else entry.count
    if node.kind == scoring.Kind.DISQUALIFIER:
        entry.count = Decimal(1) if points else Decimal(0)
        entry.points = None
    else:
        entry.points = Decimal(points)
        entry.count = None
        entry.value = None
    entry.adjusted = True
    entry.save()
    recompute_sheet(sheet)
    adjustment = Adjustment.objects.create(
        entry=entry,
        by_role=role,
        actor=actor if getattr(actor, "pk", None) else None,
        before_points=before_points,
        after_points=entry.points if entry.points is not None else entry.count,
        reason=reason.strip(),
    )
    bump_version(sheet)
    sheet.save()
    audit.record(
        "blocks.sheet.adjust",
        sheet,
        actor=actor,
        before={"criterion": criterion.code, "points": before_points},
        after={
            "criterion": criterion.code,
            "points": adjustment.after_points,
            "reason": adjustment.reason,
            "total": sheet.total,
        },
        summary=_("Điều chỉnh mục %(code)s của %(member)s: %(before)s → %(after)s (%(reason)s)")
        % {
            "code": criterion.code,
            "member": sheet.member.short_label,
            "before": scoring.format_points(before_points),
            "after": scoring.format_points(adjustment.after_points),
            "reason": adjustment.reason,
        },
    )
    return adjustment


def _ranking(block: Block, votes: Mapping[int, int]):
    """``[(agreed sheet, ranking.Ranked)]`` of the block's members, best first, with the block's tie-breaks;
    ``votes`` (``{member id: votes}``) count only when the tie-breaks name the vote."""
    finals = {
        sheet.member_id: sheet
        for sheet in block.round.sheets.filter(kind=SheetKind.FINAL).select_related("member__unit")
    }
    tie_breaks = queries.tie_breaks_of(block)
    by_votes = any(isinstance(item, ByVotes) for item in tie_breaks)
    candidates = [
        Candidate(
            member=str(member_id),
            total=sheet.total,
            disqualified=sheet.disqualified,
            subtotals={code: Decimal(value) for code, value in sheet.subtotals.items()},
            votes=votes.get(member_id) if by_votes else None,
        )
        for member_id, sheet in finals.items()
    ]
    return [(finals[int(item.member)], item) for item in rank_members(candidates, tie_breaks=tie_breaks)]


def _rank_block(block: Block) -> list[BlockResult]:
    """Write every member's result from its agreed sheet: total, rank (with the block's tie-breaks, the vote
    of the last closed ballot included) and the proposal of that ballot."""
    ballot = queries.closed_ballot(block)
    votes: dict[int, int] = {}
    proposals: dict[int, str] = {}
    if ballot is not None:
        for row in queries.ballot_tally(ballot).rows:
            votes[row.member.pk] = row.votes
            if row.passed:
                proposals[row.member.pk] = row.award
    results = []
    for sheet, item in _ranking(block, votes):
        result, _created = BlockResult.objects.update_or_create(
            block=block,
            member=sheet.member,
            defaults={
                "unit_id": sheet.member.unit_id,
                "year": block.year,
                "total": sheet.total,
                "rank": item.rank,
                "disqualified": item.disqualified,
                "source": ResultSource.ROUND,
                "votes": votes.get(sheet.member_id),
                "proposal": proposals.get(sheet.member_id, ""),
            },
        )
        results.append(result)
    return results


@service
def lock_round(round_: ScoringRound, *, actor, expected_version: int | None = None) -> ScoringRound:
    """Lock the round: the agreed totals are final, every member is ranked and the results are stored
    (``BlockResult``). Nothing changes after this except by ``reopen_round``. Side effects: audit
    ``blocks.round.lock``."""
    check_version(round_, expected_version)
    _require_status(round_, RoundStatus.REVIEW)
    round_.status = RoundStatus.LOCKED
    round_.locked_at = timezone.now()
    bump_version(round_)
    round_.save()
    results = _rank_block(round_.block)
    audit.record(
        "blocks.round.lock",
        round_,
        actor=actor,
        after={
            "status": round_.status,
            "ranks": {result.member.short_label: result.rank for result in results},
            "totals": {result.member.short_label: str(result.total) for result in results},
        },
        summary=_("Khóa kết quả chấm điểm %(block)s") % {"block": round_.block},
    )
    return round_


@service
def reopen_round(
    round_: ScoringRound, *, actor, reason: str, expected_version: int | None = None
) -> ScoringRound:
    """Reopen a locked round for adjustment, with a written reason that stays on record. The stored ranks
    are withdrawn until the round is locked again. Side effects: audit ``blocks.round.reopen``."""
    check_version(round_, expected_version)
    _require_status(round_, RoundStatus.LOCKED)
    if not reason.strip():
        raise ValidationError({"reason": _("Mở lại kết quả phải ghi rõ lý do.")})
    withdrawn = {
        result.member.short_label: result.rank
        for result in round_.block.results.filter(source=ResultSource.ROUND).select_related("member__unit")
    }
    round_.block.results.filter(source=ResultSource.ROUND).delete()
    round_.status = RoundStatus.REVIEW
    round_.locked_at = None
    round_.reopen_count += 1
    bump_version(round_)
    round_.save()
    audit.record(
        "blocks.round.reopen",
        round_,
        actor=actor,
        before={"status": RoundStatus.LOCKED, "ranks": withdrawn},
        after={"status": round_.status, "reason": reason.strip()},
        summary=_("Mở lại kết quả chấm điểm %(block)s: %(reason)s")
        % {"block": round_.block, "reason": reason.strip()},
    )
    return round_


# --- meetings and ballots -----------------------------------------------------------------------------------


@service
def create_meeting(
    block: Block,
    *,
    actor,
    held_on: datetime.date,
    place: str = "",
    chair_name: str = "",
    secretary_name: str = "",
    note: str = "",
) -> Meeting:
    """Record a block meeting; every member unit starts on the attendance list as absent. Side effects: audit
    ``blocks.meeting.create``."""
    meeting = Meeting(
        block=block,
        held_on=held_on,
        place=place.strip(),
        chair_name=chair_name.strip(),
        secretary_name=secretary_name.strip(),
        note=note.strip(),
    )
    _validate(meeting)
    meeting.save()
    for member in queries.members_of(block):
        if member.unit_id:
            Attendance.objects.create(meeting=meeting, member=member, present=False)
    audit.record(
        "blocks.meeting.create",
        meeting,
        actor=actor,
        after=audit.snapshot(meeting, ["held_on", "place", "chair_name", "secretary_name"]),
        summary=_("Ghi cuộc họp %(block)s ngày %(date)s") % {"block": block, "date": f"{held_on:%d/%m/%Y}"},
    )
    return meeting


@service
def record_attendance(meeting: Meeting, *, actor, attendance: Mapping[int, tuple[bool, str]]) -> Meeting:
    """Record who attended: ``{member id: (present, representative)}``. Refused once a ballot is open or
    closed, since the count of members present is the ballot's base. Side effects: audit
    ``blocks.meeting.attendance``."""
    if Ballot.objects.filter(meeting=meeting).exists():
        raise ValidationError(_("Đã bỏ phiếu: không sửa điểm danh được."))
    before = {row.member_id: row.present for row in meeting.attendance.all()}
    for row in meeting.attendance.all():
        if row.member_id in attendance:
            present, representative = attendance[row.member_id]
            row.present = bool(present)
            row.representative = (representative or "").strip()
            row.save(update_fields=["present", "representative", "updated_at"])
    after = {row.member_id: row.present for row in meeting.attendance.all()}
    audit.record(
        "blocks.meeting.attendance",
        meeting,
        actor=actor,
        before={"present": before},
        after={"present": after},
        summary=_("Điểm danh cuộc họp %(meeting)s: %(count)s đơn vị có mặt")
        % {"meeting": meeting, "count": sum(1 for value in after.values() if value)},
    )
    return meeting


@service
def open_ballot(meeting: Meeting, *, actor, question: str = "") -> Ballot:
    """Open the secret ballot on the proposal: the leading units for the Cờ thi đua (``flag_count``) and the
    next N for the Bằng khen (``merit_count``), from the locked ranking. The block's vote rules (the two counts
    and the required percentage) are copied onto the ballot, which counts by them from then on. Side effects:
    audit ``blocks.ballot.open``."""
    block = meeting.block
    if Ballot.objects.filter(meeting=meeting).exists():
        raise ValidationError(_("Cuộc họp đã có phiếu bầu."))
    round_ = ScoringRound.objects.filter(block=block).first()
    if round_ is None or round_.status != RoundStatus.LOCKED:
        raise ValidationError(_("Chỉ bỏ phiếu sau khi khóa kết quả chấm điểm."))
    if not meeting.attendance.filter(present=True).exists():
        raise ValidationError(_("Hãy điểm danh các đơn vị có mặt trước khi bỏ phiếu."))
    ranked = [result for result in queries.results_of(block) if result.rank is not None]
    ballot = Ballot.objects.create(
        meeting=meeting,
        question=question.strip()
        or _("Bình xét đề nghị khen thưởng năm %(year)s của %(block)s")
        % {"year": block.year, "block": block.name},
        required_percentage=block.vote_percentage,
        flag_count=block.flag_count,
        merit_count=block.merit_count,
    )
    for position, result in enumerate(ranked[: ballot.flag_count + ballot.merit_count], start=1):
        award = ProposedAward.FLAG if position <= ballot.flag_count else ProposedAward.MERIT
        BallotCandidate.objects.create(
            ballot=ballot,
            member=result.member,
            award=award,
            rank=result.rank,
            total=result.total,
            position=position,
        )
    audit.record(
        "blocks.ballot.open",
        ballot,
        actor=actor,
        after={
            "question": ballot.question,
            "candidate_members": list(ballot.candidates.values_list("member_id", flat=True)),
            "required_percentage": ballot.required_percentage,
            "flag_count": ballot.flag_count,
            "merit_count": ballot.merit_count,
        },
        summary=_("Mở bỏ phiếu kín: %(question)s") % {"question": ballot.question},
    )
    return ballot


def voting_members(user, ballot: Ballot) -> list[BlockMember]:
    """The present members this user may still cast a ballot for."""
    if not ballot.is_open:
        return []
    acting = acting_unit_ids(user)
    voted = set(ballot.voters.values_list("member_id", flat=True))
    return [
        row.member
        for row in ballot.meeting.attendance.filter(present=True).select_related("member__unit")
        if row.member.unit_id in acting and row.member_id not in voted
    ]


@service
def cast_vote(ballot: Ballot, *, actor, member: BlockMember, approved: Sequence[int]) -> BallotVoter:
    """Cast a member's secret ballot. The voter row records who voted; the vote row records the approved
    candidates with nothing that links it to the voter. Side effects: audit ``blocks.ballot.vote`` (who
    voted, never how)."""
    ballot = Ballot.objects.select_for_update().get(pk=ballot.pk)
    if not ballot.is_open:
        raise ValidationError(_("Phiếu bầu đã đóng."))
    if actor is not None and member not in voting_members(actor, ballot):
        if ballot.voters.filter(member=member).exists():
            raise ValidationError(_("%(member)s đã bỏ phiếu.") % {"member": member.short_label})
        raise PermissionDenied(_("Bạn không bỏ phiếu thay cho đơn vị này được."))
    if ballot.voters.filter(member=member).exists():
        raise ValidationError(_("%(member)s đã bỏ phiếu.") % {"member": member.short_label})
    candidate_ids = set(ballot.candidates.values_list("pk", flat=True))
    chosen = sorted({int(value) for value in approved})
    if any(value not in candidate_ids for value in chosen):
        raise ValidationError(_("Phiếu có lựa chọn không thuộc danh sách."))
    voter = BallotVoter.objects.create(
        ballot=ballot,
        member=member,
        voted_at=timezone.now(),
        cast_by=actor if getattr(actor, "pk", None) else None,
    )
    Vote.objects.create(ballot=ballot, approved=chosen)
    audit.record(
        "blocks.ballot.vote",
        voter,
        actor=actor,
        after={"ballot": ballot.pk, "member": member.pk},
        summary=_("%(member)s đã bỏ phiếu") % {"member": member.short_label},
    )
    return voter


def _rewrite_votes(ballot: Ballot) -> int:
    """Delete the ballot's votes and create them again, in a random order with fresh random keys, inside the
    closing transaction. Each vote was written in the transaction that wrote its ``BallotVoter`` row; after this,
    no vote row shares a transaction id (PostgreSQL ``xmin``) or an insertion order with a voter row."""
    approved = list(ballot.votes.values_list("approved", flat=True))
    ballot.votes.all().delete()
    secrets.SystemRandom().shuffle(approved)
    Vote.objects.bulk_create([Vote(id=uuid.uuid4(), ballot=ballot, approved=choice) for choice in approved])
    return len(approved)


def _settle_candidates(ballot: Ballot, *, rerank: bool) -> None:
    """Give each candidate its rank after the vote and the award that rank earns: with ``rerank`` (the round is
    locked) the members are ranked again with the votes as the block's tie-breaks say, and the candidates, in
    that order, fill the ballot's ``flag_count`` Cờ places, then its Bằng khen places. A vote that breaks a tie
    may thus move the Cờ from the candidate listed first to the one the members preferred."""
    counts: dict[int, int] = {}
    for approved in ballot.votes.values_list("approved", flat=True):
        for candidate_id in approved:
            counts[int(candidate_id)] = counts.get(int(candidate_id), 0) + 1
    candidates = list(ballot.candidates.select_related("member__unit").order_by("position", "id"))
    ranks = {candidate.member_id: candidate.rank for candidate in candidates}
    if rerank:
        votes = {candidate.member_id: counts.get(candidate.pk, 0) for candidate in candidates}
        ranks = {sheet.member_id: item.rank for sheet, item in _ranking(ballot.meeting.block, votes)}
    ordered = sorted(
        candidates,
        key=lambda c: (ranks.get(c.member_id) is None, ranks.get(c.member_id) or 0, c.position, c.pk),
    )
    for place, candidate in enumerate(ordered, start=1):
        candidate.rank_after_vote = ranks.get(candidate.member_id)
        candidate.award_after_vote = ProposedAward.FLAG if place <= ballot.flag_count else ProposedAward.MERIT
        candidate.save(update_fields=["rank_after_vote", "award_after_vote"])


def _award_label(award: str) -> str:
    return str(ProposedAward(award).label) if award else _("không đề nghị")


def _record_rerank(
    ballot: Ballot,
    *,
    actor,
    results: Sequence[BlockResult],
    ranks_before: Mapping[int, int | None],
    awards_before: Mapping[int, str],
    awards_after: Mapping[int, str],
) -> None:
    """Audit ``blocks.ballot.rerank`` when the vote moved a member's rank or a candidate's award: each such
    member's rank and award before the vote and after it."""
    moved = [
        result
        for result in results
        if (ranks_before.get(result.member_id), awards_before.get(result.member_id, ""))
        != (result.rank, awards_after.get(result.member_id, ""))
    ]
    if not moved:
        return
    lines = []
    for result in moved:
        before_award, after_award = (
            awards_before.get(result.member_id, ""),
            awards_after.get(result.member_id, ""),
        )
        line = _("%(unit)s: hạng %(before)s → %(after)s") % {
            "unit": result.member.short_label,
            "before": ranks_before.get(result.member_id) or "—",
            "after": result.rank or "—",
        }
        if before_award != after_award:
            line += f", {_award_label(before_award)} → {_award_label(after_award)}"
        lines.append(line)
    audit.record(
        "blocks.ballot.rerank",
        ballot,
        actor=actor,
        before={
            result.member.short_label: {
                "rank": ranks_before.get(result.member_id),
                "award": awards_before.get(result.member_id, ""),
            }
            for result in moved
        },
        after={
            result.member.short_label: {"rank": result.rank, "award": awards_after.get(result.member_id, "")}
            for result in moved
        },
        summary=_("Xếp hạng lại theo số phiếu bầu: %(changes)s.") % {"changes": "; ".join(lines)},
    )


@service
def close_ballot(ballot: Ballot, *, actor, expected_version: int | None = None) -> Ballot:
    """Close the ballot; only now can it be counted. The votes are rewritten in a random order
    (``_rewrite_votes``). When the round is locked, the members are ranked again with the votes (when the
    block breaks ties by votes) and the Cờ and Bằng khen follow that final order (``_settle_candidates``);
    the proposal and the votes go into the members' results. Side effects: audit ``blocks.ballot.close``,
    and ``blocks.ballot.rerank`` (ranks and awards before and after) when the vote reordered anyone."""
    check_version(ballot, expected_version)
    if not Ballot.objects.select_for_update().get(pk=ballot.pk).is_open:  # waits for a vote being cast
        raise ValidationError(_("Phiếu bầu đã đóng."))
    ballot.is_open = False
    ballot.closed_at = timezone.now()
    bump_version(ballot)
    ballot.save()
    _rewrite_votes(ballot)
    block = ballot.meeting.block
    round_ = ScoringRound.objects.filter(block=block).first()
    locked = round_ is not None and round_.status == RoundStatus.LOCKED
    ranks_before = {
        result.member_id: result.rank for result in block.results.filter(source=ResultSource.ROUND)
    }
    awards_before = {candidate.member_id: candidate.award for candidate in ballot.candidates.all()}
    _settle_candidates(ballot, rerank=locked)
    results = _rank_block(block) if locked else []
    tally = queries.ballot_tally(ballot)
    audit.record(
        "blocks.ballot.close",
        ballot,
        actor=actor,
        after={
            "ballots": tally.ballots,
            "present": tally.present,
            "vote_counts": {row.member.short_label: row.votes for row in tally.rows},
            "proposed": [row.member.short_label for row in tally.proposed],
        },
        summary=_("Kiểm phiếu %(question)s: %(ballots)s phiếu")
        % {"question": ballot.question, "ballots": tally.ballots},
    )
    _record_rerank(
        ballot,
        actor=actor,
        results=results,
        ranks_before=ranks_before,
        awards_before=awards_before,
        awards_after={row.member.pk: row.award for row in tally.rows},
    )
    return ballot


@service
def update_ballot_documents(
    ballot: Ballot,
    *,
    actor,
    document_number: str,
    signer_name: str,
    signer_title: str,
    expected_version: int | None = None,
) -> Ballot:
    """Set the number and signer of the tờ trình. Side effects: audit ``blocks.ballot.documents``."""
    check_version(ballot, expected_version)
    before = audit.snapshot(ballot, ["document_number", "signer_name", "signer_title"])
    ballot.document_number = document_number.strip()
    ballot.signer_name = signer_name.strip()
    ballot.signer_title = signer_title.strip()
    bump_version(ballot)
    ballot.save()
    audit.record(
        "blocks.ballot.documents",
        ballot,
        actor=actor,
        before=before,
        after=audit.snapshot(ballot, ["document_number", "signer_name", "signer_title"]),
        summary=_("Ghi thông tin tờ trình %(question)s") % {"question": ballot.question},
    )
    return ballot
