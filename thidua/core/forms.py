"""Form plumbing shared by every app: Bootstrap rendering, dd/mm/yyyy dates, and the optimistic-lock field."""

from django import forms
from django.forms.renderers import TemplatesSetting
from django.utils.translation import gettext_lazy as _

DATE_INPUT_FORMATS = ["%d/%m/%Y", "%d-%m-%Y", "%Y-%m-%d"]


class ThiduaFormRenderer(TemplatesSetting):
    """Render ``{{ form }}`` as Bootstrap 5 fields with Vietnamese error text beside each field."""

    form_template_name = "core/forms/form.html"
    field_template_name = "core/forms/field.html"


class VietnameseDateField(forms.DateField):
    """A date typed as dd/mm/yyyy (ISO also accepted, so a browser date picker still works)."""

    input_formats = DATE_INPUT_FORMATS
    widget = forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy", "inputmode": "numeric"})


class BareListMixin:
    """A list of radio buttons or checkboxes whose wrapper carries no class: ``BootstrapMixin`` gives the widget
    ``form-check-input``, which Django would put on the wrapper too (squeezing the list to one letter wide)."""

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["attrs"] = {k: v for k, v in context["widget"]["attrs"].items() if k != "class"}
        return context


class RadioList(BareListMixin, forms.RadioSelect):
    pass


class CheckboxList(BareListMixin, forms.CheckboxSelectMultiple):
    pass


class BootstrapMixin:
    """Give every widget the Bootstrap class it needs."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, forms.CheckboxInput | forms.CheckboxSelectMultiple | forms.RadioSelect):
                css = "form-check-input"
                # The class belongs on each input, not on the list's wrapper (the form's own widget copy).
                if type(widget) is forms.CheckboxSelectMultiple:
                    widget.__class__ = CheckboxList
                elif type(widget) is forms.RadioSelect:
                    widget.__class__ = RadioList
            elif isinstance(widget, forms.Select | forms.SelectMultiple):
                css = "form-select"
            elif isinstance(widget, forms.HiddenInput):
                continue
            else:
                css = "form-control"
            widget.attrs["class"] = f"{widget.attrs.get('class', '')} {css}".strip()

    def full_clean(self):
        super().full_clean()
        for name in self.errors:
            if name in self.fields:
                widget = self.fields[name].widget
                widget.attrs["class"] = f"{widget.attrs.get('class', '')} is-invalid".strip()
                widget.attrs["aria-invalid"] = "true"


class VersionedForm(BootstrapMixin, forms.Form):
    """A form that edits a versioned record: it carries the version the user loaded, so a stale save is refused."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def expected_version(self) -> int | None:
        return self.cleaned_data.get("version")


class ReasonForm(BootstrapMixin, forms.Form):
    reason = forms.CharField(label=_("Lý do"), max_length=500, widget=forms.Textarea(attrs={"rows": 2}))


class ExcelUploadForm(BootstrapMixin, forms.Form):
    file = forms.FileField(
        label=_("Tệp Excel (.xlsx)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx"}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(".xlsx"):
            raise forms.ValidationError(_("Hãy chọn tệp Excel có đuôi .xlsx (Excel 2007 trở lên)."))
        if upload.size > 10 * 1024 * 1024:
            raise forms.ValidationError(_("Tệp lớn hơn 10 MB: hãy chia thành nhiều tệp."))
        return upload


def add_service_errors(form: forms.Form, error) -> None:
    """Show a service's ValidationError on the form: beside the field it names, or above the form."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            target = field if field in form.fields else None
            for message in errors:
                form.add_error(target, message)
    else:
        for message in error.messages:
            form.add_error(None, message)
