"""Forms for movements. Numbers are localised ("1.234,5"), dates dd/mm/yyyy."""

from __future__ import annotations

import re

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from thidua.core.forms import BootstrapMixin, VersionedForm, VietnameseDateField
from thidua.org.models import Person

from .achievement import Direction, PeriodKind
from .models import DocumentType, MovementKind, ReportKind, TaskStatus
from .titles import TitleKind, title_choices

FILE_ACCEPT = ".pdf,.docx"


class UnitChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.full_name


class UnitsChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.full_name


def _reason_field():
    return forms.CharField(
        label=_("Lý do, căn cứ sửa đổi (bắt buộc khi phong trào đã phát động)"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


def _decimal(label, required=True):
    return forms.DecimalField(label=label, required=required, max_digits=20, decimal_places=4, localize=True)


class MovementForm(VersionedForm):
    launching_unit = UnitChoiceField(label=_("Đơn vị phát động"), queryset=None)
    name = forms.CharField(label=_("Tên phong trào"), max_length=500)
    theme = forms.CharField(
        label=_("Chủ đề"), max_length=1000, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    kind = forms.ChoiceField(label=_("Loại phong trào"), choices=MovementKind.choices)
    duration = forms.CharField(label=_("Thời gian thực hiện"), max_length=100, required=False)
    period_start = VietnameseDateField(label=_("Từ ngày"))
    period_end = VietnameseDateField(label=_("Đến ngày"))
    document_type = forms.ChoiceField(label=_("Loại văn bản"), choices=DocumentType.choices)
    document_number = forms.CharField(label=_("Số văn bản"), max_length=20, required=False)
    document_symbol = forms.CharField(
        label=_("Ký hiệu"),
        max_length=60,
        required=False,
        widget=forms.TextInput(attrs={"placeholder": "CT-UBND"}),
    )
    document_date = VietnameseDateField(label=_("Ngày ban hành"), required=False)
    document_subject = forms.CharField(label=_("Trích yếu"), max_length=1000, required=False)
    signer_name = forms.CharField(label=_("Người ký"), max_length=120, required=False)
    signer_position = forms.CharField(label=_("Chức vụ người ký"), max_length=200, required=False)
    units_in_scope = UnitsChoiceField(
        label=_("Đơn vị thuộc phạm vi"),
        queryset=None,
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 10}),
        help_text=_("Đơn vị được chọn và các đơn vị trực thuộc của nó tham gia phong trào."),
    )
    preamble = forms.CharField(
        label=_("Phần mở đầu"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    closing = forms.CharField(label=_("Phần kết"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    recipients = forms.CharField(
        label=_("Nơi nhận (mỗi dòng một nơi)"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    plan_deadline = VietnameseDateField(label=_("Hạn nộp kế hoạch"), required=False)
    midterm_deadline = VietnameseDateField(label=_("Hạn nộp báo cáo sơ kết"), required=False)
    final_deadline = VietnameseDateField(label=_("Hạn nộp báo cáo tổng kết"), required=False)
    source_document = forms.FileField(
        label=_("Văn bản gốc (PDF hoặc DOCX)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": FILE_ACCEPT}),
    )
    reason = _reason_field()

    def __init__(self, *args, launching_units, scope_units, launched=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["launching_unit"].queryset = launching_units
        self.fields["units_in_scope"].queryset = scope_units
        if not launched:
            del self.fields["reason"]

    def clean(self):
        data = super().clean()
        start, end = data.get("period_start"), data.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", _("Ngày kết thúc phải sau ngày bắt đầu."))
        return data


class ContentForm(BootstrapMixin, forms.Form):
    number = forms.IntegerField(label=_("Số thứ tự nội dung"), min_value=1, max_value=99)
    title = forms.CharField(label=_("Tiêu đề"), max_length=1000)
    text = forms.CharField(label=_("Nội dung"), required=False, widget=forms.Textarea(attrs={"rows": 6}))
    sub_items = forms.CharField(
        label=_("Các mục con"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Mỗi dòng một mục, bắt đầu bằng ký hiệu: «a) Nội dung mục a»."),
    )
    reason = _reason_field()

    def __init__(self, *args, launched=False, **kwargs):
        super().__init__(*args, **kwargs)
        if not launched:
            del self.fields["reason"]

    def clean_sub_items(self):
        items = []
        for number, line in enumerate(self.cleaned_data["sub_items"].splitlines(), start=1):
            line = line.strip()
            if not line:
                continue
            match = re.match(r"^([a-zđ0-9]{1,3})\)\s*(.+)$", line)
            if not match:
                raise forms.ValidationError(
                    _("Dòng %(n)s chưa bắt đầu bằng ký hiệu như «a)».") % {"n": number}
                )
            items.append((match.group(1), match.group(2)))
        return items


class ThematicForm(VersionedForm):
    name = forms.CharField(label=_("Tên phong trào chuyên đề"), max_length=500)
    theme = forms.CharField(
        label=_("Chủ đề, mô tả"), max_length=1000, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    lead_unit = UnitChoiceField(label=_("Đơn vị chủ trì"), queryset=None, required=False)
    order = forms.IntegerField(label=_("Thứ tự"), min_value=1, max_value=999)
    reason = _reason_field()

    def __init__(self, *args, units, launched=False, editing=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lead_unit"].queryset = units
        self.fields["order"].localize = False
        if not editing:
            del self.fields["order"]
        if not launched:
            del self.fields["reason"]


class ThematicReviewForm(BootstrapMixin, forms.Form):
    review = forms.CharField(label=_("Đánh giá, sơ kết"), widget=forms.Textarea(attrs={"rows": 6}))


class TaskForm(BootstrapMixin, forms.Form):
    letter = forms.CharField(label=_("Mục"), max_length=5, required=False)
    title = forms.CharField(label=_("Công việc"), max_length=500)
    text = forms.CharField(label=_("Nội dung giao"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    assignees = forms.CharField(
        label=_("Cơ quan được giao (mỗi dòng một cơ quan)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    assignee_units = UnitsChoiceField(
        label=_("Đơn vị thực hiện (theo dõi trong hệ thống)"),
        queryset=None,
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    lead_unit = UnitChoiceField(label=_("Đơn vị chủ trì"), queryset=None, required=False)
    coordinating = forms.CharField(
        label=_("Phối hợp (mỗi dòng một cơ quan)"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    is_request = forms.BooleanField(label=_("Là đề nghị (không phải giao nhiệm vụ)"), required=False)
    deadline = VietnameseDateField(label=_("Hạn hoàn thành"), required=False)
    reason = _reason_field()

    def __init__(self, *args, units, launched=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee_units"].queryset = units
        self.fields["lead_unit"].queryset = units
        if not launched:
            del self.fields["reason"]


class TaskUpdateForm(VersionedForm):
    status = forms.ChoiceField(label=_("Tình trạng"), choices=TaskStatus.choices)
    status_note = forms.CharField(label=_("Ghi chú"), max_length=500, required=False)
    deadline = VietnameseDateField(label=_("Hạn hoàn thành"), required=False)

    def __init__(self, *args, can_set_deadline=False, **kwargs):
        super().__init__(*args, **kwargs)
        if not can_set_deadline:
            del self.fields["deadline"]


class TargetForm(VersionedForm):
    name = forms.CharField(label=_("Tên chỉ tiêu"), max_length=500)
    parent = forms.ModelChoiceField(label=_("Là chỉ tiêu con của"), queryset=None, required=False)
    unit_of_measure = forms.CharField(
        label=_("Đơn vị tính"),
        max_length=50,
        widget=forms.TextInput(attrs={"list": "don-vi-tinh", "placeholder": "%, ‰, tỷ đồng, người…"}),
    )
    direction = forms.ChoiceField(label=_("Chiều đánh giá"), choices=Direction.choices())
    target_value = _decimal(_("Giá trị chỉ tiêu"))
    baseline = _decimal(_("Giá trị gốc (đầu kỳ)"), required=False)
    tolerance = _decimal(_("Dung sai (chỉ với «Khoảng»; để trống = 5% chỉ tiêu)"), required=False)
    cumulative = forms.BooleanField(label=_("Cộng dồn trong kỳ (đánh giá theo tiến độ)"), required=False)
    measures_change = forms.BooleanField(
        label=_("Đơn vị báo cáo trực tiếp mức tăng/giảm (không cần giá trị gốc)"), required=False
    )
    responsible_units = UnitsChoiceField(
        label=_("Đơn vị chịu trách nhiệm"),
        queryset=None,
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    start_date = VietnameseDateField(label=_("Bắt đầu tính từ (trống = đầu phong trào)"), required=False)
    deadline = VietnameseDateField(label=_("Hạn đạt (trống = cuối phong trào)"), required=False)
    reason = _reason_field()

    def __init__(self, *args, units, parents, launched=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["responsible_units"].queryset = units
        self.fields["parent"].queryset = parents
        if not launched:
            del self.fields["reason"]


class ProgressForm(VersionedForm):
    unit = UnitChoiceField(label=_("Đơn vị báo cáo"), queryset=None)
    period_kind = forms.ChoiceField(label=_("Loại kỳ"), choices=PeriodKind.choices())
    period_year = forms.IntegerField(label=_("Năm"), min_value=2000, max_value=2100)
    period_index = forms.IntegerField(
        label=_("Kỳ số"),
        min_value=1,
        max_value=12,
        initial=1,
        help_text=_("Tháng 1–12, quý 1–4, 6 tháng 1–2, năm 1."),
    )
    value = _decimal(_("Giá trị"))
    note = forms.CharField(label=_("Ghi chú"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    evidence = forms.FileField(
        label=_("Minh chứng (PDF, DOCX, XLSX, JPG, PNG)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.docx,.xlsx,.jpg,.jpeg,.png"}),
    )

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        self.fields["period_year"].localize = False
        self.fields["period_year"].widget.is_localized = False


class PlanForm(VersionedForm):
    unit = UnitChoiceField(label=_("Đơn vị"), queryset=None)
    number_symbol = forms.CharField(label=_("Số, ký hiệu kế hoạch"), max_length=100, required=False)
    summary = forms.CharField(label=_("Tóm tắt kế hoạch"), widget=forms.Textarea(attrs={"rows": 4}))
    document = forms.FileField(
        label=_("Văn bản kế hoạch (PDF hoặc DOCX)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": FILE_ACCEPT}),
    )

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.full_name} – {obj.position_title}" if obj.position_title else obj.full_name


class RegistrationForm(BootstrapMixin, forms.Form):
    unit = UnitChoiceField(label=_("Đơn vị"), queryset=None)
    title = forms.ChoiceField(
        label=_("Danh hiệu"),
        choices=[
            (str(TitleKind.COLLECTIVE.label), title_choices(TitleKind.COLLECTIVE)),
            (str(TitleKind.INDIVIDUAL.label), title_choices(TitleKind.INDIVIDUAL)),
        ],
    )
    person = PersonChoiceField(
        label=_("Cá nhân (với danh hiệu cá nhân)"), queryset=Person.objects.none(), required=False
    )
    person_name = forms.CharField(
        label=_("Hoặc họ và tên (người chưa có trong danh sách)"), max_length=120, required=False
    )

    def __init__(self, *args, units, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        self.fields["person"].queryset = people


class PeriodicReportForm(VersionedForm):
    unit = UnitChoiceField(label=_("Đơn vị"), queryset=None)
    kind = forms.ChoiceField(label=_("Loại báo cáo"), choices=ReportKind.choices)
    year = forms.IntegerField(label=_("Năm"), min_value=2000, max_value=2100)
    summary = forms.CharField(label=_("Tóm tắt kết quả"), widget=forms.Textarea(attrs={"rows": 4}))
    participants = forms.IntegerField(label=_("Số lượt tham gia"), min_value=0, initial=0)
    initiatives = forms.IntegerField(label=_("Số sáng kiến, giải pháp"), min_value=0, initial=0)
    exemplary_models = forms.IntegerField(label=_("Số gương điển hình tiên tiến"), min_value=0, initial=0)
    collectives_commended = forms.IntegerField(label=_("Số tập thể được khen thưởng"), min_value=0, initial=0)
    individuals_commended = forms.IntegerField(label=_("Số cá nhân được khen thưởng"), min_value=0, initial=0)
    document = forms.FileField(
        label=_("Văn bản báo cáo (PDF hoặc DOCX)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": FILE_ACCEPT}),
    )

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        self.fields["year"].initial = timezone.localdate().year
