"""Pages for blocks and clusters, criteria tables, scoring rounds, meetings and votes.

Views only check permission, call a service or a query, and render. Scores of other assessors are never put
in a page before the round is locked unless ``rules.sees_individual_scores`` allows it.
"""

from __future__ import annotations

import io

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from thidua.core import audit
from thidua.core.excel import XLSX_CONTENT_TYPE, Column, SheetSpec, build_workbook
from thidua.core.forms import ReasonForm, add_service_errors
from thidua.core.views import require_perm

from . import documents, forms, queries, scoring, services
from . import table_import as tabular
from .models import (
    Adjustment,
    Ballot,
    Block,
    BlockKind,
    BlockMember,
    CriteriaTable,
    CriterionRow,
    Evidence,
    Meeting,
    RoundStatus,
    Scoresheet,
    ScoringRound,
    SheetKind,
)
from .rules import acting_unit_ids, is_officer_user, sees_individual_scores

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _download(content: bytes, filename: str, content_type: str, *, inline: bool = False) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    disposition = "inline" if inline else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return response


def _block(request, pk, permission="blocks.view") -> Block:
    block = get_object_or_404(Block.objects.select_related("head_unit", "deputy_unit", "predecessor"), pk=pk)
    require_perm(request.user, permission, block)
    return block


def _form_page(request, form, title, *, back, multipart=False, submit=None, intro=""):
    """A page with one form. ``back``: the block (its page), "table:<block pk>" or a URL name."""
    if isinstance(back, Block):
        back = reverse("blocks:block_detail", args=[back.pk])
    elif back.startswith("table:"):
        back = reverse("blocks:table_detail", args=[back.removeprefix("table:")])
    else:
        back = reverse(back)
    return render(
        request,
        "blocks/form.html",
        {
            "form": form,
            "title": title,
            "back": back,
            "multipart": multipart,
            "submit": submit,
            "intro": intro,
        },
    )


# --- blocks -------------------------------------------------------------------------------------------------


@login_required
def block_list(request):
    require_perm(request.user, "blocks.browse")
    year = request.GET.get("nam", "").strip()
    kind = request.GET.get("loai", "").strip()
    blocks = queries.block_list(
        request.user,
        year=int(year) if year.isdigit() else None,
        kind=kind if kind in BlockKind.values else "",
    )
    years = sorted(set(queries.visible_blocks(request.user).values_list("year", flat=True)), reverse=True)
    context = {
        "blocks": blocks,
        "years": years,
        "year": year,
        "kind": kind,
        "kinds": BlockKind.choices,
        "can_create": request.user.has_perm("blocks.create"),
    }
    return render(request, "blocks/block_list.html", context)


def _block_form_kwargs(data):
    return {
        "kind": data["kind"],
        "name": data["name"],
        "year": data["year"],
        "head_unit": data["head_unit"],
        "deputy_unit": data["deputy_unit"],
        "organiser": data["organiser"],
        "plan": data["plan"],
        "agreement_text": data["agreement_text"],
        "aggregation": data["aggregation"],
        "trim": data["trim"],
        "outlier_threshold": data["outlier_threshold"],
        "blind": data["blind"],
        "tie_breaks": data["tie_breaks"],
        "flag_count": data["flag_count"],
        "merit_count": data["merit_count"],
        "vote_percentage": data["vote_percentage"],
    }


