"""Organisations, people and accounts.

Every write goes through ``thidua.org.services``; the docstring of each model names the services that change it.
"""

from __future__ import annotations

import datetime

from django.contrib.auth.models import AbstractUser
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from thidua.core.models import TimeStampedModel, VersionedModel
from thidua.core.vietnamese import fold, name_sort_key, sort_key, split_name

from .enums import CouncilRole, Gender, LinkSide, PositionLevel, Role, UnitEventKind, UnitType

cccd_validator = RegexValidator(r"^\d{12}$", _("Số CCCD gồm đúng 12 chữ số."))
unit_code_validator = RegexValidator(
    r"^[A-Za-z0-9_.-]{1,40}$", _("Mã đơn vị chỉ gồm chữ không dấu, chữ số và các dấu . _ -")
)


class Ethnicity(models.Model):
    """The 54 ethnic groups of Viet Nam (reference data, loaded by migration 0002; read-only in Django admin)."""

    code = models.CharField(_("mã"), max_length=2, unique=True)
    name = models.CharField(_("tên dân tộc"), max_length=60, unique=True)
    other_names = models.CharField(_("tên gọi khác"), max_length=300, blank=True)
    name_folded = models.CharField(max_length=360, editable=False, db_index=True)

    class Meta:
        verbose_name = _("dân tộc")
        verbose_name_plural = _("dân tộc")
        ordering = ["code"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.name_folded = fold(f"{self.name} {self.other_names}")
        super().save(*args, **kwargs)


class Unit(VersionedModel):
    """A unit (đơn vị) in the province's tree. Changed by ``create_unit``, ``update_unit``, ``rename_unit``,
    ``merge_units``, ``split_unit``, ``move_unit`` and ``dissolve_unit``.

    ``path`` is the chain of ids from the root ("/1/5/12/"), so a subtree is one indexed prefix filter.
    """

    code = models.CharField(_("mã đơn vị"), max_length=40, unique=True, validators=[unit_code_validator])
    short_name = models.CharField(_("tên viết tắt"), max_length=120)
    full_name = models.CharField(_("tên đầy đủ"), max_length=300)
    unit_type = models.CharField(_("loại đơn vị"), max_length=30, choices=UnitType.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("đơn vị cấp trên"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    order = models.PositiveIntegerField(_("thứ tự"), default=0)
    effective_from = models.DateField(_("hiệu lực từ ngày"), null=True, blank=True)
    effective_to = models.DateField(_("hiệu lực đến ngày"), null=True, blank=True)
    place_name = models.CharField(_("địa danh ghi trên văn bản"), max_length=100, blank=True)
    path = models.CharField(max_length=400, editable=False, db_index=True, default="")
    depth = models.PositiveSmallIntegerField(editable=False, default=0)
    name_folded = models.CharField(max_length=500, editable=False, db_index=True, default="")
    name_sort = models.CharField(max_length=2000, editable=False, default="")

    class Meta:
        verbose_name = _("đơn vị")
        verbose_name_plural = _("đơn vị")
        ordering = ["path"]
        constraints = [
            models.CheckConstraint(
                condition=Q(effective_to__isnull=True)
                | Q(effective_from__isnull=True)
                | Q(effective_to__gte=models.F("effective_from")),
                name="unit_effective_dates_ordered",
                violation_error_message=_("Ngày hết hiệu lực không được trước ngày bắt đầu hiệu lực."),
            )
        ]

    def __str__(self):
        return self.full_name

    @property
    def audit_unit_id(self):
        return self.pk

    def is_active_on(self, day: datetime.date) -> bool:
        starts = self.effective_from is None or self.effective_from <= day
        ends = self.effective_to is None or day <= self.effective_to
        return starts and ends

    @property
    def is_active(self) -> bool:
        return self.effective_to is None or self.effective_to >= datetime.date.today()

    def refresh_search_fields(self) -> None:
        self.name_folded = fold(f"{self.short_name} {self.full_name} {self.code}")
        self.name_sort = sort_key(self.full_name)


class UnitEvent(TimeStampedModel):
    """A change in the organisation's shape: a unit renamed, merged, split, moved or dissolved.

    The units before and after are ``UnitEventLink`` rows; a rename links the unit to itself and keeps the old
    and new names. ``thidua.org.queries.unit_lineage`` walks these links both ways.
    """

    kind = models.CharField(_("loại thay đổi"), max_length=20, choices=UnitEventKind.choices)
    date = models.DateField(_("ngày hiệu lực"))
    decision = models.CharField(_("căn cứ (số, ký hiệu văn bản)"), max_length=200, blank=True)
    note = models.TextField(_("ghi chú"), blank=True)
    old_name = models.CharField(_("tên cũ"), max_length=300, blank=True)
    new_name = models.CharField(_("tên mới"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("thay đổi tổ chức")
        verbose_name_plural = _("thay đổi tổ chức")
        ordering = ["date", "id"]

    def __str__(self):
        return f"{self.get_kind_display()} {self.date:%d/%m/%Y}"


class UnitEventLink(models.Model):
    event = models.ForeignKey(UnitEvent, on_delete=models.CASCADE, related_name="links")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="event_links")
    side = models.CharField(max_length=10, choices=LinkSide.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["event", "unit", "side"], name="unit_event_link_unique"),
        ]

    def __str__(self):
        return f"{self.get_side_display()}: {self.unit}"


class Person(VersionedModel):
    """A person known to the province. Changed by ``create_person``, ``update_person``, ``assign_position``,
    ``assign_position`` and ``archive_person``.

    ``unit`` and ``position_title`` repeat the person's current position (the open ``Employment`` row) so that
    lists and permission checks need no join; ``assign_position`` keeps them in step.
    """

    cccd = models.CharField(
        _("số CCCD"), max_length=12, unique=True, null=True, blank=True, validators=[cccd_validator]
    )
    full_name = models.CharField(_("họ và tên"), max_length=120)
    gender = models.CharField(_("giới tính"), max_length=5, choices=Gender.choices)
    birth_date = models.DateField(_("ngày sinh"), null=True, blank=True)
    ethnicity = models.ForeignKey(
        Ethnicity, verbose_name=_("dân tộc"), on_delete=models.PROTECT, null=True, blank=True
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("đơn vị công tác"), on_delete=models.PROTECT, related_name="people", null=True
    )
    position_title = models.CharField(_("chức vụ"), max_length=200, blank=True)
    email = models.EmailField(_("thư điện tử"), blank=True)
    phone = models.CharField(_("điện thoại"), max_length=20, blank=True)
    archived = models.BooleanField(_("đã lưu trữ"), default=False)
    name_folded = models.CharField(max_length=200, editable=False, db_index=True, default="")
    name_sort = models.CharField(max_length=1500, editable=False, db_index=True, default="")
    given_name = models.CharField(_("tên"), max_length=60, editable=False, default="")

    class Meta:
        verbose_name = _("cá nhân")
        verbose_name_plural = _("cá nhân")
        ordering = ["name_sort", "id"]
        permissions = [("manage_people", "Can manage people in scope")]

    def __str__(self):
        return self.full_name

    @property
    def audit_unit_id(self):
        return self.unit_id

    @property
    def family_names(self) -> str:
        return split_name(self.full_name)[0]

    def refresh_search_fields(self) -> None:
        self.name_folded = fold(self.full_name)
        self.name_sort = name_sort_key(self.full_name)
        self.given_name = split_name(self.full_name)[1]


class Employment(TimeStampedModel):
    """A dated position held by a person in a unit. The open row (no ``end_date``) is the current one."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="employments")
    unit = models.ForeignKey(
        Unit, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="employments"
    )
    position_title = models.CharField(_("chức vụ"), max_length=200)
    position_level = models.CharField(
        _("nhóm chức vụ"), max_length=30, choices=PositionLevel.choices, default=PositionLevel.STAFF
    )
    start_date = models.DateField(_("từ ngày"))
    end_date = models.DateField(_("đến ngày"), null=True, blank=True)
    decision = models.CharField(_("quyết định"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("quá trình công tác")
        verbose_name_plural = _("quá trình công tác")
        ordering = ["-start_date", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="employment_dates_ordered",
                violation_error_message=_("Ngày kết thúc chức vụ không được trước ngày bắt đầu."),
            ),
        ]

    def __str__(self):
        return f"{self.position_title} – {self.unit.short_name}"


class User(AbstractUser):
    """A login account. Roles are ``RoleGrant`` rows (per unit, optionally over the unit's subtree)."""

    full_name = models.CharField(_("họ và tên"), max_length=120, blank=True)
    person = models.OneToOneField(
        Person,
        verbose_name=_("cá nhân"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="user",
    )

    class Meta:
        verbose_name = _("tài khoản")
        verbose_name_plural = _("tài khoản")

    def __str__(self):
        return self.full_name or self.username

    def get_full_name(self):
        return self.full_name or super().get_full_name()


class RoleGrant(TimeStampedModel):
    """A role a user holds in a unit, and optionally over all units below it. Changed by ``grant_role`` and
    ``revoke_role``; a revoked grant keeps its row with ``valid_to`` set, so past access stays explainable."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="role_grants")
    unit = models.ForeignKey(
        Unit, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="role_grants"
    )
    role = models.CharField(_("vai trò"), max_length=20, choices=Role.choices)
    include_subtree = models.BooleanField(_("cả các đơn vị trực thuộc"), default=False)
    valid_from = models.DateField(_("từ ngày"), null=True, blank=True)
    valid_to = models.DateField(_("đến ngày"), null=True, blank=True)

    class Meta:
        verbose_name = _("phân quyền")
        verbose_name_plural = _("phân quyền")
        ordering = ["user_id", "role", "unit_id"]

    def __str__(self):
        scope = _(" và trực thuộc") if self.include_subtree else ""
        return f"{self.get_role_display()} – {self.unit.short_name}{scope}"

    @property
    def audit_unit_id(self):
        return self.unit_id

    def is_active_on(self, day: datetime.date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or day <= self.valid_to
        )


class Council(VersionedModel):
    """An emulation and commendation council (Hội đồng Thi đua – Khen thưởng) of a unit, for a term."""

    unit = models.ForeignKey(
        Unit, verbose_name=_("cơ quan"), on_delete=models.PROTECT, related_name="councils"
    )
    name = models.CharField(_("tên hội đồng"), max_length=300)
    established_by = models.CharField(_("quyết định thành lập, kiện toàn"), max_length=200, blank=True)
    term_start = models.DateField(_("từ ngày"), null=True, blank=True)
    term_end = models.DateField(_("đến ngày"), null=True, blank=True)

    class Meta:
        verbose_name = _("hội đồng thi đua – khen thưởng")
        verbose_name_plural = _("hội đồng thi đua – khen thưởng")
        ordering = ["-term_start", "id"]

    def __str__(self):
        return self.name

    @property
    def audit_unit_id(self):
        return self.unit_id


class CouncilMember(TimeStampedModel):
    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="members")
    person = models.ForeignKey(
        Person, verbose_name=_("thành viên"), on_delete=models.PROTECT, related_name="+"
    )
    role = models.CharField(_("chức danh trong hội đồng"), max_length=30, choices=CouncilRole.choices)
    title_at_appointment = models.CharField(_("chức vụ khi được cử"), max_length=200, blank=True)
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    start_date = models.DateField(_("từ ngày"), null=True, blank=True)
    end_date = models.DateField(_("đến ngày"), null=True, blank=True)

    class Meta:
        verbose_name = _("thành viên hội đồng")
        verbose_name_plural = _("thành viên hội đồng")
        ordering = ["order", "id"]

    def __str__(self):
        return f"{self.person.full_name} – {self.get_role_display()}"
