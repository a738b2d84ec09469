"""Every write to units, people, accounts and councils. One function per business action.

Each runs in one transaction (``@service``), validates, and writes its audit entry in that transaction.
Validation failures raise ``django.core.exceptions.ValidationError`` with Vietnamese messages.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.core import audit
from thidua.core.concurrency import bump_version, check_version
from thidua.core.services import service

from .enums import LinkSide, PositionLevel, Role, UnitEventKind
from .models import (
    Council,
    CouncilMember,
    Employment,
    Ethnicity,
    Person,
    RoleGrant,
    Unit,
    UnitEvent,
    UnitEventLink,
    User,
)
from .queries import forget_scope, scope_for

UNIT_FIELDS = [
    "code",
    "short_name",
    "full_name",
    "unit_type",
    "parent_id",
    "order",
    "effective_from",
    "effective_to",
    "place_name",
]
PERSON_FIELDS = [
    "cccd",
    "full_name",
    "gender",
    "birth_date",
    "ethnicity_id",
    "unit_id",
    "position_title",
    "email",
    "phone",
    "archived",
]


def _validate(instance, exclude: Sequence[str] = ()) -> None:
    instance.full_clean(exclude=list(exclude), validate_constraints=True)


# --- units -------------------------------------------------------------------------------------------------


def _set_path(unit: Unit) -> None:
    parent_path = unit.parent.path if unit.parent_id else "/"
    unit.path = f"{parent_path}{unit.pk}/"
    unit.depth = parent_path.count("/") - 1


def _check_parent(unit: Unit, parent: Unit | None) -> None:
    if parent is None or unit.pk is None:
        return
    if parent.pk == unit.pk or parent.path.startswith(unit.path):
        raise ValidationError(
            {"parent": _("Đơn vị cấp trên không thể là chính đơn vị này hoặc đơn vị trực thuộc nó.")}
        )


@service
def create_unit(
    *,
    actor,
    code: str,
    short_name: str,
    full_name: str,
    unit_type: str,
    parent: Unit | None = None,
    order: int = 0,
    effective_from: datetime.date | None = None,
    effective_to: datetime.date | None = None,
    place_name: str = "",
) -> Unit:
    """Create a unit under ``parent`` (or a root). Side effects: audit entry ``org.unit.create``."""
    unit = Unit(
        code=code.strip(),
        short_name=short_name.strip(),
        full_name=full_name.strip(),
        unit_type=unit_type,
        parent=parent,
        order=order,
        effective_from=effective_from,
        effective_to=effective_to,
        place_name=place_name.strip(),
    )
    unit.refresh_search_fields()
    _validate(unit, exclude=["path"])
    unit.save()
    _set_path(unit)
    unit.save(update_fields=["path", "depth"])
    audit.record(
        "org.unit.create",
        unit,
        actor=actor,
        after=audit.snapshot(unit, UNIT_FIELDS),
        summary=_("Tạo đơn vị %(name)s") % {"name": unit.full_name},
    )
    return unit


def _move_subtree(unit: Unit, old_path: str) -> None:
    """After ``unit`` changed parent, rewrite the paths of every unit below it."""
    for descendant in Unit.objects.filter(path__startswith=old_path).exclude(pk=unit.pk).order_by("depth"):
        descendant.path = unit.path + descendant.path[len(old_path) :]
        descendant.depth = descendant.path.strip("/").count("/")
        descendant.save(update_fields=["path", "depth"])


@service
def update_unit(unit: Unit, *, actor, expected_version: int | None = None, **changes) -> Unit:
    """Change a unit's attributes (not its lineage: use rename/merge/split for those).

    Side effects: audit entry ``org.unit.update``; moving the unit under a new parent rewrites its subtree's paths.
    """
    check_version(unit, expected_version)
    unit = Unit.objects.select_for_update().get(pk=unit.pk)
    before = audit.snapshot(unit, UNIT_FIELDS)
    old_path = unit.path
    for name, value in changes.items():
        if name not in {
            "code",
            "short_name",
            "full_name",
            "unit_type",
            "parent",
            "order",
            "effective_from",
            "effective_to",
            "place_name",
        }:
            raise TypeError(f"update_unit() got an unexpected field {name!r}")
        setattr(unit, name, value.strip() if isinstance(value, str) else value)
    _check_parent(unit, unit.parent)
    unit.refresh_search_fields()
    _validate(unit, exclude=["path"])
    _set_path(unit)
    bump_version(unit)
    unit.save()
    if unit.path != old_path:
        _move_subtree(unit, old_path)
    after = audit.snapshot(unit, UNIT_FIELDS)
    if after != before:
        audit.record(
            "org.unit.update",
            unit,
            actor=actor,
            before=before,
            after=after,
            summary=_("Sửa thông tin đơn vị %(name)s") % {"name": unit.full_name},
        )
    else:
        audit.record(
            "org.unit.update",
            unit,
            actor=actor,
            before=before,
            after=after,
            summary=_("Lưu đơn vị %(name)s, không có thay đổi") % {"name": unit.full_name},
        )
    return unit


def _new_event(kind, date, *, decision="", note="", old_name="", new_name="") -> UnitEvent:
    return UnitEvent.objects.create(
        kind=kind, date=date, decision=decision, note=note, old_name=old_name, new_name=new_name
    )


def _link(event: UnitEvent, units: Iterable[Unit], side: str) -> None:
    UnitEventLink.objects.bulk_create([UnitEventLink(event=event, unit=unit, side=side) for unit in units])


def _close(unit: Unit, date: datetime.date, actor, event: UnitEvent) -> None:
    """End a unit's life the day before ``date`` and end its open role grants and positions on that day too."""
    last_day = date - datetime.timedelta(days=1)
    before = audit.snapshot(unit, ["effective_to"])
    unit.effective_to = last_day
    bump_version(unit)
    unit.save(update_fields=["effective_to", "version", "updated_at"])
    ended_grants = RoleGrant.objects.filter(unit=unit).filter(
        Q(valid_to__isnull=True) | Q(valid_to__gt=last_day)
    )
    ended_grants.update(valid_to=last_day)
    audit.record(
        "org.unit.close",
        unit,
        actor=actor,
        before=before,
        after=audit.snapshot(unit, ["effective_to"]),
        summary=_("Đơn vị %(name)s chấm dứt hoạt động từ %(date)s (%(kind)s)")
        % {"name": unit.full_name, "date": date.strftime("%d/%m/%Y"), "kind": event.get_kind_display()},
    )


