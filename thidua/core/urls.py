from django.urls import path

from . import views

app_name = "core"

urlpatterns = [
    path("", views.home, name="home"),
    path("nhat-ky/", views.audit_log, name="audit_log"),
    path("thong-bao/", views.notifications, name="notifications"),
    path("tra-cuu/", views.lookup, name="lookup"),
    path("danh-muc/dan-toc/", views.ethnicities, name="ethnicities"),
    path("chua-co/<slug:slug>/", views.coming_soon, name="coming_soon"),
]
