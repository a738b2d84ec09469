"""Every write to the yearly records. Each function is one business action and writes its audit entry."""

import datetime

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from thidua.awards.catalog import catalog
from thidua.core import audit
from thidua.core.concurrency import bump_version, check_version
from thidua.core.services import service
from thidua.org.models import Person, Unit

from .models import CollectiveYear, Discipline, Honour, Initiative, PersonYear, ReviewFlag

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


def _clean(instance) -> None:
    instance.full_clean(exclude=["version"])


@service
def set_rating(person: Person, *, actor, year: int, rating: str, note: str = "") -> PersonYear:
    """Record (or change) a person's task rating for ``year``. Side effects: audit ``records.rating.set``."""
    record = PersonYear.objects.filter(person=person, year=year).first()
    before = audit.snapshot(record, ["rating", "note"]) if record else None
    if record is None:
        record = PersonYear(person=person, year=year)
    record.rating, record.note = rating, note.strip()
    _clean(record)
    if record.pk:
        bump_version(record)
    record.save()
    audit.record(
        "records.rating.set",
        record,
        actor=actor,
        before=before,
        after=audit.snapshot(record, ["rating", "note"]),
        summary=_("Xếp loại năm %(year)s của %(name)s: %(rating)s")
        % {"year": year, "name": person.full_name, "rating": rating},
    )
    return record


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
) -> Honour:
    """Record a title or award a person or a collective received. Side effects: audit ``records.honour.create``."""
    if code not in catalog():
        raise ValidationError(
            {"code": _("Không có mã «%(code)s» trong danh mục khen thưởng.") % {"code": code}}
        )
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
        % {"award": catalog().get(code).name_vi, "year": year, "subject": person or unit},
    )
    return honour


@service
def revoke_honour(honour: Honour, *, actor, reason: str, expected_version: int | None = None) -> Honour:
    """Mark a title or award revoked (it stays in the history, and no longer counts as a prerequisite).

    Side effects: audit ``records.honour.revoke``.
    """
    check_version(honour, expected_version)
    if not reason.strip():
        raise ValidationError({"reason": _("Hãy ghi lý do thu hồi.")})
    if honour.revoked:
        raise ValidationError(_("Khen thưởng này đã được thu hồi trước đó."))
    honour.revoked, honour.revoked_reason = True, reason.strip()
    bump_version(honour)
    honour.save(update_fields=["revoked", "revoked_reason", "version", "updated_at"])
    audit.record(
        "records.honour.revoke",
        honour,
        actor=actor,
        before={"revoked": False},
        after={"revoked": True, "revoked_reason": honour.revoked_reason},
        summary=_("Thu hồi %(award)s năm %(year)s của %(subject)s: %(reason)s")
        % {
            "award": catalog().get(honour.code).name_vi,
            "year": honour.year,
            "subject": honour.person or honour.unit,
            "reason": honour.revoked_reason,
        },
    )
    return honour


@service
def add_initiative(
    person: Person, *, actor, title: str, scope: str, year: int, recognised_by: str = ""
) -> Initiative:
    """Record a recognised initiative. Side effects: audit ``records.initiative.create``."""
    initiative = Initiative(
        person=person, title=title.strip(), scope=scope, year=year, recognised_by=recognised_by.strip()
    )
    _clean(initiative)
    initiative.save()
    audit.record(
        "records.initiative.create",
        initiative,
        actor=actor,
        after=audit.snapshot(initiative, ["person_id", "title", "scope", "year", "recognised_by"]),
        summary=_("Ghi nhận sáng kiến «%(title)s» của %(name)s")
        % {"title": initiative.title, "name": person},
    )
    return initiative


@service
def use_initiative(initiative: Initiative, *, actor, honour: Honour) -> Initiative:
    """Lock an initiative for the award that relies on it. Side effects: audit ``records.initiative.use``."""
    if initiative.used_for_id:
        raise ValidationError(
            _("Sáng kiến «%(title)s» đã được dùng để xét khen thưởng.") % {"title": initiative}
        )
    initiative.used_for = honour
    bump_version(initiative)
    initiative.save(update_fields=["used_for", "version", "updated_at"])
    audit.record(
        "records.initiative.use",
        initiative,
        actor=actor,
        after={"used_for_id": honour.pk},
        summary=_("Dùng sáng kiến «%(title)s» cho %(honour)s") % {"title": initiative, "honour": honour},
    )
    return initiative


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
    """Record a disciplinary measure. Side effects: audit ``records.discipline.create``."""
    discipline = Discipline(person=person, form=form, start=start, end=end, decision_number=decision_number)
    _clean(discipline)
    discipline.save()
    audit.record(
        "records.discipline.create",
        discipline,
        actor=actor,
        after=audit.snapshot(discipline, ["person_id", "form", "start", "end", "decision_number"]),
        summary=_("Ghi nhận kỷ luật %(form)s đối với %(name)s")
        % {"form": discipline.get_form_display(), "name": person},
    )
    return discipline


@service
def open_review(person: Person, *, actor, kind: str, opened: datetime.date, note: str = "") -> ReviewFlag:
    """Flag a person as under review: every verdict is ineligible while it is open.

    Side effects: audit ``records.review.open``.
    """
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
    """Close an open review. Side effects: audit ``records.review.close``."""
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


@service
def record_collective_year(
    unit: Unit,
    *,
    actor,
    year: int,
    rating: str = "",
    members: int | None = None,
    block_rank: int | None = None,
) -> CollectiveYear:
    """Record a collective's rating, member count and block rank for ``year``.

    Side effects: audit ``records.collective.set``.
    """
    record = CollectiveYear.objects.filter(unit=unit, year=year).first()
    fields = ["rating", "members", "block_rank"]
    before = audit.snapshot(record, fields) if record else None
    record = record or CollectiveYear(unit=unit, year=year)
    record.rating, record.members, record.block_rank = rating, members, block_rank
    _clean(record)
    if record.pk:
        bump_version(record)
    record.save()
    audit.record(
        "records.collective.set",
        record,
        actor=actor,
        before=before,
        after=audit.snapshot(record, fields),
        summary=_("Hồ sơ năm %(year)s của tập thể %(unit)s") % {"year": year, "unit": unit.full_name},
    )
    return record
