"""Vietnamese by default whatever the browser says; English when the user picks it in the switcher."""

import pytest
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db


def title_of(response) -> str:
    html = response.content.decode()
    return html[html.index("<title>") + 7 : html.index("</title>")]


def test_vietnamese_even_when_the_browser_asks_for_english():
    response = Client().get(reverse("accounts:login"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert title_of(response) == "Đăng nhập · Thi đua – Khen thưởng"
    assert response.headers["Content-Language"] == "vi"


def test_switching_to_english_and_back():
    client = Client()
    response = client.post(reverse("set_language"), {"language": "en", "next": reverse("accounts:login")})
    assert response.status_code == 302
    english = client.get(reverse("accounts:login"))
    assert title_of(english) == "Sign in · Emulation and Commendation"
    assert english.headers["Content-Language"] == "en"
    client.post(reverse("set_language"), {"language": "vi", "next": "/"})
    assert title_of(client.get(reverse("accounts:login"))) == "Đăng nhập · Thi đua – Khen thưởng"
