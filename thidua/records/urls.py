from django.urls import path

from . import views

app_name = "records"

urlpatterns = [
    path("ca-nhan/<int:pk>/", views.person_history, name="person_history"),
    path("ca-nhan/<int:pk>/them/<slug:kind>/", views.person_add, name="person_add"),
    path("sang-kien/<int:pk>/sua/", views.initiative_edit, name="initiative_edit"),
    path("ky-luat/<int:pk>/sua/", views.discipline_edit, name="discipline_edit"),
    path("xem-xet/<int:pk>/ket-thuc/", views.review_close, name="review_close"),
    path("khen-thuong/<int:pk>/thu-hoi/", views.honour_revoke, name="honour_revoke"),
    path("tap-the/", views.collective_list, name="collective_list"),
    path("tap-the/<int:pk>/", views.collective_history, name="collective_history"),
    path("tap-the/<int:pk>/nam/", views.collective_year_edit, name="collective_year_edit"),
    path("tap-the/<int:pk>/them-khen-thuong/", views.collective_honour_add, name="collective_honour_add"),
    path("nhap-excel/", views.history_import, name="history_import"),
    path("nhap-excel/mau.xlsx", views.history_template, name="history_template"),
]
