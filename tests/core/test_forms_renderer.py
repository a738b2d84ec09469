"""The Bootstrap form mixin: lists of checkboxes and radio buttons keep the class on each input, not the list."""

import re

from django import forms

from thidua.core.forms import BootstrapMixin


class ChoiceListsForm(BootstrapMixin, forms.Form):
    many = forms.MultipleChoiceField(
        choices=[("a", "Một"), ("b", "Hai")], widget=forms.CheckboxSelectMultiple
    )
    one = forms.ChoiceField(choices=[("x", "Có"), ("y", "Không")], widget=forms.RadioSelect)


def test_checkbox_and_radio_lists_put_the_bootstrap_class_on_the_inputs_only():
    form = ChoiceListsForm()
    for name in ("many", "one"):
        html = str(form[name])
        wrapper = re.match(r"<div[^>]*>", html).group(0)
        assert "class" not in wrapper
        inputs = re.findall(r"<input[^>]*>", html)
        assert len(inputs) == 2
        assert all('class="form-check-input"' in tag for tag in inputs)


def test_the_class_swap_stays_on_the_form_instance():
    ChoiceListsForm()
    assert type(ChoiceListsForm.base_fields["many"].widget) is forms.CheckboxSelectMultiple
