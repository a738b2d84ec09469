"""Reads about movements, always scoped to what the user may see.

Who sees a movement:
- a draft: the organisers (officer, administrator) of its launching unit;
- once launched: anyone who sees the launching unit, and anyone with a role in a unit in scope, in a unit
  above one (the province officer), or in a unit below one (a school under the department in scope).

Which value is a target's "latest": the report with the latest period end; when several reports end on the
same day (two units, or a quarter and a half-year), the one written last. Filtering the dashboard by a unit
keeps that unit's reports and those of the units below it.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Q, QuerySet, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from thidua.org.enums import EDITOR_ROLES, ORGANISATION_ROLES
from thidua.org.models import Unit
from thidua.org.queries import scope_for, subtree_q

from .achievement import Status
from .models import (
    FIGURE_FIELDS,
    Movement,
    MovementStatus,
    Plan,
    ProgressReport,
    Registration,
    ReportKind,
    Target,
)
from .titles import TITLES


def _ids_with_ancestors(unit_ids: set[int]) -> set[int]:
    found = set(unit_ids)
    for path in Unit.objects.filter(pk__in=unit_ids).values_list("path", flat=True):
        found.update(int(part) for part in path.strip("/").split("/") if part)
    return found


def visible_movements(user) -> QuerySet[Movement]:
    """Main movements (not thematic ones) this user may see."""
    scope = scope_for(user)
    movements = Movement.objects.filter(parent__isnull=True)
    if scope.is_admin:
        return movements
    ids = scope.unit_ids()
    if not ids:
        return movements.none()
    organiser_ids = scope.unit_ids(ORGANISATION_ROLES)
    in_scope = Movement.units_in_scope.through.objects.filter(
        unit_id__in=sorted(_ids_with_ancestors(ids))
    ).values("movement_id")
    return movements.filter(
        Q(launching_unit_id__in=sorted(organiser_ids))
        | (~Q(status=MovementStatus.DRAFT) & (Q(launching_unit_id__in=sorted(ids)) | Q(pk__in=in_scope)))
    )


def can_view(user, movement: Movement) -> bool:
    if movement is None:
        return False
    return visible_movements(user).filter(pk=movement.root.pk).exists()


def can_manage(user, movement: Movement) -> bool:
    return movement is not None and scope_for(user).can_manage_organisation(movement.launching_unit_id)


def scope_unit_list(movement: Movement) -> list[Unit]:
    return list(movement.root.units_in_scope.all().order_by("path"))


def actionable_units(user, movement: Movement) -> list[Unit]:
    """Units this user may file plans, registrations and reports for in ``movement``.

    An organiser acts for the units in scope; a clerk for the units they edit that lie in scope.
    """
    movement = movement.root
    if not movement.is_launched:
        return []
    scope = scope_for(user)
    listed = scope_unit_list(movement)
    if scope.can_manage_organisation(movement.launching_unit_id):
        return listed
    editable = scope.unit_ids(EDITOR_ROLES)
    if not editable:
        return []
    condition = Q()
    for unit in listed:
        condition |= subtree_q(unit)
    if not listed:
        return []
    return list(Unit.objects.filter(condition, pk__in=sorted(editable)).order_by("path"))


# --- dashboard ---------------------------------------------------------------------------------------------


@dataclass
class TargetRow:
    target: Target
    depth: int
    series: list[ProgressReport] = field(default_factory=list)
    reports: list[ProgressReport] = field(default_factory=list)

    @property
    def latest(self) -> ProgressReport | None:
        return self.series[-1] if self.series else None

    @property
    def previous(self) -> ProgressReport | None:
        return self.series[-2] if len(self.series) > 1 else None

    @property
    def status(self) -> Status:
        return Status(self.latest.status) if self.latest else Status.CHUA_BAO_CAO

    @property
    def status_label(self) -> str:
        return self.latest.status_label if self.latest else Status.CHUA_BAO_CAO.label_vi

    @property
    def css_class(self) -> str:
        return self.status.css_class

    @property
    def trend(self) -> str:
        """ "up", "down", "flat" or "" between the last two values."""
        if not self.previous:
            return ""
        if self.latest.value > self.previous.value:
            return "up"
        if self.latest.value < self.previous.value:
            return "down"
        return "flat"

    def chart(self) -> dict:
        """Data for the trend chart (and its table): labels, values and the target line."""
        target = self.target
        goal = float(target.target_value)
        if target.direction in ("increase_by", "decrease_by") and not target.measures_change:
            goal = float(
                target.baseline + target.target_value
                if target.direction == "increase_by"
                else target.baseline - target.target_value
            )
        return {
            "id": f"bieu-do-{target.pk}",
            "data_id": f"bieu-do-{target.pk}-du-lieu",
            "title": f"{target.code}. {target.name}",
            "unit": target.unit_of_measure,
            "labels": [report.period_label for report in self.series],
            "values": [float(report.value) for report in self.series],
            "statuses": [report.status_label for report in self.series],
            "target": goal,
            "target_label": str(_("Chỉ tiêu")),
            "value_label": str(_("Giá trị báo cáo")),
        }


def _series(reports: list[ProgressReport]) -> list[ProgressReport]:
    by_end: dict[datetime.date, ProgressReport] = {}
    for report in sorted(reports, key=lambda item: (item.period_end, item.updated_at, item.pk)):
        by_end[report.period_end] = report
    return [by_end[day] for day in sorted(by_end)]


def dashboard(movement: Movement, *, unit: Unit | None = None) -> list[TargetRow]:
    """Every target of the movement (sub-targets under their parent) with its series and latest value."""
    targets = list(movement.targets.select_related("movement").prefetch_related("responsible_units"))
    reports = ProgressReport.objects.filter(target__movement=movement).select_related("unit")
    if unit is not None:
        reports = reports.filter(subtree_q(unit, "unit__"))
    by_target: dict[int, list[ProgressReport]] = defaultdict(list)
    for report in reports:
        by_target[report.target_id].append(report)
    children: dict[int | None, list[Target]] = defaultdict(list)
    for target in targets:
        children[target.parent_id].append(target)
    rows: list[TargetRow] = []

    def walk(parent_id, depth):
        for target in sorted(children.get(parent_id, []), key=lambda item: (item.order, item.pk)):
            items = by_target.get(target.pk, [])
            rows.append(
                TargetRow(
                    target=target,
                    depth=depth,
                    series=_series(items),
                    reports=sorted(items, key=lambda r: (r.period_end, r.unit.path)),
                )
            )
            walk(target.pk, depth + 1)

    walk(None, 0)
    return rows


def reportable_target_ids(user, movement: Movement, rows: list[TargetRow]) -> set[int]:
    """Targets of ``rows`` this user may report on (a fixed number of queries, whatever the row count)."""
    if movement.status != MovementStatus.LAUNCHED:
        return set()
    if can_manage(user, movement):
        return {row.target.pk for row in rows}
    editable = scope_for(user).unit_ids(EDITOR_ROLES)
    if not editable:
        return set()
    paths = list(Unit.objects.filter(pk__in=sorted(editable)).values_list("path", flat=True))
    scope_paths = [unit.path for unit in scope_unit_list(movement)]
    found = set()
    for row in rows:
        wanted = [unit.path for unit in row.target.responsible_units.all()] or scope_paths
        if any(path.startswith(prefix) for path in paths for prefix in wanted):
            found.add(row.target.pk)
    return found


def updatable_task_ids(user, movement: Movement, tasks) -> set[int]:
    """Tasks this user may update (``services.can_update_task``), from prefetched ``assignee_units``."""
    if can_manage(user, movement):
        return {task.pk for task in tasks}
    scope = scope_for(user)
    return {
        task.pk
        for task in tasks
        if any(
            scope.can_edit_in_unit(unit_id)
            for unit_id in {task.lead_unit_id, *(unit.pk for unit in task.assignee_units.all())} - {None}
        )
    }


def can_download_evidence(user, movement: Movement, report: ProgressReport) -> bool:
    """Evidence, like a plan's document, goes to the organisers and to whoever sees the reporting unit."""
    return can_manage(user, movement) or scope_for(user).can_see_unit(report.unit_id)


