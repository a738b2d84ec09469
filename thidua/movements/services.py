"""Every write about movements. Each function is a ``@service``: one transaction, one or more audit entries.

Rules kept here, whoever calls:
- a launched movement's text is frozen (``Movement.launched_text``); any later change to the movement, its
  contents, thematic movements or targets needs a reason and is recorded as an ``Amendment``;
- units act only inside the movement's scope (the units in scope and every unit below them), and an actor
  (when not ``None`` = the system) only for units where they are an editor;
- a progress value is judged by ``achievement.evaluate`` when it is written, and every report of a target is
  judged again when the target changes.
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Iterable, Sequence
from decimal import Decimal
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua.core import audit
from thidua.core.concurrency import bump_version, check_version
from thidua.core.models import Notification
from thidua.core.services import service
from thidua.org.models import Person, RoleGrant, Unit
from thidua.org.queries import scope_for

from . import achievement
from .achievement import Direction, PeriodKind
from .models import (
    FIGURE_FIELDS,
    Amendment,
    AmendmentSubject,
    Content,
    Movement,
    MovementKind,
    MovementStatus,
    PeriodicReport,
    Plan,
    ProgressReport,
    Registration,
    Reminder,
    ReportKind,
    SubItem,
    Target,
    Task,
    TaskStatus,
)
from .titles import TITLES_BY_CODE, TitleKind

logger = logging.getLogger(__name__)

DOCUMENT_EXTENSIONS = {".pdf", ".docx"}
EVIDENCE_EXTENSIONS = {".pdf", ".docx", ".xlsx", ".jpg", ".jpeg", ".png"}

MOVEMENT_FIELDS = [
    "name",
    "theme",
    "document_type",
    "document_number",
    "document_symbol",
    "document_date",
    "document_subject",
    "signer_name",
    "signer_position",
    "kind",
    "duration",
    "period_start",
    "period_end",
    "preamble",
    "closing",
    "recipients",
    "plan_deadline",
    "midterm_deadline",
    "final_deadline",
    "lead_unit_id",
    "review",
    "order",
]
# Fields whose change after launch is an amendment of the launched text; the rest are follow-up settings.
FROZEN_FIELDS = {
    "name",
    "theme",
    "document_type",
    "document_number",
    "document_symbol",
    "document_date",
    "document_subject",
    "signer_name",
    "signer_position",
    "kind",
    "duration",
    "period_start",
    "period_end",
    "preamble",
    "closing",
    "recipients",
    "lead_unit_id",
}
TARGET_FIELDS = [
    "code",
    "order",
    "name",
    "unit_of_measure",
    "direction",
    "baseline",
    "target_value",
    "tolerance",
    "cumulative",
    "measures_change",
    "value_text",
    "source_phrase",
    "start_date",
    "deadline",
    "parent_id",
]
TASK_FIELDS = [
    "letter",
    "title",
    "text",
    "assignees",
    "lead_unit_id",
    "coordinating",
    "is_request",
    "deadline",
    "status",
    "status_note",
]


# --- helpers -----------------------------------------------------------------------------------------------


def _snapshot(instance, fields) -> dict:
    """``audit.snapshot`` that also accepts empty file fields (stored as their name, or None)."""
    from django.db.models.fields.files import FieldFile

    plain = [name for name in fields if not isinstance(getattr(instance, name), FieldFile)]
    files = {name: getattr(instance, name).name or None for name in fields if name not in plain}
    return audit.snapshot(instance, plain) | files


def _validate(instance, exclude: Sequence[str] = ()) -> None:
    instance.full_clean(exclude=list(exclude), validate_constraints=True)


def check_upload(upload, field: str, extensions: set[str] = DOCUMENT_EXTENSIONS) -> None:
    """Refuse a file of another type or larger than ``THIDUA_MAX_UPLOAD_BYTES``."""
    if not upload:
        return
    suffix = PurePath(upload.name).suffix.lower()
    if suffix not in extensions:
        allowed = ", ".join(sorted(extensions))
        raise ValidationError({field: _("Chỉ nhận tệp %(allowed)s.") % {"allowed": allowed}})
    size = getattr(upload, "size", 0) or 0
    limit = settings.THIDUA_MAX_UPLOAD_BYTES
    if size > limit:
        raise ValidationError(
            {field: _("Tệp lớn hơn %(mb)s MB.") % {"mb": limit // (1024 * 1024)}},
        )


def _plain_name(upload) -> str:
    return PurePath(upload.name).name


def scope_units(movement: Movement) -> list[Unit]:
    """The units explicitly in scope (a thematic movement shares its main movement's scope)."""
    return list(movement.root.units_in_scope.all().order_by("path"))


def unit_in_scope(movement: Movement, unit: Unit) -> bool:
    """``unit`` is one of the units in scope or lies below one of them."""
    return any(unit.path.startswith(scope.path) for scope in scope_units(movement))


def _require_editor(actor, unit: Unit) -> None:
    if actor is not None and not scope_for(actor).can_edit_in_unit(unit.pk):
        raise PermissionDenied(_("Bạn không có quyền thao tác cho đơn vị %(unit)s.") % {"unit": unit})


def _require_organiser(actor, movement: Movement) -> None:
    if actor is not None and not scope_for(actor).can_manage_organisation(movement.launching_unit_id):
        raise PermissionDenied(_("Chỉ cán bộ Ban Thi đua – Khen thưởng được thay đổi phong trào này."))


def _require_in_scope(movement: Movement, unit: Unit, field: str = "unit") -> None:
    if not unit_in_scope(movement, unit):
        raise ValidationError(
            {field: _("Đơn vị %(unit)s không thuộc phạm vi phong trào.") % {"unit": unit.full_name}}
        )


def _readable(data: dict) -> dict:
    """Amendment values as people read them: units by full name (in tree order), a parent target by code."""
    unit_ids = set()
    for key, value in data.items():
        if key == "lead_unit_id" and value:
            unit_ids.add(value)
        elif key in ("units_in_scope", "responsible_units"):
            unit_ids.update(value or [])
    ordered = list(Unit.objects.filter(pk__in=unit_ids).order_by("path").values_list("pk", "full_name"))
    names = dict(ordered)
    result = {}
    for key, value in data.items():
        if key == "lead_unit_id":
            result["lead_unit"] = names.get(value) if value else None
        elif key in ("units_in_scope", "responsible_units"):
            wanted = set(value or [])
            result[key] = [name for pk, name in ordered if pk in wanted]
        elif key == "parent_id":
            code = Target.objects.filter(pk=value).values_list("code", flat=True).first() if value else None
            result["parent"] = code
        else:
            result[key] = value
    return result


def _amend(
    movement: Movement,
    *,
    actor,
    reason: str,
    summary: str,
    before: dict,
    after: dict,
    subject: str = AmendmentSubject.MOVEMENT,
) -> Amendment:
    """Record a change to a launched movement. The reason is required.

    ``before`` and ``after`` use the field names of ``subject``'s model; unit ids and a parent target's id are
    stored by name and code (``_readable``), so the amendment reads the same after a unit is renamed.
    """
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(
            {"reason": _("Phong trào đã phát động: hãy ghi lý do, căn cứ của việc sửa đổi, bổ sung.")}
        )
    root = movement.root
    number = (root.amendments.aggregate(last=Max("number"))["last"] or 0) + 1
    before, after = _readable(before), _readable(after)
    amendment = Amendment.objects.create(
        movement=root,
        number=number,
        subject=subject,
        actor=actor if getattr(actor, "pk", None) else None,
        reason=reason[:500],
        summary=summary[:500],
        before=audit._plain(before),
        after=audit._plain(after),
    )
    audit.record(
        "movements.movement.amend",
        root,
        actor=actor,
        before=before,
        after=after,
        summary=_("Sửa đổi, bổ sung lần %(n)s: %(summary)s") % {"n": number, "summary": summary},
    )
    return amendment


def _notify(users: Iterable, *, title: str, body: str, url: str) -> int:
    """In-app notifications now, e-mails after the transaction commits."""
    users = list({user.pk: user for user in users if user.is_active}.values())
    Notification.objects.bulk_create(
        [Notification(recipient=user, title=title[:300], body=body, url=url) for user in users]
    )
    emails = sorted({user.email for user in users if user.email})
    if emails:

        def send():
            for email in emails:
                try:
                    send_mail(title, f"{body}\n\n{url}", settings.DEFAULT_FROM_EMAIL, [email])
                except Exception:  # a mail server down must not undo a launch
                    logger.exception("Không gửi được thư tới %s", email)

        transaction.on_commit(send)
    return len(users)


def users_of_units(units: Iterable[Unit], *, roles: Sequence[str] | None = None) -> list:
    """Users holding an active role directly in one of ``units``."""
    today = timezone.localdate()
    grants = RoleGrant.objects.filter(unit__in=list(units)).select_related("user")
    if roles is not None:
        grants = grants.filter(role__in=[str(role) for role in roles])
    return [grant.user for grant in grants if grant.is_active_on(today)]


def movement_url(movement: Movement) -> str:
    from django.urls import reverse

    return reverse("movements:movement_detail", args=[movement.root.pk])


# --- movements ---------------------------------------------------------------------------------------------


@service
def create_movement(
    *,
    actor,
    launching_unit: Unit,
    name: str,
    kind: str,
    period_start: datetime.date,
    period_end: datetime.date,
    units_in_scope: Iterable[Unit] = (),
    source_document=None,
    **fields,
) -> Movement:
    """Draft a movement. Side effects: audit ``movements.movement.create``."""
    if actor is not None and not scope_for(actor).can_manage_organisation(launching_unit.pk):
        raise PermissionDenied(_("Bạn không có quyền phát động phong trào thay cho đơn vị này."))
    unknown = set(fields) - set(MOVEMENT_FIELDS) - {"lead_unit"}
    if unknown:
        raise TypeError(f"create_movement() got unexpected fields {sorted(unknown)}")
    check_upload(source_document, "source_document")
    movement = Movement(
        launching_unit=launching_unit,
        name=name.strip(),
        kind=kind,
        period_start=period_start,
        period_end=period_end,
        **{key: value.strip() if isinstance(value, str) else value for key, value in fields.items()},
    )
    if source_document:
        movement.source_document.save(_plain_name(source_document), source_document, save=False)
    _check_period(movement)
    _validate(movement)
    movement.save()
    movement.units_in_scope.set(list(units_in_scope))
    after = audit.snapshot(movement, MOVEMENT_FIELDS) | {"units_in_scope": _unit_ids(movement)}
    audit.record(
        "movements.movement.create",
        movement,
        actor=actor,
        after=after,
        summary=_("Tạo dự thảo phong trào %(name)s") % {"name": movement.name},
    )
    return movement


def _check_period(movement: Movement) -> None:
    if movement.period_start and movement.period_end and movement.period_end < movement.period_start:
        raise ValidationError({"period_end": _("Ngày kết thúc phải sau ngày bắt đầu.")})


def _unit_ids(movement: Movement) -> list[int]:
    return sorted(movement.units_in_scope.values_list("pk", flat=True))


@service
def update_movement(
    movement: Movement,
    *,
    actor,
    expected_version: int | None = None,
    reason: str = "",
    units_in_scope: Iterable[Unit] | None = None,
    source_document=None,
    **changes,
) -> Movement:
    """Change a movement. Once launched, a change to its text or scope is an amendment (``reason`` required).

    Side effects: audit ``movements.movement.update``; ``movements.movement.amend`` and an ``Amendment`` row
    when the launched text changes.
    """
    _require_organiser(actor, movement)
    check_version(movement, expected_version)
    movement = Movement.objects.select_for_update().get(pk=movement.pk)
    unknown = set(changes) - set(MOVEMENT_FIELDS) - {"lead_unit"}
    if unknown:
        raise TypeError(f"update_movement() got unexpected fields {sorted(unknown)}")
    check_upload(source_document, "source_document")
    before = audit.snapshot(movement, MOVEMENT_FIELDS) | {"units_in_scope": _unit_ids(movement)}
    old_file = PurePath(movement.source_document.name).name if movement.source_document else None
    for name, value in changes.items():
        setattr(movement, name, value.strip() if isinstance(value, str) else value)
    if source_document:
        movement.source_document.save(_plain_name(source_document), source_document, save=False)
    _check_period(movement)
    _validate(movement)
    bump_version(movement)
    movement.save()
    if units_in_scope is not None:
        movement.units_in_scope.set(list(units_in_scope))
    after = audit.snapshot(movement, MOVEMENT_FIELDS) | {"units_in_scope": _unit_ids(movement)}
    changed = {key for key in after if after[key] != before[key]}
    frozen = changed & (FROZEN_FIELDS | {"units_in_scope"})
    if movement.is_launched and (frozen or source_document):
        keys = sorted(frozen)
        _amend(
            movement,
            actor=actor,
            reason=reason,
            summary=_("Sửa %(what)s của %(name)s")
            % {
                "what": ", ".join(_field_label(Movement, key) for key in keys) or _("văn bản gốc"),
                "name": movement.name,
            },
            before={key: before[key] for key in keys}
            | ({"source_document": old_file} if source_document else {}),
            after={key: after[key] for key in keys}
            | ({"source_document": _plain_name(source_document)} if source_document else {}),
        )
    audit.record(
        "movements.movement.update",
        movement,
        actor=actor,
        before=before,
        after=after,
        summary=_("Sửa phong trào %(name)s") % {"name": movement.name},
    )
    return movement


def _field_label(model, name: str) -> str:
    if name == "units_in_scope":
        return str(_("đơn vị thuộc phạm vi"))
    try:
        return str(model._meta.get_field(name.removesuffix("_id")).verbose_name)
    except Exception:
        return name


@service
def create_thematic_movement(
    parent: Movement,
    *,
    actor,
    name: str,
    lead_unit: Unit | None = None,
    order: int | None = None,
    theme: str = "",
    reason: str = "",
) -> Movement:
    """A thematic movement under ``parent``: same launching unit, period and scope; its own name and lead unit.

    Side effects: audit ``movements.thematic.create``; an amendment when ``parent`` is already launched.
    """
    _require_organiser(actor, parent)
    if parent.parent_id:
        raise ValidationError(_("Phong trào chuyên đề chỉ đặt dưới phong trào chính, không lồng nhiều cấp."))
    if order is None:
        order = (parent.thematic_movements.aggregate(last=Max("order"))["last"] or 0) + 1
    movement = Movement(
        parent=parent,
        order=order,
        launching_unit=parent.launching_unit,
        lead_unit=lead_unit,
        name=name.strip(),
        theme=theme.strip(),
        kind=MovementKind.THEMATIC,
        document_type=parent.document_type,
        period_start=parent.period_start,
        period_end=parent.period_end,
        status=parent.status,
        launched_at=parent.launched_at,
    )
    _validate(movement)
    movement.save()
    after = audit.snapshot(movement, ["name", "lead_unit_id", "order"])
    if parent.is_launched:
        _amend(
            parent,
            actor=actor,
            reason=reason,
            summary=_("Bổ sung phong trào chuyên đề %(name)s") % {"name": movement.name},
            before={},
            after=_thematic_text(movement),
            subject=AmendmentSubject.THEMATIC,
        )
    audit.record(
        "movements.thematic.create",
        movement,
        actor=actor,
        after=after,
        summary=_("Thêm phong trào chuyên đề %(name)s") % {"name": movement.name},
    )
    return movement


THEMATIC_FIELDS = ["name", "theme", "lead_unit_id", "order"]


def _thematic_text(thematic: Movement) -> dict:
    """A thematic movement as its amendments record it: the lead unit by name."""
    return {
        "name": thematic.name,
        "theme": thematic.theme,
        "lead_unit": thematic.lead_unit.full_name if thematic.lead_unit_id else None,
        "order": thematic.order,
    }


@service
def update_thematic(
    thematic: Movement,
    *,
    actor,
    expected_version: int | None = None,
    reason: str = "",
    **changes,
) -> Movement:
    """Change a thematic movement's name, theme, lead unit or order. Once the main movement is launched, any
    such change is an amendment of it (``reason`` required).

    Side effects: audit ``movements.thematic.update``; ``movements.movement.amend`` and an ``Amendment`` row on
    the main movement when it is launched and something changed.
    """
    if not thematic.parent_id:
        raise ValidationError(_("Đây không phải phong trào chuyên đề."))
    _require_organiser(actor, thematic)
    check_version(thematic, expected_version)
    thematic = (
        Movement.objects.select_for_update(of=("self",))
        .select_related("parent", "lead_unit")
        .get(pk=thematic.pk)
    )
    unknown = set(changes) - {"name", "theme", "lead_unit", "order"}
    if unknown:
        raise TypeError(f"update_thematic() got unexpected fields {sorted(unknown)}")
    before, text_before = audit.snapshot(thematic, THEMATIC_FIELDS), _thematic_text(thematic)
    for name, value in changes.items():
        setattr(thematic, name, value.strip() if isinstance(value, str) else value)
    _validate(thematic)
    bump_version(thematic)
    thematic.save()
    after, text_after = audit.snapshot(thematic, THEMATIC_FIELDS), _thematic_text(thematic)
    changed = [key for key in text_after if text_after[key] != text_before[key]]
    if thematic.parent.is_launched and changed:
        _amend(
            thematic.parent,
            actor=actor,
            reason=reason,
            summary=_("Sửa phong trào chuyên đề %(name)s") % {"name": thematic.name},
            before={key: text_before[key] for key in changed},
            after={key: text_after[key] for key in changed},
            subject=AmendmentSubject.THEMATIC,
        )
    audit.record(
        "movements.thematic.update",
        thematic,
        actor=actor,
        before=before,
        after=after,
        summary=_("Sửa phong trào chuyên đề %(name)s") % {"name": thematic.name},
    )
    return thematic


@service
def set_content(
    movement: Movement,
    *,
    actor,
    number: int,
    title: str,
    text: str = "",
    sub_items: Sequence[tuple[str, str]] = (),
    reason: str = "",
) -> Content:
    """Add content ``number`` or replace it (title, text and sub-items).

    Side effects: audit ``movements.content.set``; an amendment when the movement is launched.
    """
    _require_organiser(actor, movement)
    letters = [letter.strip() for letter, _text in sub_items]
    if len(set(letters)) != len(letters):
        raise ValidationError({"sub_items": _("Hai mục con trùng ký hiệu.")})
    content = Content.objects.filter(movement=movement, number=number).first()
    before = _content_snapshot(content) if content else {}
    if content is None:
        content = Content(movement=movement, number=number)
    content.title = title.strip()
    content.text = text.strip()
    _validate(content)
    content.save()
    content.sub_items.all().delete()
    SubItem.objects.bulk_create(
        [
            SubItem(content=content, letter=letter.strip(), text=item_text.strip())
            for letter, item_text in sub_items
        ]
    )
    after = _content_snapshot(content)
    if movement.is_launched and after != before:
        _amend(
            movement,
            actor=actor,
            reason=reason,
            summary=_("Sửa nội dung %(n)s") % {"n": number},
            before=before,
            after=after,
            subject=AmendmentSubject.CONTENT,
        )
    audit.record(
        "movements.content.set",
        content,
        actor=actor,
        before=before or None,
        after=after,
        summary=_("Ghi nội dung %(n)s của %(name)s") % {"n": number, "name": movement.name},
    )
    return content


def _content_snapshot(content: Content) -> dict:
    return {
        "number": content.number,
        "title": content.title,
        "text": content.text,
        "sub_items": [[item.letter, item.text] for item in content.sub_items.order_by("letter")],
    }


def launched_text(movement: Movement) -> dict:
    """The whole text as launched: document fields, contents, thematic movements, targets, tasks."""
    text = audit.snapshot(movement, sorted(FROZEN_FIELDS - {"lead_unit_id"}))
    text["launching_unit"] = movement.launching_unit.full_name
    text["units_in_scope"] = [unit.full_name for unit in movement.units_in_scope.order_by("path")]
    text["contents"] = [
        _content_snapshot(content) for content in movement.contents.prefetch_related("sub_items")
    ]
    text["thematic_movements"] = [
        {"name": thematic.name, "lead_unit": thematic.lead_unit.full_name if thematic.lead_unit_id else None}
        for thematic in movement.thematic_movements.select_related("lead_unit").order_by("order", "id")
    ]
    text["targets"] = [
        {
            "code": target.code,
            "name": target.name,
            "direction": target.direction,
            "target_value": str(target.target_value.normalize()),
            "unit_of_measure": target.unit_of_measure,
            "parent": target.parent.code if target.parent_id else None,
        }
        for target in movement.targets.select_related("parent").order_by("order", "id")
    ]
    text["tasks"] = [
        {"letter": task.letter, "title": task.title, "deadline": task.deadline}
        for task in movement.tasks.order_by("letter", "id")
    ]
    text["source_document"] = movement.source_document.name or None
    return audit._plain(text)


@service
def launch_movement(
    movement: Movement,
    *,
    actor,
    expected_version: int | None = None,
    launched_at: datetime.datetime | None = None,
) -> Movement:
    """Launch ("phát động") a draft: freeze its text and notify the units in scope in the app and by e-mail.

    Side effects: audit ``movements.movement.launch``; one ``Notification`` per user holding a role in a unit
    in scope (or in a thematic movement's lead unit); e-mails after commit.
    """
    _require_organiser(actor, movement)
    check_version(movement, expected_version)
    movement = Movement.objects.select_for_update().get(pk=movement.pk)
    if movement.parent_id:
        raise ValidationError(_("Phong trào chuyên đề được phát động cùng phong trào chính."))
    if movement.status != MovementStatus.DRAFT:
        raise ValidationError(_("Phong trào này đã được phát động."))
    units = scope_units(movement)
    if not units:
        raise ValidationError({"units_in_scope": _("Hãy chọn ít nhất một đơn vị thuộc phạm vi phong trào.")})
    if not movement.contents.exists() and not movement.targets.exists():
        raise ValidationError(_("Phong trào chưa có nội dung hay chỉ tiêu nào: chưa thể phát động."))
    now = launched_at or timezone.now()  # a past date only when recording a launch made before thidua
    movement.status = MovementStatus.LAUNCHED
    movement.launched_at = now
    movement.launched_by = actor if getattr(actor, "pk", None) else None
    movement.launched_text = launched_text(movement)
    bump_version(movement)
    movement.save()
    movement.thematic_movements.update(status=MovementStatus.LAUNCHED, launched_at=now)
    lead_units = [
        thematic.lead_unit for thematic in movement.thematic_movements.all() if thematic.lead_unit_id
    ]
    recipients = [user for user in users_of_units([*units, *lead_units]) if not actor or user.pk != actor.pk]
    title = _("Phát động: %(name)s") % {"name": movement.name}
    body = movement.theme_quoted or movement.name
    count = _notify(recipients, title=title, body=body, url=movement_url(movement))
    audit.record(
        "movements.movement.launch",
        movement,
        actor=actor,
        before={"status": MovementStatus.DRAFT},
        after={"status": movement.status, "launched_at": now, "notified": count},
        summary=_("Phát động phong trào %(name)s, thông báo tới %(n)s người")
        % {"name": movement.name, "n": count},
    )
    return movement


@service
def close_movement(movement: Movement, *, actor) -> Movement:
    """Close a launched movement (no more reports). Side effects: audit ``movements.movement.close``."""
    _require_organiser(actor, movement)
    if movement.status != MovementStatus.LAUNCHED:
        raise ValidationError(_("Chỉ kết thúc được phong trào đang phát động."))
    movement.status = MovementStatus.CLOSED
    bump_version(movement)
    movement.save(update_fields=["status", "version", "updated_at"])
    movement.thematic_movements.update(status=MovementStatus.CLOSED)
    audit.record(
        "movements.movement.close",
        movement,
        actor=actor,
        before={"status": MovementStatus.LAUNCHED},
        after={"status": MovementStatus.CLOSED},
        summary=_("Kết thúc phong trào %(name)s") % {"name": movement.name},
    )
    return movement


@service
def set_public_progress(movement: Movement, *, actor, public: bool) -> Movement:
    """Switch the public progress page on or off. Side effects: audit ``movements.movement.public``."""
    _require_organiser(actor, movement)
    before = {"public_progress": movement.public_progress}
    movement.public_progress = public
    movement.save(update_fields=["public_progress", "updated_at"])
    audit.record(
        "movements.movement.public",
        movement,
        actor=actor,
        before=before,
        after={"public_progress": public},
        summary=(
            _("Bật trang công khai tiến độ của %(name)s")
            if public
            else _("Tắt trang công khai tiến độ của %(name)s")
        )
        % {"name": movement.name},
    )
    return movement


def can_review_thematic(user, thematic: Movement) -> bool:
    """The officer of the launching unit, or an editor of the thematic movement's lead unit."""
    scope = scope_for(user)
    if scope.can_manage_organisation(thematic.launching_unit_id):
        return True
    return bool(thematic.lead_unit_id) and scope.can_edit_in_unit(thematic.lead_unit_id)


@service
def update_thematic_review(movement: Movement, *, actor, review: str) -> Movement:
    """The review (đánh giá, sơ kết) of a thematic movement, written by its lead unit or the officer. It
    changes nothing else: the lead unit is changed by ``update_thematic`` (an amendment once launched).

    Side effects: audit ``movements.thematic.review``.
    """
    if actor is not None and not can_review_thematic(actor, movement):
        raise PermissionDenied(
            _("Chỉ đơn vị chủ trì hoặc Ban Thi đua – Khen thưởng được đánh giá phong trào này.")
        )
    before = {"review": movement.review}
    movement.review = review.strip()
    bump_version(movement)
    movement.save(update_fields=["review", "version", "updated_at"])
    audit.record(
        "movements.thematic.review",
        movement,
        actor=actor,
        before=before,
        after={"review": movement.review},
        summary=_("Đánh giá phong trào chuyên đề %(name)s") % {"name": movement.name},
    )
    return movement


# --- tasks -------------------------------------------------------------------------------------------------


@service
def add_task(
    movement: Movement,
    *,
    actor,
    title: str,
    letter: str = "",
    text: str = "",
    assignees: str = "",
    assignee_units: Iterable[Unit] = (),
    lead_unit: Unit | None = None,
    coordinating: str = "",
    is_request: bool = False,
    deadline: datetime.date | None = None,
    reason: str = "",
) -> Task:
    """Assign work to named bodies. Side effects: audit ``movements.task.create``; an amendment once launched."""
    _require_organiser(actor, movement)
    task = Task(
        movement=movement,
        letter=letter.strip(),
        title=title.strip(),
        text=text.strip(),
        assignees=assignees.strip(),
        lead_unit=lead_unit,
        coordinating=coordinating.strip(),
        is_request=is_request,
        deadline=deadline,
    )
    _validate(task)
    task.save()
    task.assignee_units.set(list(assignee_units))
    after = audit.snapshot(task, TASK_FIELDS)
    if movement.is_launched:
        _amend(
            movement,
            actor=actor,
            reason=reason,
            summary=_("Bổ sung nhiệm vụ %(title)s") % {"title": task.title},
            before={},
            after=after,
            subject=AmendmentSubject.TASK,
        )
    audit.record(
        "movements.task.create",
        task,
        actor=actor,
        after=after,
        summary=_("Giao nhiệm vụ %(title)s") % {"title": task.title},
    )
    return task


def can_update_task(user, task: Task) -> bool:
    scope = scope_for(user)
    if scope.can_manage_organisation(task.movement.launching_unit_id):
        return True
    unit_ids = {task.lead_unit_id, *task.assignee_units.values_list("pk", flat=True)} - {None}
    return any(scope.can_edit_in_unit(unit_id) for unit_id in unit_ids)


@service
def update_task(
    task: Task,
    *,
    actor,
    expected_version: int | None = None,
    status: str | None = None,
    status_note: str | None = None,
    deadline: datetime.date | None = None,
    clear_deadline: bool = False,
) -> Task:
    """Follow a task: its status and note (by an assigned unit or the officer), its deadline (officer).

    Side effects: audit ``movements.task.update``.
    """
    if actor is not None and not can_update_task(actor, task):
        raise PermissionDenied(_("Bạn không được giao nhiệm vụ này."))
    check_version(task, expected_version)
    before = audit.snapshot(task, TASK_FIELDS)
    if status is not None:
        if status not in TaskStatus.values:
            raise ValidationError({"status": _("Tình trạng không hợp lệ.")})
        task.status = status
    if status_note is not None:
        task.status_note = status_note.strip()
    if deadline is not None or clear_deadline:
        _require_organiser(actor, task.movement)
        task.deadline = deadline
    bump_version(task)
    task.save()
    audit.record(
        "movements.task.update",
        task,
        actor=actor,
        before=before,
        after=audit.snapshot(task, TASK_FIELDS),
        summary=_("Cập nhật nhiệm vụ %(title)s: %(status)s")
        % {"title": task.title, "status": task.get_status_display()},
    )
    return task


# --- targets -----------------------------------------------------------------------------------------------


def _next_code(movement: Movement, parent: Target | None) -> str:
    """The next free code: "3" after two targets, "6.2" under "6"; a code freed by a deletion is not reused
    while a later one still holds the next number."""
    siblings = movement.targets.filter(parent__isnull=True) if parent is None else parent.sub_targets.all()
    prefix = "" if parent is None else f"{parent.code}."
    used = set(movement.targets.values_list("code", flat=True))
    number = siblings.count() + 1
    while f"{prefix}{number}" in used:
        number += 1
    return f"{prefix}{number}"


def _check_target(target: Target) -> None:
    try:
        target.spec()
    except (ValueError, TypeError) as exc:
        message = str(exc)
        field = "baseline" if "gốc" in message else "tolerance" if "dung sai" in message else "target_value"
        raise ValidationError({field: message[:1].upper() + message[1:] + "."}) from None
    if target.parent_id and target.parent.movement_id != target.movement_id:
        raise ValidationError({"parent": _("Chỉ tiêu cha phải thuộc cùng phong trào.")})
    if target.parent_id and target.parent.parent_id:
        raise ValidationError({"parent": _("Chỉ tiêu con không có chỉ tiêu con nữa.")})
    start, deadline = target.effective_start, target.effective_deadline
    if start and deadline and deadline < start:
        raise ValidationError({"deadline": _("Hạn đạt chỉ tiêu phải sau ngày bắt đầu tính.")})


def _target_snapshot(target: Target) -> dict:
    return audit.snapshot(target, TARGET_FIELDS) | {
        "responsible_units": sorted(target.responsible_units.values_list("pk", flat=True))
    }


@service
def add_target(
    movement: Movement,
    *,
    actor,
    name: str,
    unit_of_measure: str,
    direction: str,
    target_value: Decimal,
    baseline: Decimal | None = None,
    tolerance: Decimal | None = None,
    cumulative: bool = False,
    measures_change: bool = False,
    parent: Target | None = None,
    code: str = "",
    order: int | None = None,
    responsible_units: Iterable[Unit] = (),
    start_date: datetime.date | None = None,
    deadline: datetime.date | None = None,
    value_text: str = "",
    source_phrase: str = "",
    reason: str = "",
) -> Target:
    """Add a target (or a sub-target under ``parent``). Side effects: audit ``movements.target.create``; an
    amendment once the movement is launched."""
    _require_organiser(actor, movement)
    if direction in (Direction.INCREASE_BY, Direction.DECREASE_BY) and baseline is None:
        measures_change = True  # without a baseline, units report the change itself
    if order is None:
        order = (movement.targets.aggregate(last=Max("order"))["last"] or 0) + 1
    target = Target(
        movement=movement,
        parent=parent,
        code=(code or _next_code(movement, parent)).strip(),
        order=order,
        name=name.strip(),
        unit_of_measure=unit_of_measure.strip(),
        direction=direction,
        baseline=baseline,
        target_value=target_value,
        tolerance=tolerance,
        cumulative=cumulative,
        measures_change=measures_change,
        value_text=value_text.strip(),
        source_phrase=source_phrase.strip(),
        start_date=start_date,
        deadline=deadline,
    )
    _check_target(target)
    _validate(target)
    target.save()
    target.responsible_units.set(list(responsible_units))
    after = _target_snapshot(target)
    if movement.is_launched:
        _amend(
            movement,
            actor=actor,
            reason=reason,
            summary=_("Bổ sung chỉ tiêu %(name)s") % {"name": target.name},
            before={},
            after=after,
            subject=AmendmentSubject.TARGET,
        )
    audit.record(
        "movements.target.create",
        target,
        actor=actor,
        after=after,
        summary=_("Thêm chỉ tiêu %(name)s") % {"name": target.name},
    )
    return target


@service
def update_target(
    target: Target,
    *,
    actor,
    expected_version: int | None = None,
    reason: str = "",
    responsible_units: Iterable[Unit] | None = None,
    **changes,
) -> Target:
    """Change a target; every progress report of it is judged again. Once launched, a change of its value,
    unit or direction is an amendment. Side effects: audit ``movements.target.update``."""
    _require_organiser(actor, target.movement)
    check_version(target, expected_version)
    target = Target.objects.select_for_update().select_related("movement").get(pk=target.pk)
    unknown = set(changes) - set(TARGET_FIELDS) - {"parent"}
    if unknown:
        raise TypeError(f"update_target() got unexpected fields {sorted(unknown)}")
    before = _target_snapshot(target)
    for name, value in changes.items():
        setattr(target, name, value.strip() if isinstance(value, str) else value)
    _check_target(target)
    _validate(target)
    bump_version(target)
    target.save()
    if responsible_units is not None:
        target.responsible_units.set(list(responsible_units))
    after = _target_snapshot(target)
    frozen = {
        key
        for key in ("name", "unit_of_measure", "direction", "baseline", "target_value", "code", "parent_id")
        if before[key] != after[key]
    }
    if target.movement.is_launched and frozen:
        _amend(
            target.movement,
            actor=actor,
            reason=reason,
            summary=_("Sửa chỉ tiêu %(name)s") % {"name": target.name},
            before={key: before[key] for key in sorted(frozen)},
            after={key: after[key] for key in sorted(frozen)},
            subject=AmendmentSubject.TARGET,
        )
    rejudged = reevaluate_reports(target)
    audit.record(
        "movements.target.update",
        target,
        actor=actor,
        before=before,
        after=after | {"reports_rejudged": rejudged},
        summary=_("Sửa chỉ tiêu %(name)s") % {"name": target.name},
    )
    return target


def judge(target: Target, value: Decimal, period_end: datetime.date) -> achievement.Achievement:
    return achievement.evaluate(
        target.spec(),
        value,
        period_end=period_end,
        target_start=target.effective_start,
        target_deadline=target.effective_deadline,
    )


def reevaluate_reports(target: Target) -> int:
    """Judge every report of ``target`` again (called by services after the target changed)."""
    count = 0
    for report in target.reports.all():
        verdict = judge(target, report.value, report.period_end)
        report.status = verdict.status.value
        report.percent = verdict.percent
        report.on_track = verdict.status is achievement.Status.DAT and not verdict.met
        report.save(update_fields=["status", "percent", "on_track"])
        count += 1
    return count


# --- progress ----------------------------------------------------------------------------------------------


def reporting_unit_ids(user, target: Target) -> set[int] | None:
    """Units ``user`` may report for on ``target``; ``None`` means any unit in scope (an organiser)."""
    scope = scope_for(user)
    if scope.can_manage_organisation(target.movement.launching_unit_id):
        return None
    responsible = list(target.responsible_units.all()) or scope_units(target.movement)
    editable = scope.unit_ids(("admin", "officer", "clerk"))
    paths = [unit.path for unit in responsible]
    return {
        unit.pk
        for unit in Unit.objects.filter(pk__in=editable).only("pk", "path")
        if any(unit.path.startswith(path) for path in paths)
    }


@service
def report_progress(
    target: Target,
    *,
    actor,
    unit: Unit,
    period_kind: str,
    period_year: int,
    period_index: int,
    value: Decimal,
    note: str = "",
    evidence=None,
    expected_version: int | None = None,
) -> ProgressReport:
    """Report (or correct) ``unit``'s value of ``target`` for one period; the value is judged at once.

    Side effects: audit ``movements.progress.report``.
    """
    movement = Movement.objects.get(pk=target.movement_id)
    target.movement = movement
    if movement.status != MovementStatus.LAUNCHED:
        raise ValidationError(_("Chỉ báo cáo tiến độ cho phong trào đang phát động."))
    _require_editor(actor, unit)
    if actor is not None:
        allowed = reporting_unit_ids(actor, target)
        if allowed is not None and unit.pk not in allowed:
            raise PermissionDenied(_("Đơn vị %(unit)s không chịu trách nhiệm chỉ tiêu này.") % {"unit": unit})
    _require_in_scope(movement, unit)
    check_upload(evidence, "evidence", EVIDENCE_EXTENSIONS)
    try:
        kind = PeriodKind(period_kind)
        period_end = kind.end(int(period_year), int(period_index))
    except ValueError as exc:
        raise ValidationError({"period_index": str(exc)}) from None
    if period_end < movement.period_start:
        raise ValidationError({"period_year": _("Kỳ báo cáo kết thúc trước khi phong trào bắt đầu.")})
    if kind.start(int(period_year), int(period_index)) > movement.period_end:
        raise ValidationError({"period_year": _("Kỳ báo cáo bắt đầu sau khi phong trào kết thúc.")})
    value = Decimal(value)
    report = (
        ProgressReport.objects.select_for_update()
        .filter(
            target=target, unit=unit, period_kind=kind, period_year=period_year, period_index=period_index
        )
        .first()
    )
    before = None
    if report is None:
        report = ProgressReport(
            target=target,
            unit=unit,
            period_kind=kind.value,
            period_year=period_year,
            period_index=period_index,
        )
    else:
        check_version(report, expected_version)
        before = audit.snapshot(report, ["value", "note", "status", "percent"])
        bump_version(report)
    verdict = judge(target, value, period_end)
    report.period_end = period_end
    report.value = value
    report.note = note.strip()
    report.status = verdict.status.value
    report.percent = verdict.percent
    report.on_track = verdict.status is achievement.Status.DAT and not verdict.met
    report.reported_by = actor if getattr(actor, "pk", None) else None
    if evidence:
        report.evidence.save(_plain_name(evidence), evidence, save=False)
    _validate(report)
    report.save()
    audit.record(
        "movements.progress.report",
        report,
        actor=actor,
        before=before,
        after=audit.snapshot(report, ["value", "note", "status", "percent"]),
        summary=_("Báo cáo %(target)s, %(period)s: %(value)s %(unit)s (%(status)s)")
        % {
            "target": target.name,
            "period": report.period_label,
            "value": _number(value),
            "unit": target.unit_of_measure,
            "status": report.status_label,
        },
    )
    return report


def _number(value: Decimal) -> str:
    from django.utils.formats import number_format

    value = Decimal(value).normalize()
    places = max(0, -value.as_tuple().exponent)
    return number_format(value, decimal_pos=places, use_l10n=True, force_grouping=True)


@service
def import_progress(movement: Movement, rows, *, actor) -> tuple[int, int]:
    """Write checked progress rows (see ``imports.ProgressImporter``), all or nothing.

    Side effects: the audit entries of ``report_progress`` and one ``movements.progress.import``.
    """
    created = updated = 0
    for row in rows:
        values = row.values
        existed = ProgressReport.objects.filter(
            target=values["target_obj"],
            unit=values["unit_obj"],
            period_kind=values["period_kind"],
            period_year=values["period_year"],
            period_index=values["period_index"],
        ).exists()
        report_progress(
            values["target_obj"],
            actor=actor,
            unit=values["unit_obj"],
            period_kind=values["period_kind"],
            period_year=values["period_year"],
            period_index=values["period_index"],
            value=values["value"],
            note=values.get("note") or "",
        )
        if existed:
            updated += 1
        else:
            created += 1
    audit.record(
        "movements.progress.import",
        movement,
        actor=actor,
        after={"rows": len(rows), "created": created, "updated": updated},
        summary=_("Nhập %(n)s giá trị tiến độ từ Excel") % {"n": len(rows)},
    )
    return created, updated


# --- plans -------------------------------------------------------------------------------------------------


@service
def file_plan(
    movement: Movement,
    *,
    actor,
    unit: Unit,
    summary: str,
    number_symbol: str = "",
    document=None,
    expected_version: int | None = None,
    submitted_at: datetime.datetime | None = None,
) -> Plan:
    """File (or replace) ``unit``'s plan responding to the movement. Side effects: audit ``movements.plan.file``."""
    if not movement.is_launched:
        raise ValidationError(_("Phong trào chưa được phát động."))
    _require_editor(actor, unit)
    _require_in_scope(movement, unit)
    check_upload(document, "document")
    if not summary.strip():
        raise ValidationError({"summary": _("Hãy ghi tóm tắt kế hoạch.")})
    plan = Plan.objects.select_for_update().filter(movement=movement, unit=unit).first()
    before = None
    if plan is None:
        plan = Plan(movement=movement, unit=unit, submitted_at=submitted_at or timezone.now())
    else:
        check_version(plan, expected_version)
        before = _snapshot(plan, ["number_symbol", "summary", "document", "submitted_at"])
        bump_version(plan)
    plan.summary = summary.strip()
    plan.number_symbol = number_symbol.strip()
    plan.submitted_by = actor if getattr(actor, "pk", None) else None
    if document:
        plan.document.save(_plain_name(document), document, save=False)
    _validate(plan)
    plan.save()
    audit.record(
        "movements.plan.file",
        plan,
        actor=actor,
        before=before,
        after=_snapshot(plan, ["number_symbol", "summary", "document", "submitted_at"]),
        summary=_("%(unit)s nộp kế hoạch thực hiện %(name)s")
        % {"unit": unit.short_name, "name": movement.name},
    )
    return plan


REMINDER_SUBJECTS = {
    "ke-hoach": gettext_lazy("kế hoạch thực hiện phong trào"),
    "so-ket": gettext_lazy("báo cáo sơ kết 6 tháng"),
    "tong-ket": gettext_lazy("báo cáo tổng kết năm"),
}


@service
def send_reminders(movement: Movement, *, actor, subject: str, units: Iterable[Unit]) -> int:
    """Remind ``units`` (their clerks and leaders) that a plan or report is due. Returns the people notified.

    Side effects: ``Reminder`` rows, notifications and e-mails; audit ``movements.reminder.send``.
    """
    _require_organiser(actor, movement)
    if subject not in REMINDER_SUBJECTS:
        raise ValidationError(_("Không rõ nhắc việc gì."))
    units = list(units)
    if not units:
        raise ValidationError(_("Không có đơn vị nào cần nhắc."))
    what = REMINDER_SUBJECTS[subject]
    total = 0
    for unit in units:
        users = users_of_units([unit], roles=("clerk", "leader"))
        count = _notify(
            users,
            title=_("Nhắc nộp %(what)s: %(name)s") % {"what": what, "name": movement.name},
            body=_("Đơn vị %(unit)s chưa nộp %(what)s.") % {"unit": unit.full_name, "what": what},
            url=movement_url(movement),
        )
        Reminder.objects.create(movement=movement, unit=unit, subject=subject, recipients=count)
        total += count
    audit.record(
        "movements.reminder.send",
        movement,
        actor=actor,
        after={"subject": subject, "units": [unit.pk for unit in units], "notified": total},
        summary=_("Nhắc %(n)s đơn vị nộp %(what)s") % {"n": len(units), "what": what},
    )
    return total


# --- registrations -----------------------------------------------------------------------------------------


def _check_registration(movement: Movement, unit: Unit, title: str, person_name: str) -> str:
    known = TITLES_BY_CODE.get(title)
    if known is None:
        raise ValidationError({"title": _("Danh hiệu không có trong danh mục.")})
    if known.kind == TitleKind.INDIVIDUAL and not person_name.strip():
        raise ValidationError({"person_name": _("Danh hiệu cá nhân cần họ và tên người đăng ký.")})
    return known.kind


@service
def register_title(
    movement: Movement,
    *,
    actor,
    unit: Unit,
    title: str,
    person: Person | None = None,
    person_name: str = "",
    position_title: str = "",
) -> Registration:
    """Register a title the unit's collective, or one of its individuals, aims for.

    Side effects: audit ``movements.registration.create``.
    """
    if not movement.is_launched:
        raise ValidationError(_("Phong trào chưa được phát động."))
    _require_editor(actor, unit)
    _require_in_scope(movement, unit)
    if person is not None:
        person_name = person_name or person.full_name
        position_title = position_title or person.position_title
        if person.unit_id and not unit_in_scope(movement, person.unit) and actor is not None:
            raise ValidationError({"person": _("Cá nhân này không thuộc đơn vị trong phạm vi phong trào.")})
    kind = _check_registration(movement, unit, title, person_name)
    if kind == TitleKind.COLLECTIVE:
        person, person_name, position_title = None, "", ""
    person_name = " ".join(person_name.split())
    if Registration.objects.filter(
        movement=movement, unit=unit, kind=kind, title=title, person_name=person_name
    ).exists():
        raise ValidationError(_("Đăng ký này đã có."))
    registration = Registration(
        movement=movement,
        unit=unit,
        kind=kind,
        title=title,
        person=person,
        person_name=person_name,
        position_title=position_title.strip(),
        registered_by=actor if getattr(actor, "pk", None) else None,
    )
    _validate(registration)
    registration.save()
    audit.record(
        "movements.registration.create",
        registration,
        actor=actor,
        after=audit.snapshot(registration, ["unit_id", "kind", "title", "person_id", "person_name"]),
        summary=_("%(unit)s đăng ký %(title)s%(who)s")
        % {
            "unit": unit.short_name,
            "title": registration.title_label,
            "who": f" – {person_name}" if person_name else "",
        },
    )
    return registration


@service
def withdraw_registration(registration: Registration, *, actor) -> None:
    """Withdraw a registration. Side effects: audit ``movements.registration.withdraw``."""
    _require_editor(actor, registration.unit)
    before = audit.snapshot(registration, ["unit_id", "kind", "title", "person_id", "person_name"])
    audit.record(
        "movements.registration.withdraw",
        registration,
        actor=actor,
        before=before,
        summary=_("Rút đăng ký %(title)s%(who)s")
        % {
            "title": registration.title_label,
            "who": f" – {registration.person_name}" if registration.person_name else "",
        },
    )
    registration.delete()


@service
def import_registrations(movement: Movement, rows, *, actor) -> tuple[int, int]:
    """Write checked registration rows (see ``imports.RegistrationImporter``), all or nothing.

    Side effects: the audit entries of ``register_title`` and one ``movements.registration.import``.
    """
    for row in rows:
        values = row.values
        register_title(
            movement,
            actor=actor,
            unit=values["unit_obj"],
            title=values["title"],
            person=values.get("person_obj"),
            person_name=values.get("person_name") or "",
            position_title=values.get("position_title") or "",
        )
    audit.record(
        "movements.registration.import",
        movement,
        actor=actor,
        after={"rows": len(rows)},
        summary=_("Nhập %(n)s đăng ký thi đua từ Excel") % {"n": len(rows)},
    )
    return len(rows), 0


# --- periodic reports --------------------------------------------------------------------------------------


@service
def submit_periodic_report(
    movement: Movement,
    *,
    actor,
    unit: Unit,
    kind: str,
    year: int,
    summary: str,
    document=None,
    expected_version: int | None = None,
    submitted_at: datetime.datetime | None = None,
    **figures: int,
) -> PeriodicReport:
    """Submit (or replace) ``unit``'s six-month or year-end report with its key figures.

    Side effects: audit ``movements.report.submit``.
    """
    if not movement.is_launched:
        raise ValidationError(_("Phong trào chưa được phát động."))
    if kind not in ReportKind.values:
        raise ValidationError({"kind": _("Loại báo cáo không hợp lệ.")})
    unknown = set(figures) - set(FIGURE_FIELDS)
    if unknown:
        raise TypeError(f"submit_periodic_report() got unexpected figures {sorted(unknown)}")
    _require_editor(actor, unit)
    _require_in_scope(movement, unit)
    check_upload(document, "document")
    if not summary.strip():
        raise ValidationError({"summary": _("Hãy ghi tóm tắt kết quả.")})
    report = (
        PeriodicReport.objects.select_for_update()
        .filter(movement=movement, unit=unit, kind=kind, year=year)
        .first()
    )
    fields = ["summary", "document", *FIGURE_FIELDS]
    before = None
    if report is None:
        report = PeriodicReport(movement=movement, unit=unit, kind=kind, year=year)
    else:
        check_version(report, expected_version)
        before = _snapshot(report, fields)
        bump_version(report)
    report.summary = summary.strip()
    for name, value in figures.items():
        setattr(report, name, int(value or 0))
    report.submitted_at = submitted_at or timezone.now()
    report.submitted_by = actor if getattr(actor, "pk", None) else None
    if document:
        report.document.save(_plain_name(document), document, save=False)
    _validate(report)
    report.save()
    audit.record(
        "movements.report.submit",
        report,
        actor=actor,
        before=before,
        after=_snapshot(report, fields),
        summary=_("%(unit)s nộp %(kind)s %(year)s")
        % {"unit": unit.short_name, "kind": report.get_kind_display(), "year": year},
    )
    return report


# --- deleting from a draft ---------------------------------------------------------------------------------


def _locked_draft(movement: Movement, actor) -> Movement:
    """The main movement, locked; refused unless ``actor`` organises it and it is still a draft."""
    root = Movement.objects.select_for_update().get(pk=movement.root.pk)
    _require_organiser(actor, root)
    if not root.is_draft:
        raise ValidationError(
            _("Phong trào đã phát động: không xóa được, chỉ sửa đổi, bổ sung kèm lý do, căn cứ.")
        )
    return root


@service
def delete_content(content: Content, *, actor) -> None:
    """Delete a content and its sub-items while the movement is a draft.

    Side effects: audit ``movements.content.delete`` on the movement (the content is gone).
    """
    root = _locked_draft(content.movement, actor)
    before = {"content_id": content.pk} | _content_snapshot(content)
    content.delete()
    audit.record(
        "movements.content.delete",
        root,
        actor=actor,
        before=before,
        summary=_("Xóa nội dung %(n)s của dự thảo %(name)s") % {"n": before["number"], "name": root.name},
    )


@service
def delete_target(target: Target, *, actor) -> None:
    """Delete a target while the movement is a draft; a target with sub-targets is refused.

    Side effects: audit ``movements.target.delete`` on the movement.
    """
    root = _locked_draft(target.movement, actor)
    if target.sub_targets.exists():
        raise ValidationError(
            _("Chỉ tiêu %(code)s có chỉ tiêu con: hãy xóa các chỉ tiêu con trước.") % {"code": target.code}
        )
    before = {"target_id": target.pk} | _target_snapshot(target)
    target.delete()
    audit.record(
        "movements.target.delete",
        root,
        actor=actor,
        before=before,
        summary=_("Xóa chỉ tiêu %(code)s. %(name)s của dự thảo %(movement)s")
        % {"code": before["code"], "name": before["name"], "movement": root.name},
    )


@service
def delete_task(task: Task, *, actor) -> None:
    """Delete a task while the movement is a draft. Side effects: audit ``movements.task.delete`` on the
    movement."""
    root = _locked_draft(task.movement, actor)
    before = (
        {"task_id": task.pk}
        | audit.snapshot(task, TASK_FIELDS)
        | {"assignee_units": sorted(task.assignee_units.values_list("pk", flat=True))}
    )
    task.delete()
    audit.record(
        "movements.task.delete",
        root,
        actor=actor,
        before=before,
        summary=_("Xóa nhiệm vụ %(title)s của dự thảo %(name)s")
        % {"title": before["title"], "name": root.name},
    )


@service
def delete_thematic_movement(thematic: Movement, *, actor) -> None:
    """Delete a thematic movement while its main movement is a draft.

    Side effects: audit ``movements.thematic.delete`` on the main movement.
    """
    if not thematic.parent_id:
        raise ValidationError(_("Đây không phải phong trào chuyên đề."))
    root = _locked_draft(thematic, actor)
    before = {"thematic_id": thematic.pk} | audit.snapshot(thematic, [*THEMATIC_FIELDS, "review"])
    thematic.delete()
    audit.record(
        "movements.thematic.delete",
        root,
        actor=actor,
        before=before,
        summary=_("Xóa phong trào chuyên đề %(name)s của dự thảo %(movement)s")
        % {"name": before["name"], "movement": root.name},
    )
