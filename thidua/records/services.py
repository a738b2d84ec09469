"""Every write to the yearly records. Each function is one business action and writes its audit entry.

Subject first, options keyword-only; errors are ``ValidationError`` with Vietnamese messages, keyed by the form
field they concern.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from thidua.awards.catalog import catalog
from thidua.awards.terms import SubjectKind
from thidua.core import audit
from thidua.core.concurrency import bump_version, check_version
from thidua.core.services import service
from thidua.org.models import Person, Unit

from .models import YEAR_MAX, YEAR_MIN, CollectiveYear, Discipline, Honour, Initiative, PersonYear, ReviewFlag

HONOUR_FIELDS = [
    "person_id",
    "unit_id",
    "year",
    "code",
    "honour_type",
    "decision_number",
    "decision_date",
    "issuer",
]
REVOCATION_FIELDS = ["revoked", "revoked_reason", "revoked_decision_number", "revoked_decision_date"]
INITIATIVE_FIELDS = ["person_id", "title", "scope", "year", "recognised_by", "used_for_id"]
DISCIPLINE_FIELDS = ["person_id", "form", "start", "end", "decision_number"]
COLLECTIVE_FIELDS = [
    "rating",
    "members",
    "members_ldtt",
    "members_completed",
    "members_cstdcs",
    "members_disciplined",
    "block_rank",
    "note",
]


def _clean(instance) -> None:
    instance.full_clean(exclude=["version"])


def _check_year(year: int, field: str = "year") -> None:
    if not YEAR_MIN <= int(year) <= YEAR_MAX:
        raise ValidationError({field: _("Năm phải nằm trong khoảng 1945 đến 2100.")})


# --------------------------------------------------------------------------------------------- ratings


def unit_on(person: Person, day: datetime.date) -> Unit | None:
    """The unit the person worked in on ``day`` by their positions (``Employment``): the position covering the
    day, else the first one after it, else their current unit."""
    positions = list(person.employments.select_related("unit").order_by("start_date", "pk"))
    for position in reversed(positions):
        if position.start_date <= day and (position.end_date is None or day <= position.end_date):
            return position.unit
    later = [position for position in positions if position.start_date > day]
    return later[0].unit if later else person.unit


@service
def set_rating(
    person: Person,
    *,
    actor,
    year: int,
    rating: str,
    unit: Unit | None = None,
    note: str = "",
    expected_version: int | None = None,
) -> PersonYear:
    """Record (or change) a person's task rating for ``year``, in the unit that rated them (default: where the
    person worked on 31 December of that year, see ``unit_on``). Side effects: audit ``records.rating.set``."""
    _check_year(year)
    record = PersonYear.objects.filter(person=person, year=year).first()
    fields = ["rating", "unit_id", "note"]
    before = audit.snapshot(record, fields) if record else None
    if record is None:
        record = PersonYear(person=person, year=year)
    else:
        check_version(record, expected_version)
    record.rating, record.note = rating, note.strip()
    record.unit = unit or (
        record.unit if record.unit_id else unit_on(person, datetime.date(int(year), 12, 31))
    )
    _clean(record)
    if record.pk:
        bump_version(record)
    record.save()
    audit.record(
        "records.rating.set",
        record,
        actor=actor,
        before=before,
        after=audit.snapshot(record, fields),
        summary=_("Xếp loại năm %(year)s của %(name)s: %(rating)s")
        % {"year": year, "name": person.full_name, "rating": record.get_rating_display()},
    )
    return record


# --------------------------------------------------------------------------------------------- honours


@service
def record_honour(
    *,
    actor,
    year: int,
    code: str,
    person: Person | None = None,
    unit: Unit | None = None,
    honour_type: str = "thuong_xuyen",
    decision_number: str = "",
    decision_date: datetime.date | None = None,
    issuer: str = "",
    initiatives: Iterable[Initiative] = (),
) -> Honour:
    """Record a title or award a person or a collective received, with the issuer's name as it was then.
    ``initiatives`` are the person's initiatives the award relies on: they are locked with it.

    Side effects: audit ``records.honour.create``, and ``records.initiative.use`` per initiative."""
    if code not in catalog():
        raise ValidationError(
            {"code": _("Không có mã «%(code)s» trong danh mục khen thưởng.") % {"code": code}}
        )
    kind = SubjectKind.INDIVIDUAL if person is not None else SubjectKind.COLLECTIVE
    award = catalog().get(code)
    if not award.applies_to(kind):
        raise ValidationError(
            {"code": _("«%(award)s» không dùng cho %(kind)s.") % {"award": award.name_vi, "kind": kind.label}}
        )
    _check_year(year)
    if decision_date is not None and decision_date.year < int(year):
        raise ValidationError({"decision_date": _("Ngày quyết định không được trước năm được khen thưởng.")})
    honour = Honour(
        person=person,
        unit=unit,
        year=year,
        code=code,
        honour_type=honour_type,
        decision_number=decision_number.strip(),
        decision_date=decision_date,
        issuer=issuer.strip(),
    )
    _clean(honour)
    honour.save()
    audit.record(
        "records.honour.create",
        honour,
        actor=actor,
        after=audit.snapshot(honour, HONOUR_FIELDS),
        summary=_("Ghi nhận %(award)s năm %(year)s cho %(subject)s")
        % {"award": award.name_vi, "year": year, "subject": person or unit},
    )
    _lock_initiatives_for(honour, initiatives, actor=actor)
    return honour


def _lock_initiatives_for(honour: Honour, initiatives: Iterable[Initiative], *, actor) -> None:
    # Re-read under a row lock: two clerks choosing the same initiative at once must not both win.
    ids = [initiative.pk for initiative in initiatives]
    if not ids:
        return
    if honour.person_id is None:
        raise ValidationError({"initiatives": _("Chỉ khen thưởng cá nhân mới dựa trên sáng kiến.")})
    try:
        for initiative in Initiative.objects.select_for_update().filter(pk__in=ids).order_by("pk"):
            use_initiative(initiative, actor=actor, honour=honour)
    except ValidationError as error:
        raise ValidationError({"initiatives": error.messages}) from error


@service
def revoke_honour(
    honour: Honour,
    *,
    actor,
    reason: str,
    decision_number: str = "",
    decision_date: datetime.date | None = None,
    expected_version: int | None = None,
) -> Honour:
    """Mark a title or award revoked: it stays in the history with the reason and the revoking decision, and no
    longer counts as a prerequisite. Initiatives it used stay used. Side effects: audit ``records.honour.revoke``.
    """
    check_version(honour, expected_version)
    if not reason.strip():
        raise ValidationError({"reason": _("Hãy ghi lý do thu hồi.")})
    if honour.revoked:
        raise ValidationError(_("Khen thưởng này đã được thu hồi trước đó."))
    if (
        decision_date is not None
        and honour.decision_date is not None
        and decision_date < honour.decision_date
    ):
        raise ValidationError(
            {"decision_date": _("Ngày quyết định thu hồi không được trước ngày quyết định khen thưởng.")}
        )
    before = audit.snapshot(honour, REVOCATION_FIELDS)
    honour.revoked, honour.revoked_reason = True, reason.strip()
    honour.revoked_decision_number = decision_number.strip()
    honour.revoked_decision_date = decision_date
    bump_version(honour)
    honour.save(update_fields=[*REVOCATION_FIELDS, "version", "updated_at"])
    audit.record(
        "records.honour.revoke",
        honour,
        actor=actor,
        before=before,
        after=audit.snapshot(honour, REVOCATION_FIELDS),
        summary=_("Thu hồi %(award)s năm %(year)s của %(subject)s: %(reason)s")
        % {
            "award": honour.award_name,
            "year": honour.year,
            "subject": honour.person or honour.unit,
            "reason": honour.revoked_reason,
        },
    )
    return honour


# --------------------------------------------------------------------------------------------- initiatives


@service
def add_initiative(
    person: Person, *, actor, title: str, scope: str, year: int, recognised_by: str = ""
) -> Initiative:
    """Record a recognised initiative. Side effects: audit ``records.initiative.create``."""
    _check_year(year)
    initiative = Initiative(
        person=person, title=title.strip(), scope=scope, year=year, recognised_by=recognised_by.strip()
    )
    _clean(initiative)
    initiative.save()
    audit.record(
        "records.initiative.create",
        initiative,
        actor=actor,
        after=audit.snapshot(initiative, INITIATIVE_FIELDS),
        summary=_("Ghi nhận sáng kiến «%(title)s» của %(name)s")
        % {"title": initiative.title, "name": person},
    )
    return initiative


@service
def update_initiative(
    initiative: Initiative,
    *,
    actor,
    title: str,
    scope: str,
    year: int,
    recognised_by: str = "",
    expected_version: int | None = None,
) -> Initiative:
    """Correct an initiative not yet used. Side effects: audit ``records.initiative.update``."""
    check_version(initiative, expected_version)
    if initiative.locked:
        raise ValidationError(
            _("Sáng kiến «%(title)s» đã được dùng để xét khen thưởng nên không sửa được.")
            % {"title": initiative}
        )
    _check_year(year)
    before = audit.snapshot(initiative, INITIATIVE_FIELDS)
    initiative.title, initiative.scope = title.strip(), scope
    initiative.year, initiative.recognised_by = year, recognised_by.strip()
    _clean(initiative)
    bump_version(initiative)
    initiative.save()
    audit.record(
        "records.initiative.update",
        initiative,
        actor=actor,
        before=before,
        after=audit.snapshot(initiative, INITIATIVE_FIELDS),
        summary=_("Sửa sáng kiến «%(title)s»") % {"title": initiative.title},
    )
    return initiative


@service
def use_initiative(
    initiative: Initiative, *, actor, honour: Honour, before_revocation: bool = False
) -> Initiative:
    """Lock an initiative for the award that relies on it: it counts for no other award afterwards.

    A revoked award takes no new initiative, except with ``before_revocation`` (the history import recording
    that the initiative was used before the award was revoked: it stays used, as ``revoke_honour`` leaves it).
    Side effects: audit ``records.initiative.use``."""
    if initiative.locked:
        raise ValidationError(
            _("Sáng kiến «%(title)s» đã được dùng để xét khen thưởng.") % {"title": initiative}
        )
    if honour.person_id != initiative.person_id:
        raise ValidationError(_("Sáng kiến và khen thưởng phải của cùng một người."))
    if honour.revoked and not before_revocation:
        raise ValidationError(_("Không dùng sáng kiến cho khen thưởng đã bị thu hồi."))
    initiative.used_for = honour
    bump_version(initiative)
    initiative.save(update_fields=["used_for", "version", "updated_at"])
    audit.record(
        "records.initiative.use",
        initiative,
        actor=actor,
        before={"used_for_id": None},
        after={"used_for_id": honour.pk},
        summary=_("Dùng sáng kiến «%(title)s» cho %(award)s năm %(year)s")
        % {"title": initiative, "award": honour.award_name, "year": honour.year},
    )
    return initiative


# --------------------------------------------------------------------------------------------- discipline


def _check_dates(start, end) -> None:
    if end is not None and end < start:
        raise ValidationError({"end": _("Ngày kết thúc phải sau ngày có hiệu lực.")})


@service
def add_discipline(
    person: Person,
    *,
    actor,
    form: str,
    start: datetime.date,
    end: datetime.date | None = None,
    decision_number: str = "",
) -> Discipline:
    """Record a disciplinary measure and the dates it is in force. Side effects: audit
    ``records.discipline.create``."""
    _check_dates(start, end)
    discipline = Discipline(
        person=person, form=form, start=start, end=end, decision_number=decision_number.strip()
    )
    _clean(discipline)
    discipline.save()
    audit.record(
        "records.discipline.create",
        discipline,
        actor=actor,
        after=audit.snapshot(discipline, DISCIPLINE_FIELDS),
        summary=_("Ghi nhận kỷ luật %(form)s đối với %(name)s")
        % {"form": discipline.get_form_display(), "name": person},
    )
    return discipline


@service
def update_discipline(
    discipline: Discipline,
    *,
    actor,
    form: str,
    start: datetime.date,
    end: datetime.date | None = None,
    decision_number: str = "",
    expected_version: int | None = None,
) -> Discipline:
    """Correct a disciplinary record (its form or the dates it is in force). Side effects: audit
    ``records.discipline.update``."""
    check_version(discipline, expected_version)
    _check_dates(start, end)
    before = audit.snapshot(discipline, DISCIPLINE_FIELDS)
    discipline.form, discipline.start, discipline.end = form, start, end
    discipline.decision_number = decision_number.strip()
    _clean(discipline)
    bump_version(discipline)
    discipline.save()
    audit.record(
        "records.discipline.update",
        discipline,
        actor=actor,
        before=before,
        after=audit.snapshot(discipline, DISCIPLINE_FIELDS),
        summary=_("Sửa kỷ luật %(form)s đối với %(name)s")
        % {"form": discipline.get_form_display(), "name": discipline.person},
    )
    return discipline


# --------------------------------------------------------------------------------------------- reviews


@service
def open_review(person: Person, *, actor, kind: str, opened: datetime.date, note: str = "") -> ReviewFlag:
    """Flag a person as under review (disciplinary review, investigation, inspection or a complaint being
    verified): every verdict is ineligible while it is open. Side effects: audit ``records.review.open``."""
    flag = ReviewFlag(person=person, kind=kind, opened=opened, note=note.strip())
    _clean(flag)
    flag.save()
    audit.record(
        "records.review.open",
        flag,
        actor=actor,
        after=audit.snapshot(flag, ["person_id", "kind", "opened", "note"]),
        summary=_("%(kind)s: %(name)s") % {"kind": flag.get_kind_display(), "name": person},
    )
    return flag


@service
def close_review(flag: ReviewFlag, *, actor, closed: datetime.date) -> ReviewFlag:
    """Close an open review (unflag). Side effects: audit ``records.review.close``."""
    if flag.closed:
        raise ValidationError(_("Việc xem xét này đã kết thúc."))
    if closed < flag.opened:
        raise ValidationError({"closed": _("Ngày kết thúc phải sau ngày bắt đầu.")})
    flag.closed = closed
    flag.save(update_fields=["closed", "updated_at"])
    audit.record(
        "records.review.close",
        flag,
        actor=actor,
        before={"closed": None},
        after={"closed": closed},
        summary=_("Kết thúc xem xét đối với %(name)s") % {"name": flag.person},
    )
    return flag


# --------------------------------------------------------------------------------------------- collectives


@service
def record_collective_year(
    unit: Unit,
    *,
    actor,
    year: int,
    rating: str = "",
    members: int | None = None,
    members_ldtt: int | None = None,
    members_completed: int | None = None,
    members_cstdcs: int | None = None,
    members_disciplined: int | None = None,
    block_rank: int | None = None,
    note: str = "",
    expected_version: int | None = None,
) -> CollectiveYear:
    """Record a collective's rating and figures for ``year``. A member figure left empty (None) is computed from
    the people records. Side effects: audit ``records.collective.set``."""
    _check_year(year)
    record = CollectiveYear.objects.filter(unit=unit, year=year).first()
    before = audit.snapshot(record, COLLECTIVE_FIELDS) if record else None
    if record is None:
        record = CollectiveYear(unit=unit, year=year)
    else:
        check_version(record, expected_version)
    values = {
        "rating": rating,
        "members": members,
        "members_ldtt": members_ldtt,
        "members_completed": members_completed,
        "members_cstdcs": members_cstdcs,
        "members_disciplined": members_disciplined,
        "block_rank": block_rank,
        "note": note.strip(),
    }
    for name, value in values.items():
        setattr(record, name, value)
    if members is not None:
        for name in CollectiveYear.MEMBER_FIGURES:
            if values[name] is not None and values[name] > members:
                raise ValidationError(
                    {name: _("Không được lớn hơn tổng số thành viên (%(n)s).") % {"n": members}}
                )
    _clean(record)
    if record.pk:
        bump_version(record)
    record.save()
    audit.record(
        "records.collective.set",
        record,
        actor=actor,
        before=before,
        after=audit.snapshot(record, COLLECTIVE_FIELDS),
        summary=_("Hồ sơ năm %(year)s của tập thể %(unit)s") % {"year": year, "unit": unit.full_name},
    )
    return record


@service
def record_block_rank(unit: Unit, *, year: int, rank: int | None, actor) -> CollectiveYear:
    """Record the collective's rank in its emulation block or cluster for ``year`` (called by the blocks app when
    a ranking is final; None clears it). Other figures are kept. Side effects: audit ``records.collective.rank``.
    """
    _check_year(year)
    if rank is not None and rank < 1:
        raise ValidationError({"rank": _("Thứ hạng bắt đầu từ 1.")})
    record = CollectiveYear.objects.filter(unit=unit, year=year).first()
    before = {"block_rank": record.block_rank} if record else None
    if record is None:
        record = CollectiveYear(unit=unit, year=year)
    record.block_rank = rank
    if record.pk:
        bump_version(record)
    record.save()
    audit.record(
        "records.collective.rank",
        record,
        actor=actor,
        before=before,
        after={"block_rank": rank},
        summary=_("Thứ hạng trong khối, cụm năm %(year)s của %(unit)s: %(rank)s")
        % {"year": year, "unit": unit.full_name, "rank": rank if rank is not None else "—"},
    )
    return record
