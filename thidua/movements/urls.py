from django.urls import path

from . import views

app_name = "movements"

urlpatterns = [
    path("", views.movement_list, name="movement_list"),
    path("them/", views.movement_create, name="movement_create"),
    path("<int:pk>/", views.movement_detail, name="movement_detail"),
    path("<int:pk>/sua/", views.movement_edit, name="movement_edit"),
    path("<int:pk>/noi-dung/", views.content_edit, name="content_edit"),
    path("<int:pk>/chuyen-de/them/", views.thematic_create, name="thematic_create"),
    path("chuyen-de/<int:pk>/sua/", views.thematic_edit, name="thematic_edit"),
    path("chuyen-de/<int:pk>/danh-gia/", views.thematic_review, name="thematic_review"),
    path("<int:pk>/nhiem-vu/them/", views.task_create, name="task_create"),
    path("nhiem-vu/<int:pk>/", views.task_update, name="task_update"),
    path("<int:pk>/chi-tieu/them/", views.target_create, name="target_create"),
    path("chi-tieu/<int:pk>/sua/", views.target_edit, name="target_edit"),
    path("chi-tieu/<int:pk>/bao-cao/", views.progress_report, name="progress_report"),
    path("<int:pk>/phat-dong/", views.movement_launch, name="movement_launch"),
    path("<int:pk>/ket-thuc/", views.movement_close, name="movement_close"),
    path("<int:pk>/cong-khai/", views.movement_public_toggle, name="movement_public_toggle"),
    path("<int:pk>/van-ban/", views.source_document, name="source_document"),
    path("<int:pk>/bang-dieu-khien/", views.dashboard, name="dashboard"),
    path("tien-do/<int:pk>/minh-chung/", views.progress_evidence, name="progress_evidence"),
    path("<int:pk>/tien-do/xuat/", views.progress_export, name="progress_export"),
    path("<int:pk>/tien-do/mau/", views.progress_template, name="progress_template"),
    path("<int:pk>/tien-do/nhap/", views.progress_import, name="progress_import"),
    path("<int:pk>/ke-hoach/", views.plan_list, name="plan_list"),
    path("<int:pk>/ke-hoach/nop/", views.plan_file, name="plan_file"),
    path("<int:pk>/nhac-viec/", views.send_reminders, name="send_reminders"),
    path("ke-hoach/<int:pk>/tep/", views.plan_document, name="plan_document"),
    path("<int:pk>/dang-ky/", views.registration_list, name="registration_list"),
    path("<int:pk>/dang-ky/them/", views.registration_create, name="registration_create"),
    path("<int:pk>/dang-ky/mau/", views.registration_template, name="registration_template"),
    path("<int:pk>/dang-ky/nhap/", views.registration_import, name="registration_import"),
    path("dang-ky/<int:pk>/rut/", views.registration_withdraw, name="registration_withdraw"),
    path("<int:pk>/bao-cao/", views.report_list, name="report_list"),
    path("<int:pk>/bao-cao/nop/", views.report_submit, name="report_submit"),
    path("bao-cao/<int:pk>/tep/", views.report_document, name="report_document"),
    path("cong-khai/<uuid:key>/", views.public_progress, name="public_progress"),
]
