"""Emulation titles a unit may register for (đăng ký thi đua), read from the award catalogue.

Every emulation title (danh hiệu thi đua) of ``thidua.awards.catalog`` for an individual or a collective is
offered; household titles (Gia đình văn hóa) are not, a unit does not register them. ``Registration.title``
stores the catalogue code (LDTT, CSTDCS, TTLDXS, CO_TINH...).
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


def _catalogue_titles() -> tuple[Title, ...]:
    from thidua.awards.catalog import catalog
    from thidua.awards.terms import AwardKind, SubjectKind

    titles = []
    for award in catalog():
        if award.kind != AwardKind.DANH_HIEU:
            continue
        if SubjectKind.INDIVIDUAL in award.subjects:
            titles.append(Title(award.code, award.name_vi, TitleKind.INDIVIDUAL))
        elif SubjectKind.COLLECTIVE in award.subjects:
            titles.append(Title(award.code, award.name_vi, TitleKind.COLLECTIVE))
    return tuple(sorted(titles, key=lambda title: title.kind != TitleKind.COLLECTIVE))


TITLES: tuple[Title, ...] = _catalogue_titles()
TITLES_BY_CODE = {title.code: title for title in TITLES}


def title_choices(kind: str | None = None) -> list[tuple[str, str]]:
    return [(title.code, title.label) for title in TITLES if kind is None or title.kind == kind]


def title_label(code: str) -> str:
    title = TITLES_BY_CODE.get(code)
    return title.label if title else code
