from django.urls import path

from . import views

app_name = "awards"

urlpatterns = [
    path("xet-dieu-kien/", views.radar_page, name="radar"),
]
