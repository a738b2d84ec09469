"""Pages for movements. Views check permission, call a service or a query, and render."""

from __future__ import annotations

import datetime
from pathlib import PurePath

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from thidua.core import audit
from thidua.core.excel import XLSX_CONTENT_TYPE, build_template, run_import
from thidua.core.forms import ExcelUploadForm, add_service_errors
from thidua.core.views import require_perm
from thidua.org.enums import ORGANISATION_ROLES
from thidua.org.models import Person, Unit
from thidua.org.queries import scope_for, subtree_q

from . import forms, imports, queries, services
from .models import (
    Content,
    Movement,
    MovementStatus,
    PeriodicReport,
    Plan,
    ProgressReport,
    Registration,
    ReportKind,
    Target,
    Task,
)
from .titles import TITLES_BY_CODE


def _xlsx(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _movement(request, pk, permission="movements.view_movement") -> Movement:
    movement = get_object_or_404(Movement.objects.select_related("launching_unit", "parent"), pk=pk)
    require_perm(request.user, permission, movement)
    return movement


def _units_qs(units):
    return Unit.objects.filter(pk__in=[unit.pk for unit in units]).order_by("path")


def _organiser_units(user):
    scope = scope_for(user)
    units = Unit.objects.filter(effective_to__isnull=True)
    return units if scope.is_admin else scope.filter_units(units, roles=ORGANISATION_ROLES)


def _scope_choices():
    return Unit.objects.filter(depth__lte=1).order_by("path")


def _file_response(field_file, *, as_attachment=True):
    if not field_file:
        raise Http404
    try:
        handle = field_file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    return FileResponse(handle, as_attachment=as_attachment, filename=PurePath(field_file.name).name)


# --- movements ---------------------------------------------------------------------------------------------


@login_required
def movement_list(request):
    require_perm(request.user, "movements.browse")
    movements = (
        queries.visible_movements(request.user)
        .select_related("launching_unit")
        .order_by("-period_start", "-id")
    )
    context = {
        "movements": movements,
        "can_add": request.user.has_perm("movements.add_movement"),
    }
    return render(request, "movements/movement_list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def movement_create(request):
    require_perm(request.user, "movements.add_movement")
    form = forms.MovementForm(
        request.POST or None,
        request.FILES or None,
        launching_units=_organiser_units(request.user),
        scope_units=_scope_choices(),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        fields = {
            key: data[key]
            for key in form.fields
            if key not in {"version", "launching_unit", "units_in_scope", "source_document", "name", "kind"}
            and key not in {"period_start", "period_end"}
        }
        try:
            movement = services.create_movement(
                actor=request.user,
                launching_unit=data["launching_unit"],
                name=data["name"],
                kind=data["kind"],
                period_start=data["period_start"],
                period_end=data["period_end"],
                units_in_scope=data["units_in_scope"],
                source_document=data["source_document"],
                **fields,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Đã tạo dự thảo phong trào %(name)s.") % {"name": movement.name})
            return redirect("movements:movement_detail", pk=movement.pk)
    return render(request, "movements/form.html", {"form": form, "title": _("Phong trào thi đua mới")})


@login_required
def movement_detail(request, pk):
    movement = _movement(request, pk)
    if movement.parent_id:
        return redirect(f"{reverse('movements:movement_detail', args=[movement.parent_id])}#chuyen-de")
    can_manage = request.user.has_perm("movements.manage_movement", movement)
    contents = movement.contents.prefetch_related("sub_items")
    targets = list(movement.targets.prefetch_related("responsible_units"))
    tasks = list(movement.tasks.select_related("lead_unit").prefetch_related("assignee_units"))
    updatable = queries.updatable_task_ids(request.user, movement, tasks)
    for task in tasks:
        task.can_update = task.pk in updatable
    thematic = list(movement.thematic_movements.select_related("lead_unit").order_by("order", "id"))
    for item in thematic:
        item.can_review = can_manage or services.can_review_thematic(request.user, item)
    units = queries.actionable_units(request.user, movement)
    context = {
        "movement": movement,
        "contents": contents,
        "targets": targets,
        "tasks": tasks,
        "thematic_movements": thematic,
        "amendments": movement.amendments.select_related("actor"),
        "scope_units": queries.scope_unit_list(movement),
        "can_manage": can_manage,
        "takes_part": bool(units),
        "my_units": units if not can_manage else [],
        "my_plans": Plan.objects.filter(movement=movement, unit__in=units)
        if units and not can_manage
        else [],
        "history": audit.history_for(movement)[:50],
        "public_url": reverse("movements:public_progress", args=[movement.public_key]),
    }
    return render(request, "movements/movement_detail.html", context)


def _movement_initial(movement: Movement) -> dict:
    names = [
        "launching_unit",
        "name",
        "theme",
        "kind",
        "duration",
        "period_start",
        "period_end",
        "document_type",
        "document_number",
        "document_symbol",
        "document_date",
        "document_subject",
        "signer_name",
        "signer_position",
        "preamble",
        "closing",
        "recipients",
        "plan_deadline",
        "midterm_deadline",
        "final_deadline",
    ]
    initial = {name: getattr(movement, name) for name in names}
    initial["units_in_scope"] = list(movement.units_in_scope.values_list("pk", flat=True))
    initial["version"] = movement.version
    return initial


@login_required
@require_http_methods(["GET", "POST"])
def movement_edit(request, pk):
    movement = _movement(request, pk, "movements.manage_movement")
    if movement.parent_id:
        return redirect("movements:thematic_edit", pk=movement.pk)
    form = forms.MovementForm(
        request.POST or None,
        request.FILES or None,
        initial=_movement_initial(movement),
        launching_units=_organiser_units(request.user) | Unit.objects.filter(pk=movement.launching_unit_id),
        scope_units=_scope_choices() | movement.units_in_scope.all(),
        launched=movement.is_launched,
    )
    del form.fields["launching_unit"]
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        changes = {
            key: data[key]
            for key in form.fields
            if key not in {"version", "units_in_scope", "source_document", "reason"}
        }
        try:
            services.update_movement(
                movement,
                actor=request.user,
                expected_version=form.expected_version(),
                reason=data.get("reason", ""),
                units_in_scope=data["units_in_scope"],
                source_document=data["source_document"],
                **changes,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Đã lưu thay đổi."))
            return redirect("movements:movement_detail", pk=movement.pk)
    title = _("Sửa phong trào %(name)s") % {"name": movement.name}
    return render(request, "movements/form.html", {"form": form, "title": title, "movement": movement})


@login_required
@require_http_methods(["GET", "POST"])
def content_edit(request, pk):
    movement = _movement(request, pk, "movements.manage_movement")
    number = request.GET.get("so")
    initial = {}
    if number and number.isdigit():
        content = movement.contents.filter(number=int(number)).first()
        if content is not None:
            sub_items = "\n".join(f"{item.letter}) {item.text}" for item in content.sub_items.all())
            initial = {
                "number": content.number,
                "title": content.title,
                "text": content.text,
                "sub_items": sub_items,
            }
    if not initial:
        initial = {"number": movement.contents.count() + 1}
    form = forms.ContentForm(request.POST or None, initial=initial, launched=movement.is_launched)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.set_content(
                movement,
                actor=request.user,
                number=data["number"],
                title=data["title"],
                text=data["text"],
                sub_items=data["sub_items"],
                reason=data.get("reason", ""),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Đã lưu nội dung %(n)s.") % {"n": data["number"]})
            return redirect("movements:movement_detail", pk=movement.pk)
    title = _("Nội dung phong trào %(name)s") % {"name": movement.name}
    return render(request, "movements/form.html", {"form": form, "title": title, "movement": movement})


@login_required
@require_http_methods(["GET", "POST"])
def thematic_create(request, pk):
    movement = _movement(request, pk, "movements.manage_movement")
    form = forms.ThematicForm(
        request.POST or None,
        units=Unit.objects.filter(effective_to__isnull=True),
        launched=movement.is_launched,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.create_thematic_movement(
                movement,
                actor=request.user,
                name=data["name"],
                theme=data["theme"],
                lead_unit=data["lead_unit"],
                reason=data.get("reason", ""),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Đã thêm phong trào chuyên đề %(name)s.") % {"name": data["name"]})
            return redirect("movements:movement_detail", pk=movement.pk)
    title = _("Phong trào chuyên đề thuộc %(name)s") % {"name": movement.name}
    return render(request, "movements/form.html", {"form": form, "title": title, "movement": movement})


def _thematic(request, pk, permission) -> Movement:
    thematic = get_object_or_404(
        Movement.objects.select_related("parent", "lead_unit"), pk=pk, parent__isnull=False
    )
    require_perm(request.user, permission, thematic)
    return thematic


@login_required
@require_http_methods(["GET", "POST"])
def thematic_edit(request, pk):
    thematic = _thematic(request, pk, "movements.manage_movement")
    initial = {
        "name": thematic.name,
        "theme": thematic.theme,
        "lead_unit": thematic.lead_unit_id,
        "order": thematic.order,
        "version": thematic.version,
    }
    units = Unit.objects.filter(effective_to__isnull=True)
    if thematic.lead_unit_id:
        units = units | Unit.objects.filter(pk=thematic.lead_unit_id)
    form = forms.ThematicForm(
        request.POST or None,
        initial=initial,
        units=units.order_by("path"),
        launched=thematic.parent.is_launched,
        editing=True,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.update_thematic(
                thematic,
                actor=request.user,
                expected_version=form.expected_version(),
                reason=data.get("reason", ""),
                name=data["name"],
                theme=data["theme"],
                lead_unit=data["lead_unit"],
                order=data["order"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Đã lưu phong trào chuyên đề %(name)s.") % {"name": data["name"]})
            return redirect(f"{reverse('movements:movement_detail', args=[thematic.parent_id])}#chuyen-de")
    title = _("Sửa phong trào chuyên đề «%(name)s»") % {"name": thematic.name}
    context = {
        "form": form,
        "title": title,
        "movement": thematic.parent,
        "history": audit.history_for(thematic)[:50],
    }
    return render(request, "movements/form.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def thematic_review(request, pk):
    thematic = _thematic(request, pk, "movements.review_thematic")
    form = forms.ThematicReviewForm(request.POST or None, initial={"review": thematic.review})
    if request.method == "POST" and form.is_valid():
        services.update_thematic_review(thematic, actor=request.user, review=form.cleaned_data["review"])
        messages.success(request, _("Đã lưu đánh giá."))
        return redirect("movements:movement_detail", pk=thematic.parent_id)
    title = _("Đánh giá phong trào chuyên đề «%(name)s»") % {"name": thematic.name}
    return render(request, "movements/form.html", {"form": form, "title": title, "movement": thematic.parent})


@login_required
@require_http_methods(["GET", "POST"])
def task_create(request, pk):
    movement = _movement(request, pk, "movements.manage_movement")
    form = forms.TaskForm(
        request.POST or None,
        units=Unit.objects.filter(effective_to__isnull=True),
        launched=movement.is_launched,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.add_task(
                movement,
                actor=request.user,
                letter=data["letter"],
                title=data["title"],
                text=data["text"],
                assignees=data["assignees"],
                assignee_units=data["assignee_units"],
                lead_unit=data["lead_unit"],
                coordinating=data["coordinating"],
                is_request=data["is_request"],
                deadline=data["deadline"],
                reason=data.get("reason", ""),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Đã giao nhiệm vụ."))
            return redirect(f"{reverse('movements:movement_detail', args=[movement.pk])}#nhiem-vu")
    title = _("Giao nhiệm vụ – %(name)s") % {"name": movement.name}
    return render(request, "movements/form.html", {"form": form, "title": title, "movement": movement})


@login_required
@require_http_methods(["GET", "POST"])
def task_update(request, pk):
    task = get_object_or_404(Task.objects.select_related("movement", "lead_unit"), pk=pk)
    require_perm(request.user, "movements.view_movement", task.movement)
    if not services.can_update_task(request.user, task):
        raise PermissionDenied
    can_set_deadline = request.user.has_perm("movements.manage_movement", task.movement)
    initial = {
        "status": task.status,
        "status_note": task.status_note,
        "deadline": task.deadline,
        "version": task.version,
    }
    form = forms.TaskUpdateForm(request.POST or None, initial=initial, can_set_deadline=can_set_deadline)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.update_task(
                task,
                actor=request.user,
                expected_version=form.expected_version(),
                status=data["status"],
                status_note=data["status_note"],
                deadline=data.get("deadline"),
                clear_deadline=can_set_deadline and data.get("deadline") is None,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Đã cập nhật nhiệm vụ."))
            return redirect(f"{reverse('movements:movement_detail', args=[task.movement.root.pk])}#nhiem-vu")
    title = _("Nhiệm vụ: %(title)s") % {"title": task.title}
    return render(
        request,
        "movements/form.html",
        {"form": form, "title": title, "movement": task.movement.root, "task": task},
    )


# --- targets -----------------------------------------------------------------------------------------------


def _target_form(request, movement, target=None):
    parents = movement.targets.filter(parent__isnull=True)
    if target is not None:
        parents = parents.exclude(pk=target.pk)
        initial = {
            name: getattr(target, name)
            for name in [
                "name",
                "parent",
                "unit_of_measure",
                "direction",
                "target_value",
                "baseline",
                "tolerance",
                "cumulative",
                "measures_change",
                "start_date",
                "deadline",
            ]
        }
        initial["responsible_units"] = list(target.responsible_units.values_list("pk", flat=True))
        initial["version"] = target.version
    else:
        initial = {}
    return forms.TargetForm(
        request.POST or None,
        initial=initial,
        units=Unit.objects.filter(effective_to__isnull=True),
        parents=parents,
        launched=movement.is_launched,
    )


@login_required
@require_http_methods(["GET", "POST"])
def target_create(request, pk):
    movement = _movement(request, pk, "movements.manage_movement")
    form = _target_form(request, movement)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            target = services.add_target(
                movement,
                actor=request.user,
                name=data["name"],
                parent=data["parent"],
                unit_of_measure=data["unit_of_measure"],
                direction=data["direction"],
                target_value=data["target_value"],
                baseline=data["baseline"],
                tolerance=data["tolerance"],
                cumulative=data["cumulative"],
                measures_change=data["measures_change"],
                responsible_units=data["responsible_units"],
                start_date=data["start_date"],
                deadline=data["deadline"],
                reason=data.get("reason", ""),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Đã thêm chỉ tiêu %(name)s.") % {"name": target.name})
            return redirect(f"{reverse('movements:movement_detail', args=[movement.root.pk])}#chi-tieu")
    title = _("Chỉ tiêu mới – %(name)s") % {"name": movement.name}
    return render(
        request,
        "movements/form.html",
        {"form": form, "title": title, "movement": movement, "units_datalist": True},
    )


@login_required
@require_http_methods(["GET", "POST"])
def target_edit(request, pk):
    target = get_object_or_404(Target.objects.select_related("movement"), pk=pk)
    movement = target.movement
    require_perm(request.user, "movements.manage_movement", movement)
    form = _target_form(request, movement, target)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        changes = {
            key: data[key]
            for key in [
                "name",
                "parent",
                "unit_of_measure",
                "direction",
                "target_value",
                "baseline",
                "tolerance",
                "cumulative",
                "measures_change",
                "start_date",
                "deadline",
            ]
        }
        try:
            services.update_target(
                target,
                actor=request.user,
                expected_version=form.expected_version(),
                reason=data.get("reason", ""),
                responsible_units=data["responsible_units"],
                **changes,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Đã lưu chỉ tiêu."))
            return redirect(f"{reverse('movements:movement_detail', args=[movement.root.pk])}#chi-tieu")
    title = _("Sửa chỉ tiêu %(name)s") % {"name": target.name}
    return render(
        request,
        "movements/form.html",
        {
            "form": form,
            "title": title,
            "movement": movement.root,
            "units_datalist": True,
            "history": audit.history_for(target)[:50],
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def progress_report(request, pk):
    target = get_object_or_404(Target.objects.select_related("movement"), pk=pk)
    require_perm(request.user, "movements.report_progress", target)
    allowed = services.reporting_unit_ids(request.user, target)
    units = (
        _units_qs(queries.scope_unit_list(target.movement))
        if allowed is None
        else Unit.objects.filter(pk__in=sorted(allowed)).order_by("path")
    )
    today = timezone.localdate()
    movement = target.movement
    year = min(max(today.year, movement.period_start.year), movement.period_end.year)
    initial = {"period_kind": "quarter", "period_year": year, "period_index": (today.month - 1) // 3 + 1}
    if units.count() == 1:
        initial["unit"] = units.first()
    form = forms.ProgressForm(request.POST or None, request.FILES or None, initial=initial, units=units)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            report = services.report_progress(
                target,
                actor=request.user,
                unit=data["unit"],
                period_kind=data["period_kind"],
                period_year=data["period_year"],
                period_index=data["period_index"],
                value=data["value"],
                note=data["note"],
                evidence=data["evidence"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("Đã ghi nhận %(target)s, %(period)s: %(status)s.")
                % {"target": target.name, "period": report.period_label, "status": report.status_label},
            )
            return redirect("movements:dashboard", pk=movement.root.pk)
    recent = list(target.reports.select_related("unit").order_by("-period_end", "-updated_at")[:12])
    context = {
        "form": form,
        "target": target,
        "movement": movement.root,
        "recent": recent,
        "evidence_ids": queries.evidence_ids(request.user, movement, recent),
    }
    return render(request, "movements/progress_form.html", context)


# --- deleting from a draft ---------------------------------------------------------------------------------


def _delete(request, movement: Movement, delete, done: str, anchor: str):
    """Call a delete service; its refusal (the movement was launched) becomes an error message."""
    require_perm(request.user, "movements.manage_movement", movement)
    try:
        delete()
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, done)
    return redirect(f"{reverse('movements:movement_detail', args=[movement.root.pk])}#{anchor}")


@login_required
@require_POST
def content_delete(request, pk):
    content = get_object_or_404(Content.objects.select_related("movement"), pk=pk)
    return _delete(
        request,
        content.movement,
        lambda: services.delete_content(content, actor=request.user),
        _("Đã xóa nội dung %(n)s.") % {"n": content.number},
        "noi-dung-chinh",
    )


@login_required
@require_POST
def target_delete(request, pk):
    target = get_object_or_404(Target.objects.select_related("movement"), pk=pk)
    return _delete(
        request,
        target.movement,
        lambda: services.delete_target(target, actor=request.user),
        _("Đã xóa chỉ tiêu %(code)s. %(name)s.") % {"code": target.code, "name": target.name},
        "chi-tieu",
    )


@login_required
@require_POST
def task_delete(request, pk):
    task = get_object_or_404(Task.objects.select_related("movement"), pk=pk)
    return _delete(
        request,
        task.movement,
        lambda: services.delete_task(task, actor=request.user),
        _("Đã xóa nhiệm vụ %(title)s.") % {"title": task.title},
        "nhiem-vu",
    )


@login_required
@require_POST
def thematic_delete(request, pk):
    thematic = get_object_or_404(Movement.objects.select_related("parent"), pk=pk, parent__isnull=False)
    return _delete(
        request,
        thematic,
        lambda: services.delete_thematic_movement(thematic, actor=request.user),
        _("Đã xóa phong trào chuyên đề %(name)s.") % {"name": thematic.name},
        "chuyen-de",
    )


# --- launch, close, public ---------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def movement_launch(request, pk):
    movement = _movement(request, pk, "movements.manage_movement")
    if request.method == "POST":
        try:
            movement = services.launch_movement(
                movement, actor=request.user, expected_version=request.POST.get("version") or None
            )
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("Đã phát động phong trào %(name)s.") % {"name": movement.name})
        return redirect("movements:movement_detail", pk=movement.pk)
    context = {"movement": movement, "scope_units": queries.scope_unit_list(movement)}
    return render(request, "movements/launch_confirm.html", context)


@login_required
@require_POST
def movement_close(request, pk):
    movement = _movement(request, pk, "movements.manage_movement")
    try:
        services.close_movement(movement, actor=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Đã kết thúc phong trào."))
    return redirect("movements:movement_detail", pk=movement.pk)


@login_required
@require_POST
def movement_public_toggle(request, pk):
    movement = _movement(request, pk, "movements.manage_movement")
    services.set_public_progress(movement, actor=request.user, public=request.POST.get("public") == "1")
    messages.success(
        request,
        _("Trang công khai tiến độ đã được bật.")
        if movement.public_progress
        else _("Trang công khai tiến độ đã tắt."),
    )
    return redirect("movements:movement_detail", pk=movement.pk)


@login_required
def source_document(request, pk):
    movement = _movement(request, pk)
    return _file_response(movement.source_document)


# --- dashboard ---------------------------------------------------------------------------------------------


def _filter_unit(request, movement) -> Unit | None:
    value = request.GET.get("don_vi", "")
    if not value.isdigit():
        return None
    return Unit.objects.filter(pk=int(value)).first()


@login_required
def dashboard(request, pk):
    movement = _movement(request, pk)
    unit = _filter_unit(request, movement)
    rows = queries.dashboard(movement, unit=unit)
    reportable = queries.reportable_target_ids(request.user, movement, rows)
    reports = [report for row in rows for report in row.reports]
    context = {
        "movement": movement,
        "rows": rows,
        "evidence_ids": queries.evidence_ids(request.user, movement, reports),
        "counts": queries.status_counts(rows),
        "units": queries.reporting_units(movement),
        "unit": unit,
        "reportable": reportable,
        "can_import": bool(reportable),
        "can_manage": request.user.has_perm("movements.manage_movement", movement),
        "takes_part": bool(queries.actionable_units(request.user, movement)),
    }
    return render(request, "movements/dashboard.html", context)


@login_required
def progress_evidence(request, pk):
    report = get_object_or_404(ProgressReport.objects.select_related("target__movement"), pk=pk)
    movement = report.target.movement
    require_perm(request.user, "movements.view_movement", movement)
    if not queries.can_download_evidence(request.user, movement, report):
        raise PermissionDenied
    return _file_response(report.evidence)


@login_required
def progress_export(request, pk):
    movement = _movement(request, pk)
    unit = _filter_unit(request, movement)
    return _xlsx(imports.export_workbook(movement, unit=unit), f"tien-do-phong-trao-{movement.pk}.xlsx")


@login_required
def progress_template(request, pk):
    _movement(request, pk, "movements.take_part")
    return _xlsx(build_template(imports.PROGRESS_SPEC), "mau-nhap-tien-do.xlsx")


@login_required
@require_http_methods(["GET", "POST"])
def progress_import(request, pk):
    movement = _movement(request, pk, "movements.take_part")
    form = ExcelUploadForm(request.POST or None, request.FILES or None)
    outcome = None
    if request.method == "POST" and form.is_valid():
        outcome = run_import(
            imports.ProgressImporter(movement), form.cleaned_data["file"], actor=request.user
        )
        if outcome.ok:
            messages.success(
                request,
                _("Đã nhập %(rows)s dòng: thêm mới %(created)s, cập nhật %(updated)s.")
                % {"rows": outcome.rows, "created": outcome.created, "updated": outcome.updated},
            )
            return redirect("movements:dashboard", pk=movement.pk)
    context = {
        "form": form,
        "outcome": outcome,
        "movement": movement,
        "title": _("Nhập tiến độ chỉ tiêu từ Excel"),
        "template_url": reverse("movements:progress_template", args=[movement.pk]),
        "export_url": reverse("movements:progress_export", args=[movement.pk]),
    }
    return render(request, "movements/import.html", context)


# --- plans -------------------------------------------------------------------------------------------------


@login_required
def plan_list(request, pk):
    movement = _movement(request, pk, "movements.manage_movement")
    rows = queries.plan_rows(movement)
    context = {
        "movement": movement,
        "rows": rows,
        "counts": queries.state_counts(rows),
        "deadline": movement.plan_deadline,
        "subject": "ke-hoach",
        "kind_label": _("Kế hoạch"),
    }
    return render(request, "movements/plan_list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def plan_file(request, pk):
    movement = _movement(request, pk, "movements.take_part")
    units = _units_qs(queries.actionable_units(request.user, movement))
    initial = {}
    if units.count() == 1:
        initial["unit"] = units.first()
        plan = Plan.objects.filter(movement=movement, unit=units.first()).first()
        if plan:
            initial |= {"summary": plan.summary, "number_symbol": plan.number_symbol, "version": plan.version}
    form = forms.PlanForm(request.POST or None, request.FILES or None, initial=initial, units=units)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.file_plan(
                movement,
                actor=request.user,
                unit=data["unit"],
                summary=data["summary"],
                number_symbol=data["number_symbol"],
                document=data["document"],
                expected_version=form.expected_version(),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Đã nộp kế hoạch của %(unit)s.") % {"unit": data["unit"].full_name})
            return redirect("movements:movement_detail", pk=movement.pk)
    title = _("Nộp kế hoạch thực hiện %(name)s") % {"name": movement.name}
    return render(
        request,
        "movements/form.html",
        {"form": form, "title": title, "movement": movement, "multipart": True},
    )


@login_required
@require_POST
def send_reminders(request, pk):
    movement = _movement(request, pk, "movements.manage_movement")
    subject = request.POST.get("subject", "ke-hoach")
    if subject == "ke-hoach":
        rows = queries.plan_rows(movement)
        back = reverse("movements:plan_list", args=[movement.pk])
    else:
        kind = ReportKind.MIDTERM if subject == "so-ket" else ReportKind.FINAL
        value = request.POST.get("nam") or str(movement.period_start.year)
        years = queries.report_years(movement)
        year = int(value) if value.strip().isdigit() else None
        if year not in years:
            messages.error(
                request,
                _("Năm «%(value)s» không hợp lệ: hãy chọn một năm từ %(first)s đến %(last)s.")
                % {"value": value, "first": years[0], "last": years[-1]},
            )
            return redirect(f"{reverse('movements:report_list', args=[movement.pk])}?loai={kind}")
        rows = queries.report_rows(movement, kind, year)
        back = f"{reverse('movements:report_list', args=[movement.pk])}?loai={kind}&nam={year}"
    wanted = set(request.POST.getlist("don_vi"))
    units = [row.unit for row in rows if row.item is None and (not wanted or str(row.unit.pk) in wanted)]
    try:
        count = services.send_reminders(movement, actor=request.user, subject=subject, units=units)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(
            request,
            _("Đã nhắc %(units)s đơn vị (%(people)s người nhận).") % {"units": len(units), "people": count},
        )
    return redirect(back)


@login_required
def plan_document(request, pk):
    plan = get_object_or_404(Plan.objects.select_related("movement"), pk=pk)
    require_perm(request.user, "movements.view_movement", plan.movement)
    if not (
        request.user.has_perm("movements.manage_movement", plan.movement)
        or scope_for(request.user).can_see_unit(plan.unit_id)
    ):
        raise PermissionDenied
    return _file_response(plan.document)


# --- registrations -----------------------------------------------------------------------------------------


@login_required
def registration_list(request, pk):
    movement = _movement(request, pk)
    can_manage = request.user.has_perm("movements.manage_movement", movement)
    units = queries.actionable_units(request.user, movement)
    if not can_manage and not units:
        raise PermissionDenied
    scope_units = None if can_manage else units
    context = {
        "movement": movement,
        "totals": queries.registration_totals(movement, units=scope_units),
        "registrations": queries.registrations_for(movement, units) if units else [],
        "can_manage": can_manage,
        "takes_part": bool(units),
        "can_register": bool(units),
    }
    return render(request, "movements/registration_list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def registration_create(request, pk):
    movement = _movement(request, pk, "movements.take_part")
    units = _units_qs(queries.actionable_units(request.user, movement))
    condition = None
    for unit in units:
        condition = subtree_q(unit, "unit__") if condition is None else condition | subtree_q(unit, "unit__")
    people = (
        Person.objects.filter(condition, archived=False).order_by("name_sort")
        if condition
        else Person.objects.none()
    )
    initial = {"unit": units.first()} if units.count() == 1 else {}
    form = forms.RegistrationForm(request.POST or None, initial=initial, units=units, people=people)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.register_title(
                movement,
                actor=request.user,
                unit=data["unit"],
                title=data["title"],
                person=data["person"] if TITLES_BY_CODE[data["title"]].kind == "ca_nhan" else None,
                person_name=data["person_name"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Đã đăng ký."))
            return redirect("movements:registration_list", pk=movement.pk)
    title = _("Đăng ký thi đua – %(name)s") % {"name": movement.name}
    return render(request, "movements/form.html", {"form": form, "title": title, "movement": movement})


@login_required
def registration_template(request, pk):
    _movement(request, pk, "movements.take_part")
    return _xlsx(build_template(imports.REGISTRATION_SPEC), "mau-dang-ky-thi-dua.xlsx")


@login_required
@require_http_methods(["GET", "POST"])
def registration_import(request, pk):
    movement = _movement(request, pk, "movements.take_part")
    form = ExcelUploadForm(request.POST or None, request.FILES or None)
    outcome = None
    if request.method == "POST" and form.is_valid():
        outcome = run_import(
            imports.RegistrationImporter(movement), form.cleaned_data["file"], actor=request.user
        )
        if outcome.ok:
            messages.success(request, _("Đã nhập %(rows)s đăng ký.") % {"rows": outcome.rows})
            return redirect("movements:registration_list", pk=movement.pk)
    context = {
        "form": form,
        "outcome": outcome,
        "movement": movement,
        "title": _("Nhập danh sách cá nhân đăng ký thi đua từ Excel"),
        "template_url": reverse("movements:registration_template", args=[movement.pk]),
    }
    return render(request, "movements/import.html", context)


@login_required
@require_POST
def registration_withdraw(request, pk):
    registration = get_object_or_404(Registration.objects.select_related("movement", "unit"), pk=pk)
    require_perm(request.user, "movements.view_movement", registration.movement)
    if not scope_for(request.user).can_edit_in_unit(registration.unit_id):
        raise PermissionDenied
    movement_pk = registration.movement_id
    services.withdraw_registration(registration, actor=request.user)
    messages.success(request, _("Đã rút đăng ký."))
    return redirect("movements:registration_list", pk=movement_pk)


# --- periodic reports --------------------------------------------------------------------------------------


def _report_kind_year(request, movement) -> tuple[str, int]:
    kind = request.GET.get("loai", ReportKind.MIDTERM)
    if kind not in ReportKind.values:
        kind = ReportKind.MIDTERM
    years = queries.report_years(movement)
    try:
        year = int(request.GET.get("nam", years[0]))
    except ValueError:
        year = years[0]
    return kind, year if year in years else years[0]


@login_required
def report_list(request, pk):
    movement = _movement(request, pk, "movements.manage_movement")
    kind, year = _report_kind_year(request, movement)
    rows = queries.report_rows(movement, kind, year)
    context = {
        "movement": movement,
        "rows": rows,
        "counts": queries.state_counts(rows),
        "kind": kind,
        "year": year,
        "years": queries.report_years(movement),
        "kinds": ReportKind.choices,
        "deadline": queries.report_deadline(movement, kind),
        "aggregate": queries.report_aggregate(movement, kind, year),
        "subject": "so-ket" if kind == ReportKind.MIDTERM else "tong-ket",
    }
    return render(request, "movements/report_list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def report_submit(request, pk):
    movement = _movement(request, pk, "movements.take_part")
    units = _units_qs(queries.actionable_units(request.user, movement))
    initial = {"unit": units.first()} if units.count() == 1 else {}
    initial["year"] = min(
        max(datetime.date.today().year, movement.period_start.year), movement.period_end.year
    )
    form = forms.PeriodicReportForm(request.POST or None, request.FILES or None, initial=initial, units=units)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        figures = {
            name: data[name]
            for name in (
                "participants",
                "initiatives",
                "exemplary_models",
                "collectives_commended",
                "individuals_commended",
            )
        }
        try:
            existing = PeriodicReport.objects.filter(
                movement=movement, unit=data["unit"], kind=data["kind"], year=data["year"]
            ).first()
            services.submit_periodic_report(
                movement,
                actor=request.user,
                unit=data["unit"],
                kind=data["kind"],
                year=data["year"],
                summary=data["summary"],
                document=data["document"],
                expected_version=form.expected_version() if existing else None,
                **figures,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Đã nộp báo cáo."))
            return redirect("movements:movement_detail", pk=movement.pk)
    title = _("Nộp báo cáo sơ kết, tổng kết – %(name)s") % {"name": movement.name}
    return render(
        request,
        "movements/form.html",
        {"form": form, "title": title, "movement": movement, "multipart": True},
    )


@login_required
def report_document(request, pk):
    report = get_object_or_404(PeriodicReport.objects.select_related("movement"), pk=pk)
    require_perm(request.user, "movements.view_movement", report.movement)
    if not (
        request.user.has_perm("movements.manage_movement", report.movement)
        or scope_for(request.user).can_see_unit(report.unit_id)
    ):
        raise PermissionDenied
    return _file_response(report.document)


# --- public page -------------------------------------------------------------------------------------------


def public_progress(request, key):
    """Targets and their status, without login and without personal data. Off unless switched on."""
    movement = (
        Movement.objects.filter(public_key=key, public_progress=True)
        .exclude(status=MovementStatus.DRAFT)
        .first()
    )
    if movement is None:
        raise Http404
    context = {"movement": movement, "rows": queries.public_rows(movement)}
    return render(request, "movements/public_progress.html", context)