def evidence_ids(user, movement: Movement, reports) -> set[int]:
    """Reports among ``reports`` whose evidence file this user may download (no query per report)."""
    with_file = [report for report in reports if report.evidence]
    if not with_file:
        return set()
    if can_manage(user, movement):
        return {report.pk for report in with_file}
    scope = scope_for(user)
    return {report.pk for report in with_file if scope.can_see_unit(report.unit_id)}


def status_counts(rows: list[TargetRow]) -> list[tuple[Status, int]]:
    counts: dict[Status, int] = defaultdict(int)
    for row in rows:
        counts[row.status] += 1
    order = [Status.VUOT, Status.DAT, Status.NGUY_CO, Status.CHUA_DAT, Status.CHUA_BAO_CAO]
    return [(status, counts[status]) for status in order if counts[status]]


def reporting_units(movement: Movement) -> list[Unit]:
    """Units that reported at least one value (the dashboard's unit filter)."""
    ids = ProgressReport.objects.filter(target__movement=movement).values("unit_id")
    return list(Unit.objects.filter(pk__in=ids).order_by("path"))


# --- plans and periodic reports: who filed ----------------------------------------------------------------


@dataclass(frozen=True)
class FilingState:
    code: str
    label: str
    css_class: str


FILED = FilingState("filed", _("Đã nộp"), "text-bg-success")
FILED_LATE = FilingState("late", _("Nộp muộn"), "text-bg-warning")
OVERDUE = FilingState("overdue", _("Quá hạn, chưa nộp"), "text-bg-danger")
NOT_STARTED = FilingState("not_started", _("Chưa nộp"), "text-bg-secondary")


