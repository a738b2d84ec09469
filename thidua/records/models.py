"""What the eligibility engine reads: each person's yearly rating, the honours they hold, their initiatives,
discipline and open reviews; and each collective's yearly figures.

Every change goes through ``thidua.records.services``.
"""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from thidua.core.models import TimeStampedModel, VersionedModel
from thidua.org.models import Person, Unit

from .enums import HONOUR_TYPE_CHOICES, RATING_CHOICES, SCOPE_CHOICES, DisciplineForm, ReviewKind


class PersonYear(VersionedModel):
    """A person's task rating (xếp loại) for one year."""

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="yearly_ratings")
    year = models.PositiveSmallIntegerField(_("năm"))
    rating = models.CharField(_("xếp loại"), max_length=4, choices=RATING_CHOICES)
    note = models.CharField(_("ghi chú"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("xếp loại năm")
        verbose_name_plural = _("xếp loại năm")
        constraints = [models.UniqueConstraint(fields=["person", "year"], name="person_year_unique")]
        ordering = ["person", "-year"]

    def __str__(self):
        return f"{self.person} {self.year}: {self.rating}"

    @property
    def audit_unit_id(self):
        return self.person.unit_id


class Honour(VersionedModel):
    """A title or an award received by a person or a collective, as its decision states it.

    ``issuer`` is a snapshot of the issuing authority's name: district chairmen and merged departments no longer
    exist, but the record must still say who decided.
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
            )
        ]

    def __str__(self):
        return f"{self.code} {self.year} – {self.person or self.unit}"

    @property
    def audit_unit_id(self):
        return self.unit_id if self.unit_id else self.person.unit_id


class Initiative(VersionedModel):
    """A recognised initiative (sáng kiến). Once an award relies on it, it is locked (``used_for``)."""

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
        related_name="+",
    )

    class Meta:
        verbose_name = _("sáng kiến")
        verbose_name_plural = _("sáng kiến")
        ordering = ["-year", "title"]

    def __str__(self):
        return self.title

    @property
    def audit_unit_id(self):
        return self.person.unit_id


class Discipline(TimeStampedModel):
    """A disciplinary measure and the dates it is in force."""

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
                condition=Q(end__isnull=True) | Q(end__gte=models.F("start")),
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
    """An open disciplinary review, investigation, inspection or complaint: while open, no award is proposed."""

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="review_flags")
    kind = models.CharField(_("lý do"), max_length=20, choices=ReviewKind.choices)
    opened = models.DateField(_("từ ngày"))
    closed = models.DateField(_("đến ngày"), null=True, blank=True)
    note = models.CharField(_("ghi chú"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("đang xem xét")
        verbose_name_plural = _("đang xem xét")
        ordering = ["-opened"]

    def __str__(self):
        return f"{self.get_kind_display()} – {self.person}"

    @property
    def audit_unit_id(self):
        return self.person.unit_id


class CollectiveYear(VersionedModel):
    """A collective's figures for one year. Member counts left empty are computed from the people records."""

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="yearly_records")
    year = models.PositiveSmallIntegerField(_("năm"))
    rating = models.CharField(_("xếp loại tập thể"), max_length=4, choices=RATING_CHOICES, blank=True)
    members = models.PositiveIntegerField(_("tổng số thành viên"), null=True, blank=True)
    block_rank = models.PositiveSmallIntegerField(_("thứ hạng trong khối, cụm"), null=True, blank=True)

    class Meta:
        verbose_name = _("hồ sơ tập thể theo năm")
        verbose_name_plural = _("hồ sơ tập thể theo năm")
        constraints = [models.UniqueConstraint(fields=["unit", "year"], name="collective_year_unique")]
        ordering = ["unit", "-year"]

    def __str__(self):
        return f"{self.unit} {self.year}"

    @property
    def audit_unit_id(self):
        return self.unit_id
