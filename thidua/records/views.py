"""Pages of the yearly records: a person's and a collective's history with this year's verdicts, the forms that
add to them or revoke, and the Excel import of history. Views check permission, call a service or a query, and
render."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from thidua.awards.adapter import collective_years
from thidua.awards.queries import collective_verdicts, person_verdicts, reward_or_none
from thidua.awards.terms import SubjectKind
from thidua.core import audit
from thidua.core.excel import XLSX_CONTENT_TYPE, build_template, run_import
from thidua.core.forms import ExcelUploadForm, add_service_errors
from thidua.core.views import require_perm
from thidua.org.models import Person, Unit
from thidua.org.queries import ancestors, visible_units

from . import forms, queries, services
from .imports import HISTORY_SPEC, HistoryImporter
from .models import CollectiveYear, Discipline, Honour, Initiative, ReviewFlag


def review_year(request) -> int:
    """The year being reviewed: ?nam=, else the year just ended (the year-end review is of that year)."""
    try:
        year = int(request.GET.get("nam", ""))
    except ValueError:
        return datetime.date.today().year - 1
    return year if 1945 <= year <= 2100 else datetime.date.today().year - 1


def _next_url(request, fallback: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return fallback


def _visible_person(request, pk) -> Person:
    person = get_object_or_404(Person.objects.select_related("unit"), pk=pk)
    require_perm(request.user, "records.view_history", person)
    return person


def _editable_person(request, pk) -> Person:
    person = _visible_person(request, pk)
    require_perm(request.user, "records.change_history", person)
    return person


def _visible_unit(request, pk) -> Unit:
    unit = get_object_or_404(Unit, pk=pk)
    require_perm(request.user, "records.view_history", unit)
    return unit


def _person_url(person) -> str:
    from django.urls import reverse

    return reverse("records:person_history", args=[person.pk])


def _unit_url(unit) -> str:
    from django.urls import reverse

    return reverse("records:collective_history", args=[unit.pk])


# --------------------------------------------------------------------------------------------- a person


@login_required
def person_history(request, pk):
    person = _visible_person(request, pk)
    year = review_year(request)
    ruleset, verdicts = person_verdicts(person, year)
    records = queries.person_records(person)
    for honour in records.honours:
        honour.money = (
            reward_or_none(honour.code, honour.decision_date, SubjectKind.INDIVIDUAL)
            if honour.decision_date
            else None
        )
    context = {
        "person": person,
        "records": records,
        "year": year,
        "ruleset": ruleset,
        "verdicts": verdicts,
        "can_change": request.user.has_perm("records.change_history", person),
        "history": audit.history_for(person)[:20],
    }
    return render(request, "records/person_history.html", context)


ADD_FORMS = {
    "xep-loai": (forms.RatingForm, gettext_lazy("Thêm xếp loại năm")),
    "khen-thuong": (forms.HonourForm, gettext_lazy("Thêm danh hiệu, khen thưởng")),
    "sang-kien": (forms.InitiativeForm, gettext_lazy("Thêm sáng kiến")),
    "ky-luat": (forms.DisciplineRecordForm, gettext_lazy("Thêm kỷ luật")),
    "xem-xet": (forms.ReviewOpenForm, gettext_lazy("Đánh dấu đang xem xét")),
}


def _save(kind, person, data, actor):
    if kind == "xep-loai":
        services.set_rating(
            person,
            actor=actor,
            year=data["year"],
            rating=data["rating"],
            unit=data["unit"],
            note=data["note"],
        )
    elif kind == "khen-thuong":
        services.record_honour(actor=actor, person=person, **data)
    elif kind == "sang-kien":
        services.add_initiative(person, actor=actor, **data)
    elif kind == "ky-luat":
        services.add_discipline(person, actor=actor, **data)
    else:
        services.open_review(person, actor=actor, **data)


@login_required
@require_http_methods(["GET", "POST"])
def person_add(request, pk, kind):
    if kind not in ADD_FORMS:
        raise Http404
    person = _editable_person(request, pk)
    form_class, title = ADD_FORMS[kind]
    extra = {}
    if kind == "xep-loai":
        extra = {"units": visible_units(request.user)}
    elif kind == "khen-thuong":
        extra = {"person": person}
    form = form_class(request.POST or None, **extra)
    if request.method == "POST" and form.is_valid():
        try:
            _save(kind, person, form.cleaned_data, request.user)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Đã ghi nhận."))
            return redirect("records:person_history", pk=person.pk)
    return render(
        request,
        "records/form.html",
        {"form": form, "title": f"{title}: {person.full_name}", "cancel": _person_url(person)},
    )


def _edit_record(request, record, *, fields, form_class, update, title):
    """The edit page of a person's versioned record: the form pre-filled, saved through ``update``, which
    refuses a stale version."""
    person = _editable_person(request, record.person_id)
    initial = {name: getattr(record, name) for name in fields} | {"version": record.version}
    form = form_class(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            update(
                record,
                actor=request.user,
                expected_version=form.expected_version(),
                **{name: data[name] for name in fields},
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Đã lưu thay đổi."))
            return redirect("records:person_history", pk=person.pk)
    return render(request, "records/form.html", {"form": form, "title": title, "cancel": _person_url(person)})


@login_required
@require_http_methods(["GET", "POST"])
def initiative_edit(request, pk):
    initiative = get_object_or_404(Initiative.objects.select_related("person"), pk=pk)
    return _edit_record(
        request,
        initiative,
        fields=["title", "scope", "year", "recognised_by"],
        form_class=forms.InitiativeEditForm,
        update=services.update_initiative,
        title=_("Sửa sáng kiến: %(title)s") % {"title": initiative},
    )


@login_required
@require_http_methods(["GET", "POST"])
def discipline_edit(request, pk):
    discipline = get_object_or_404(Discipline.objects.select_related("person"), pk=pk)
    return _edit_record(
        request,
        discipline,
        fields=["form", "start", "end", "decision_number"],
        form_class=forms.DisciplineEditForm,
        update=services.update_discipline,
        title=_("Sửa kỷ luật: %(name)s") % {"name": discipline.person.full_name},
    )


@login_required
@require_http_methods(["GET", "POST"])
def review_close(request, pk):
    flag = get_object_or_404(ReviewFlag.objects.select_related("person"), pk=pk)
    person = _editable_person(request, flag.person_id)
    form = forms.ReviewCloseForm(request.POST or None, initial={"closed": datetime.date.today()})
    if request.method == "POST" and form.is_valid():
        try:
            services.close_review(flag, actor=request.user, closed=form.cleaned_data["closed"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Đã kết thúc việc xem xét. Kết quả xét điều kiện đã được tính lại."))
            return redirect("records:person_history", pk=person.pk)
    return render(
        request,
        "records/form.html",
        {
            "form": form,
            "title": _("Kết thúc xem xét: %(name)s") % {"name": person.full_name},
            "cancel": _person_url(person),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def honour_revoke(request, pk):
    honour = get_object_or_404(Honour.objects.select_related("person", "unit"), pk=pk)
    subject = honour.person or honour.unit
    require_perm(request.user, "records.view_history", subject)
    require_perm(request.user, "records.change_history", subject)
    back = _person_url(honour.person) if honour.person_id else _unit_url(honour.unit)
    form = forms.RevokeForm(request.POST or None, initial={"version": honour.version})
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.revoke_honour(
                    honour,
                    actor=request.user,
                    reason=data["reason"],
                    decision_number=data["decision_number"],
                    decision_date=data["decision_date"],
                    expected_version=form.expected_version(),
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("Đã thu hồi. Kết quả xét điều kiện đã được tính lại."))
                return redirect(_next_url(request, back))
        if request.POST.get("inline"):
            messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
            return redirect(_next_url(request, back))
    title = _("Thu hồi %(award)s năm %(year)s của %(subject)s") % {
        "award": honour.award_name,
        "year": honour.year,
        "subject": subject,
    }
    return render(request, "records/form.html", {"form": form, "title": title, "cancel": back})


# --------------------------------------------------------------------------------------------- a collective


@login_required
def collective_list(request):
    require_perm(request.user, "core.use_app")
    units = visible_units(request.user).filter(effective_to__isnull=True).order_by("path")
    from thidua.org.queries import unit_tree

    return render(request, "records/collective_list.html", {"rows": unit_tree(units)})


@login_required
def collective_history(request, pk):
    unit = _visible_unit(request, pk)
    year = review_year(request)
    data = queries.collective_records(unit)
    views = collective_years([unit]).get(unit.pk, {})
    ruleset, verdicts = collective_verdicts(unit, year)
    context = {
        "unit": unit,
        "ancestors": ancestors(unit),
        "data": data,
        "years": [views[y] for y in sorted(views, reverse=True)],
        "year": year,
        "ruleset": ruleset,
        "verdicts": verdicts,
        "can_change": request.user.has_perm("records.change_history", unit),
        "history": audit.history_for(unit)[:20],
    }
    return render(request, "records/collective_history.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def collective_year_edit(request, pk):
    unit = _visible_unit(request, pk)
    require_perm(request.user, "records.change_history", unit)
    year = review_year(request)
    record = CollectiveYear.objects.filter(unit=unit, year=year).first()
    fields = [
        "rating",
        "members",
        "members_ldtt",
        "members_completed",
        "members_cstdcs",
        "members_disciplined",
        "block_rank",
        "note",
    ]
    initial = {"year": year}
    if record is not None:
        initial |= {name: getattr(record, name) for name in fields} | {"version": record.version}
    form = forms.CollectiveYearForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.record_collective_year(
                unit,
                actor=request.user,
                year=data["year"],
                expected_version=form.expected_version() if data["year"] == year else None,
                **{name: data[name] for name in fields},
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Đã lưu hồ sơ năm %(year)s.") % {"year": data["year"]})
            return redirect(f"{_unit_url(unit)}?nam={data['year']}")
    title = _("Hồ sơ tập thể năm %(year)s: %(unit)s") % {"year": year, "unit": unit.full_name}
    return render(request, "records/form.html", {"form": form, "title": title, "cancel": _unit_url(unit)})


@login_required
@require_http_methods(["GET", "POST"])
def collective_honour_add(request, pk):
    unit = _visible_unit(request, pk)
    require_perm(request.user, "records.change_history", unit)
    form = forms.HonourForm(request.POST or None, subject="collective")
    if request.method == "POST" and form.is_valid():
        try:
            services.record_honour(actor=request.user, unit=unit, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Đã ghi nhận."))
            return redirect("records:collective_history", pk=unit.pk)
    title = _("Thêm danh hiệu, khen thưởng: %(unit)s") % {"unit": unit.full_name}
    return render(request, "records/form.html", {"form": form, "title": title, "cancel": _unit_url(unit)})


# --------------------------------------------------------------------------------------------- Excel


@login_required
@require_http_methods(["GET", "POST"])
def history_import(request):
    require_perm(request.user, "records.import_history")
    form = ExcelUploadForm(request.POST or None, request.FILES or None)
    outcome = None
    if request.method == "POST" and form.is_valid():
        outcome = run_import(HistoryImporter(), form.cleaned_data["file"], actor=request.user)
        if outcome.ok:
            messages.success(
                request,
                _("Đã nhập %(rows)s dòng: %(created)s bản ghi mới, %(updated)s bản ghi cập nhật hoặc đã có.")
                % {"rows": outcome.rows, "created": outcome.created, "updated": outcome.updated},
            )
            return redirect("records:history_import")
    return render(request, "records/import.html", {"form": form, "outcome": outcome})


@login_required
def history_template(request):
    require_perm(request.user, "records.import_history")
    response = HttpResponse(build_template(HISTORY_SPEC), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = 'attachment; filename="mau-qua-trinh-khen-thuong.xlsx"'
    return response
