from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from thidua.core.forms import BootstrapMixin, CheckboxList, RadioList, VersionedForm, VietnameseDateField
from thidua.org.models import Unit

from . import scoring
from .models import AggregationMethod, BlockKind, CriterionKind, CriterionRow, FormulaKind


def _points(label, required=False, **kwargs):
    return forms.DecimalField(
        label=label, required=required, localize=True, max_digits=8, decimal_places=2, **kwargs
    )


class UnitChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, unit):
        return unit.full_name


class UnitMultipleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, unit):
        return unit.full_name


class RowChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, row):
        return f"{row.code}. {row.text[:90]}"


def _active_units():
    return Unit.objects.filter(effective_to__isnull=True).order_by("path")


class BlockRulesMixin(forms.Form):
    aggregation = forms.ChoiceField(
        label=_("Cách tổng hợp điểm chấm chéo"), choices=AggregationMethod.choices
    )
    trim = forms.IntegerField(
        label=_("Số điểm bỏ ở mỗi đầu (trung bình bỏ cao, thấp)"), min_value=0, initial=1
    )
    outlier_threshold = _points(_("Ngưỡng điểm lệch so với trung vị"), required=True, initial=Decimal(1))
    blind = forms.BooleanField(
        label=_("Giữ kín điểm của từng đơn vị chấm đến khi khóa kết quả"), required=False, initial=True
    )
    tie_breaks = forms.CharField(
        label=_("Thứ tự xét khi bằng điểm"),
        required=False,
        max_length=200,
        help_text=_(
            "Mã các nhóm tiêu chí, cách nhau bởi dấu phẩy; ghi “phiếu” để xét số phiếu bầu. Ví dụ: 1, phiếu"
        ),
    )
    flag_count = forms.IntegerField(label=_("Số đơn vị đề nghị Cờ thi đua"), min_value=0, initial=1)
    merit_count = forms.IntegerField(label=_("Số đơn vị đề nghị Bằng khen (N)"), min_value=0, initial=2)
    vote_percentage = _points(
        _("Tỷ lệ phiếu đồng ý cần đạt (%, so với số đơn vị dự họp)"),
        required=True,
        initial=Decimal(50),
        min_value=Decimal(0),
        max_value=Decimal(100),
    )


