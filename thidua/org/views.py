"""Pages for units, people and councils. Views only check permission, call a service or a query, and render."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from thidua.core import audit
from thidua.core.excel import build_template, build_workbook, run_import
from thidua.core.forms import ExcelUploadForm, add_service_errors
from thidua.core.views import require_perm

from . import forms, queries, services
from .imports import PERSON_SPEC, UNIT_SPEC, PersonImporter, UnitImporter, person_rows, unit_rows
from .models import Council, Person, Unit

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _visible_unit(request, pk) -> Unit:
    """The unit, or 403 if it lies outside the user's scope (404 if it does not exist)."""
    unit = get_object_or_404(Unit, pk=pk)
    require_perm(request.user, "org.view_unit", unit)
    return unit


def _visible_person(request, pk) -> Person:
    person = get_object_or_404(Person.objects.select_related("unit", "ethnicity"), pk=pk)
    require_perm(request.user, "org.view_person", person)
    return person


def _manageable_units(user):
    scope = queries.scope_for(user)
    if scope.is_admin:
        return Unit.objects.all()
    from .enums import ORGANISATION_ROLES

    return scope.filter_units(Unit.objects.all(), roles=ORGANISATION_ROLES)


def _editable_units(user):
    scope = queries.scope_for(user)
    if scope.is_admin:
        return Unit.objects.all()
    from .enums import EDITOR_ROLES

    return scope.filter_units(Unit.objects.all(), roles=EDITOR_ROLES)


