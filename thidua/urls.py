from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("thidua.core.urls")),
    path("tai-khoan/", include("thidua.org.account_urls")),
    path("to-chuc/", include("thidua.org.urls")),
    path("ho-so/", include("thidua.records.urls")),
    path("khen-thuong/", include("thidua.awards.urls")),
    path("phong-trao/", include("thidua.movements.urls")),
    path("khoi-thi-dua/", include("thidua.blocks.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("django-admin/", admin.site.urls),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