@service
def rename_unit(
    unit: Unit,
    *,
    actor,
    date: datetime.date,
    full_name: str,
    short_name: str = "",
    decision: str = "",
    note: str = "",
) -> UnitEvent:
    """Rename a unit from ``date``. The unit keeps its identity; the event keeps the old name.

    Side effects: a ``UnitEvent`` (rename) linking the unit to itself; audit entry ``org.unit.rename``.
    """
    if not full_name.strip():
        raise ValidationError({"full_name": _("Hãy nhập tên mới của đơn vị.")})
    unit = Unit.objects.select_for_update().get(pk=unit.pk)
    before = audit.snapshot(unit, ["full_name", "short_name"])
    event = _new_event(
        UnitEventKind.RENAMED,
        date,
        decision=decision,
        note=note,
        old_name=unit.full_name,
        new_name=full_name.strip(),
    )
    _link(event, [unit], LinkSide.BEFORE)
    _link(event, [unit], LinkSide.AFTER)
    unit.full_name = full_name.strip()
    unit.short_name = short_name.strip() or unit.short_name
    unit.refresh_search_fields()
    bump_version(unit)
    unit.save()
    audit.record(
        "org.unit.rename",
        unit,
        actor=actor,
        before=before,
        after=audit.snapshot(unit, ["full_name", "short_name"]),
        summary=_("Đổi tên %(old)s thành %(new)s từ ngày %(date)s")
        % {"old": event.old_name, "new": unit.full_name, "date": date.strftime("%d/%m/%Y")},
    )
    return event


