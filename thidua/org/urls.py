from django.urls import path

from . import views

app_name = "org"

urlpatterns = [
    path("don-vi/", views.unit_list, name="unit_list"),
    path("don-vi/them/", views.unit_create, name="unit_create"),
    path("don-vi/<int:pk>/", views.unit_detail, name="unit_detail"),
    path("don-vi/<int:pk>/sua/", views.unit_edit, name="unit_edit"),
    path("don-vi/<int:pk>/doi-ten/", views.unit_rename, name="unit_rename"),
    path("don-vi/<int:pk>/sap-nhap/", views.unit_merge, name="unit_merge"),
    path("don-vi/<int:pk>/chia-tach/", views.unit_split, name="unit_split"),
    path("don-vi/<int:pk>/chuyen-cap/", views.unit_move, name="unit_move"),
    path("don-vi/<int:pk>/giai-the/", views.unit_dissolve, name="unit_dissolve"),
    path("ca-nhan/", views.person_list, name="person_list"),
    path("ca-nhan/them/", views.person_create, name="person_create"),
    path("ca-nhan/<int:pk>/", views.person_detail, name="person_detail"),
    path("ca-nhan/<int:pk>/sua/", views.person_edit, name="person_edit"),
    path("ca-nhan/<int:pk>/chuc-vu/", views.person_position, name="person_position"),
    path("ca-nhan/<int:pk>/luu-tru/", views.person_archive, name="person_archive"),
    path("excel/<slug:kind>/mau/", views.excel_template, name="excel_template"),
    path("excel/<slug:kind>/xuat/", views.excel_export, name="excel_export"),
    path("excel/<slug:kind>/nhap/", views.excel_import, name="excel_import"),
    path("hoi-dong/", views.council_list, name="council_list"),
    path("hoi-dong/<int:pk>/", views.council_detail, name="council_detail"),
]
