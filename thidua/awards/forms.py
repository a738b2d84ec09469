import datetime

from django import forms
from django.utils.translation import gettext_lazy as _

from thidua.awards.catalog import catalog
from thidua.awards.rulesets import ROUNDING_MODES
from thidua.core.forms import BootstrapMixin, VersionedForm, VietnameseDateField

KIND_CHOICES = [("", _("Cá nhân và tập thể")), ("individual", _("Cá nhân")), ("collective", _("Tập thể"))]
LIST_CHOICES = [
    ("", _("Đủ điều kiện và sắp đủ điều kiện")),
    ("du", _("Đủ điều kiện")),
    ("sap", _("Sắp đủ điều kiện")),
]
ROUNDING_LABELS = {"half_up": _("Làm tròn gần nhất"), "down": _("Làm tròn xuống"), "up": _("Làm tròn lên")}


def _award_choices(blank=None):
    choices = [(award.code, award.name_vi) for award in catalog()]
    return [("", blank), *choices] if blank else choices


class RadarForm(BootstrapMixin, forms.Form):
    unit = forms.ModelChoiceField(label=_("Đơn vị"), queryset=None)
    year = forms.IntegerField(label=_("Năm xét"), min_value=2000, max_value=2100)
    award = forms.ChoiceField(label=_("Danh hiệu, hình thức"), required=False)
    kind = forms.ChoiceField(label=_("Đối tượng"), choices=KIND_CHOICES, required=False)
    show = forms.ChoiceField(label=_("Danh sách"), choices=LIST_CHOICES, required=False)
    q = forms.CharField(label=_("Tên"), required=False, max_length=100)
    money_date = VietnameseDateField(
        label=_("Ngày quyết định (tính tiền thưởng)"),
        required=False,
        help_text=_("Để trống: hôm nay."),
    )

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units.filter(effective_to__isnull=True).order_by("path")
        self.fields["unit"].label_from_instance = lambda unit: f"{'— ' * unit.depth}{unit.full_name}"
        self.fields["award"].choices = _award_choices(_("Tất cả"))


class QuotaForm(VersionedForm):
    award_code = forms.ChoiceField(label=_("Danh hiệu, hình thức được giới hạn"))
    percent = forms.DecimalField(
        label=_("Tỷ lệ tối đa (%)"), min_value=0, max_value=100, decimal_places=2, localize=True
    )
    of = forms.ChoiceField(label=_("Tính trên số"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["award_code"].choices = _award_choices()
        self.fields["of"].choices = _award_choices()


class VoteThresholdForm(VersionedForm):
    award_code = forms.ChoiceField(label=_("Danh hiệu, hình thức"))
    percent = forms.DecimalField(
        label=_("Tỷ lệ phiếu đồng ý (% tổng số thành viên Hội đồng)"),
        min_value=0,
        max_value=100,
        decimal_places=2,
        localize=True,
    )
    basis = forms.CharField(label=_("Căn cứ"), max_length=300, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["award_code"].choices = _award_choices()


class BaseSalaryForm(VersionedForm):
    effective_from = VietnameseDateField(label=_("Áp dụng từ ngày"), initial=datetime.date.today)
    amount = forms.IntegerField(
        label=_("Mức lương cơ sở (đồng/tháng)"), min_value=1, localize=True, widget=forms.TextInput
    )
    basis = forms.CharField(label=_("Văn bản quy định"), max_length=300)


class RoundingForm(VersionedForm):
    unit = forms.IntegerField(
        label=_("Làm tròn đến (đồng)"), min_value=1, localize=True, widget=forms.TextInput
    )
    mode = forms.ChoiceField(
        label=_("Cách làm tròn"), choices=[(m, ROUNDING_LABELS[m]) for m in ROUNDING_MODES]
    )


class RemoveForm(VersionedForm):
    """Remove one entry: an award code (quota, vote threshold) or a date (base salary)."""

    award_code = forms.CharField(required=False, widget=forms.HiddenInput)
    effective_from = forms.DateField(required=False, widget=forms.HiddenInput, input_formats=["%Y-%m-%d"])