@service
def merge_units(
    sources: Sequence[Unit],
    *,
    into: Unit,
    actor,
    date: datetime.date,
    decision: str = "",
    note: str = "",
    move_people: bool = True,
) -> UnitEvent:
    """Merge ``sources`` into ``into`` (an existing unit, or one just created for the merger) from ``date``.

    The sources close the day before; their open positions move to ``into`` when ``move_people`` is set.
    Their history stays on them and is followed through the lineage.
    Side effects: a ``UnitEvent`` (merge); audit entries ``org.unit.merge`` and ``org.unit.close``.
    """
    sources = [unit for unit in sources if unit.pk != into.pk]
    if not sources:
        raise ValidationError(_("Hãy chọn ít nhất một đơn vị được sáp nhập, khác đơn vị tiếp nhận."))
    closed = [unit.full_name for unit in sources if unit.effective_to and unit.effective_to < date]
    if closed:
        raise ValidationError(
            _("Đơn vị đã chấm dứt hoạt động trước ngày sáp nhập: %(names)s") % {"names": ", ".join(closed)}
        )
    event = _new_event(UnitEventKind.MERGED, date, decision=decision, note=note)
    _link(event, sources, LinkSide.BEFORE)
    _link(event, [into], LinkSide.AFTER)
    for unit in sources:
        if move_people:
            _move_open_positions(unit, into, date, actor)
        _close(unit, date, actor, event)
    audit.record(
        "org.unit.merge",
        into,
        actor=actor,
        after={"sources": [unit.pk for unit in sources], "into": into.pk, "date": date},
        summary=_("Sáp nhập %(sources)s vào %(into)s từ ngày %(date)s")
        % {
            "sources": ", ".join(unit.full_name for unit in sources),
            "into": into.full_name,
            "date": date.strftime("%d/%m/%Y"),
        },
    )
    return event


@service
def split_unit(
    source: Unit,
    *,
    into: Sequence[Unit],
    actor,
    date: datetime.date,
    decision: str = "",
    note: str = "",
    close_source: bool = True,
) -> UnitEvent:
    """Split ``source`` into the units ``into`` from ``date`` (people are reassigned by hand afterwards).

    Side effects: a ``UnitEvent`` (split); audit entry ``org.unit.split`` (and ``org.unit.close``).
    """
    targets = [unit for unit in into if unit.pk != source.pk]
    if len(targets) < 1:
        raise ValidationError(_("Hãy chọn ít nhất một đơn vị được tách ra."))
    event = _new_event(UnitEventKind.SPLIT, date, decision=decision, note=note)
    _link(event, [source], LinkSide.BEFORE)
    _link(event, targets, LinkSide.AFTER)
    if close_source:
        _close(source, date, actor, event)
    audit.record(
        "org.unit.split",
        source,
        actor=actor,
        after={"source": source.pk, "into": [unit.pk for unit in targets], "date": date},
        summary=_("Chia tách %(source)s thành %(targets)s từ ngày %(date)s")
        % {
            "source": source.full_name,
            "targets": ", ".join(unit.full_name for unit in targets),
            "date": date.strftime("%d/%m/%Y"),
        },
    )
    return event


