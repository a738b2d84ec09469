"""Vietnamese formats: dates dd/mm/yyyy, numbers 1.234,5, and day-first date input."""

from __future__ import annotations

import datetime
import pathlib
import re
import zoneinfo
from decimal import Decimal

import pytest
from django import forms
from django.template import Context, Template
from django.utils import translation
from django.utils.formats import date_format, localize, number_format

DAY = datetime.date(2022, 3, 5)
MOMENT = datetime.datetime(2022, 3, 5, 14, 30, tzinfo=zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh"))


@pytest.fixture
def vietnamese():
    with translation.override("vi"):
        yield


def render(source: str, **context) -> str:
    return Template(source).render(Context(context))


def test_date_format_is_day_month_year(vietnamese):
    assert date_format(DAY) == "05/03/2022"
    assert date_format(DAY, "SHORT_DATE_FORMAT") == "05/03/2022"
    assert date_format(MOMENT, "DATETIME_FORMAT") == "05/03/2022 14:30"


def test_template_date_filter_and_plain_date_are_day_month_year(vietnamese):
    assert (
        render("{{ d|date }}|{{ d }}|{{ d|date:'SHORT_DATE_FORMAT' }}", d=DAY)
        == "05/03/2022|05/03/2022|05/03/2022"
    )


def test_template_datetime_in_local_time(vietnamese):
    utc = MOMENT.astimezone(datetime.UTC)
    assert render("{{ t }}", t=utc) == "05/03/2022 14:30"


def test_number_format_uses_dot_for_thousands_and_comma_for_decimals(vietnamese):
    assert number_format(Decimal("1234.5")) == "1.234,5"
    assert number_format(Decimal("1234567.25"), 2) == "1.234.567,25"
    assert localize(Decimal("1234.5")) == "1.234,5"


def test_template_number_is_localized_and_unlocalize_keeps_years_plain(vietnamese):
    source = "{% load l10n %}{{ n }}|{{ year }}|{{ year|unlocalize }}|{{ n|floatformat:2 }}"
    assert render(source, n=Decimal("1234.5"), year=2025) == "1.234,5|2.025|2025|1.234,50"


def test_date_field_accepts_day_first_input(vietnamese):
    field = forms.DateField()
    assert [field.clean(text) for text in ["05/03/2022", "02/09/2025", "5-3-2022", "2022-03-05"]] == [
        datetime.date(2022, 3, 5),
        datetime.date(2025, 9, 2),
        datetime.date(2022, 3, 5),
        datetime.date(2022, 3, 5),
    ]


def test_date_field_refuses_month_first_input(vietnamese):
    with pytest.raises(forms.ValidationError) as caught:
        forms.DateField().clean("03/25/2022")
    assert caught.value.code == "invalid"


def test_date_input_renders_day_first(vietnamese):
    class Form(forms.Form):
        day = forms.DateField()

    html = str(Form(initial={"day": DAY})["day"])
    assert 'value="05/03/2022"' in html


def test_localized_decimal_field_accepts_vietnamese_number(vietnamese):
    field = forms.DecimalField(localize=True)
    assert field.clean("1.234,5") == Decimal("1234.5")


def test_english_interface_keeps_day_first_dates_with_english_numbers():
    with translation.override("en"):
        assert (date_format(DAY), number_format(Decimal("1234.5"))) == ("05/03/2022", "1,234.5")
        assert forms.DateField().clean("05/03/2022") == datetime.date(2022, 3, 5)


def test_pagination_links_keep_page_numbers_plain_past_a_thousand(vietnamese):
    from django.core.paginator import Paginator
    from django.template.loader import render_to_string

    page = Paginator(range(3000), 1).page(1234)
    html = render_to_string("core/_pagination.html", {"page": page, "query": "q=a"})
    assert "trang=1233" in html
    assert "trang=1235" in html


# An id, a version or a page number printed into a link or a form value must not get a thousands separator:
# "?unit=1.234" would silently mean another filter, and version "1.000" a false edit conflict.
RAW_NUMBER_IN_ATTRIBUTE = re.compile(
    r'(?:value|href|action|id|for|data-[a-z-]+)="[^"]*\{\{ [a-z_.]*(?:\.pk|\.id|\.version|page_number|\.number) \}\}'
)


def test_no_template_prints_a_raw_id_version_or_page_number_into_an_attribute():
    root = pathlib.Path(__file__).resolve().parents[2] / "thidua"
    offenders = [
        f"{template.relative_to(root)}: {match}"
        for template in sorted(root.rglob("templates/**/*.html"))
        for match in RAW_NUMBER_IN_ATTRIBUTE.findall(template.read_text(encoding="utf-8"))
    ]
    assert offenders == []
