from django.urls import path

from . import views

app_name = "awards"

urlpatterns = [
    path("xet-dieu-kien/", views.radar_page, name="radar"),
    path("danh-muc/", views.catalogue, name="catalogue"),
    path("quy-tac/", views.ruleset_list, name="ruleset_list"),
    path("quy-tac/<str:ruleset_id>/", views.ruleset_detail, name="ruleset_detail"),
    path("quy-tac/<str:ruleset_id>/sua/<slug:what>/", views.ruleset_adjust, name="ruleset_adjust"),
    path("quy-tac/<str:ruleset_id>/bo/<slug:what>/", views.ruleset_remove, name="ruleset_remove"),
]
