from django.urls import path

from . import views

app_name = "records"

urlpatterns = [
    path("ca-nhan/<int:pk>/", views.person_history, name="person_history"),
    path("ca-nhan/<int:pk>/them/<slug:kind>/", views.person_add, name="person_add"),
    path("khen-thuong/<int:pk>/thu-hoi/", views.honour_revoke, name="honour_revoke"),
]