@service
def move_unit(
    unit: Unit, *, new_parent: Unit | None, actor, date: datetime.date, decision: str = "", note: str = ""
) -> UnitEvent:
    """Place a unit under a new parent from ``date`` (e.g. communes under the province after 01/07/2025).

    Side effects: a ``UnitEvent`` (moved) keeping the old parent's name; paths of the subtree rewritten;
    audit entry ``org.unit.move``.
    """
    unit = Unit.objects.select_for_update().get(pk=unit.pk)
    _check_parent(unit, new_parent)
    old_parent = unit.parent
    event = _new_event(
        UnitEventKind.MOVED,
        date,
        decision=decision,
        note=note,
        old_name=old_parent.full_name if old_parent else "",
        new_name=new_parent.full_name if new_parent else "",
    )
    _link(event, [unit], LinkSide.BEFORE)
    _link(event, [unit], LinkSide.AFTER)
    before = audit.snapshot(unit, ["parent_id", "path"])
    old_path = unit.path
    unit.parent = new_parent
    _set_path(unit)
    bump_version(unit)
    unit.save()
    _move_subtree(unit, old_path)
    audit.record(
        "org.unit.move",
        unit,
        actor=actor,
        before=before,
        after=audit.snapshot(unit, ["parent_id", "path"]),
        summary=_("Chuyển %(name)s về trực thuộc %(parent)s từ ngày %(date)s")
        % {
            "name": unit.full_name,
            "parent": new_parent.full_name if new_parent else "—",
            "date": date.strftime("%d/%m/%Y"),
        },
    )
    return event


@service
def dissolve_unit(unit: Unit, *, actor, date: datetime.date, decision: str = "", note: str = "") -> UnitEvent:
    """Dissolve a unit from ``date`` with no successor (e.g. a district abolished on 01/07/2025).

    Side effects: a ``UnitEvent`` (dissolved); audit entries ``org.unit.dissolve`` and ``org.unit.close``.
    """
    open_children = unit.children.filter(Q(effective_to__isnull=True) | Q(effective_to__gte=date))
    if open_children.exists():
        names = ", ".join(open_children.values_list("full_name", flat=True)[:5])
        raise ValidationError(
            _(
                "Còn đơn vị trực thuộc đang hoạt động (%(names)s): hãy chuyển hoặc sáp nhập chúng trước khi giải thể."
            )
            % {"names": names}
        )
    event = _new_event(UnitEventKind.DISSOLVED, date, decision=decision, note=note)
    _link(event, [unit], LinkSide.BEFORE)
    _close(unit, date, actor, event)
    audit.record(
        "org.unit.dissolve",
        unit,
        actor=actor,
        after={"date": date},
        summary=_("Giải thể %(name)s từ ngày %(date)s")
        % {"name": unit.full_name, "date": date.strftime("%d/%m/%Y")},
    )
    return event


def _move_open_positions(source: Unit, target: Unit, date: datetime.date, actor) -> None:
    for employment in Employment.objects.filter(unit=source, end_date__isnull=True).select_related("person"):
        employment.end_date = max(employment.start_date, date - datetime.timedelta(days=1))
        employment.save(update_fields=["end_date", "updated_at"])
        Employment.objects.create(
            person=employment.person,
            unit=target,
            position_title=employment.position_title,
            position_level=employment.position_level,
            start_date=date,
            decision=employment.decision,
        )
        person = employment.person
        before = audit.snapshot(person, ["unit_id"])
        person.unit = target
        bump_version(person)
        person.save(update_fields=["unit", "version", "updated_at"])
        audit.record(
            "org.person.move",
            person,
            actor=actor,
            before=before,
            after=audit.snapshot(person, ["unit_id"]),
            summary=_("%(name)s chuyển sang %(unit)s do sáp nhập")
            % {"name": person.full_name, "unit": target.full_name},
        )


# --- people ------------------------------------------------------------------------------------------------


def _check_duplicate_cccd(person: Person) -> None:
    if person.cccd and Person.objects.filter(cccd=person.cccd).exclude(pk=person.pk).exists():
        raise ValidationError({"cccd": _("Số CCCD %(cccd)s đã có trong hệ thống.") % {"cccd": person.cccd}})