@login_required
@require_http_methods(["GET", "POST"])
def block_create(request):
    require_perm(request.user, "blocks.create")
    form = forms.BlockCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            block = services.create_block(
                actor=request.user,
                members=list(data["members"]),
                external_members=data["external_members"].splitlines(),
                **_block_form_kwargs(data),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Đã lập %(block)s.") % {"block": block})
            return redirect("blocks:block_detail", pk=block.pk)
    return _form_page(request, form, _("Lập khối, cụm thi đua"), back="blocks:block_list")


@login_required
def block_detail(request, pk):
    block = _block(request, pk)
    members = queries.members_of(block)
    can_manage = request.user.has_perm("blocks.manage", block)
    signatures = {s.member_id: s for s in block.signatures.all()}
    acting = acting_unit_ids(request.user)
    sign_members = [m for m in members if m.pk not in signatures and (can_manage or m.unit_id in acting)]
    sign_form = None
    if sign_members and request.user.has_perm("blocks.sign", block):
        sign_form = forms.SignatureForm(
            members=BlockMember.objects.filter(pk__in=[m.pk for m in sign_members]).select_related("unit")
        )
    table = CriteriaTable.objects.filter(block=block).first()
    round_ = ScoringRound.objects.filter(block=block).first()
    external_form = None
    if block.is_outside and request.user.has_perm("blocks.record_external", block):
        external_form = forms.ExternalResultForm(members=block.members.select_related("unit"))
    suggestion = queries.suggest_rotation(block) if can_manage else (None, None)
    context = {
        "blk": block,
        "members": members,
        "signatures": [(m, signatures.get(m.pk)) for m in members],
        "signed": len(signatures),
        "sign_form": sign_form,
        "table": table,
        "round": round_,
        "results": queries.results_of(block) if (round_ and round_.is_locked) or block.is_outside else [],
        "meetings": block.meetings.all(),
        "external_form": external_form,
        "suggestion": suggestion,
        "can_manage": can_manage,
        "can_create": request.user.has_perm("blocks.create"),
        "successors": block.successors.all(),
        "history": audit.history_for(block)[:50],
    }
    return render(request, "blocks/block_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def block_edit(request, pk):
    block = _block(request, pk, "blocks.manage")
    unit_ids = [m.unit_id for m in block.members.all() if m.unit_id]
    from thidua.org.models import Unit

    members = Unit.objects.filter(pk__in=unit_ids).order_by("path")
    initial = {
        name: getattr(block, name)
        for name in [
            "kind",
            "name",
            "year",
            "organiser",
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
    } | {"head_unit": block.head_unit_id, "deputy_unit": block.deputy_unit_id, "version": block.version}
    form = forms.BlockForm(request.POST or None, initial=initial, units=members)
    if not is_officer_user(request.user):
        for name in ("kind", "name", "year"):
            form.fields[name].disabled = True
    frozen = queries.frozen_rule_fields(block)
    for name in frozen:
        field = form.fields[name.removesuffix("_id")]
        field.disabled = True
        field.help_text = _("Giữ nguyên từ khi mở chấm điểm.")
    if request.method == "POST" and form.is_valid():
        try:
            services.update_block(
                block,
                actor=request.user,
                expected_version=form.expected_version(),
                **_block_form_kwargs(form.cleaned_data),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Đã lưu."))
            return redirect("blocks:block_detail", pk=block.pk)
    return _form_page(request, form, _("Sửa %(block)s") % {"block": block}, back=block)


@login_required
@require_http_methods(["GET", "POST"])
def block_members(request, pk):
    block = _block(request, pk, "blocks.manage")
    form = forms.MemberForm(request.POST or None)
    if request.method == "POST":
        try:
            if "remove" in request.POST:
                member = get_object_or_404(BlockMember, pk=request.POST["remove"], block=block)
                services.remove_member(member, actor=request.user)
                messages.success(request, _("Đã bỏ %(member)s.") % {"member": member.label})
                return redirect("blocks:block_members", pk=block.pk)
            if form.is_valid():
                member = services.add_member(
                    block,
                    actor=request.user,
                    unit=form.cleaned_data["unit"],
                    external_name=form.cleaned_data["external_name"],
                )
                messages.success(request, _("Đã thêm %(member)s.") % {"member": member.label})
                return redirect("blocks:block_members", pk=block.pk)
        except ValidationError as error:
            add_service_errors(form, error)
    context = {"blk": block, "members": queries.members_of(block), "form": form}
    return render(request, "blocks/block_members.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def block_regulation(request, pk):
    block = _block(request, pk, "blocks.manage")
    form = forms.RegulationForm(
        request.POST or None, request.FILES or None, initial={"number": block.regulation_number}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.upload_regulation(
                block, actor=request.user, file=form.cleaned_data["file"], number=form.cleaned_data["number"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Đã tải lên quy chế."))
            return redirect("blocks:block_detail", pk=block.pk)
    return _form_page(
        request, form, _("Quy chế của %(block)s") % {"block": block}, back=block, multipart=True
    )


def _file_response(field, name: str):
    try:
        handle = field.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    return FileResponse(handle, as_attachment=True, filename=name)


@login_required
def regulation_download(request, pk):
    block = _block(request, pk)
    if not block.regulation:
        raise Http404
    return _file_response(block.regulation, block.regulation.name.rsplit("/", 1)[-1])


@login_required
@require_http_methods(["GET", "POST"])
def block_copy(request, pk):
    block = _block(request, pk, "blocks.create")
    form = forms.CopyBlockForm(request.POST or None, initial={"year": block.year + 1, "copy_table": True})
    head, deputy = queries.suggest_rotation(block)
    if request.method == "POST" and form.is_valid():
        try:
            new = services.copy_block(
                block,
                actor=request.user,
                year=form.cleaned_data["year"],
                name=form.cleaned_data["name"],
                copy_table=form.cleaned_data["copy_table"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Đã sao chép sang năm %(year)s.") % {"year": new.year})
            return redirect("blocks:block_detail", pk=new.pk)
    intro = ""
    if head:
        intro = _("Trưởng khối năm sau (luân phiên): %(head)s; phó khối: %(deputy)s.") % {
            "head": head.label,
            "deputy": deputy.label if deputy else "—",
        }
    return _form_page(
        request, form, _("Sao chép %(block)s sang năm sau") % {"block": block}, back=block, intro=intro
    )


@login_required
@require_POST
def agreement_sign(request, pk):
    block = _block(request, pk, "blocks.sign")
    can_manage = request.user.has_perm("blocks.manage", block)
    acting = acting_unit_ids(request.user)
    allowed = [m.pk for m in block.members.all() if can_manage or m.unit_id in acting]
    form = forms.SignatureForm(request.POST, members=BlockMember.objects.filter(pk__in=allowed))
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.sign_agreement(
                block,
                actor=request.user,
                member=data["member"],
                signer_name=data["signer_name"],
                signer_title=data["signer_title"],
                signed_on=data["signed_on"],
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request, _("Đã ghi nhận %(member)s ký giao ước.") % {"member": data["member"].label}
            )
    else:
        messages.error(
            request, _("Chưa ghi được chữ ký: hãy điền đủ đơn vị, người ký và ngày ký (dd/mm/yyyy).")
        )
    return redirect("blocks:block_detail", pk=block.pk)


@login_required
@require_POST
def external_result(request, pk):
    block = _block(request, pk, "blocks.record_external")
    form = forms.ExternalResultForm(request.POST, members=block.members.all())
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.record_external_result(
                data["member"],
                actor=request.user,
                total=data["total"],
                rank=data["rank"],
                award_note=data["award_note"],
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Đã ghi kết quả của %(member)s.") % {"member": data["member"].label})
    else:
        messages.error(request, _("Chưa ghi được kết quả: kiểm tra lại các ô."))
    return redirect("blocks:block_detail", pk=block.pk)


# --- criteria tables ----------------------------------------------------------------------------------------


def _table(block) -> CriteriaTable:
    table = CriteriaTable.objects.filter(block=block).first()
    if table is None:
        raise Http404
    return table


def _table_editable(block) -> bool:
    round_ = ScoringRound.objects.filter(block=block).first()
    return round_ is None or round_.status == RoundStatus.DRAFT


@login_required
def table_detail(request, pk):
    block = _block(request, pk)
    table = CriteriaTable.objects.filter(block=block).first()
    can_manage = request.user.has_perm("blocks.manage", block)
    context = {
        "blk": block,
        "table": table,
        "can_manage": can_manage,
        "editable": can_manage and _table_editable(block),
        "previous": queries.previous_table(block) if can_manage else None,
    }
    if table is not None:
        rows = queries.table_rows(table)
        core = queries.core_table(table, rows)
        nodes = core.by_code()
        context.update(
            {
                "rows": [(row, nodes[row.code]) for row in rows],
                "problems": scoring.validate_table(core),
                "max_standard": core.max_standard(),
                "history": audit.history_for(table)[:50],
            }
        )
    return render(request, "blocks/table_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def table_edit(request, pk):
    block = _block(request, pk, "blocks.manage")
    table = CriteriaTable.objects.filter(block=block).first()
    initial = (
        {"title": table.title, "total_points": table.total_points, "version": table.version}
        if table
        else {
            "title": _("Bảng tiêu chí chấm điểm thi đua %(block)s năm %(year)s")
            % {"block": block.name, "year": block.year},
            "total_points": 100,
        }
    )
    form = forms.TableForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if table is None:
                services.create_table(
                    block, actor=request.user, title=data["title"], total_points=data["total_points"]
                )
            else:
                services.update_table(
                    table,
                    actor=request.user,
                    title=data["title"],
                    total_points=data["total_points"],
                    expected_version=form.expected_version(),
                )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return redirect("blocks:table_detail", pk=block.pk)
    return _form_page(
        request, form, _("Bảng tiêu chí %(block)s") % {"block": block}, back=f"table:{block.pk}"
    )


def _targets_of_year(year: int):
    """Movement targets whose movement runs during the block's year."""
    from thidua.movements.models import Target

    return Target.objects.filter(
        movement__period_start__year__lte=year, movement__period_end__year__gte=year
    ).select_related("movement")


def _criterion_kwargs(data) -> dict:
    fields = {name: data[name] for name in services.ROW_FIELDS}
    fields["parent"] = data["parent"]
    return fields


@login_required
@require_http_methods(["GET", "POST"])
def criterion_add(request, pk):
    block = _block(request, pk, "blocks.manage")
    table = _table(block)
    initial = {"parent": request.GET.get("cha")}
    form = forms.CriterionForm(
        request.POST or None, rows=table.rows.all(), targets=_targets_of_year(block.year), initial=initial
    )
    if request.method == "POST" and form.is_valid():
        try:
            fields = _criterion_kwargs(form.cleaned_data)
            parent = fields.pop("parent")
            row = services.add_criterion(table, actor=request.user, parent=parent, **fields)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Đã thêm mục %(code)s.") % {"code": row.code})
            return redirect("blocks:table_detail", pk=block.pk)
    return _form_page(
        request, form, _("Thêm mục vào bảng tiêu chí"), back=f"table:{block.pk}", submit=_("Thêm")
    )


@login_required
@require_http_methods(["GET", "POST"])
def criterion_edit(request, pk, row):
    block = _block(request, pk, "blocks.manage")
    table = _table(block)
    criterion = get_object_or_404(CriterionRow, pk=row, table=table)
    initial = {name: getattr(criterion, name) for name in services.ROW_FIELDS} | {
        "parent": criterion.parent_id
    }
    form = forms.CriterionForm(
        request.POST or None,
        rows=table.rows.exclude(pk=criterion.pk),
        targets=_targets_of_year(block.year),
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.update_criterion(criterion, actor=request.user, **_criterion_kwargs(form.cleaned_data))
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Đã lưu mục %(code)s.") % {"code": criterion.code})
            return redirect("blocks:table_detail", pk=block.pk)
    return _form_page(
        request, form, _("Sửa mục %(code)s") % {"code": criterion.code}, back=f"table:{block.pk}"
    )


@login_required
@require_POST
def criterion_delete(request, pk, row):
    block = _block(request, pk, "blocks.manage")
    criterion = get_object_or_404(CriterionRow, pk=row, table__block=block)
    try:
        services.delete_criterion(criterion, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Đã xóa mục %(code)s và các mục con.") % {"code": criterion.code})
    return redirect("blocks:table_detail", pk=block.pk)


@login_required
@require_POST
def criterion_move(request, pk, row):
    block = _block(request, pk, "blocks.manage")
    criterion = get_object_or_404(CriterionRow, pk=row, table__block=block)
    try:
        services.move_criterion(criterion, actor=request.user, up=request.POST.get("huong") == "len")
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("blocks:table_detail", pk=block.pk)


@login_required
@require_http_methods(["GET", "POST"])
def table_import(request, pk):
    block = _block(request, pk, "blocks.manage")
    form = forms.TableImportForm(request.POST or None, request.FILES or None)
    problems = []
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            table = services.import_table(
                block,
                actor=request.user,
                file=data["file"],
                title=data["title"],
                total_points=data["total_points"],
            )
        except ValidationError as error:
            problems = error.messages
        else:
            messages.success(
                request, _("Đã nhập bảng tiêu chí: %(count)s mục.") % {"count": table.rows.count()}
            )
            return redirect("blocks:table_detail", pk=block.pk)
    context = {"blk": block, "form": form, "problems": problems, "headers": tabular.HEADERS}
    return render(request, "blocks/table_import.html", context)


@login_required
def table_export(request, pk, fmt):
    block = _block(request, pk)
    table = _table(block)
    core = queries.core_table(table)
    filename = f"bang-tieu-chi-{block.year}-{block.pk}"
    if fmt == "xlsx":
        buffer = io.BytesIO()
        tabular.write_xlsx(core, buffer)
        return _download(buffer.getvalue(), f"{filename}.xlsx", XLSX_CONTENT_TYPE)
    if fmt == "csv":
        return _download(
            ("\ufeff" + tabular.write_csv(core)).encode("utf-8"), f"{filename}.csv", "text/csv; charset=utf-8"
        )
    raise Http404


@login_required
@require_POST
def table_copy(request, pk):
    block = _block(request, pk, "blocks.manage")
    source = queries.previous_table(block)
    if source is None:
        messages.error(request, _("Không tìm thấy bảng tiêu chí năm trước của khối."))
    else:
        try:
            services.copy_table(block, actor=request.user, source=source)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request, _("Đã sao chép bảng tiêu chí năm %(year)s.") % {"year": source.block.year}
            )
    return redirect("blocks:table_detail", pk=block.pk)


@login_required
def table_pdf(request, pk):
    block = _block(request, pk)
    _table(block)
    return _download(
        documents.scoring_sheet_pdf(block), f"phieu-cham-diem-{block.year}.pdf", PDF, inline=True
    )


# --- scoring rounds -----------------------------------------------------------------------------------------


def _round(block) -> ScoringRound | None:
    return ScoringRound.objects.filter(block=block).first()


def _visible(user, sheet, round_, block):
    sheet.round = round_
    round_.block = block
    return user.has_perm("blocks.view_sheet", sheet)


@login_required
def round_detail(request, pk):
    block = _block(request, pk)
    round_ = _round(block)
    can_manage = request.user.has_perm("blocks.manage", block)
    table = CriteriaTable.objects.filter(block=block).first()
    context = {
        "blk": block,
        "round": round_,
        "table": table,
        "can_manage": can_manage,
        "is_officer": is_officer_user(request.user),
    }
    if round_ is None or round_.status == RoundStatus.DRAFT:
        context["open_form"] = forms.OpenRoundForm() if can_manage else None
    if round_ is not None:
        members = [m for m in queries.members_of(block) if m.unit_id]
        sheets = queries.round_sheets(round_)
        flagged = queries.flagged_counts(round_)
        lines = []
        for member in members:
            own = [s for s in sheets if s.member_id == member.pk]
            self_sheet = next((s for s in own if s.kind == SheetKind.SELF), None)
            final = next((s for s in own if s.kind == SheetKind.FINAL), None)
            cross = [s for s in own if s.kind == SheetKind.CROSS]
            lines.append(
                {
                    "member": member,
                    "self": self_sheet,
                    "self_visible": self_sheet is not None
                    and _visible(request.user, self_sheet, round_, block),
                    "cross": [(s, _visible(request.user, s, round_, block)) for s in cross],
                    "final": final,
                    "final_visible": final is not None and _visible(request.user, final, round_, block),
                    "flags": flagged.get(final.pk, 0) if final else 0,
                }
            )
        acting = acting_unit_ids(request.user)
        context.update(
            {
                "lines": lines,
                "my_sheets": [
                    s
                    for s in sheets
                    if (s.kind == SheetKind.SELF and s.member.unit_id in acting)
                    or (s.kind == SheetKind.CROSS and s.assessor.unit_id in acting)
                ],
                "results": queries.results_of(block) if round_.is_locked else [],
                "sees_scores": sees_individual_scores(request.user, round_),
                "deadlines_form": forms.DeadlinesForm(
                    initial={
                        "self_deadline": round_.self_deadline,
                        "cross_deadline": round_.cross_deadline,
                        "version": round_.version,
                    }
                )
                if can_manage and not round_.is_locked
                else None,
                "assign_form": forms.AssignForm(
                    members=block.members.filter(unit__isnull=False).select_related("unit"),
                    initial={"mode": "rotation"},
                )
                if can_manage and round_.status in (RoundStatus.SELF, RoundStatus.CROSS)
                else None,
                "cross_form": forms.CrossDeadlineForm(
                    initial={"deadline": round_.cross_deadline, "version": round_.version}
                ),
                "reopen_form": ReasonForm() if can_manage and round_.is_locked else None,
                "history": audit.history_for(round_)[:50],
            }
        )
    return render(request, "blocks/round_detail.html", context)


@login_required
@require_POST
def round_action(request, pk, action):
    block = _block(request, pk, "blocks.manage")
    round_ = _round(block)
    version = request.POST.get("version") or None
    try:
        if action == "mo-tu-cham":
            form = forms.OpenRoundForm(request.POST)
            if not form.is_valid():
                raise ValidationError(_("Hạn nộp không đúng dạng dd/mm/yyyy."))
            services.open_self_scoring(block, actor=request.user, deadline=form.cleaned_data["deadline"])
            messages.success(request, _("Đã mở tự chấm điểm; các đơn vị thành viên đã được thông báo."))
        elif round_ is None:
            raise Http404
        elif action == "han":
            form = forms.DeadlinesForm(request.POST)
            if not form.is_valid():
                raise ValidationError(_("Hạn không đúng dạng dd/mm/yyyy."))
            services.set_deadlines(
                round_,
                actor=request.user,
                self_deadline=form.cleaned_data["self_deadline"],
                cross_deadline=form.cleaned_data["cross_deadline"],
                expected_version=form.expected_version(),
            )
            messages.success(request, _("Đã lưu hạn chấm điểm."))
        elif action == "cham-cheo":
            form = forms.CrossDeadlineForm(request.POST)
            if not form.is_valid():
                raise ValidationError(_("Hạn không đúng dạng dd/mm/yyyy."))
            services.start_cross_scoring(
                round_,
                actor=request.user,
                deadline=form.cleaned_data["deadline"],
                expected_version=form.expected_version(),
            )
            messages.success(request, _("Đã kết thúc tự chấm và mở chấm chéo, thẩm định."))
        elif action == "tong-hop":
            services.aggregate_round(round_, actor=request.user, expected_version=version)
            messages.success(request, _("Đã tổng hợp điểm chấm chéo."))
        elif action == "khoa":
            services.lock_round(round_, actor=request.user, expected_version=version)
            messages.success(request, _("Đã khóa kết quả và xếp hạng."))
        elif action == "mo-lai":
            form = ReasonForm(request.POST)
            if not form.is_valid():
                raise ValidationError(_("Mở lại kết quả phải ghi rõ lý do."))
            services.reopen_round(
                round_, actor=request.user, reason=form.cleaned_data["reason"], expected_version=version
            )
            messages.success(request, _("Đã mở lại kết quả để điều chỉnh."))
        else:
            raise Http404
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    except PermissionDenied as error:
        messages.error(request, str(error) or _("Bạn không có quyền thực hiện thao tác này."))
    return redirect("blocks:round_detail", pk=block.pk)


@login_required
@require_POST
def round_assign(request, pk):
    block = _block(request, pk, "blocks.manage")
    round_ = _round(block)
    if round_ is None:
        raise Http404
    members_qs = block.members.filter(unit__isnull=False).select_related("unit")
    form = forms.AssignForm(request.POST, members=members_qs)
    if not form.is_valid():
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
        return redirect("blocks:round_detail", pk=block.pk)
    data = form.cleaned_data
    members = list(members_qs.order_by("order", "id"))
    try:
        existing = set(round_.sheets.filter(kind=SheetKind.CROSS).values_list("member_id", "assessor_id"))
        if data["mode"] == "rotation":
            pairs = services.rotation_pairs(members, data["per_member"])
        elif data["mode"] == "verify":
            pairs = services.verification_pairs(block, members)
        else:
            pairs = [(data["member"], data["assessor"])]
        pairs = [(m, a) for m, a in pairs if (m.pk, a.pk) not in existing]
        created = services.assign_assessors(round_, actor=request.user, pairs=pairs)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Đã phân công %(count)s phiếu chấm.") % {"count": len(created)})
    return redirect("blocks:round_detail", pk=block.pk)


RESULT_SPEC = SheetSpec(
    title="Kết quả",
    columns=[
        Column("year", "Năm", kind="int", width=8),
        Column("block", "Khối, cụm", width=40),
        Column("unit", "Đơn vị", width=40),
        Column("total", "Tổng điểm", kind="decimal", width=12),
        Column("rank", "Xếp hạng", kind="int", width=10),
        Column("disqualified", "Không xếp loại", kind="bool", width=12),
        Column("votes", "Số phiếu đồng ý", kind="int", width=12),
        Column("proposal", "Đề nghị khen thưởng", width=36),
        Column("award_note", "Ghi chú", width=30),
    ],
)


def _result_rows(results) -> list[dict]:
    return [
        {
            "year": result.year,
            "block": result.block.name,
            "unit": result.member.label,
            "total": result.total,
            "rank": result.rank,
            "disqualified": result.disqualified,
            "votes": result.votes,
            "proposal": result.get_proposal_display() if result.proposal else "",
            "award_note": result.award_note,
        }
        for result in results
    ]


@login_required
def ranking_export(request, pk):
    block = _block(request, pk)
    if not block.is_outside and not queries.round_is_locked(block):
        raise Http404
    rows = _result_rows(
        block.results.select_related("block", "member__unit").order_by(
            "disqualified", "rank", "member__order"
        )
    )
    return _download(
        build_workbook(RESULT_SPEC, rows), f"xep-hang-{block.year}-{block.pk}.xlsx", XLSX_CONTENT_TYPE
    )


@login_required
def results_export(request):
    require_perm(request.user, "blocks.browse")
    blocks = queries.visible_blocks(request.user)
    from .models import BlockResult

    results = (
        BlockResult.objects.filter(block__in=blocks, rank__isnull=False)
        .select_related("block", "member__unit")
        .order_by("-year", "block__name", "rank")
    )
    return _download(
        build_workbook(RESULT_SPEC, _result_rows(results)), "ket-qua-khoi-thi-dua.xlsx", XLSX_CONTENT_TYPE
    )


# --- sheets -------------------------------------------------------------------------------------------------


def _sheet(request, pk, permission="blocks.view_sheet") -> Scoresheet:
    sheet = get_object_or_404(
        Scoresheet.objects.select_related("round__block__head_unit", "member__unit", "assessor__unit"), pk=pk
    )
    require_perm(request.user, permission, sheet)
    return sheet


def _lines_for_display(sheet, rows, core, *, self_entries, evidence_by_row, can_see_flags):
    entries = {e.criterion_id: e for e in sheet.entries.all()}
    nodes = core.by_code()
    lines = []
    for row in rows:
        node = nodes[row.code]
        entry = entries.get(row.pk)
        lines.append(
            {
                "row": row,
                "node": node,
                "scorable": row.kind != "group"
                and not (node.kind in scoring.SCORED_KINDS and not node.is_scored),
                "entry": entry,
                "subtotal": sheet.subtotals.get(row.code),
                "self": self_entries.get(row.pk),
                "evidence": evidence_by_row.get(row.pk, []),
                "flags": (entry.flags if can_see_flags else []) if entry else [],
                "flagged": bool(entry and entry.flags),
            }
        )
    return lines


@login_required
@require_http_methods(["GET", "POST"])
def sheet_detail(request, pk):
    sheet = _sheet(request, pk)
    round_ = sheet.round
    block = round_.block
    table = block.table
    rows = queries.table_rows(table)
    core = queries.core_table(table, rows)
    can_edit = request.user.has_perm("blocks.edit_sheet", sheet)
    entries = {e.criterion_id: e for e in sheet.entries.all()}
    form = None
    if can_edit:
        form = forms.SheetForm(
            request.POST or None,
            rows=rows,
            core=core,
            entries=entries,
            suggestions=queries.suggested_achievements(rows, sheet.member.unit_id, block.year),
            initial={"comment": sheet.comment},
        )
        if request.method == "POST" and form.is_valid():
            try:
                services.save_entries(
                    sheet,
                    actor=request.user,
                    values=form.values(),
                    comment=form.cleaned_data["comment"],
                    expected_version=request.POST.get("version") or None,
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(
                    request,
                    _("Đã lưu phiếu: %(total)s điểm.")
                    % {"total": scoring.format_points(Scoresheet.objects.get(pk=sheet.pk).total)},
                )
                return redirect("blocks:sheet_detail", pk=sheet.pk)
    elif request.method == "POST":
        raise PermissionDenied
    # The self-assessment beside an assessor's or the agreed sheet, with its evidence.
    self_sheet = (
        sheet
        if sheet.kind == SheetKind.SELF
        else round_.sheets.filter(kind=SheetKind.SELF, member=sheet.member).first()
    )
    self_entries = (
        {e.criterion_id: e for e in self_sheet.entries.all()}
        if self_sheet and self_sheet.pk != sheet.pk
        else {}
    )
    evidence_by_row: dict = {}
    evidence = list(self_sheet.evidence.select_related("criterion")) if self_sheet else []
    if sheet.kind == SheetKind.CROSS:
        evidence += list(sheet.evidence.select_related("criterion"))
    for item in evidence:
        evidence_by_row.setdefault(item.criterion_id, []).append(item)
    can_adjust = request.user.has_perm("blocks.adjust", sheet)
    context = {
        "sheet": sheet,
        "round": round_,
        "blk": block,
        "table": table,
        "form": form,
        "lines": form.lines()
        if form
        else _lines_for_display(
            sheet,
            rows,
            core,
            self_entries=self_entries,
            evidence_by_row=evidence_by_row,
            can_see_flags=sees_individual_scores(request.user, round_),
        ),
        "self_entries": self_entries,
        "evidence_by_row": evidence_by_row,
        "evidence": evidence,
        "can_edit": can_edit,
        "can_submit": can_edit and sheet.kind in (SheetKind.SELF, SheetKind.CROSS),
        "can_return": request.user.has_perm("blocks.manage", block)
        and sheet.is_submitted
        and sheet.kind != SheetKind.FINAL
        and round_.status == (RoundStatus.SELF if sheet.kind == SheetKind.SELF else RoundStatus.CROSS),
        "evidence_form": forms.EvidenceForm(rows=table.rows.exclude(kind="group")) if can_edit else None,
        "adjust_form": forms.AdjustForm(
            rows=table.rows.exclude(kind="group").order_by("position"), initial={"version": sheet.version}
        )
        if can_adjust
        else None,
        "adjustments": Adjustment.objects.filter(entry__sheet=sheet).select_related(
            "entry__criterion", "actor"
        )
        if sheet.kind == SheetKind.FINAL
        else [],
        "sees_scores": sees_individual_scores(request.user, round_),
        "is_self_view": sheet.kind == SheetKind.SELF,
        "history": audit.history_for(sheet)[:50],
    }
    return render(request, "blocks/sheet_detail.html", context)


@login_required
@require_POST
def sheet_submit(request, pk):
    sheet = _sheet(request, pk, "blocks.edit_sheet")
    try:
        services.submit_sheet(sheet, actor=request.user, expected_version=request.POST.get("version") or None)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Đã nộp phiếu."))
    return redirect("blocks:sheet_detail", pk=sheet.pk)


@login_required
@require_POST
def sheet_return(request, pk):
    # Managing the block is enough: under blind scoring the head returns a cross sheet it may not read.
    sheet = _sheet(request, pk, "blocks.manage")
    form = ReasonForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Hãy ghi lý do trả lại phiếu."))
    else:
        try:
            services.return_sheet(sheet, actor=request.user, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Đã trả lại phiếu cho đơn vị."))
    if request.user.has_perm("blocks.view_sheet", sheet):
        return redirect("blocks:sheet_detail", pk=sheet.pk)
    return redirect("blocks:round_detail", pk=sheet.round.block_id)


@login_required
@require_POST
def evidence_add(request, pk):
    sheet = _sheet(request, pk, "blocks.edit_sheet")
    form = forms.EvidenceForm(request.POST, request.FILES, rows=sheet.round.block.table.rows.all())
    if form.is_valid():
        try:
            services.add_evidence(
                sheet,
                actor=request.user,
                file=form.cleaned_data["file"],
                criterion=form.cleaned_data["criterion"],
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Đã thêm minh chứng."))
    else:
        messages.error(request, _("Hãy chọn tệp minh chứng."))
    return redirect("blocks:sheet_detail", pk=sheet.pk)


@login_required
def evidence_download(request, pk):
    evidence = get_object_or_404(
        Evidence.objects.select_related("sheet__round__block", "sheet__member"), pk=pk
    )
    require_perm(request.user, "blocks.view_sheet", evidence.sheet)
    return _file_response(evidence.file, evidence.name)


@login_required
@require_POST
def evidence_remove(request, pk):
    evidence = get_object_or_404(Evidence.objects.select_related("sheet__round__block"), pk=pk)
    require_perm(request.user, "blocks.edit_sheet", evidence.sheet)
    try:
        services.remove_evidence(evidence, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("blocks:sheet_detail", pk=evidence.sheet_id)


@login_required
@require_POST
def sheet_adjust(request, pk):
    sheet = _sheet(request, pk, "blocks.adjust")
    form = forms.AdjustForm(request.POST, rows=sheet.round.block.table.rows.exclude(kind="group"))
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.adjust_entry(
                sheet,
                actor=request.user,
                criterion=data["criterion"],
                points=data["points"],
                reason=data["reason"],
                expected_version=form.expected_version(),
            )
        except (ValidationError, PermissionDenied) as error:
            messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
        else:
            messages.success(request, _("Đã điều chỉnh mục %(code)s.") % {"code": data["criterion"].code})
    else:
        messages.error(request, _("Điều chỉnh điểm phải chọn tiêu chí, ghi điểm mới và lý do."))
    return redirect("blocks:sheet_detail", pk=sheet.pk)


@login_required
def sheet_pdf(request, pk):
    sheet = _sheet(request, pk)
    return _download(
        documents.scoring_sheet_pdf(sheet.round.block, sheet),
        f"phieu-cham-diem-{sheet.pk}.pdf",
        PDF,
        inline=True,
    )


# --- meetings and ballots -----------------------------------------------------------------------------------


def _meeting(request, pk, permission="blocks.view") -> Meeting:
    meeting = get_object_or_404(Meeting.objects.select_related("block__head_unit"), pk=pk)
    require_perm(request.user, permission, meeting.block)
    return meeting


@login_required
@require_http_methods(["GET", "POST"])
def meeting_create(request, pk):
    block = _block(request, pk, "blocks.manage")
    form = forms.MeetingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            meeting = services.create_meeting(block, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return redirect("blocks:meeting_detail", pk=meeting.pk)
    return _form_page(request, form, _("Ghi cuộc họp của %(block)s") % {"block": block}, back=block)


@login_required
def meeting_detail(request, pk):
    meeting = _meeting(request, pk)
    block = meeting.block
    can_manage = request.user.has_perm("blocks.manage", block)
    attendance = list(meeting.attendance.select_related("member__unit"))
    ballot = Ballot.objects.filter(meeting=meeting).first()
    context = {
        "meeting": meeting,
        "blk": block,
        "attendance": attendance,
        "present": sum(1 for row in attendance if row.present),
        "ballot": ballot,
        "can_manage": can_manage,
        "attendance_form": forms.AttendanceForm(rows=attendance) if can_manage and ballot is None else None,
        "round_locked": queries.round_is_locked(block),
        "history": audit.history_for(meeting)[:50],
    }
    if ballot is not None:
        candidates = list(ballot.candidates.select_related("member__unit"))
        context["candidates"] = candidates
        context["voters"] = list(ballot.voters.select_related("member__unit"))
        voting = services.voting_members(request.user, ballot)
        if voting:
            context["vote_form"] = forms.VoteForm(
                members=BlockMember.objects.filter(pk__in=[m.pk for m in voting]).select_related("unit"),
                candidates=candidates,
            )
        if not ballot.is_open:
            context["tally"] = queries.ballot_tally(ballot)
            context["documents_form"] = (
                forms.BallotDocumentsForm(
                    initial={
                        "document_number": ballot.document_number,
                        "signer_name": ballot.signer_name,
                        "signer_title": ballot.signer_title,
                        "version": ballot.version,
                    }
                )
                if can_manage
                else None
            )
    return render(request, "blocks/meeting_detail.html", context)


@login_required
@require_POST
def meeting_attendance(request, pk):
    meeting = _meeting(request, pk, "blocks.manage")
    rows = list(meeting.attendance.select_related("member__unit"))
    form = forms.AttendanceForm(request.POST, rows=rows)
    if form.is_valid():
        try:
            services.record_attendance(meeting, actor=request.user, attendance=form.values())
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Đã lưu điểm danh."))
    return redirect("blocks:meeting_detail", pk=meeting.pk)


@login_required
@require_POST
def ballot_open(request, pk):
    meeting = _meeting(request, pk, "blocks.manage")
    try:
        services.open_ballot(meeting, actor=request.user, question=request.POST.get("question", ""))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Đã mở bỏ phiếu kín."))
    return redirect("blocks:meeting_detail", pk=meeting.pk)


def _ballot(request, pk, permission="blocks.view") -> Ballot:
    ballot = get_object_or_404(Ballot.objects.select_related("meeting__block__head_unit"), pk=pk)
    require_perm(request.user, permission, ballot.meeting.block)
    return ballot


@login_required
@require_POST
def ballot_vote(request, pk):
    ballot = _ballot(request, pk)
    voting = services.voting_members(request.user, ballot)
    if not voting:
        raise PermissionDenied
    form = forms.VoteForm(
        request.POST,
        members=BlockMember.objects.filter(pk__in=[m.pk for m in voting]),
        candidates=list(ballot.candidates.select_related("member__unit")),
    )
    if form.is_valid():
        try:
            services.cast_vote(
                ballot,
                actor=request.user,
                member=form.cleaned_data["member"],
                approved=[int(value) for value in form.cleaned_data["approved"]],
            )
        except (ValidationError, PermissionDenied) as error:
            messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
        else:
            messages.success(
                request,
                _("Đã ghi nhận phiếu của %(member)s.") % {"member": form.cleaned_data["member"].label},
            )
    else:
        messages.error(request, _("Phiếu không hợp lệ."))
    return redirect("blocks:meeting_detail", pk=ballot.meeting_id)


@login_required
@require_POST
def ballot_close(request, pk):
    ballot = _ballot(request, pk, "blocks.manage")
    try:
        services.close_ballot(
            ballot, actor=request.user, expected_version=request.POST.get("version") or None
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Đã đóng phiếu và kiểm phiếu."))
    return redirect("blocks:meeting_detail", pk=ballot.meeting_id)


@login_required
@require_POST
def ballot_documents(request, pk):
    ballot = _ballot(request, pk, "blocks.manage")
    form = forms.BallotDocumentsForm(request.POST)
    if form.is_valid():
        try:
            services.update_ballot_documents(
                ballot,
                actor=request.user,
                document_number=form.cleaned_data["document_number"],
                signer_name=form.cleaned_data["signer_name"],
                signer_title=form.cleaned_data["signer_title"],
                expected_version=form.expected_version(),
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Đã lưu thông tin tờ trình."))
    return redirect("blocks:meeting_detail", pk=ballot.meeting_id)


PROPOSED_SPEC = SheetSpec(
    title="Đề nghị khen thưởng",
    columns=[
        Column("unit", "Đơn vị", width=45),
        Column("award", "Hình thức đề nghị", width=36),
        Column("total", "Tổng điểm", width=12),
        Column("rank", "Xếp hạng", width=10),
        Column("votes", "Số phiếu đồng ý", kind="int", width=14),
        Column("percentage", "Tỷ lệ (%)", width=12),
    ],
)


@login_required
def ballot_document(request, pk, doc, fmt):
    ballot = _ballot(request, pk)
    if ballot.is_open:
        raise Http404
    block = ballot.meeting.block
    stem = f"{doc}-{block.year}-{block.pk}"
    if doc == "to-trinh" and fmt == "pdf":
        return _download(documents.proposal_pdf(ballot), f"{stem}.pdf", PDF, inline=True)
    if doc == "to-trinh" and fmt == "docx":
        return _download(documents.proposal_docx(ballot), f"{stem}.docx", DOCX)
    if doc == "bien-ban" and fmt == "pdf":
        return _download(documents.minutes_pdf(ballot), f"{stem}.pdf", PDF, inline=True)
    if doc == "bien-ban" and fmt == "docx":
        return _download(documents.minutes_docx(ballot), f"{stem}.docx", DOCX)
    if doc == "de-nghi" and fmt == "xlsx":
        return _download(
            build_workbook(PROPOSED_SPEC, documents.proposed_rows(ballot)), f"{stem}.xlsx", XLSX_CONTENT_TYPE
        )
    raise Http404