def filing_state(
    submitted_at: datetime.datetime | None, deadline: datetime.date | None, today: datetime.date
):
    if submitted_at is not None:
        day = timezone.localtime(submitted_at).date()
        return FILED_LATE if deadline and day > deadline else FILED
    return OVERDUE if deadline and today > deadline else NOT_STARTED


@dataclass
class FilingRow:
    unit: Unit
    item: object | None
    state: FilingState
    last_reminded: datetime.datetime | None = None


def plan_rows(movement: Movement, *, today: datetime.date | None = None) -> list[FilingRow]:
    """One row per unit in scope: its plan, whether it was filed on time, late, or not yet."""
    today = today or timezone.localdate()
    plans = {plan.unit_id: plan for plan in movement.plans.all()}
    reminded = _last_reminders(movement, "ke-hoach")
    return [
        FilingRow(
            unit=unit,
            item=plans.get(unit.pk),
            state=filing_state(
                plans[unit.pk].submitted_at if unit.pk in plans else None, movement.plan_deadline, today
            ),
            last_reminded=reminded.get(unit.pk),
        )
        for unit in scope_unit_list(movement)
    ]


def _last_reminders(movement: Movement, subject: str) -> dict[int, datetime.datetime]:
    found: dict[int, datetime.datetime] = {}
    for unit_id, sent_at in movement.reminders.filter(subject=subject).values_list("unit_id", "sent_at"):
        if unit_id not in found or sent_at > found[unit_id]:
            found[unit_id] = sent_at
    return found


def report_deadline(movement: Movement, kind: str) -> datetime.date | None:
    return movement.midterm_deadline if kind == ReportKind.MIDTERM else movement.final_deadline


def report_rows(movement: Movement, kind: str, year: int, *, today=None) -> list[FilingRow]:
    today = today or timezone.localdate()
    reports = {report.unit_id: report for report in movement.periodic_reports.filter(kind=kind, year=year)}
    deadline = report_deadline(movement, kind)
    subject = "so-ket" if kind == ReportKind.MIDTERM else "tong-ket"
    reminded = _last_reminders(movement, subject)
    return [
        FilingRow(
            unit=unit,
            item=reports.get(unit.pk),
            state=filing_state(
                reports[unit.pk].submitted_at if unit.pk in reports else None, deadline, today
            ),
            last_reminded=reminded.get(unit.pk),
        )
        for unit in scope_unit_list(movement)
    ]


def state_counts(rows: list[FilingRow]) -> list[tuple[FilingState, int]]:
    counts: dict[str, int] = defaultdict(int)
    for row in rows:
        counts[row.state.code] += 1
    return [(state, counts[state.code]) for state in (FILED, FILED_LATE, OVERDUE, NOT_STARTED)]


def report_aggregate(movement: Movement, kind: str, year: int) -> dict[str, int]:
    sums = movement.periodic_reports.filter(kind=kind, year=year).aggregate(
        **{name: Sum(name) for name in FIGURE_FIELDS}, submitted=Count("id")
    )
    return {key: value or 0 for key, value in sums.items()}


def report_years(movement: Movement) -> list[int]:
    return list(range(movement.period_start.year, movement.period_end.year + 1))


# --- registrations -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class QuotaUse:
    """Registrations for a capped title against its cap (percent × registrations for the base title, rounded
    down), for one unit or for all."""

    award: str
    of: str
    percent: Decimal
    cap: int
    used: int

    @property
    def over(self) -> bool:
        return self.used > self.cap


@dataclass
class RegistrationTotals:
    titles: list  # the titles that appear, in catalogue order
    rows: list[tuple[Unit, list[int], int]]  # unit, count per title, total
    by_title: list[int]
    total: int
    year: int | None = None
    ruleset_id: str | None = None  # None: no rule set for the year, so no quota applies
    quotas: list[QuotaUse] = field(default_factory=list)  # over all the units shown
    quotas_by_unit: dict[int, list[QuotaUse]] = field(default_factory=dict)

    def quota_rows(self) -> list[tuple[QuotaUse, str, str, list[tuple[Unit, QuotaUse]]]]:
        """(usage over all, title name, base title name, the units over their own cap) per capped title."""
        from thidua.awards.catalog import catalog

        units = {unit.pk: unit for unit, _numbers, _total in self.rows}
        result = []
        for index, use in enumerate(self.quotas):
            over = [
                (units[unit_id], uses[index])
                for unit_id, uses in self.quotas_by_unit.items()
                if uses[index].over and unit_id in units
            ]
            over.sort(key=lambda pair: pair[0].path)
            result.append((use, catalog().get(use.award).name_vi, catalog().get(use.of).name_vi, over))
        return result