@service
def create_person(
    *,
    actor,
    full_name: str,
    gender: str,
    unit: Unit,
    position_title: str = "",
    position_level: str = PositionLevel.STAFF,
    position_start: datetime.date | None = None,
    cccd: str | None = None,
    birth_date: datetime.date | None = None,
    ethnicity: Ethnicity | None = None,
    email: str = "",
    phone: str = "",
) -> Person:
    """Create a person in ``unit``, with their current position if one is given.

    Side effects: an open ``Employment`` row; audit entry ``org.person.create``.
    """
    person = Person(
        full_name=" ".join(full_name.split()),
        gender=gender,
        unit=unit,
        position_title=position_title.strip(),
        cccd=(cccd or "").strip() or None,
        birth_date=birth_date,
        ethnicity=ethnicity,
        email=email.strip(),
        phone=phone.strip(),
    )
    person.refresh_search_fields()
    _validate(person, exclude=["cccd"] if person.cccd is None else [])
    _check_duplicate_cccd(person)
    person.save()
    if position_title.strip():
        Employment.objects.create(
            person=person,
            unit=unit,
            position_title=position_title.strip(),
            position_level=position_level,
            start_date=position_start or timezone.localdate(),
        )
    audit.record(
        "org.person.create",
        person,
        actor=actor,
        after=audit.snapshot(person, PERSON_FIELDS),
        summary=_("Thêm cá nhân %(name)s") % {"name": person.full_name},
    )
    return person


@service
def update_person(person: Person, *, actor, expected_version: int | None = None, **changes) -> Person:
    """Change a person's identity fields (name, CCCD, gender, birth date, ethnicity, contacts).

    Positions change through ``assign_position``. Side effects: audit entry ``org.person.update``.
    """
    check_version(person, expected_version)
    person = Person.objects.select_for_update().get(pk=person.pk)
    before = audit.snapshot(person, PERSON_FIELDS)
    allowed = {"full_name", "gender", "cccd", "birth_date", "ethnicity", "email", "phone"}
    for name, value in changes.items():
        if name not in allowed:
            raise TypeError(f"update_person() got an unexpected field {name!r}")
        if name == "full_name":
            value = " ".join(value.split())
        if name == "cccd":
            value = (value or "").strip() or None
        setattr(person, name, value.strip() if isinstance(value, str) else value)
    person.refresh_search_fields()
    _validate(person, exclude=["cccd"] if person.cccd is None else [])
    _check_duplicate_cccd(person)
    bump_version(person)
    person.save()
    audit.record(
        "org.person.update",
        person,
        actor=actor,
        before=before,
        after=audit.snapshot(person, PERSON_FIELDS),
        summary=_("Sửa thông tin %(name)s") % {"name": person.full_name},
    )
    return person


@service
def assign_position(
    person: Person,
    *,
    actor,
    unit: Unit,
    position_title: str,
    start_date: datetime.date,
    position_level: str = PositionLevel.STAFF,
    decision: str = "",
    expected_version: int | None = None,
) -> Employment:
    """Give a person a new position from ``start_date``; the current one ends the day before.

    Side effects: the open ``Employment`` row closed, a new one opened, ``Person.unit`` and ``position_title``
    updated; audit entry ``org.person.position``.
    """
    check_version(person, expected_version)
    if not position_title.strip():
        raise ValidationError({"position_title": _("Hãy nhập chức vụ.")})
    person = Person.objects.select_for_update().get(pk=person.pk)
    current = person.employments.filter(end_date__isnull=True).order_by("-start_date").first()
    if current and start_date <= current.start_date:
        raise ValidationError(
            {
                "start_date": _("Ngày bắt đầu phải sau ngày bắt đầu chức vụ hiện tại (%(date)s).")
                % {"date": current.start_date.strftime("%d/%m/%Y")}
            }
        )
    before = audit.snapshot(person, ["unit_id", "position_title"])
    if current:
        current.end_date = start_date - datetime.timedelta(days=1)
        current.save(update_fields=["end_date", "updated_at"])
    employment = Employment.objects.create(
        person=person,
        unit=unit,
        position_title=position_title.strip(),
        position_level=position_level,
        start_date=start_date,
        decision=decision.strip(),
    )
    person.unit = unit
    person.position_title = employment.position_title
    bump_version(person)
    person.save(update_fields=["unit", "position_title", "version", "updated_at"])
    audit.record(
        "org.person.position",
        person,
        actor=actor,
        before=before,
        after=audit.snapshot(person, ["unit_id", "position_title"]) | {"start_date": start_date},
        summary=_("%(name)s: %(title)s, %(unit)s từ ngày %(date)s")
        % {
            "name": person.full_name,
            "title": employment.position_title,
            "unit": unit.short_name,
            "date": start_date.strftime("%d/%m/%Y"),
        },
    )
    return employment


