"""Recording an honour with the initiatives it relies on: they are locked with it, or nothing is written."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from thidua.core.models import AuditEntry
from thidua.records import services
from thidua.records.models import Honour, Initiative


def _initiative(person, title, year=2025, scope="co_so"):
    return services.add_initiative(person, actor=None, title=title, scope=scope, year=year)


def test_honour_locks_the_initiatives_it_relies_on_with_an_audit_row_each(school):
    teacher = school["teacher"]
    first, second = _initiative(teacher, "Sổ tay điện tử"), _initiative(teacher, "Bản đồ số")
    honour = services.record_honour(
        actor=None, person=teacher, year=2025, code="CSTDCS", initiatives=[first, second]
    )
    assert sorted(honour.initiatives_used.values_list("title", flat=True)) == ["Bản đồ số", "Sổ tay điện tử"]
    assert AuditEntry.objects.filter(action="records.initiative.use").count() == 2


def test_an_initiative_already_used_makes_the_whole_honour_fail(school):
    teacher = school["teacher"]
    used = _initiative(teacher, "Đã dùng", year=2024)
    services.record_honour(actor=None, person=teacher, year=2024, code="CSTDCS", initiatives=[used])
    fresh = _initiative(teacher, "Còn mới")
    with pytest.raises(ValidationError) as error:
        services.record_honour(
            actor=None, person=teacher, year=2025, code="CSTDCS", initiatives=[fresh, used]
        )
    assert error.value.message_dict == {
        "initiatives": ["Sáng kiến «Đã dùng» đã được dùng để xét khen thưởng."]
    }
    assert Honour.objects.filter(year=2025).count() == 0
    assert Initiative.objects.get(pk=fresh.pk).used_for is None


def test_another_persons_initiative_is_refused(school):
    other = _initiative(school["colleague"], "Của đồng nghiệp")
    with pytest.raises(ValidationError) as error:
        services.record_honour(
            actor=None, person=school["teacher"], year=2025, code="CSTDCS", initiatives=[other]
        )
    assert error.value.message_dict == {"initiatives": ["Sáng kiến và khen thưởng phải của cùng một người."]}
    assert Honour.objects.count() == 0


def test_honour_form_offers_only_the_persons_unused_initiatives_and_locks_the_chosen_one(school):
    teacher = school["teacher"]
    chosen = _initiative(teacher, "Sổ tay điện tử")
    _initiative(teacher, "Để dành")
    used = _initiative(teacher, "Đã dùng năm trước", year=2024)
    services.record_honour(actor=None, person=teacher, year=2024, code="CSTDCS", initiatives=[used])
    _initiative(school["colleague"], "Của đồng nghiệp")
    client = Client()
    client.force_login(school["accounts"]["vanthu"])
    url = reverse("records:person_add", args=[teacher.pk, "khen-thuong"])

    html = client.get(url).content.decode()
    assert "Sáng kiến làm căn cứ khen thưởng" in html
    assert "Sổ tay điện tử (Cấp cơ sở, 2025)" in html
    assert "Để dành" in html
    assert "Đã dùng năm trước" not in html
    assert "Của đồng nghiệp" not in html

    response = client.post(
        url,
        {
            "year": 2025,
            "code": "CSTDCS",
            "honour_type": "thuong_xuyen",
            "decision_number": "12/QĐ-SGDĐT",
            "decision_date": "15/12/2025",
            "issuer": "Giám đốc Sở Giáo dục và Đào tạo",
            "initiatives": [chosen.pk],
        },
    )
    assert response.status_code == 302
    honour = Honour.objects.get(year=2025)
    assert honour.decision_date == datetime.date(2025, 12, 15)
    assert list(honour.initiatives_used.values_list("title", flat=True)) == ["Sổ tay điện tử"]
    assert Initiative.objects.get(title="Để dành").used_for is None


def test_honour_form_without_unused_initiatives_has_no_initiative_field(school):
    client = Client()
    client.force_login(school["accounts"]["vanthu"])
    html = client.get(
        reverse("records:person_add", args=[school["teacher"].pk, "khen-thuong"])
    ).content.decode()
    assert "Sáng kiến làm căn cứ khen thưởng" not in html


def test_a_revoked_honour_takes_an_initiative_only_when_it_was_used_before_the_revocation(school):
    teacher = school["teacher"]
    honour = services.record_honour(actor=None, person=teacher, year=2024, code="CSTDCS")
    services.revoke_honour(honour, actor=None, reason="Khai man thành tích")
    initiative = _initiative(teacher, "Sổ tay điện tử", year=2024)
    with pytest.raises(ValidationError) as error:
        services.use_initiative(initiative, actor=None, honour=honour)
    assert error.value.messages == ["Không dùng sáng kiến cho khen thưởng đã bị thu hồi."]

    services.use_initiative(initiative, actor=None, honour=honour, before_revocation=True)

    assert Initiative.objects.get(pk=initiative.pk).used_for == honour