def _quota_uses(quotas, count) -> list[QuotaUse]:
    uses = []
    for code, quota in sorted(quotas.items()):
        cap = quota.cap(count(quota.of))
        uses.append(QuotaUse(code, quota.of, quota.percent, cap, count(code)))
    return uses


def registration_totals(movement: Movement, *, units: list[Unit] | None = None) -> RegistrationTotals:
    """Counts of registrations by unit and by title (one query)."""
    registrations = Registration.objects.filter(movement=movement)
    if units is not None:
        registrations = registrations.filter(unit__in=units)
    counts = {
        (row["unit_id"], row["title"]): row["n"]
        for row in registrations.values("unit_id", "title").annotate(n=Count("id"))
    }
    used = {title for _unit, title in counts}
    titles = [title for title in TITLES if title.code in used]
    unit_ids = {unit_id for unit_id, _title in counts}
    rows = []
    for unit in Unit.objects.filter(pk__in=unit_ids).order_by("path"):
        numbers = [counts.get((unit.pk, title.code), 0) for title in titles]
        rows.append((unit, numbers, sum(numbers)))
    by_title = [sum(counts.get((unit_id, title.code), 0) for unit_id in unit_ids) for title in titles]
    totals = RegistrationTotals(titles=titles, rows=rows, by_title=by_title, total=sum(by_title))
    _add_quotas(totals, movement, counts, unit_ids)
    return totals


def _add_quotas(totals: RegistrationTotals, movement: Movement, counts: dict, unit_ids: set[int]) -> None:
    """Usage against the caps of the rule set that judges the movement's year (the province's adjustments
    included): per unit, and over all the units shown."""
    from thidua.awards.queries import ruleset_for_review_year

    totals.year = movement.period_end.year
    ruleset = ruleset_for_review_year(totals.year)
    if ruleset is None:
        return
    totals.ruleset_id = ruleset.id
    if not ruleset.quotas:
        return
    totals.quotas = _quota_uses(
        ruleset.quotas, lambda code: sum(counts.get((unit_id, code), 0) for unit_id in unit_ids)
    )
    for unit_id in unit_ids:
        totals.quotas_by_unit[unit_id] = _quota_uses(
            ruleset.quotas, lambda code, unit_id=unit_id: counts.get((unit_id, code), 0)
        )


def registrations_for(movement: Movement, units: list[Unit]) -> QuerySet[Registration]:
    return (
        Registration.objects.filter(movement=movement, unit__in=units)
        .select_related("unit")
        .order_by("unit__path", "kind", "title", "person_name")
    )


# --- home page ---------------------------------------------------------------------------------------------


@dataclass
class HomeItem:
    movement: Movement
    plan_state: FilingState | None
    unit: Unit | None


def home_movements(user, *, limit: int = 5) -> list[HomeItem]:
    """Launched movements the user takes part in, newest first, with the plan state of their first unit."""
    movements = list(
        visible_movements(user).filter(status=MovementStatus.LAUNCHED).order_by("-launched_at", "-id")[:limit]
    )
    items = []
    today = timezone.localdate()
    for movement in movements:
        units = actionable_units(user, movement)
        unit = units[0] if units and not can_manage(user, movement) else None
        state = None
        if unit is not None:
            plan = Plan.objects.filter(movement=movement, unit=unit).only("submitted_at").first()
            state = filing_state(plan.submitted_at if plan else None, movement.plan_deadline, today)
        items.append(HomeItem(movement=movement, plan_state=state, unit=unit))
    return items


# --- public page -------------------------------------------------------------------------------------------


def public_rows(movement: Movement) -> list[dict]:
    """What the public page shows: target, latest value and status. No person, no note, no file."""
    rows = []
    for row in dashboard(movement):
        latest = row.latest
        rows.append(
            {
                "code": row.target.code,
                "name": row.target.name,
                "depth": row.depth,
                "direction": row.target.direction_label,
                "target_value": row.target.target_value,
                "unit_of_measure": row.target.unit_of_measure,
                "value": latest.value if latest else None,
                "period": latest.period_label if latest else "",
                "status_label": row.status_label,
                "css_class": row.css_class,
                "percent": latest.percent if latest else None,
            }
        )
    return rows


def decimal_plain(value: Decimal | None) -> Decimal | None:
    """A stored Decimal without trailing zeros (7.7000 → 7.7), for display."""
    if value is None:
        return None
    normal = value.normalize()
    return normal.quantize(Decimal(1)) if normal == normal.to_integral() else normal