class BlockForm(BlockRulesMixin, VersionedForm):
    kind = forms.ChoiceField(label=_("Loại"), choices=BlockKind.choices)
    name = forms.CharField(label=_("Tên khối, cụm"), max_length=300)
    year = forms.IntegerField(label=_("Năm"), min_value=2000, max_value=2100)
    head_unit = UnitChoiceField(label=_("Đơn vị trưởng khối"), queryset=Unit.objects.none(), required=False)
    deputy_unit = UnitChoiceField(label=_("Đơn vị phó khối"), queryset=Unit.objects.none(), required=False)
    organiser = forms.CharField(label=_("Cụm trưởng (cụm ngoài tỉnh)"), max_length=300, required=False)
    plan = forms.CharField(
        label=_("Kế hoạch hoạt động"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    agreement_text = forms.CharField(
        label=_("Nội dung giao ước thi đua"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    field_order = ["kind", "name", "year", "head_unit", "deputy_unit", "organiser", "plan", "agreement_text"]

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        queryset = units if units is not None else _active_units()
        self.fields["head_unit"].queryset = queryset
        self.fields["deputy_unit"].queryset = queryset


class BlockCreateForm(BlockForm):
    members = UnitMultipleChoiceField(
        label=_("Đơn vị thành viên"),
        queryset=Unit.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 10}),
    )
    external_members = forms.CharField(
        label=_("Thành viên ngoài tỉnh (cụm ngoài tỉnh, mỗi dòng một tỉnh)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    field_order = [*BlockForm.field_order[:3], "members", "external_members"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["members"].queryset = _active_units()


class MemberForm(BootstrapMixin, forms.Form):
    unit = UnitChoiceField(label=_("Đơn vị"), queryset=Unit.objects.none(), required=False)
    external_name = forms.CharField(label=_("Hoặc tên đơn vị ngoài tỉnh"), max_length=300, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = _active_units()


class RegulationForm(BootstrapMixin, forms.Form):
    number = forms.CharField(label=_("Số, ký hiệu quy chế"), max_length=100, required=False)
    file = forms.FileField(label=_("Tệp quy chế (.pdf, .docx)"))


class CopyBlockForm(BootstrapMixin, forms.Form):
    year = forms.IntegerField(label=_("Sang năm"), min_value=2000, max_value=2100)
    name = forms.CharField(label=_("Tên (để trống: giữ tên cũ)"), max_length=300, required=False)
    copy_table = forms.BooleanField(label=_("Sao chép cả bảng tiêu chí"), required=False, initial=True)


class SignatureForm(BootstrapMixin, forms.Form):
    member = forms.ModelChoiceField(label=_("Đơn vị ký"), queryset=None)
    signer_name = forms.CharField(label=_("Người ký"), max_length=120)
    signer_title = forms.CharField(label=_("Chức vụ"), max_length=200, required=False)
    signed_on = VietnameseDateField(label=_("Ngày ký"))

    def __init__(self, *args, members=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member"].queryset = members
        self.fields["member"].label_from_instance = lambda member: member.label


class ExternalResultForm(BootstrapMixin, forms.Form):
    member = forms.ModelChoiceField(label=_("Thành viên"), queryset=None)
    total = _points(_("Tổng điểm (theo văn bản của cụm)"))
    rank = forms.IntegerField(label=_("Xếp hạng"), min_value=1, required=False)
    award_note = forms.CharField(label=_("Danh hiệu, hình thức khen"), max_length=300, required=False)

    def __init__(self, *args, members=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member"].queryset = members
        self.fields["member"].label_from_instance = lambda member: member.label


class TableForm(VersionedForm):
    title = forms.CharField(label=_("Tên bảng"), max_length=300)
    total_points = _points(_("Tổng điểm chuẩn"), help_text=_("Ví dụ 100; để trống nếu bảng không nêu."))


class CriterionForm(BootstrapMixin, forms.Form):
    parent = RowChoiceField(label=_("Thuộc mục"), queryset=CriterionRow.objects.none(), required=False)
    code = forms.CharField(label=_("Mã"), max_length=40)
    text = forms.CharField(label=_("Nội dung"), widget=forms.Textarea(attrs={"rows": 3}))
    kind = forms.ChoiceField(label=_("Loại"), choices=CriterionKind.choices)
    points = _points(
        _("Điểm"), help_text=_("Điểm chuẩn; với dòng cộng, trừ: số điểm mỗi lần hoặc mỗi trường hợp.")
    )
    per_occurrence = forms.BooleanField(label=_("Tính theo lần (mỗi lần, mỗi trường hợp)"), required=False)
    row_max = _points(_("Tối đa của dòng"))
    bonus_cap = _points(_("Điểm cộng tối đa của mục"))
    deduction_cap = _points(_("Điểm trừ tối đa của mục"), help_text=_("Ví dụ “không quá 1,5 điểm”."))
    choice_group = forms.CharField(
        label=_("Nhóm lựa chọn"),
        max_length=40,
        required=False,
        help_text=_("Các dòng cùng nhóm loại trừ nhau (mức 5/4/3 điểm theo tỷ lệ): chỉ chọn một."),
    )
    requires_full_standard = forms.BooleanField(label=_("Chỉ cộng khi đạt đủ điểm chuẩn"), required=False)
    formula = forms.ChoiceField(
        label=_("Công thức (định lượng)"), choices=[("", "—"), *FormulaKind.choices], required=False
    )
    target = _points(_("Mục tiêu/ngưỡng (định lượng, thường là %)"))
    reviewer = forms.CharField(label=_("Đơn vị theo dõi đánh giá"), max_length=200, required=False)
    evidence_required = forms.BooleanField(label=_("Yêu cầu minh chứng"), required=False)
    note = forms.CharField(label=_("Ghi chú"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    source_target = forms.ModelChoiceField(
        label=_("Chỉ tiêu phong trào (định lượng)"),
        queryset=None,
        required=False,
        help_text=_("Kết quả đạt được sẽ được gợi ý từ báo cáo tiến độ của đơn vị cho chỉ tiêu này."),
    )

    def __init__(self, *args, rows=None, targets=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = rows if rows is not None else CriterionRow.objects.none()
        from thidua.movements.models import Target

        self.fields["source_target"].queryset = targets if targets is not None else Target.objects.none()
        self.fields["source_target"].label_from_instance = lambda target: (
            f"{target.movement.name[:60]} – {target}"
        )


class TableImportForm(BootstrapMixin, forms.Form):
    file = forms.FileField(
        label=_("Tệp Excel (.xlsx) hoặc CSV"), widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv"})
    )
    title = forms.CharField(label=_("Tên bảng (để trống: giữ tên cũ)"), max_length=300, required=False)
    total_points = _points(_("Tổng điểm chuẩn"))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith((".xlsx", ".csv")):
            raise forms.ValidationError(_("Hãy chọn tệp Excel (.xlsx) hoặc CSV (.csv)."))
        if upload.size > 10 * 1024 * 1024:
            raise forms.ValidationError(_("Tệp lớn hơn 10 MB."))
        return upload


class OpenRoundForm(BootstrapMixin, forms.Form):
    deadline = VietnameseDateField(label=_("Hạn nộp tự chấm"), required=False)


class DeadlinesForm(VersionedForm):
    self_deadline = VietnameseDateField(label=_("Hạn tự chấm"), required=False)
    cross_deadline = VietnameseDateField(label=_("Hạn chấm chéo, thẩm định"), required=False)


class CrossDeadlineForm(VersionedForm):
    deadline = VietnameseDateField(label=_("Hạn chấm chéo, thẩm định"), required=False)


ASSIGN_MODES = [
    ("rotation", _("Chấm chéo xoay vòng: mỗi đơn vị do các đơn vị kế tiếp chấm")),
    ("verify", _("Trưởng khối thẩm định (phó khối thẩm định đơn vị trưởng khối)")),
    ("manual", _("Chọn từng cặp")),
]


class AssignForm(BootstrapMixin, forms.Form):
    mode = forms.ChoiceField(label=_("Cách phân công"), choices=ASSIGN_MODES, widget=RadioList)
    per_member = forms.IntegerField(label=_("Số đơn vị chấm mỗi đơn vị (xoay vòng)"), min_value=1, initial=2)
    member = forms.ModelChoiceField(label=_("Đơn vị được chấm"), queryset=None, required=False)
    assessor = forms.ModelChoiceField(label=_("Đơn vị chấm"), queryset=None, required=False)

    def __init__(self, *args, members=None, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("member", "assessor"):
            self.fields[name].queryset = members
            self.fields[name].label_from_instance = lambda member: member.label

    def clean(self):
        data = super().clean()
        if data.get("mode") == "manual" and not (data.get("member") and data.get("assessor")):
            raise forms.ValidationError(_("Hãy chọn đơn vị được chấm và đơn vị chấm."))
        return data


class SheetForm(BootstrapMixin, forms.Form):
    """One input per criterion, by kind: points (qualitative), achievement (quantitative), occurrences
    (per-occurrence bonus or penalty), a tick (other bonus, penalty, disqualifier), one choice per choice
    group; a comment on every scorable row."""

    comment = forms.CharField(
        label=_("Nhận xét chung"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, rows, core, entries, suggestions=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = rows
        self.suggestions = suggestions or {}
        self.core_nodes = core.by_code()
        self.entries = entries
        self.groups: dict[str, list[CriterionRow]] = {}
        for row in rows:
            node = self.core_nodes[row.code]
            if row.kind == "group" or (node.kind in scoring.SCORED_KINDS and not node.is_scored):
                continue
            entry = entries.get(row.pk)
            if row.choice_group:
                key = self._group_key(row)
                self.groups.setdefault(key, []).append(row)
            elif row.kind == "qualitative":
                self.fields[f"p_{row.pk}"] = _points(
                    row.code,
                    min_value=Decimal(0),
                    max_value=row.points,
                    initial=entry.points if entry else None,
                    error_messages={
                        "max_value": _("Mục %(code)s: tối đa %(max)s điểm.")
                        % {"code": row.code, "max": scoring.format_points(row.points)},
                        "min_value": _("Điểm không được âm."),
                    },
                )
            elif row.kind == "quantitative":
                self.fields[f"v_{row.pk}"] = _points(
                    row.code,
                    min_value=Decimal(0),
                    initial=entry.value if entry else self.suggestions.get(row.pk),
                )
            elif row.per_occurrence:
                self.fields[f"n_{row.pk}"] = forms.IntegerField(
                    label=row.code,
                    min_value=0,
                    required=False,
                    initial=int(entry.count) if entry and entry.count is not None else None,
                )
            else:
                self.fields[f"x_{row.pk}"] = forms.BooleanField(
                    label=row.code, required=False, initial=bool(entry and (entry.count or entry.points))
                )
            self.fields[f"c_{row.pk}"] = forms.CharField(
                label=_("Giải trình %(code)s") % {"code": row.code},
                required=False,
                initial=entry.comment if entry else "",
                widget=forms.TextInput(attrs={"class": "form-control-sm"}),
            )
        for key, group_rows in self.groups.items():
            chosen = next(
                (
                    str(row.pk)
                    for row in group_rows
                    if entries.get(row.pk) and (entries[row.pk].count or entries[row.pk].points)
                ),
                "",
            )
            self.fields[f"g_{key}"] = forms.ChoiceField(
                label=_("Nhóm lựa chọn %(group)s") % {"group": group_rows[0].choice_group},
                choices=[("", _("Chưa chọn")), *[(str(row.pk), row.code) for row in group_rows]],
                required=False,
                widget=forms.RadioSelect,
                initial=chosen,
            )

    @staticmethod
    def _group_key(row) -> str:
        return f"{row.parent_id or 0}_{row.choice_group}".replace(" ", "_")

    def lines(self):
        """(row, depth, input, comment input, choice input) per table row, for the template."""
        radios = {}
        clears = {}
        for key, group_rows in self.groups.items():
            bound = self[f"g_{key}"]
            options = {option.data["value"]: option for option in bound.subwidgets}
            for row in group_rows:
                radios[row.pk] = options.get(str(row.pk))
            clears[group_rows[0].pk] = options.get("")
        result = []
        for row in self.rows:
            field = None
            for prefix in ("p", "v", "n", "x"):
                if f"{prefix}_{row.pk}" in self.fields:
                    field = self[f"{prefix}_{row.pk}"]
            comment = self[f"c_{row.pk}"] if f"c_{row.pk}" in self.fields else None
            result.append(
                {
                    "row": row,
                    "input": field,
                    "comment": comment,
                    "radio": radios.get(row.pk),
                    "clear": clears.get(row.pk),
                    "suggestion": self.suggestions.get(row.pk),
                    "entry": self.entries.get(row.pk),
                }
            )
        return result

    def values(self) -> dict[int, dict]:
        data = self.cleaned_data
        values: dict[int, dict] = {}
        for row in self.rows:
            item: dict = {"comment": data.get(f"c_{row.pk}", "")}
            if f"p_{row.pk}" in data:
                item["points"] = data[f"p_{row.pk}"]
            elif f"v_{row.pk}" in data:
                item["value"] = data[f"v_{row.pk}"]
            elif f"n_{row.pk}" in data:
                item["count"] = data[f"n_{row.pk}"]
            elif f"x_{row.pk}" in data:
                item["count"] = 1 if data[f"x_{row.pk}"] else None
            values[row.pk] = item
        for key, group_rows in self.groups.items():
            chosen = data.get(f"g_{key}")
            for row in group_rows:
                values.setdefault(row.pk, {})
                values[row.pk]["count"] = 1 if chosen == str(row.pk) else None
        return values


class EvidenceForm(BootstrapMixin, forms.Form):
    criterion = RowChoiceField(label=_("Cho tiêu chí"), queryset=CriterionRow.objects.none(), required=False)
    file = forms.FileField(label=_("Tệp minh chứng (.pdf, ảnh, Word, Excel)"))

    def __init__(self, *args, rows=None, **kwargs):
        super().__init__(*args, **kwargs)
        if rows is not None:
            self.fields["criterion"].queryset = rows


class AdjustForm(VersionedForm):
    criterion = RowChoiceField(label=_("Tiêu chí"), queryset=CriterionRow.objects.none())
    points = _points(_("Điểm mới"), required=True, min_value=Decimal(0))
    reason = forms.CharField(
        label=_("Lý do điều chỉnh"), max_length=1000, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, rows=None, **kwargs):
        super().__init__(*args, **kwargs)
        if rows is not None:
            self.fields["criterion"].queryset = rows


class MeetingForm(BootstrapMixin, forms.Form):
    held_on = VietnameseDateField(label=_("Ngày họp"))
    place = forms.CharField(label=_("Địa điểm"), max_length=300, required=False)
    chair_name = forms.CharField(label=_("Chủ trì"), max_length=200, required=False)
    secretary_name = forms.CharField(label=_("Thư ký"), max_length=200, required=False)
    note = forms.CharField(label=_("Ghi chú"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class AttendanceForm(BootstrapMixin, forms.Form):
    def __init__(self, *args, rows, **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = rows
        for row in rows:
            self.fields[f"present_{row.member_id}"] = forms.BooleanField(
                label=row.member.label, required=False, initial=row.present
            )
            self.fields[f"rep_{row.member_id}"] = forms.CharField(
                label=_("Người dự"), max_length=200, required=False, initial=row.representative
            )

    def lines(self):
        return [(row, self[f"present_{row.member_id}"], self[f"rep_{row.member_id}"]) for row in self.rows]

    def values(self):
        return {
            row.member_id: (
                self.cleaned_data[f"present_{row.member_id}"],
                self.cleaned_data[f"rep_{row.member_id}"],
            )
            for row in self.rows
        }


class VoteForm(BootstrapMixin, forms.Form):
    member = forms.ModelChoiceField(label=_("Bỏ phiếu cho đơn vị"), queryset=None, empty_label=None)
    approved = forms.MultipleChoiceField(
        label=_("Đồng ý đề nghị"), required=False, widget=CheckboxList, choices=()
    )

    def __init__(self, *args, members, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member"].queryset = members
        self.fields["member"].label_from_instance = lambda member: member.label
        self.fields["approved"].choices = [
            (str(candidate.pk), f"{candidate.member.label} – {candidate.get_award_display()}")
            for candidate in candidates
        ]


class BallotDocumentsForm(VersionedForm):
    document_number = forms.CharField(label=_("Số, ký hiệu tờ trình"), max_length=100, required=False)
    signer_name = forms.CharField(label=_("Người ký"), max_length=200, required=False)
    signer_title = forms.CharField(label=_("Chức vụ người ký"), max_length=200, required=False)
