"""Emulation titles a unit may register for (đăng ký thi đua).

TEMPORARY: a small list kept here until the award catalogue of the eligibility issue (thidua.awards) lands;
then ``TITLES`` is to be replaced by a read of that catalogue. Codes are stored on ``Registration.title``, so
the catalogue should keep these codes (or a data migration should map them).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _


class TitleKind(models.TextChoices):
    COLLECTIVE = "tap_the", _("Tập thể")
    INDIVIDUAL = "ca_nhan", _("Cá nhân")


@dataclass(frozen=True)
class Title:
    code: str
    label: str
    kind: str


# TODO(awards catalogue): replace with the award catalogue (Luật Thi đua, khen thưởng 2022, Điều 25–28).
TITLES: tuple[Title, ...] = (
    Title("tt_lao_dong_tien_tien", "Tập thể lao động tiên tiến", TitleKind.COLLECTIVE),
    Title("tt_lao_dong_xuat_sac", "Tập thể lao động xuất sắc", TitleKind.COLLECTIVE),
    Title("co_thi_dua_tinh", "Cờ thi đua của Ủy ban nhân dân tỉnh", TitleKind.COLLECTIVE),
    Title("co_thi_dua_chinh_phu", "Cờ thi đua của Chính phủ", TitleKind.COLLECTIVE),
    Title("lao_dong_tien_tien", "Lao động tiên tiến", TitleKind.INDIVIDUAL),
    Title("chien_si_thi_dua_co_so", "Chiến sĩ thi đua cơ sở", TitleKind.INDIVIDUAL),
    Title("chien_si_thi_dua_tinh", "Chiến sĩ thi đua cấp tỉnh", TitleKind.INDIVIDUAL),
    Title("chien_si_thi_dua_toan_quoc", "Chiến sĩ thi đua toàn quốc", TitleKind.INDIVIDUAL),
)
TITLES_BY_CODE = {title.code: title for title in TITLES}


def title_choices(kind: str | None = None) -> list[tuple[str, str]]:
    return [(title.code, title.label) for title in TITLES if kind is None or title.kind == kind]


def title_label(code: str) -> str:
    title = TITLES_BY_CODE.get(code)
    return title.label if title else code
