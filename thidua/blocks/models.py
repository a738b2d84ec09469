"""Emulation blocks and clusters (khối, cụm thi đua), their criteria tables, scoring rounds, meetings and votes.

Every write goes through ``thidua.blocks.services``. Totals are never typed: ``Scoresheet.total`` and the
other cached numbers are what :func:`thidua.blocks.scoring.score_table` returned for the sheet's entries
(``services.recompute_sheet``). The one exception is an outside cluster (``BlockKind.OUTSIDE``), which
thidua does not run: its results are recorded from the cluster's own documents (``BlockResult.source``).

Secret ballot: ``BallotVoter`` says which member voted and ``Vote`` what was voted, with no link between the
two (a random UUID key, no timestamp, no author), so the system knows who voted, never how. Closing the ballot
rewrites the votes in a random order, so that no vote row shares a transaction with its voter row afterwards
(what this does and does not protect: docs/blocks.md, "Secrecy of the vote").
"""

from __future__ import annotations

import uuid
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from thidua.core.models import TimeStampedModel, VersionedModel
from thidua.org.models import Unit

from .aggregation import Method
from .scoring import Formula, Kind

POINTS = {"max_digits": 8, "decimal_places": 2}


class BlockKind(models.TextChoices):
    BLOCK = "khoi", _("Khối thi đua")
    CLUSTER = "cum", _("Cụm thi đua")
    OUTSIDE = "cum_ngoai", _("Cụm thi đua ngoài tỉnh")


class AggregationMethod(models.TextChoices):
    MEAN = Method.MEAN.value, _("Trung bình cộng")
    MEDIAN = Method.MEDIAN.value, _("Trung vị")
    TRIMMED_MEAN = Method.TRIMMED_MEAN.value, _("Trung bình bỏ cao nhất, thấp nhất")


class CriterionKind(models.TextChoices):
    GROUP = Kind.GROUP.value, _("Nhóm")
    QUALITATIVE = Kind.QUALITATIVE.value, _("Định tính")
    QUANTITATIVE = Kind.QUANTITATIVE.value, _("Định lượng")
    BONUS = Kind.BONUS.value, _("Cộng điểm")
    PENALTY = Kind.PENALTY.value, _("Trừ điểm")
    DISQUALIFIER = Kind.DISQUALIFIER.value, _("Không xếp loại")


class FormulaKind(models.TextChoices):
    PROPORTIONAL = (
        Formula.PROPORTIONAL.value,
        _("Tỷ lệ (đủ điểm khi đạt mục tiêu, dưới mục tiêu tính theo tỷ lệ)"),
    )
    THRESHOLD = Formula.THRESHOLD.value, _("Ngưỡng (đủ điểm khi đạt mục tiêu, dưới mục tiêu 0 điểm)")


class RoundStatus(models.TextChoices):
    DRAFT = "draft", _("Chưa mở")
    SELF = "self", _("Đang tự chấm")
    CROSS = "cross", _("Đang chấm chéo, thẩm định")
    REVIEW = "review", _("Đang điều chỉnh")
    LOCKED = "locked", _("Đã khóa")


class SheetKind(models.TextChoices):
    SELF = "self", _("Tự chấm")
    CROSS = "cross", _("Chấm chéo, thẩm định")
    FINAL = "final", _("Điểm thống nhất")


class AdjusterRole(models.TextChoices):
    HEAD = "head", _("Trưởng khối")
    OFFICER = "officer", _("Cán bộ Ban Thi đua – Khen thưởng tỉnh")


class ProposedAward(models.TextChoices):
    FLAG = "co", _("Cờ thi đua của UBND tỉnh")
    MERIT = "bang_khen", _("Bằng khen của Chủ tịch UBND tỉnh")


class ResultSource(models.TextChoices):
    ROUND = "round", _("Tính từ vòng chấm điểm")
    RECORDED = "recorded", _("Ghi theo văn bản của cụm")


