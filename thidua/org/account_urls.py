from django.urls import path

from . import account_views as views

app_name = "accounts"

urlpatterns = [
    path("dang-nhap/", views.LoginView.as_view(), name="login"),
    path("dang-xuat/", views.LogoutView.as_view(), name="logout"),
    path("doi-mat-khau/", views.password_change, name="password_change"),
    path("nguoi-dung/", views.user_list, name="user_list"),
    path("nguoi-dung/them/", views.user_create, name="user_create"),
    path("nguoi-dung/<int:pk>/", views.user_detail, name="user_detail"),
    path("nguoi-dung/<int:pk>/vai-tro/<int:grant_pk>/thu-hoi/", views.role_revoke, name="role_revoke"),
    path("nguoi-dung/<int:pk>/khoa/", views.user_toggle_active, name="user_toggle_active"),
]
