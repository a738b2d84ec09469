"""Choices for the yearly records, built from the engine's vocabulary so both speak the same codes."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from thidua.awards.terms import HonourType, Rating, Scope

RATING_CHOICES = [(rating.value, f"{rating.value} – {rating.label}") for rating in Rating]
SCOPE_CHOICES = [(scope.value, scope.label.capitalize()) for scope in Scope]
HONOUR_TYPE_CHOICES = [(kind.value, kind.label.capitalize()) for kind in HonourType]


class DisciplineForm(models.TextChoices):
    REPRIMAND = "khien_trach", _("Khiển trách")
    WARNING = "canh_cao", _("Cảnh cáo")
    SALARY_DOWN = "ha_bac_luong", _("Hạ bậc lương")
    DEMOTION = "giang_chuc", _("Giáng chức")
    DISMISSAL = "cach_chuc", _("Cách chức")
    REMOVAL = "bai_nhiem", _("Bãi nhiệm")
    FORCED_RESIGNATION = "buoc_thoi_viec", _("Buộc thôi việc")


class ReviewKind(models.TextChoices):
    DISCIPLINE = "xem_xet_ky_luat", _("Đang xem xét kỷ luật")
    INVESTIGATION = "dieu_tra", _("Đang bị điều tra")
    INSPECTION = "thanh_tra", _("Đang thanh tra, kiểm tra")
    COMPLAINT = "khieu_nai", _("Đang xác minh khiếu nại, tố cáo")


# Members disciplined at "cảnh cáo" or above keep a collective from TTLĐTT and TTLĐXS.
SERIOUS_DISCIPLINE = tuple(form.value for form in DisciplineForm if form != DisciplineForm.REPRIMAND)
