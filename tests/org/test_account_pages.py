"""Account pages: an officer creates an account with its first role; roles are granted and revoked."""

import pytest
from django.test import Client
from django.urls import reverse

from thidua.org.enums import Role
from thidua.org.models import RoleGrant, User

pytestmark = pytest.mark.django_db


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_officer_creates_an_account_with_a_clerk_role(officer, province_tree):
    response = logged_in(officer).post(
        reverse("accounts:user_create"),
        {
            "username": "vanthu.binhlu",
            "full_name": "Lò Thị Mai",
            "email": "",
            "password": "MotMatKhauDai@1",
            "unit": province_tree.commune_a.pk,
            "role": Role.CLERK,
            "include_subtree": "on",
            "valid_from": "01/07/2025",
            "valid_to": "",
        },
    )
    created = User.objects.get(username="vanthu.binhlu")
    assert response.status_code == 302
    assert response.url == reverse("accounts:user_detail", args=[created.pk])
    grants = [
        (g.unit_id, g.role, g.include_subtree, g.valid_from.isoformat()) for g in created.role_grants.all()
    ]
    assert grants == [(province_tree.commune_a.pk, Role.CLERK, True, "2025-07-01")]
    assert created.check_password("MotMatKhauDai@1")


def test_officer_cannot_grant_the_administrator_role_and_nothing_is_created(officer, province_tree):
    response = logged_in(officer).post(
        reverse("accounts:user_create"),
        {
            "username": "gia.mao",
            "full_name": "Giả Mạo",
            "password": "MotMatKhauDai@1",
            "unit": province_tree.root.pk,
            "role": Role.ADMIN,
        },
    )
    assert response.status_code == 200
    assert (
        "Hãy chọn một lựa chọn hợp lệ. admin không phải là một trong các lựa chọn khả thi."
        in response.content.decode()
    )
    assert not User.objects.filter(username="gia.mao").exists()


def test_revoking_a_role_ends_it_today_and_keeps_the_row(officer, clerk_sgd):
    grant = clerk_sgd.role_grants.get()
    response = logged_in(officer).post(reverse("accounts:role_revoke", args=[clerk_sgd.pk, grant.pk]))
    assert response.status_code == 302
    grant.refresh_from_db()
    assert grant.valid_to is not None
    assert RoleGrant.objects.filter(pk=grant.pk).exists()
    assert logged_in(clerk_sgd).get(reverse("org:person_list")).status_code == 403


def test_user_changes_own_password_and_the_audit_log_records_it_without_the_password(
    clerk_sgd, persona_password
):
    from thidua.core.models import AuditEntry

    response = logged_in(clerk_sgd).post(
        reverse("accounts:password_change"),
        {
            "old_password": persona_password,
            "new_password1": "MatKhauMoi@2027",
            "new_password2": "MatKhauMoi@2027",
        },
    )
    assert response.status_code == 302
    clerk_sgd.refresh_from_db()
    assert clerk_sgd.check_password("MatKhauMoi@2027")
    entry = AuditEntry.objects.filter(action="org.account.password").get()
    assert "MatKhauMoi" not in f"{entry.before} {entry.after} {entry.summary}"