def _xlsx(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


# --- Units -------------------------------------------------------------------------------------------------


@login_required
def unit_list(request):
    require_perm(request.user, "org.browse_units")
    text = request.GET.get("q", "").strip()
    show_closed = request.GET.get("da_giai_the") == "1"
    units = queries.visible_units(request.user).annotate(
        people_count=Count("people", filter=Q(people__archived=False))
    )
    if not show_closed:
        units = units.filter(effective_to__isnull=True)
    if text:
        rows = [(unit, 0) for unit in queries.search_units(units, text).order_by("name_sort")]
    else:
        rows = queries.unit_tree(units)
    context = {
        "rows": rows,
        "q": text,
        "show_closed": show_closed,
        "can_manage": request.user.has_perm("org.manage_units"),
    }
    return render(request, "org/unit_list.html", context)


@login_required
def unit_detail(request, pk):
    unit = _visible_unit(request, pk)
    children = queries.visible_units(request.user).filter(parent=unit).order_by("order", "name_sort")
    context = {
        "unit": unit,
        "ancestors": queries.ancestors(unit),
        "children": children,
        "lineage": queries.unit_lineage(unit),
        "predecessors": queries.lineage_predecessors(unit),
        "successors": queries.lineage_successors(unit),
        "people_count": unit.people.filter(archived=False).count(),
        "history": audit.history_for(unit)[:50],
        "can_manage": request.user.has_perm("org.manage_units", unit),
    }
    return render(request, "org/unit_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def unit_create(request):
    require_perm(request.user, "org.manage_units")
    parents = _manageable_units(request.user)
    initial = {"parent": request.GET.get("cap_tren")}
    form = forms.UnitForm(request.POST or None, parents=parents, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if data["parent"] is None and not queries.scope_for(request.user).is_admin:
            form.add_error("parent", _("Hãy chọn đơn vị cấp trên."))
        else:
            try:
                unit = services.create_unit(
                    actor=request.user,
                    code=data["code"],
                    short_name=data["short_name"],
                    full_name=data["full_name"],
                    unit_type=data["unit_type"],
                    parent=data["parent"],
                    order=data["order"] or 0,
                    effective_from=data["effective_from"],
                    place_name=data["place_name"],
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("Đã thêm đơn vị %(name)s.") % {"name": unit.full_name})
                return redirect("org:unit_detail", pk=unit.pk)
    return render(request, "org/form.html", {"form": form, "title": _("Thêm đơn vị")})


@login_required
@require_http_methods(["GET", "POST"])
def unit_edit(request, pk):
    unit = _visible_unit(request, pk)
    require_perm(request.user, "org.manage_units", unit)
    parents = _manageable_units(request.user).exclude(path__startswith=unit.path)
    fields = [
        "code",
        "short_name",
        "full_name",
        "unit_type",
        "parent",
        "order",
        "effective_from",
        "place_name",
    ]
    initial = {name: getattr(unit, name) for name in fields} | {"version": unit.version}
    form = forms.UnitForm(request.POST or None, parents=parents, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        changes = {name: data[name] for name in fields}
        if changes["parent"] is None and unit.parent_id and not queries.scope_for(request.user).is_admin:
            changes["parent"] = unit.parent
        try:
            services.update_unit(
                unit, actor=request.user, expected_version=form.expected_version(), **changes
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Đã lưu thay đổi."))
            return redirect("org:unit_detail", pk=unit.pk)
    return render(
        request, "org/form.html", {"form": form, "title": _("Sửa đơn vị %(name)s") % {"name": unit}}
    )


def _unit_event_view(request, pk, form_class, title, perform, **form_kwargs):
    unit = _visible_unit(request, pk)
    require_perm(request.user, "org.manage_units", unit)
    form = form_class(request.POST or None, **form_kwargs)
    if request.method == "POST" and form.is_valid():
        try:
            perform(unit, form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, _("Đã ghi nhận thay đổi của đơn vị %(name)s.") % {"name": unit.full_name}
            )
            return redirect("org:unit_detail", pk=unit.pk)
    return render(
        request, "org/form.html", {"form": form, "title": title % {"name": unit.full_name}, "unit": unit}
    )


@login_required
@require_http_methods(["GET", "POST"])
def unit_rename(request, pk):
    def perform(unit, data):
        services.rename_unit(
            unit,
            actor=request.user,
            date=data["date"],
            full_name=data["full_name"],
            short_name=data["short_name"],
            decision=data["decision"],
            note=data["note"],
        )

    return _unit_event_view(request, pk, forms.RenameUnitForm, _("Đổi tên %(name)s"), perform)


@login_required
@require_http_methods(["GET", "POST"])
def unit_merge(request, pk):
    def perform(unit, data):
        services.merge_units(
            [unit],
            into=data["into"],
            actor=request.user,
            date=data["date"],
            decision=data["decision"],
            note=data["note"],
        )

    targets = _manageable_units(request.user).exclude(pk=pk)
    return _unit_event_view(
        request, pk, forms.MergeUnitForm, _("Sáp nhập %(name)s"), perform, targets=targets
    )


@login_required
@require_http_methods(["GET", "POST"])
def unit_split(request, pk):
    def perform(unit, data):
        services.split_unit(
            unit,
            into=list(data["into"]),
            actor=request.user,
            date=data["date"],
            decision=data["decision"],
            note=data["note"],
            close_source=data["close_source"],
        )

    targets = _manageable_units(request.user).exclude(pk=pk)
    return _unit_event_view(
        request, pk, forms.SplitUnitForm, _("Chia, tách %(name)s"), perform, targets=targets
    )


@login_required
@require_http_methods(["GET", "POST"])
def unit_move(request, pk):
    def perform(unit, data):
        services.move_unit(
            unit,
            new_parent=data["new_parent"],
            actor=request.user,
            date=data["date"],
            decision=data["decision"],
            note=data["note"],
        )

    unit = _visible_unit(request, pk)
    targets = _manageable_units(request.user).exclude(path__startswith=unit.path)
    return _unit_event_view(
        request, pk, forms.MoveUnitForm, _("Chuyển cấp quản lý %(name)s"), perform, targets=targets
    )


@login_required
@require_http_methods(["GET", "POST"])
def unit_dissolve(request, pk):
    def perform(unit, data):
        services.dissolve_unit(
            unit, actor=request.user, date=data["date"], decision=data["decision"], note=data["note"]
        )

    return _unit_event_view(request, pk, forms.UnitEventForm, _("Giải thể %(name)s"), perform)


# --- People ------------------------------------------------------------------------------------------------


@login_required
def person_list(request):
    require_perm(request.user, "org.browse_people")
    units = queries.visible_units(request.user)
    form = forms.PeopleFilterForm(request.GET or None, units=units)
    data = form.cleaned_data if form.is_valid() else {"q": "", "unit": None, "archived": False}
    people = queries.people_list(
        request.user, text=data["q"], unit=data["unit"], include_archived=data["archived"]
    )
    page = Paginator(people, 50).get_page(request.GET.get("trang"))
    params = request.GET.copy()
    params.pop("trang", None)
    context = {
        "form": form,
        "page": page,
        "query": params.urlencode(),
        "can_add": request.user.has_perm("org.add_person", None),
        "can_import": request.user.has_perm("org.import_people"),
    }
    template = "org/_person_rows.html" if request.htmx else "org/person_list.html"
    return render(request, template, context)


@login_required
def person_detail(request, pk):
    person = _visible_person(request, pk)
    context = {
        "person": person,
        "employments": person.employments.select_related("unit").order_by("-start_date"),
        "history": audit.history_for(person)[:50],
        "can_change": request.user.has_perm("org.change_person", person),
    }
    return render(request, "org/person_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def person_create(request):
    require_perm(request.user, "org.add_person", None)
    form = forms.NewPersonForm(request.POST or None, units=_editable_units(request.user))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        require_perm(request.user, "org.add_person", data["unit"])
        try:
            person = services.create_person(
                actor=request.user,
                full_name=data["full_name"],
                gender=data["gender"],
                unit=data["unit"],
                position_title=data["position_title"],
                position_level=data["position_level"],
                position_start=data["position_start"],
                cccd=data["cccd"] or None,
                birth_date=data["birth_date"],
                ethnicity=data["ethnicity"],
                email=data["email"],
                phone=data["phone"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Đã thêm %(name)s.") % {"name": person.full_name})
            return redirect("org:person_detail", pk=person.pk)
    return render(request, "org/form.html", {"form": form, "title": _("Thêm cá nhân")})


@login_required
@require_http_methods(["GET", "POST"])
def person_edit(request, pk):
    person = _visible_person(request, pk)
    require_perm(request.user, "org.change_person", person)
    fields = ["full_name", "cccd", "gender", "birth_date", "ethnicity", "email", "phone"]
    initial = {name: getattr(person, name) for name in fields} | {"version": person.version}
    form = forms.PersonForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        changes = {name: form.cleaned_data[name] for name in fields}
        changes["cccd"] = changes["cccd"] or None
        try:
            services.update_person(
                person, actor=request.user, expected_version=form.expected_version(), **changes
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Đã lưu thay đổi."))
            return redirect("org:person_detail", pk=person.pk)
    title = _("Sửa thông tin %(name)s") % {"name": person.full_name}
    return render(request, "org/form.html", {"form": form, "title": title, "person": person})


@login_required
@require_http_methods(["GET", "POST"])
def person_position(request, pk):
    person = _visible_person(request, pk)
    require_perm(request.user, "org.change_person", person)
    form = forms.AssignPositionForm(request.POST or None, units=_editable_units(request.user))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.assign_position(
                person,
                actor=request.user,
                unit=data["unit"],
                position_title=data["position_title"],
                start_date=data["start_date"],
                position_level=data["position_level"],
                decision=data["decision"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Đã ghi nhận chức vụ mới."))
            return redirect("org:person_detail", pk=person.pk)
    title = _("Chức vụ mới của %(name)s") % {"name": person.full_name}
    return render(request, "org/form.html", {"form": form, "title": title, "person": person})


@login_required
@require_http_methods(["GET", "POST"])
def person_archive(request, pk):
    person = _visible_person(request, pk)
    require_perm(request.user, "org.change_person", person)
    form = forms.ArchivePersonForm(request.POST or None, initial={"version": person.version})
    if request.method == "POST" and form.is_valid():
        try:
            services.archive_person(
                person,
                actor=request.user,
                reason=form.cleaned_data["reason"],
                expected_version=form.expected_version(),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Đã lưu trữ hồ sơ %(name)s.") % {"name": person.full_name})
            return redirect("org:person_detail", pk=person.pk)
    title = _("Lưu trữ hồ sơ %(name)s") % {"name": person.full_name}
    return render(request, "org/form.html", {"form": form, "title": title, "person": person})


# --- Excel -------------------------------------------------------------------------------------------------

IMPORTS = {
    "don-vi": (UNIT_SPEC, UnitImporter, "org.manage_units", gettext_lazy("đơn vị")),
    "ca-nhan": (PERSON_SPEC, PersonImporter, "org.import_people", gettext_lazy("cá nhân")),
}


def _import_kind(kind):
    if kind not in IMPORTS:
        raise Http404
    return IMPORTS[kind]


@login_required
def excel_template(request, kind):
    spec, _importer, permission, _label = _import_kind(kind)
    require_perm(request.user, permission)
    return _xlsx(build_template(spec), f"mau-nhap-{kind}.xlsx")


@login_required
def excel_export(request, kind):
    spec, _importer, _permission, _label = _import_kind(kind)
    if kind == "don-vi":
        require_perm(request.user, "org.browse_units")
        rows = unit_rows(queries.visible_units(request.user).select_related("parent").order_by("path"))
    else:
        require_perm(request.user, "org.browse_people")
        rows = person_rows(queries.people_list(request.user))
    return _xlsx(build_workbook(spec, rows), f"{kind}.xlsx")


@login_required
@require_http_methods(["GET", "POST"])
def excel_import(request, kind):
    spec, importer_class, permission, label = _import_kind(kind)
    require_perm(request.user, permission)
    form = ExcelUploadForm(request.POST or None, request.FILES or None)
    outcome = None
    if request.method == "POST" and form.is_valid():
        outcome = run_import(importer_class(), form.cleaned_data["file"], actor=request.user)
        if outcome.ok:
            messages.success(
                request,
                _("Đã nhập %(rows)s dòng: thêm mới %(created)s, cập nhật %(updated)s.")
                % {"rows": outcome.rows, "created": outcome.created, "updated": outcome.updated},
            )
            return redirect("org:unit_list" if kind == "don-vi" else "org:person_list")
    context = {"form": form, "outcome": outcome, "kind": kind, "label": label, "spec": spec}
    return render(request, "org/import.html", context)


# --- Councils ----------------------------------------------------------------------------------------------


@login_required
def council_list(request):
    require_perm(request.user, "org.browse_units")
    councils = queries.scope_for(request.user).filter_units(Council.objects.select_related("unit"), "unit_id")
    return render(request, "org/council_list.html", {"councils": councils.order_by("unit__path", "name")})


@login_required
def council_detail(request, pk):
    council = get_object_or_404(Council.objects.select_related("unit"), pk=pk)
    require_perm(request.user, "org.view_unit", council.unit)
    members = council.members.select_related("person").order_by("order", "id")
    context = {"council": council, "members": members, "history": audit.history_for(council)[:50]}
    return render(request, "org/council_detail.html", context)