class Block(VersionedModel):
    """A block or cluster for one year. Changed by ``create_block``, ``update_block``, ``copy_block``,
    ``add_member``, ``remove_member``, ``upload_regulation``."""

    kind = models.CharField(_("loại"), max_length=12, choices=BlockKind.choices, default=BlockKind.BLOCK)
    name = models.CharField(_("tên"), max_length=300)
    year = models.PositiveSmallIntegerField(
        _("năm"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    predecessor = models.ForeignKey(
        "self",
        verbose_name=_("khối năm trước"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="successors",
    )
    head_unit = models.ForeignKey(
        Unit,
        verbose_name=_("đơn vị trưởng khối"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    deputy_unit = models.ForeignKey(
        Unit,
        verbose_name=_("đơn vị phó khối"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    organiser = models.CharField(
        _("cơ quan chủ trì (cụm ngoài tỉnh)"),
        max_length=300,
        blank=True,
        help_text=_("Với cụm ngoài tỉnh: tỉnh làm cụm trưởng năm này."),
    )
    regulation = models.FileField(_("quy chế"), upload_to="khoi/quy-che/%Y/", blank=True)
    regulation_number = models.CharField(_("số, ký hiệu quy chế"), max_length=100, blank=True)
    plan = models.TextField(_("kế hoạch hoạt động"), blank=True)
    agreement_text = models.TextField(_("nội dung giao ước thi đua"), blank=True)
    aggregation = models.CharField(
        _("cách tổng hợp điểm chấm chéo"),
        max_length=20,
        choices=AggregationMethod.choices,
        default=AggregationMethod.MEAN,
    )
    trim = models.PositiveSmallIntegerField(_("số điểm bỏ ở mỗi đầu (trung bình bỏ cao, thấp)"), default=1)
    outlier_threshold = models.DecimalField(
        _("ngưỡng điểm lệch so với trung vị"), **POINTS, default=Decimal(1)
    )
    blind = models.BooleanField(_("giữ kín điểm của các đơn vị chấm đến khi khóa"), default=True)
    tie_breaks = models.CharField(
        _("thứ tự xét khi bằng điểm"),
        max_length=200,
        blank=True,
        help_text=_("Mã các nhóm tiêu chí, cách nhau bởi dấu phẩy; ghi “phiếu” để xét số phiếu bầu."),
    )
    flag_count = models.PositiveSmallIntegerField(_("số đơn vị đề nghị Cờ thi đua"), default=1)
    merit_count = models.PositiveSmallIntegerField(_("số đơn vị đề nghị Bằng khen (N)"), default=2)
    vote_percentage = models.DecimalField(
        _("tỷ lệ phiếu đồng ý cần đạt (%)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal(50),
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(100))],
    )

    class Meta:
        verbose_name = _("khối, cụm thi đua")
        verbose_name_plural = _("khối, cụm thi đua")
        ordering = ["-year", "kind", "name"]
        constraints = [
            models.UniqueConstraint(fields=["name", "year"], name="block_name_year_unique"),
            models.CheckConstraint(
                condition=Q(head_unit__isnull=True)
                | Q(deputy_unit__isnull=True)
                | ~Q(head_unit=F("deputy_unit")),
                name="block_head_not_deputy",
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.year})"

    @property
    def audit_unit_id(self):
        return self.head_unit_id

    @property
    def is_outside(self) -> bool:
        return self.kind == BlockKind.OUTSIDE


class BlockMember(TimeStampedModel):
    """A member of a block in its year: a unit of the province, or (outside clusters) another province."""

    block = models.ForeignKey(Block, on_delete=models.CASCADE, related_name="members")
    unit = models.ForeignKey(
        Unit, verbose_name=_("đơn vị"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    external_name = models.CharField(_("tên đơn vị ngoài tỉnh"), max_length=300, blank=True)
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    class Meta:
        verbose_name = _("thành viên khối")
        verbose_name_plural = _("thành viên khối")
        ordering = ["order", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["block", "unit"], condition=Q(unit__isnull=False), name="block_member_unit_unique"
            ),
            models.CheckConstraint(
                condition=Q(unit__isnull=False) | ~Q(external_name=""), name="block_member_named"
            ),
        ]

    def __str__(self):
        return self.label

    @property
    def label(self) -> str:
        if self.unit_id:
            return self.unit.full_name
        return self.external_name

    @property
    def short_label(self) -> str:
        if self.unit_id:
            return self.unit.short_name
        return self.external_name

    @property
    def audit_unit_id(self):
        return self.unit_id


class AgreementSignature(TimeStampedModel):
    """A member's signature of the year's emulation agreement (giao ước thi đua)."""

    block = models.ForeignKey(Block, on_delete=models.CASCADE, related_name="signatures")
    member = models.ForeignKey(BlockMember, on_delete=models.CASCADE, related_name="signatures")
    signer_name = models.CharField(_("người ký"), max_length=120)
    signer_title = models.CharField(_("chức vụ người ký"), max_length=200, blank=True)
    signed_on = models.DateField(_("ngày ký"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("chữ ký giao ước thi đua")
        verbose_name_plural = _("chữ ký giao ước thi đua")
        ordering = ["signed_on", "id"]
        constraints = [
            models.UniqueConstraint(fields=["block", "member"], name="agreement_signature_unique"),
        ]

    def __str__(self):
        return f"{self.member} – {self.signer_name}"

    @property
    def audit_unit_id(self):
        return self.member.unit_id


class CriteriaTable(VersionedModel):
    """The criteria table (bảng tiêu chí chấm điểm) of a block's year. Its rows are ``CriterionRow``; the
    services convert it to :class:`thidua.blocks.scoring.CriteriaTable` to validate and score."""

    block = models.OneToOneField(Block, on_delete=models.CASCADE, related_name="table")
    title = models.CharField(_("tên bảng"), max_length=300)
    total_points = models.DecimalField(_("tổng điểm chuẩn"), **POINTS, null=True, blank=True)

    class Meta:
        verbose_name = _("bảng tiêu chí chấm điểm")
        verbose_name_plural = _("bảng tiêu chí chấm điểm")

    def __str__(self):
        return self.title

    @property
    def audit_unit_id(self):
        return self.block.head_unit_id


class CriterionRow(TimeStampedModel):
    """One node of a criteria table: a group, a criterion or a sub-criterion (fields as in
    :class:`thidua.blocks.scoring.Criterion`)."""

    table = models.ForeignKey(CriteriaTable, on_delete=models.CASCADE, related_name="rows")
    parent = models.ForeignKey(
        "self",
        verbose_name=_("mục cha"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="children",
    )
    position = models.PositiveIntegerField(_("thứ tự"), default=0)
    code = models.CharField(_("mã"), max_length=40)
    text = models.TextField(_("nội dung"))
    kind = models.CharField(_("loại"), max_length=20, choices=CriterionKind.choices)
    points = models.DecimalField(_("điểm"), **POINTS, null=True, blank=True)
    per_occurrence = models.BooleanField(_("tính theo lần"), default=False)
    row_max = models.DecimalField(_("tối đa của dòng"), **POINTS, null=True, blank=True)
    bonus_cap = models.DecimalField(_("điểm cộng tối đa"), **POINTS, null=True, blank=True)
    deduction_cap = models.DecimalField(_("điểm trừ tối đa"), **POINTS, null=True, blank=True)
    choice_group = models.CharField(_("nhóm lựa chọn"), max_length=40, blank=True)
    requires_full_standard = models.BooleanField(_("chỉ cộng khi đạt đủ điểm chuẩn"), default=False)
    formula = models.CharField(_("công thức"), max_length=20, choices=FormulaKind.choices, blank=True)
    target = models.DecimalField(_("mục tiêu/ngưỡng"), **POINTS, null=True, blank=True)
    reviewer = models.CharField(_("đơn vị theo dõi đánh giá"), max_length=200, blank=True)
    evidence_required = models.BooleanField(_("yêu cầu minh chứng"), default=False)
    note = models.TextField(_("ghi chú"), blank=True)
    source_target = models.ForeignKey(
        "movements.Target",
        verbose_name=_("chỉ tiêu phong trào"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Tiêu chí định lượng: kết quả đạt được lấy gợi ý từ báo cáo tiến độ của chỉ tiêu này."),
    )

    class Meta:
        verbose_name = _("tiêu chí")
        verbose_name_plural = _("tiêu chí")
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["table", "code"], name="criterion_code_unique"),
        ]

    def __str__(self):
        return f"{self.code}. {self.text[:80]}"


class ScoringRound(VersionedModel):
    """The scoring of a block's year: self-scoring, cross-scoring or verification, adjustment, lock."""

    block = models.OneToOneField(Block, on_delete=models.CASCADE, related_name="round")
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=RoundStatus.choices, default=RoundStatus.DRAFT
    )
    self_deadline = models.DateField(_("hạn tự chấm"), null=True, blank=True)
    cross_deadline = models.DateField(_("hạn chấm chéo"), null=True, blank=True)
    aggregated_at = models.DateTimeField(_("tổng hợp lúc"), null=True, blank=True)
    locked_at = models.DateTimeField(_("khóa lúc"), null=True, blank=True)
    reopen_count = models.PositiveSmallIntegerField(_("số lần mở lại"), default=0)

    class Meta:
        verbose_name = _("vòng chấm điểm")
        verbose_name_plural = _("vòng chấm điểm")

    def __str__(self):
        return _("Chấm điểm %(block)s") % {"block": self.block}

    @property
    def audit_unit_id(self):
        return self.block.head_unit_id

    @property
    def is_locked(self) -> bool:
        return self.status == RoundStatus.LOCKED


class Scoresheet(VersionedModel):
    """One member scored by one assessor: its own self-assessment, a peer's cross-scoring or verification, or
    the agreed (final) sheet built by aggregation and adjustment. The numbers below are a cache of
    ``score_table`` for the sheet's entries, refreshed by ``services.recompute_sheet``; never typed."""

    round = models.ForeignKey(ScoringRound, on_delete=models.CASCADE, related_name="sheets")
    member = models.ForeignKey(BlockMember, on_delete=models.CASCADE, related_name="sheets")
    kind = models.CharField(_("loại phiếu"), max_length=10, choices=SheetKind.choices)
    assessor = models.ForeignKey(
        BlockMember,
        verbose_name=_("đơn vị chấm"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="assessments",
    )
    submitted_at = models.DateTimeField(_("nộp lúc"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    comment = models.TextField(_("nhận xét chung"), blank=True)
    standard = models.DecimalField(_("điểm chuẩn đạt"), **POINTS, default=Decimal(0))
    bonus = models.DecimalField(_("điểm cộng"), **POINTS, default=Decimal(0))
    deduction = models.DecimalField(_("điểm trừ"), **POINTS, default=Decimal(0))
    total = models.DecimalField(_("tổng điểm"), **POINTS, default=Decimal(0))
    disqualified = models.BooleanField(_("không xếp loại"), default=False)
    subtotals = models.JSONField(_("điểm từng mục"), default=dict, blank=True)

    class Meta:
        verbose_name = _("phiếu chấm điểm")
        verbose_name_plural = _("phiếu chấm điểm")
        ordering = ["member__order", "kind", "assessor__order", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["round", "member", "kind"],
                condition=Q(assessor__isnull=True),
                name="sheet_unique_without_assessor",
            ),
            models.UniqueConstraint(
                fields=["round", "member", "kind", "assessor"],
                condition=Q(assessor__isnull=False),
                name="sheet_unique_with_assessor",
            ),
            models.CheckConstraint(
                condition=~Q(kind="cross") | (Q(assessor__isnull=False) & ~Q(assessor=F("member"))),
                name="sheet_cross_never_self",
            ),
            models.CheckConstraint(
                condition=Q(kind="cross") | Q(assessor__isnull=True), name="sheet_assessor_only_cross"
            ),
        ]

    def __str__(self):
        if self.kind == SheetKind.CROSS:
            return _("%(kind)s %(member)s do %(assessor)s chấm") % {
                "kind": self.get_kind_display(),
                "member": self.member.short_label,
                "assessor": self.assessor.short_label,
            }
        return f"{self.get_kind_display()} – {self.member.short_label}"

    @property
    def audit_unit_id(self):
        return self.member.unit_id

    @property
    def is_submitted(self) -> bool:
        return self.submitted_at is not None


class ScoreEntry(TimeStampedModel):
    """What a sheet records for one criterion (see :class:`thidua.blocks.scoring.Entry`). On a final sheet,
    ``median`` and ``flags`` keep what aggregation found: the median of the assessors and the assessors whose
    score strayed from it by more than the block's threshold."""

    sheet = models.ForeignKey(Scoresheet, on_delete=models.CASCADE, related_name="entries")
    criterion = models.ForeignKey(CriterionRow, on_delete=models.CASCADE, related_name="entries")
    points = models.DecimalField(_("điểm"), **POINTS, null=True, blank=True)
    count = models.DecimalField(_("số lần"), **POINTS, null=True, blank=True)
    value = models.DecimalField(_("kết quả đạt được"), **POINTS, null=True, blank=True)
    comment = models.TextField(_("giải trình"), blank=True)
    median = models.DecimalField(_("trung vị"), **POINTS, null=True, blank=True)
    flags = models.JSONField(_("điểm lệch"), default=list, blank=True)
    adjusted = models.BooleanField(_("đã điều chỉnh"), default=False)

    class Meta:
        verbose_name = _("điểm một tiêu chí")
        verbose_name_plural = _("điểm từng tiêu chí")
        ordering = ["criterion__position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["sheet", "criterion"], name="entry_unique_per_criterion"),
        ]

    def __str__(self):
        return f"{self.sheet} – {self.criterion.code}"


class Evidence(TimeStampedModel):
    """A file proving a self-assessed (or assessed) criterion. Downloaded through a permission-checked view."""

    sheet = models.ForeignKey(Scoresheet, on_delete=models.CASCADE, related_name="evidence")
    criterion = models.ForeignKey(
        CriterionRow, on_delete=models.CASCADE, null=True, blank=True, related_name="evidence"
    )
    file = models.FileField(_("tệp"), upload_to="khoi/minh-chung/%Y/")
    name = models.CharField(_("tên tệp"), max_length=255)
    size = models.PositiveIntegerField(_("dung lượng"), default=0)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("minh chứng")
        verbose_name_plural = _("minh chứng")
        ordering = ["criterion__position", "id"]

    def __str__(self):
        return self.name

    @property
    def audit_unit_id(self):
        return self.sheet.member.unit_id


class Adjustment(TimeStampedModel):
    """A change to an agreed score, by the head or the province officer, with its written reason."""

    entry = models.ForeignKey(ScoreEntry, on_delete=models.CASCADE, related_name="adjustments")
    by_role = models.CharField(_("người điều chỉnh"), max_length=10, choices=AdjusterRole.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    before_points = models.DecimalField(_("điểm trước"), **POINTS, null=True, blank=True)
    after_points = models.DecimalField(_("điểm sau"), **POINTS, null=True, blank=True)
    reason = models.TextField(_("lý do"))

    class Meta:
        verbose_name = _("điều chỉnh điểm")
        verbose_name_plural = _("điều chỉnh điểm")
        ordering = ["created_at", "id"]
        constraints = [
            models.CheckConstraint(condition=~Q(reason=""), name="adjustment_has_reason"),
        ]

    def __str__(self):
        return f"{self.entry}: {self.before_points} → {self.after_points}"


class BlockResult(TimeStampedModel):
    """A member's result for the year: total and rank (the collective's record, read by the eligibility engine
    through ``thidua.blocks.queries.block_ranks``), and the proposal the block vote made."""

    block = models.ForeignKey(Block, on_delete=models.CASCADE, related_name="results")
    member = models.ForeignKey(BlockMember, on_delete=models.CASCADE, related_name="results")
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, null=True, blank=True, related_name="block_results"
    )
    year = models.PositiveSmallIntegerField(_("năm"), db_index=True)
    total = models.DecimalField(_("tổng điểm"), **POINTS, null=True, blank=True)
    rank = models.PositiveSmallIntegerField(_("xếp hạng"), null=True, blank=True)
    disqualified = models.BooleanField(_("không xếp loại"), default=False)
    source = models.CharField(
        _("nguồn"), max_length=10, choices=ResultSource.choices, default=ResultSource.ROUND
    )
    proposal = models.CharField(
        _("đề nghị khen thưởng"), max_length=12, choices=ProposedAward.choices, blank=True
    )
    votes = models.PositiveSmallIntegerField(_("số phiếu đồng ý"), null=True, blank=True)
    award_note = models.CharField(_("danh hiệu, hình thức khen (cụm ngoài tỉnh)"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("kết quả thi đua của khối")
        verbose_name_plural = _("kết quả thi đua của khối")
        ordering = ["block", F("rank").asc(nulls_last=True), "member__order"]
        constraints = [
            models.UniqueConstraint(fields=["block", "member"], name="block_result_unique"),
        ]
        indexes = [models.Index(fields=["unit", "year"], name="block_result_unit_year")]

    def __str__(self):
        return f"{self.member} – {self.rank or '—'}"

    @property
    def audit_unit_id(self):
        return self.unit_id


class Meeting(VersionedModel):
    """A block meeting (hội nghị tổng kết, bình xét) with its attendance."""

    block = models.ForeignKey(Block, on_delete=models.CASCADE, related_name="meetings")
    held_on = models.DateField(_("ngày họp"))
    place = models.CharField(_("địa điểm"), max_length=300, blank=True)
    chair_name = models.CharField(_("chủ trì"), max_length=200, blank=True)
    secretary_name = models.CharField(_("thư ký"), max_length=200, blank=True)
    note = models.TextField(_("ghi chú"), blank=True)

    class Meta:
        verbose_name = _("cuộc họp khối")
        verbose_name_plural = _("cuộc họp khối")
        ordering = ["-held_on", "-id"]

    def __str__(self):
        return _("Họp %(block)s ngày %(date)s") % {
            "block": self.block.name,
            "date": f"{self.held_on:%d/%m/%Y}",
        }

    @property
    def audit_unit_id(self):
        return self.block.head_unit_id


class Attendance(TimeStampedModel):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendance")
    member = models.ForeignKey(BlockMember, on_delete=models.CASCADE, related_name="+")
    present = models.BooleanField(_("có mặt"), default=True)
    representative = models.CharField(_("người dự"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("điểm danh")
        verbose_name_plural = _("điểm danh")
        ordering = ["member__order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "member"], name="attendance_unique"),
        ]

    def __str__(self):
        return f"{self.member} – {'có mặt' if self.present else 'vắng'}"


class Ballot(VersionedModel):
    """A secret ballot at a block meeting: which units to propose for the Cờ thi đua and the Bằng khen.

    ``required_percentage``, ``flag_count`` and ``merit_count`` are the block's vote rules copied when the
    ballot opens (``open_ballot``): the count of a ballot (``queries.ballot_tally``), its minutes and its tờ
    trình read them from here, so a later change to the block never rewrites a past ballot."""

    meeting = models.OneToOneField(Meeting, on_delete=models.CASCADE, related_name="ballot")
    question = models.CharField(_("nội dung bỏ phiếu"), max_length=500)
    required_percentage = models.DecimalField(
        _("tỷ lệ phiếu đồng ý cần đạt (%)"), max_digits=5, decimal_places=2, default=Decimal(50)
    )
    flag_count = models.PositiveSmallIntegerField(_("số đơn vị đề nghị Cờ thi đua"))
    merit_count = models.PositiveSmallIntegerField(_("số đơn vị đề nghị Bằng khen (N)"))
    is_open = models.BooleanField(_("đang bỏ phiếu"), default=True)
    closed_at = models.DateTimeField(_("đóng lúc"), null=True, blank=True)
    document_number = models.CharField(_("số, ký hiệu tờ trình"), max_length=100, blank=True)
    signer_name = models.CharField(_("người ký tờ trình"), max_length=200, blank=True)
    signer_title = models.CharField(_("chức vụ người ký"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("phiếu bầu")
        verbose_name_plural = _("phiếu bầu")

    def __str__(self):
        return self.question

    @property
    def audit_unit_id(self):
        return self.meeting.block.head_unit_id


class BallotCandidate(models.Model):
    """A unit on the ballot, with the award proposed for it and its rank and total when the ballot opened, and,
    once closed, its rank and award after the vote (``close_ballot``): when the block breaks ties by votes, the
    vote may reorder tied candidates, and the Cờ and Bằng khen follow that final order."""

    ballot = models.ForeignKey(Ballot, on_delete=models.CASCADE, related_name="candidates")
    member = models.ForeignKey(BlockMember, on_delete=models.CASCADE, related_name="+")
    award = models.CharField(_("đề nghị"), max_length=12, choices=ProposedAward.choices)
    rank = models.PositiveSmallIntegerField(_("xếp hạng"), null=True, blank=True)
    total = models.DecimalField(_("tổng điểm"), **POINTS, null=True, blank=True)
    position = models.PositiveSmallIntegerField(default=0)
    rank_after_vote = models.PositiveSmallIntegerField(_("xếp hạng sau bỏ phiếu"), null=True, blank=True)
    award_after_vote = models.CharField(
        _("đề nghị sau bỏ phiếu"), max_length=12, choices=ProposedAward.choices, blank=True
    )

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["ballot", "member"], name="ballot_candidate_unique"),
        ]

    def __str__(self):
        return f"{self.member} – {self.get_award_display()}"

    @property
    def final_award(self) -> str:
        """The award the closed ballot proposes the unit for (the ballot's, for a ballot closed before the
        vote could reorder candidates)."""
        return self.award_after_vote or self.award

    @property
    def final_rank(self) -> int | None:
        return self.rank_after_vote if self.rank_after_vote is not None else self.rank


class BallotVoter(models.Model):
    """Who has voted: one row per member that cast its ballot. Holds nothing about the vote itself."""

    ballot = models.ForeignKey(Ballot, on_delete=models.CASCADE, related_name="voters")
    member = models.ForeignKey(BlockMember, on_delete=models.CASCADE, related_name="+")
    voted_at = models.DateTimeField(_("bỏ phiếu lúc"))
    cast_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["member__order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["ballot", "member"], name="ballot_voter_unique"),
        ]

    def __str__(self):
        return str(self.member)

    @property
    def audit_unit_id(self):
        return self.member.unit_id


class Vote(models.Model):
    """What was voted: the candidates approved. A random key and no timestamp or author, so a vote cannot be
    matched to its ``BallotVoter``; ``close_ballot`` deletes and recreates every vote with a new key. Add no
    field here that could order or date a vote."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    ballot = models.ForeignKey(Ballot, on_delete=models.CASCADE, related_name="votes")
    approved = models.JSONField(_("đồng ý"), default=list)

    class Meta:
        ordering = ["id"]

    def __str__(self):
        return str(_("Một phiếu bầu"))
