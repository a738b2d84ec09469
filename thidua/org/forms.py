from django import forms
from django.utils.translation import gettext_lazy as _

from thidua.core.forms import BootstrapMixin, VersionedForm, VietnameseDateField

from .enums import Gender, PositionLevel, Role, UnitType
from .models import Ethnicity, Unit


class UnitChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, unit):
        return f"{'— ' * unit.depth}{unit.full_name}"


class UnitMultipleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, unit):
        return unit.full_name


def _units(queryset):
    return queryset.filter(effective_to__isnull=True).order_by("path")


class UnitForm(VersionedForm):
    code = forms.CharField(label=_("Mã đơn vị"), max_length=40, help_text=_("Chữ không dấu, chữ số và . _ -"))
    short_name = forms.CharField(label=_("Tên viết tắt"), max_length=120)
    full_name = forms.CharField(label=_("Tên đầy đủ"), max_length=300)
    unit_type = forms.ChoiceField(label=_("Loại đơn vị"), choices=UnitType.choices)
    parent = UnitChoiceField(label=_("Đơn vị cấp trên"), queryset=Unit.objects.none(), required=False)
    order = forms.IntegerField(label=_("Thứ tự"), min_value=0, initial=0)
    effective_from = VietnameseDateField(label=_("Hiệu lực từ ngày"), required=False)
    place_name = forms.CharField(
        label=_("Địa danh ghi trên văn bản"), max_length=100, required=False, help_text=_("Ví dụ: Lai Châu")
    )

    def __init__(self, *args, parents=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = _units(parents if parents is not None else Unit.objects.none())


class UnitEventForm(BootstrapMixin, forms.Form):
    date = VietnameseDateField(label=_("Ngày hiệu lực"))
    decision = forms.CharField(label=_("Căn cứ (số, ký hiệu văn bản)"), max_length=200, required=False)
    note = forms.CharField(label=_("Ghi chú"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class RenameUnitForm(UnitEventForm):
    full_name = forms.CharField(label=_("Tên đầy đủ mới"), max_length=300)
    short_name = forms.CharField(label=_("Tên viết tắt mới"), max_length=120, required=False)


class MergeUnitForm(UnitEventForm):
    into = UnitChoiceField(label=_("Sáp nhập vào đơn vị"), queryset=Unit.objects.none())

    def __init__(self, *args, targets=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["into"].queryset = _units(targets)


class SplitUnitForm(UnitEventForm):
    into = UnitMultipleChoiceField(
        label=_("Chia, tách thành các đơn vị"),
        queryset=Unit.objects.none(),
        help_text=_("Các đơn vị mới phải được tạo trước."),
    )
    close_source = forms.BooleanField(label=_("Đơn vị cũ chấm dứt hoạt động"), required=False, initial=True)

    def __init__(self, *args, targets=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["into"].queryset = _units(targets)


class MoveUnitForm(UnitEventForm):
    new_parent = UnitChoiceField(label=_("Đơn vị cấp trên mới"), queryset=Unit.objects.none())

    def __init__(self, *args, targets=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["new_parent"].queryset = _units(targets)


class PersonForm(VersionedForm):
    full_name = forms.CharField(label=_("Họ và tên"), max_length=120)
    cccd = forms.RegexField(
        label=_("Số CCCD"),
        regex=r"^\d{12}$",
        required=False,
        error_messages={"invalid": _("Số CCCD gồm đúng 12 chữ số.")},
    )
    gender = forms.ChoiceField(label=_("Giới tính"), choices=Gender.choices)
    birth_date = VietnameseDateField(label=_("Ngày sinh"), required=False)
    ethnicity = forms.ModelChoiceField(
        label=_("Dân tộc"), queryset=Ethnicity.objects.all(), required=False, empty_label=_("— chưa rõ —")
    )
    email = forms.EmailField(label=_("Thư điện tử"), required=False)
    phone = forms.CharField(label=_("Điện thoại"), max_length=20, required=False)


class NewPersonForm(PersonForm):
    unit = UnitChoiceField(label=_("Đơn vị"), queryset=Unit.objects.none())
    position_title = forms.CharField(label=_("Chức vụ"), max_length=200, required=False)
    position_level = forms.ChoiceField(
        label=_("Nhóm chức vụ"), choices=PositionLevel.choices, initial=PositionLevel.STAFF
    )
    position_start = VietnameseDateField(label=_("Giữ chức vụ từ ngày"), required=False)

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = _units(units)
        del self.fields["version"]


class AssignPositionForm(BootstrapMixin, forms.Form):
    unit = UnitChoiceField(label=_("Đơn vị"), queryset=Unit.objects.none())
    position_title = forms.CharField(label=_("Chức vụ"), max_length=200)
    position_level = forms.ChoiceField(label=_("Nhóm chức vụ"), choices=PositionLevel.choices)
    start_date = VietnameseDateField(label=_("Từ ngày"))
    decision = forms.CharField(label=_("Quyết định"), max_length=200, required=False)

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = _units(units)


class ArchivePersonForm(VersionedForm):
    reason = forms.CharField(label=_("Lý do"), max_length=500, widget=forms.Textarea(attrs={"rows": 2}))


class PeopleFilterForm(BootstrapMixin, forms.Form):
    q = forms.CharField(
        label=_("Tìm theo tên hoặc số CCCD"),
        required=False,
        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("ví dụ: nguyen van duc")}),
    )
    unit = UnitChoiceField(
        label=_("Đơn vị"), queryset=Unit.objects.none(), required=False, empty_label=_("Tất cả")
    )
    archived = forms.BooleanField(label=_("Gồm cả hồ sơ đã lưu trữ"), required=False)

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = _units(units)


class AccountForm(BootstrapMixin, forms.Form):
    username = forms.RegexField(
        label=_("Tên đăng nhập"),
        regex=r"^[a-z0-9._-]{3,40}$",
        error_messages={"invalid": _("Từ 3 đến 40 ký tự: chữ thường không dấu, chữ số và . _ -")},
    )
    full_name = forms.CharField(label=_("Họ và tên"), max_length=120)
    email = forms.EmailField(label=_("Thư điện tử"), required=False)
    password = forms.CharField(label=_("Mật khẩu ban đầu"), widget=forms.PasswordInput, min_length=10)


class GrantRoleForm(BootstrapMixin, forms.Form):
    unit = UnitChoiceField(label=_("Đơn vị"), queryset=Unit.objects.none())
    role = forms.ChoiceField(label=_("Vai trò"), choices=Role.choices)
    include_subtree = forms.BooleanField(label=_("Cả các đơn vị trực thuộc"), required=False)
    valid_from = VietnameseDateField(label=_("Từ ngày"), required=False)
    valid_to = VietnameseDateField(label=_("Đến ngày"), required=False)

    def __init__(self, *args, units=None, can_grant_admin=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = _units(units)
        if not can_grant_admin:
            self.fields["role"].choices = [
                (value, label) for value, label in Role.choices if value != Role.ADMIN
            ]
