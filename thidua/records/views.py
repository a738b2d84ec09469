"""A person's record of ratings, honours, initiatives and discipline, with this year's verdicts."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from thidua.awards.queries import person_verdicts
from thidua.core import audit
from thidua.core.forms import add_service_errors
from thidua.core.views import require_perm
from thidua.org.models import Person

from . import forms, queries, services
from .models import Honour


def review_year(request) -> int:
    """The year being reviewed: ?nam=, else last year (the year-end review is of the year just ended)."""
    try:
        return int(request.GET.get("nam", ""))
    except ValueError:
        return datetime.date.today().year - 1


@login_required
def person_history(request, pk):
    person = get_object_or_404(Person.objects.select_related("unit"), pk=pk)
    require_perm(request.user, "records.view_history", person)
    year = review_year(request)
    context = {
        "person": person,
        "records": queries.person_records(person),
        "year": year,
        "verdicts": person_verdicts(person, year),
        "can_change": request.user.has_perm("records.change_history", person),
        "history": audit.history_for(person)[:20],
    }
    return render(request, "records/person_history.html", context)


ADD_FORMS = {
    "xep-loai": (forms.RatingForm, _("Thêm xếp loại năm")),
    "khen-thuong": (forms.HonourForm, _("Thêm danh hiệu, khen thưởng")),
    "sang-kien": (forms.InitiativeForm, _("Thêm sáng kiến")),
    "ky-luat": (forms.DisciplineRecordForm, _("Thêm kỷ luật")),
}


def _save(kind, person, data, actor):
    if kind == "xep-loai":
        services.set_rating(person, actor=actor, year=data["year"], rating=data["rating"], note=data["note"])
    elif kind == "khen-thuong":
        services.record_honour(actor=actor, person=person, **data)
    elif kind == "sang-kien":
        services.add_initiative(person, actor=actor, **data)
    else:
        services.add_discipline(person, actor=actor, **data)


@login_required
@require_http_methods(["GET", "POST"])
def person_add(request, pk, kind):
    if kind not in ADD_FORMS:
        raise Http404
    person = get_object_or_404(Person, pk=pk)
    require_perm(request.user, "records.change_history", person)
    form_class, title = ADD_FORMS[kind]
    form = form_class(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            _save(kind, person, form.cleaned_data, request.user)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Đã ghi nhận."))
            return redirect("records:person_history", pk=person.pk)
    return render(
        request, "org/form.html", {"form": form, "title": f"{title}: {person.full_name}", "person": person}
    )


@login_required
@require_POST
def honour_revoke(request, pk):
    honour = get_object_or_404(Honour.objects.select_related("person", "unit"), pk=pk)
    subject = honour.person or honour.unit
    require_perm(request.user, "records.change_history", subject)
    form = forms.RevokeForm(request.POST)
    if form.is_valid():
        try:
            services.revoke_honour(
                honour,
                actor=request.user,
                reason=form.cleaned_data["reason"],
                expected_version=form.expected_version(),
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Đã thu hồi. Kết quả xét điều kiện đã được tính lại."))
    else:
        messages.error(request, _("Hãy ghi lý do thu hồi."))
    if honour.person_id:
        return redirect(request.POST.get("next") or f"/ho-so/ca-nhan/{honour.person_id}/")
    return redirect("org:unit_detail", pk=honour.unit_id)
