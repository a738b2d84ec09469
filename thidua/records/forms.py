from django import forms
from django.utils.translation import gettext_lazy as _

from thidua.awards.catalog import catalog
from thidua.core.forms import BootstrapMixin, VersionedForm, VietnameseDateField

from .enums import HONOUR_TYPE_CHOICES, RATING_CHOICES, SCOPE_CHOICES, DisciplineForm


def _year_field():
    return forms.IntegerField(label=_("Năm"), min_value=1945, max_value=2100)


class RatingForm(BootstrapMixin, forms.Form):
    year = _year_field()
    rating = forms.ChoiceField(label=_("Xếp loại"), choices=RATING_CHOICES)
    note = forms.CharField(label=_("Ghi chú"), max_length=300, required=False)


class HonourForm(BootstrapMixin, forms.Form):
    year = _year_field()
    code = forms.ChoiceField(label=_("Danh hiệu, hình thức khen thưởng"))
    honour_type = forms.ChoiceField(label=_("Loại hình khen thưởng"), choices=HONOUR_TYPE_CHOICES)
    decision_number = forms.CharField(label=_("Số quyết định"), max_length=100, required=False)
    decision_date = VietnameseDateField(label=_("Ngày quyết định"), required=False)
    issuer = forms.CharField(
        label=_("Cơ quan, người quyết định"),
        max_length=300,
        required=False,
        help_text=_("Ghi đúng tên lúc quyết định, kể cả khi cơ quan đó nay không còn."),
    )

    def __init__(self, *args, subject="individual", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["code"].choices = [(a.code, a.name_vi) for a in catalog().for_subject(subject)]


class InitiativeForm(BootstrapMixin, forms.Form):
    title = forms.CharField(label=_("Tên sáng kiến"), max_length=500)
    scope = forms.ChoiceField(label=_("Phạm vi công nhận"), choices=SCOPE_CHOICES)
    year = _year_field()
    recognised_by = forms.CharField(label=_("Cơ quan công nhận"), max_length=300, required=False)


class DisciplineRecordForm(BootstrapMixin, forms.Form):
    form = forms.ChoiceField(label=_("Hình thức kỷ luật"), choices=DisciplineForm.choices)
    start = VietnameseDateField(label=_("Có hiệu lực từ ngày"))
    end = VietnameseDateField(label=_("Đến ngày"), required=False)
    decision_number = forms.CharField(label=_("Số quyết định"), max_length=100, required=False)


class RevokeForm(VersionedForm):
    reason = forms.CharField(label=_("Lý do thu hồi"), max_length=500)


class RadarForm(BootstrapMixin, forms.Form):
    unit = forms.ModelChoiceField(label=_("Đơn vị"), queryset=None)
    year = forms.IntegerField(label=_("Năm xét"), min_value=2000, max_value=2100)
    award = forms.ChoiceField(label=_("Danh hiệu, hình thức"), required=False)

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units.filter(effective_to__isnull=True).order_by("path")
        self.fields["unit"].label_from_instance = lambda unit: f"{'— ' * unit.depth}{unit.full_name}"
        self.fields["award"].choices = [("", _("Tất cả"))] + [(a.code, a.name_vi) for a in catalog()]
