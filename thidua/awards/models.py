"""The award catalogue and the rule sets, loaded into the database, and the values a province adjusts.

The repository's data files (``catalog.toml``, ``rulesets/*.toml``) stay the source of the law's facts:
``thidua.awards.services.sync_catalogue`` and ``sync_rulesets`` copy them here after every migration, bumping the
version and writing an audit entry whenever a file changed. The province's adjustments (quotas, council vote
thresholds, the base-salary table, money rounding) live on ``RuleSetRecord`` and change only through the
services, each change versioned and audited; ``thidua.awards.queries.effective_rulesets`` applies them with
``rulesets.with_overrides``.
"""

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from thidua.core.models import VersionedModel


class AwardRecord(VersionedModel):
    """One entry of the award catalogue as loaded from ``catalog.toml`` (read-only in the product)."""

    code = models.CharField(_("mã"), max_length=20, unique=True)
    name_vi = models.CharField(_("tên"), max_length=300)
    name_en = models.CharField(_("tên tiếng Anh"), max_length=300, blank=True)
    kind = models.CharField(_("loại"), max_length=20)
    level = models.CharField(_("cấp"), max_length=20)
    content = models.JSONField(_("nội dung"), default=dict)
    content_hash = models.CharField(max_length=64, editable=False)
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    class Meta:
        verbose_name = _("danh hiệu, hình thức trong danh mục")
        verbose_name_plural = _("danh mục danh hiệu, hình thức khen thưởng")
        ordering = ["order", "code"]

    def __str__(self):
        return f"{self.code} – {self.name_vi}"


class RuleSetRecord(VersionedModel):
    """A rule set (``rulesets/<id>.toml``) as loaded, with the province's adjustments.

    ``content`` is the file as loaded (plain JSON); the adjustment fields hold only what the province changed:
    ``quotas`` {award code: {"percent": "15", "of": "LDTT"} or null to remove the file's quota},
    ``vote_thresholds`` {award code: {"percent": "90", "basis": "..."}}, ``base_salary`` the whole table
    [{"effective_from": "2024-07-01", "amount": 2340000, "basis": "..."}] or null for the file's, and
    ``money_rounding`` {"unit": 1000, "mode": "half_up"} or null for the file's.
    """

    ruleset_id = models.CharField(_("mã bộ quy tắc"), max_length=100, unique=True)
    name_vi = models.CharField(_("tên"), max_length=300)
    effective_from = models.DateField(_("hiệu lực từ ngày"))
    effective_to = models.DateField(_("hiệu lực đến ngày"), null=True, blank=True)
    content = models.JSONField(_("nội dung tệp"), default=dict)
    content_hash = models.CharField(max_length=64, editable=False)
    quotas = models.JSONField(_("hạn mức do tỉnh quy định"), default=dict, blank=True)
    vote_thresholds = models.JSONField(_("tỷ lệ phiếu do tỉnh quy định"), default=dict, blank=True)
    base_salary = models.JSONField(_("bảng lương cơ sở do tỉnh cập nhật"), null=True, blank=True)
    money_rounding = models.JSONField(_("cách làm tròn tiền thưởng"), null=True, blank=True)

    class Meta:
        verbose_name = _("bộ quy tắc xét khen thưởng")
        verbose_name_plural = _("bộ quy tắc xét khen thưởng")
        ordering = ["effective_from"]
        constraints = [
            models.CheckConstraint(
                condition=Q(effective_to__isnull=True) | Q(effective_to__gte=F("effective_from")),
                name="ruleset_record_dates_ordered",
                violation_error_message=_("Ngày hết hiệu lực không được trước ngày bắt đầu hiệu lực."),
            )
        ]

    def __str__(self):
        return self.name_vi

    @property
    def adjustments(self) -> dict:
        """The keyword arguments for ``rulesets.with_overrides`` (only what the province changed)."""
        from decimal import Decimal

        values = {}
        if self.quotas:
            values["quotas"] = {
                code: None
                if quota is None
                else {"percent": Decimal(str(quota["percent"])), "of": quota["of"]}
                for code, quota in self.quotas.items()
            }
        if self.vote_thresholds:
            values["vote_thresholds"] = {
                code: {
                    "percent": Decimal(str(vote["percent"])),
                    "basis": vote.get("basis", ""),
                    "confirmed": True,
                }
                for code, vote in self.vote_thresholds.items()
            }
        if self.base_salary is not None:
            values["base_salary"] = [dict(entry) for entry in self.base_salary]
        if self.money_rounding is not None:
            values["money_rounding"] = dict(self.money_rounding)
        return values