@service
def archive_person(person: Person, *, actor, reason: str, expected_version: int | None = None) -> Person:
    """Archive (never delete) a person who left; their history stays. Side effects: audit ``org.person.archive``."""
    check_version(person, expected_version)
    if not reason.strip():
        raise ValidationError({"reason": _("Hãy ghi lý do lưu trữ.")})
    before = audit.snapshot(person, ["archived"])
    person.archived = True
    bump_version(person)
    person.save(update_fields=["archived", "version", "updated_at"])
    audit.record(
        "org.person.archive",
        person,
        actor=actor,
        before=before,
        after={"archived": True, "reason": reason},
        summary=_("Lưu trữ hồ sơ %(name)s: %(reason)s") % {"name": person.full_name, "reason": reason},
    )
    return person


# --- accounts and roles -------------------------------------------------------------------------------------


@service
def create_account(
    *, actor, username: str, full_name: str, password: str, email: str = "", person: Person | None = None
) -> User:
    """Create a login account. Side effects: audit entry ``org.account.create`` (never the password)."""
    if User.objects.filter(username__iexact=username.strip()).exists():
        raise ValidationError({"username": _("Tên đăng nhập %(name)s đã được dùng.") % {"name": username}})
    user = User(username=username.strip(), full_name=full_name.strip(), email=email.strip(), person=person)
    user.set_password(password)
    _validate(user, exclude=["password"])
    user.save()
    audit.record(
        "org.account.create",
        user,
        actor=actor,
        after={"username": user.username, "full_name": user.full_name, "email": user.email},
        summary=_("Tạo tài khoản %(name)s") % {"name": user.username},
    )
    return user


@service
def set_account_active(user: User, *, actor, active: bool) -> User:
    """Lock or unlock an account. Side effects: audit entry ``org.account.active``."""
    before = {"is_active": user.is_active}
    user.is_active = active
    user.save(update_fields=["is_active"])
    audit.record(
        "org.account.active",
        user,
        actor=actor,
        before=before,
        after={"is_active": active},
        summary=(_("Mở khóa tài khoản %(name)s") if active else _("Khóa tài khoản %(name)s"))
        % {"name": user.username},
    )
    return user


@service
def change_password(user: User, *, actor, new_password: str) -> User:
    """Set a new password (the user's own, or a reset by an administrator).

    Side effects: audit entry ``org.account.password`` (never the password itself).
    """
    user.set_password(new_password)
    user.save(update_fields=["password"])
    audit.record(
        "org.account.password",
        user,
        actor=actor,
        summary=_("Đổi mật khẩu tài khoản %(name)s") % {"name": user.username},
    )
    return user


