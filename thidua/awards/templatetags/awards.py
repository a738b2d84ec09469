"""Template helpers for verdicts and money."""

from django import template
from django.utils.html import format_html

from thidua.awards.catalog import catalog

register = template.Library()


@register.filter
def award_name(value) -> str:
    """The Vietnamese name of an award code, a verdict or a radar row."""
    code = getattr(value, "award", None) or getattr(getattr(value, "verdict", None), "award", None) or value
    return catalog().get(code).name_vi if code in catalog() else str(code)


@register.filter
def vnd(amount) -> str:
    """An amount of money in đồng, Vietnamese style: 3.510.000 đ."""
    if amount is None or amount == "":
        return ""
    return f"{int(amount):,}".replace(",", ".") + " đ"


@register.filter
def split(value: str) -> list[str]:
    return value.split()


@register.simple_tag
def figure(year_view, name: str):
    """A collective's figure for one year, starred when computed from the people records."""
    value = year_view.figure(name)
    if value is None:
        return "—"
    if year_view.is_computed(name):
        return format_html(
            '{}<span class="text-body-secondary" title="{}">*</span>', value, "tính từ hồ sơ cá nhân"
        )
    return value


@register.filter
def get_item(mapping, key):
    return mapping.get(key, key) if mapping else key
