from django import forms
from django.utils.translation import gettext_lazy as _

from thidua.awards.catalog import catalog
from thidua.core.forms import BootstrapMixin, VersionedForm, VietnameseDateField

from .enums import HONOUR_TYPE_CHOICES, RATING_CHOICES, SCOPE_CHOICES, DisciplineForm, ReviewKind
from .models import YEAR_MAX, YEAR_MIN


def _year_field(label=None):
    return forms.IntegerField(
        label=label or _("Năm"),
        min_value=YEAR_MIN,
        max_value=YEAR_MAX,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )


def _count_field(label):
    return forms.IntegerField(label=label, min_value=0, required=False)


class RatingForm(BootstrapMixin, forms.Form):
    year = _year_field()
    rating = forms.ChoiceField(label=_("Xếp loại"), choices=RATING_CHOICES)
    unit = forms.ModelChoiceField(
        label=_("Đơn vị xếp loại"),
        queryset=None,
        required=False,
        help_text=_("Để trống: đơn vị công tác hiện tại. Số liệu của tập thể được đếm theo đơn vị này."),
    )
    note = forms.CharField(label=_("Ghi chú"), max_length=300, required=False)

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units.order_by("path")
        self.fields["unit"].label_from_instance = lambda unit: f"{'— ' * unit.depth}{unit.full_name}"


class HonourForm(BootstrapMixin, forms.Form):
    year = _year_field(_("Năm khen thưởng (năm của thành tích)"))
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

    initiatives = forms.ModelMultipleChoiceField(
        label=_("Sáng kiến làm căn cứ khen thưởng"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Sáng kiến đã chọn bị khóa: không dùng được cho khen thưởng khác."),
    )

    def __init__(self, *args, subject="individual", person=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["code"].choices = [(a.code, a.name_vi) for a in catalog().for_subject(subject)]
        unused = (
            person.initiatives.filter(used_for__isnull=True).order_by("-year", "title") if person else None
        )
        if unused is None or not unused.exists():
            del self.fields["initiatives"]
        else:
            self.fields["initiatives"].queryset = unused
            self.fields["initiatives"].label_from_instance = lambda i: (
                f"{i.title} ({i.get_scope_display()}, {i.year})"
            )


class InitiativeForm(BootstrapMixin, forms.Form):
    title = forms.CharField(label=_("Tên sáng kiến"), max_length=500)
    scope = forms.ChoiceField(label=_("Phạm vi công nhận"), choices=SCOPE_CHOICES)
    year = _year_field(_("Năm công nhận"))
    recognised_by = forms.CharField(label=_("Cơ quan công nhận"), max_length=300, required=False)


class InitiativeEditForm(VersionedForm, InitiativeForm):
    pass


class DisciplineRecordForm(BootstrapMixin, forms.Form):
    form = forms.ChoiceField(label=_("Hình thức kỷ luật"), choices=DisciplineForm.choices)
    start = VietnameseDateField(label=_("Có hiệu lực từ ngày"))
    end = VietnameseDateField(label=_("Đến ngày"), required=False, help_text=_("Để trống nếu còn hiệu lực."))
    decision_number = forms.CharField(label=_("Số quyết định"), max_length=100, required=False)


class DisciplineEditForm(VersionedForm, DisciplineRecordForm):
    pass


class ReviewOpenForm(BootstrapMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Lý do"), choices=ReviewKind.choices)
    opened = VietnameseDateField(label=_("Từ ngày"))
    note = forms.CharField(label=_("Ghi chú"), max_length=300, required=False)


class ReviewCloseForm(BootstrapMixin, forms.Form):
    closed = VietnameseDateField(label=_("Kết thúc ngày"))


class RevokeForm(VersionedForm):
    reason = forms.CharField(label=_("Lý do thu hồi"), max_length=500)
    decision_number = forms.CharField(
        label=_("Số quyết định thu hồi, hủy bỏ"), max_length=100, required=False
    )
    decision_date = VietnameseDateField(label=_("Ngày quyết định thu hồi"), required=False)


class CollectiveYearForm(VersionedForm):
    year = _year_field()
    rating = forms.ChoiceField(
        label=_("Xếp loại tập thể"), choices=[("", "—"), *RATING_CHOICES], required=False
    )
    members = _count_field(_("Tổng số thành viên"))
    members_ldtt = _count_field(_("Số thành viên đạt Lao động tiên tiến"))
    members_completed = _count_field(_("Số thành viên hoàn thành nhiệm vụ trở lên"))
    members_cstdcs = _count_field(_("Số thành viên đạt Chiến sĩ thi đua cơ sở"))
    members_disciplined = _count_field(_("Số thành viên bị kỷ luật từ cảnh cáo trở lên"))
    block_rank = forms.IntegerField(label=_("Thứ hạng trong khối, cụm"), min_value=1, required=False)
    note = forms.CharField(label=_("Ghi chú"), max_length=300, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("members", "members_ldtt", "members_completed", "members_cstdcs", "members_disciplined"):
            self.fields[name].help_text = _("Để trống: tính từ hồ sơ cá nhân của đơn vị.")