@service
def grant_role(
    user: User,
    *,
    actor,
    unit: Unit,
    role: str,
    include_subtree: bool = False,
    valid_from: datetime.date | None = None,
    valid_to: datetime.date | None = None,
) -> RoleGrant:
    """Grant ``role`` in ``unit`` (and its subtree). Only an administrator grants the administrator role;
    a province officer grants other roles within their own scope. Side effects: audit ``org.role.grant``."""
    if actor is not None:
        scope = scope_for(actor)
        if role == Role.ADMIN and not scope.is_admin:
            raise PermissionDenied(_("Chỉ quản trị hệ thống mới được cấp quyền quản trị."))
        if not scope.can_manage_organisation(unit.pk):
            raise PermissionDenied(_("Bạn không có quyền phân quyền tại đơn vị này."))
    grant = RoleGrant(
        user=user,
        unit=unit,
        role=role,
        include_subtree=include_subtree,
        valid_from=valid_from,
        valid_to=valid_to,
    )
    _validate(grant)
    grant.save()
    forget_scope(user)
    audit.record(
        "org.role.grant",
        grant,
        actor=actor,
        after=audit.snapshot(
            grant, ["user_id", "unit_id", "role", "include_subtree", "valid_from", "valid_to"]
        ),
        summary=_("Cấp vai trò %(role)s tại %(unit)s cho %(user)s")
        % {"role": grant.get_role_display(), "unit": unit.short_name, "user": user.username},
    )
    return grant


@service
def revoke_role(grant: RoleGrant, *, actor, on: datetime.date | None = None) -> RoleGrant:
    """End a role grant (the row stays, with ``valid_to``). Side effects: audit entry ``org.role.revoke``."""
    if actor is not None and not scope_for(actor).can_manage_organisation(grant.unit_id):
        raise PermissionDenied(_("Bạn không có quyền phân quyền tại đơn vị này."))
    if grant.role == Role.ADMIN and actor is not None and not scope_for(actor).is_admin:
        raise PermissionDenied(_("Chỉ quản trị hệ thống mới được thu hồi quyền quản trị."))
    on = on or timezone.localdate()
    before = {"valid_to": grant.valid_to}
    grant.valid_to = on - datetime.timedelta(days=1)
    if grant.valid_from and grant.valid_to < grant.valid_from:
        grant.valid_from = grant.valid_to
    grant.save(update_fields=["valid_to", "valid_from", "updated_at"])
    forget_scope(grant.user)
    audit.record(
        "org.role.revoke",
        grant,
        actor=actor,
        before=before,
        after={"valid_to": grant.valid_to},
        summary=_("Thu hồi vai trò %(role)s tại %(unit)s của %(user)s")
        % {"role": grant.get_role_display(), "unit": grant.unit.short_name, "user": grant.user.username},
    )
    return grant


# --- councils ---------------------------------------------------------------------------------------------


@service
def create_council(
    *, actor, unit: Unit, name: str, established_by: str = "", term_start=None, term_end=None
) -> Council:
    """Create an emulation and commendation council. Side effects: audit entry ``org.council.create``."""
    council = Council(
        unit=unit,
        name=name.strip(),
        established_by=established_by.strip(),
        term_start=term_start,
        term_end=term_end,
    )
    _validate(council)
    council.save()
    audit.record(
        "org.council.create",
        council,
        actor=actor,
        after=audit.snapshot(council),
        summary=_("Thành lập %(name)s") % {"name": council.name},
    )
    return council


@service
def add_council_member(
    council: Council,
    *,
    actor,
    person: Person,
    role: str,
    title_at_appointment: str = "",
    order: int = 0,
    start_date=None,
) -> CouncilMember:
    """Add a member to a council. Side effects: audit entry ``org.council.member``."""
    if council.members.filter(person=person, end_date__isnull=True).exists():
        raise ValidationError(_("%(name)s đã là thành viên hội đồng.") % {"name": person.full_name})
    member = CouncilMember.objects.create(
        council=council,
        person=person,
        role=role,
        title_at_appointment=title_at_appointment or person.position_title,
        order=order,
        start_date=start_date,
    )
    audit.record(
        "org.council.member",
        council,
        actor=actor,
        after={"person": person.pk, "role": role, "title": member.title_at_appointment},
        summary=_("%(name)s là %(role)s %(council)s")
        % {"name": person.full_name, "role": member.get_role_display(), "council": council.name},
    )
    return member
