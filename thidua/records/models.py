"""What the eligibility engine reads: each person's yearly rating, the honours they hold, their initiatives,
discipline and open reviews; and each collective's yearly figures.

Every change goes through ``thidua.records.services``; ``thidua.awards.adapter`` reads these tables in bulk and
turns them into the engine's plain histories.
"""

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from thidua.core.models import TimeStampedModel, VersionedModel
from thidua.org.models import Person, Unit

from .enums import HONOUR_TYPE_CHOICES, RATING_CHOICES, SCOPE_CHOICES, DisciplineForm, ReviewKind

YEAR_MIN = 1945
YEAR_MAX = 2100


def _year_range(name: str) -> models.CheckConstraint:
    return models.CheckConstraint(
        condition=Q(year__gte=YEAR_MIN) & Q(year__lte=YEAR_MAX),
        name=name,
        violation_error_message=_("Năm phải nằm trong khoảng 1945 đến 2100."),
    )


class PersonYear(VersionedModel):
    """A person's task rating (xếp loại) for one year, and the unit that rated them that year.

    ``unit`` is where the person worked that year: a collective's member figures are counted from these rows.
    Changed by ``set_rating``.
    """

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="yearly_ratings")
    year = models.PositiveSmallIntegerField(_("năm"))
    rating = models.CharField(_("xếp loại"), max_length=4, choices=RATING_CHOICES)
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("đơn vị xếp loại"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    note = models.CharField(_("ghi chú"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("xếp loại năm")
        verbose_name_plural = _("xếp loại năm")
        constraints = [
            models.UniqueConstraint(
                fields=["person", "year"],
                name="person_year_unique",
                violation_error_message=_("Người này đã có xếp loại của năm đó."),
            ),
            _year_range("person_year_year_range"),
        ]
        indexes = [models.Index(fields=["unit", "year"], name="person_year_unit_idx")]
        ordering = ["person", "-year"]

    def __str__(self):
        return f"{self.person} {self.year}: {self.rating}"

    @property
    def audit_unit_id(self):
        return self.unit_id or self.person.unit_id


class Honour(VersionedModel):
    """A title or an award received by a person or a collective, as its decision states it.

    ``issuer`` is a snapshot of the issuing authority's name: district chairmen and merged departments no longer
    exist, but the record must still say who decided. A revoked honour stays in the history with the
    revocation's reason and decision, and no longer counts as a prerequisite.
    Changed by ``record_honour`` and ``revoke_honour``.
    """

    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="honours", null=True, blank=True
    )
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="honours", null=True, blank=True)
    year = models.PositiveSmallIntegerField(_("năm"))
    code = models.CharField(_("danh hiệu, hình thức"), max_length=20)
    honour_type = models.CharField(
        _("loại hình khen thưởng"), max_length=20, choices=HONOUR_TYPE_CHOICES, default="thuong_xuyen"
    )
    decision_number = models.CharField(_("số quyết định"), max_length=100, blank=True)
    decision_date = models.DateField(_("ngày quyết định"), null=True, blank=True)
    issuer = models.CharField(_("cơ quan, người quyết định"), max_length=300, blank=True)
    revoked = models.BooleanField(_("đã thu hồi, hủy bỏ"), default=False)
    revoked_reason = models.CharField(_("lý do thu hồi"), max_length=500, blank=True)
    revoked_decision_number = models.CharField(_("số quyết định thu hồi"), max_length=100, blank=True)
    revoked_decision_date = models.DateField(_("ngày quyết định thu hồi"), null=True, blank=True)

    class Meta:
        verbose_name = _("danh hiệu, khen thưởng")
        verbose_name_plural = _("danh hiệu, khen thưởng")
        ordering = ["-year", "code"]
        constraints = [
            models.CheckConstraint(
                condition=Q(person__isnull=False, unit__isnull=True)
                | Q(person__isnull=True, unit__isnull=False),
                name="honour_one_subject",
                violation_error_message=_("Khen thưởng phải thuộc về đúng một cá nhân hoặc một tập thể."),
            ),
            models.CheckConstraint(
                condition=Q(revoked=True) | (Q(revoked_reason="") & Q(revoked_decision_number="")),
                name="honour_revocation_only_when_revoked",
                violation_error_message=_("Chỉ khen thưởng đã thu hồi mới có lý do, quyết định thu hồi."),
            ),
            _year_range("honour_year_range"),
        ]
        indexes = [models.Index(fields=["unit", "year"], name="honour_unit_year_idx")]

    def __str__(self):
        return f"{self.code} {self.year} – {self.person or self.unit}"

    @property
    def audit_unit_id(self):
        return self.unit_id if self.unit_id else self.person.unit_id

    @property
    def award_name(self) -> str:
        from thidua.awards.catalog import catalog

        return catalog().get(self.code).name_vi if self.code in catalog() else self.code


class Initiative(VersionedModel):
    """A recognised initiative (sáng kiến). Once an award relies on it, it is locked (``used_for``): it cannot
    be changed, nor count for another award. Changed by ``add_initiative``, ``update_initiative`` and
    ``use_initiative``."""

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="initiatives")
    title = models.CharField(_("tên sáng kiến"), max_length=500)
    scope = models.CharField(_("phạm vi công nhận"), max_length=10, choices=SCOPE_CHOICES)
    year = models.PositiveSmallIntegerField(_("năm công nhận"))
    recognised_by = models.CharField(_("cơ quan công nhận"), max_length=300, blank=True)
    used_for = models.ForeignKey(
        Honour,
        verbose_name=_("đã dùng cho"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="initiatives_used",
    )

    class Meta:
        verbose_name = _("sáng kiến")
        verbose_name_plural = _("sáng kiến")
        ordering = ["-year", "title"]
        constraints = [_year_range("initiative_year_range")]

    def __str__(self):
        return self.title

    @property
    def audit_unit_id(self):
        return self.person.unit_id

    @property
    def locked(self) -> bool:
        return self.used_for_id is not None


class Discipline(VersionedModel):
    """A disciplinary measure and the dates it is in force (no end date: still in force).

    Changed by ``add_discipline`` and ``update_discipline``.
    """

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="disciplines")
    form = models.CharField(_("hình thức kỷ luật"), max_length=20, choices=DisciplineForm.choices)
    start = models.DateField(_("có hiệu lực từ ngày"))
    end = models.DateField(_("đến ngày"), null=True, blank=True)
    decision_number = models.CharField(_("số quyết định"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("kỷ luật")
        verbose_name_plural = _("kỷ luật")
        ordering = ["-start"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(end__gte=F("start")),
                name="discipline_dates_ordered",
                violation_error_message=_("Ngày kết thúc phải sau ngày có hiệu lực."),
            )
        ]

    def __str__(self):
        return f"{self.get_form_display()} – {self.person}"

    @property
    def audit_unit_id(self):
        return self.person.unit_id


class ReviewFlag(TimeStampedModel):
    """An open disciplinary review, investigation, inspection or complaint being verified: while it is open, every
    verdict is ineligible. Changed by ``open_review`` and ``close_review``."""

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="review_flags")
    kind = models.CharField(_("lý do"), max_length=20, choices=ReviewKind.choices)
    opened = models.DateField(_("từ ngày"))
    closed = models.DateField(_("đến ngày"), null=True, blank=True)
    note = models.CharField(_("ghi chú"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("đang xem xét")
        verbose_name_plural = _("đang xem xét")
        ordering = ["-opened"]
        constraints = [
            models.CheckConstraint(
                condition=Q(closed__isnull=True) | Q(closed__gte=F("opened")),
                name="review_flag_dates_ordered",
                violation_error_message=_("Ngày kết thúc phải sau ngày bắt đầu."),
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()} – {self.person}"

    @property
    def audit_unit_id(self):
        return self.person.unit_id


class CollectiveYear(VersionedModel):
    """A collective's figures for one year. A member figure left empty is computed from the people records
    (``PersonYear.unit``); a figure entered here (from the unit's own report) is used as entered.
    Changed by ``record_collective_year`` and ``record_block_rank``."""

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="yearly_records")
    year = models.PositiveSmallIntegerField(_("năm"))
    rating = models.CharField(_("xếp loại tập thể"), max_length=4, choices=RATING_CHOICES, blank=True)
    members = models.PositiveIntegerField(_("tổng số thành viên"), null=True, blank=True)
    members_ldtt = models.PositiveIntegerField(_("số thành viên đạt LĐTT"), null=True, blank=True)
    members_completed = models.PositiveIntegerField(
        _("số thành viên hoàn thành nhiệm vụ"), null=True, blank=True
    )
    members_cstdcs = models.PositiveIntegerField(_("số thành viên đạt CSTĐCS"), null=True, blank=True)
    members_disciplined = models.PositiveIntegerField(
        _("số thành viên bị kỷ luật từ cảnh cáo trở lên"), null=True, blank=True
    )
    block_rank = models.PositiveSmallIntegerField(_("thứ hạng trong khối, cụm"), null=True, blank=True)
    note = models.CharField(_("ghi chú"), max_length=300, blank=True)

    MEMBER_FIGURES = ("members_ldtt", "members_completed", "members_cstdcs", "members_disciplined")

    class Meta:
        verbose_name = _("hồ sơ tập thể theo năm")
        verbose_name_plural = _("hồ sơ tập thể theo năm")
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "year"],
                name="collective_year_unique",
                violation_error_message=_("Tập thể này đã có hồ sơ của năm đó."),
            ),
            _year_range("collective_year_year_range"),
            *(
                models.CheckConstraint(
                    condition=Q(**{f"{name}__isnull": True})
                    | Q(members__isnull=True)
                    | Q(**{f"{name}__lte": F("members")}),
                    name=f"collective_year_{name}_within_members",
                    violation_error_message=_("Số thành viên của từng chỉ tiêu không được lớn hơn tổng số."),
                )
                for name in ("members_ldtt", "members_completed", "members_cstdcs", "members_disciplined")
            ),
            models.CheckConstraint(
                condition=Q(block_rank__isnull=True) | Q(block_rank__gte=1),
                name="collective_year_block_rank_positive",
                violation_error_message=_("Thứ hạng bắt đầu từ 1."),
            ),
        ]
        ordering = ["unit", "-year"]

    def __str__(self):
        return f"{self.unit} {self.year}"

    @property
    def audit_unit_id(self):
        return self.unit_id
