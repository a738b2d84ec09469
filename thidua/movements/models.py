"""Emulation movements (phong trào thi đua): the launch document, targets and progress, plans, registrations
and periodic reports.

Every write goes through ``thidua.movements.services``. How a reported value is judged is in
``thidua.movements.achievement`` (pure Python); the status it gives is stored on each ``ProgressReport`` so lists
and the public page need no recomputation.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from thidua.core.models import TimeStampedModel, VersionedModel
from thidua.org.models import Person, Unit

from .achievement import Direction, PeriodKind, Status
from .titles import TitleKind


class DocumentType(models.TextChoices):
    DIRECTIVE = "chi_thi", _("Chỉ thị")
    PLAN = "ke_hoach", _("Kế hoạch")
    DECISION = "quyet_dinh", _("Quyết định")
    OFFICIAL_LETTER = "cong_van", _("Công văn")
    GUIDANCE = "huong_dan", _("Hướng dẫn")
    OTHER = "khac", _("Văn bản khác")


class MovementKind(models.TextChoices):
    """Categories of the statistics form on emulation movements."""

    REGULAR = "thuong_xuyen", _("Thường xuyên / hằng năm")
    THEMATIC = "chuyen_de", _("Chuyên đề / theo đợt")


class MovementStatus(models.TextChoices):
    DRAFT = "du_thao", _("Dự thảo")
    LAUNCHED = "phat_dong", _("Đã phát động")
    CLOSED = "ket_thuc", _("Đã kết thúc")


class TaskStatus(models.TextChoices):
    NOT_STARTED = "chua_thuc_hien", _("Chưa thực hiện")
    IN_PROGRESS = "dang_thuc_hien", _("Đang thực hiện")
    DONE = "hoan_thanh", _("Hoàn thành")


class ReportKind(models.TextChoices):
    MIDTERM = "so_ket", _("Sơ kết 6 tháng")
    FINAL = "tong_ket", _("Tổng kết năm")


def movement_upload_to(instance, filename: str) -> str:
    return f"phong-trao/{uuid.uuid4().hex}/{filename}"


class Movement(VersionedModel):
    """A movement launched by a unit's document; a thematic movement (``parent`` set) hangs under an annual one.

    Changed by ``create_movement``, ``update_movement`` (an amendment once launched), ``launch_movement``,
    ``close_movement``, ``set_public_progress``, ``create_thematic_movement``, ``update_thematic`` (an
    amendment of the main movement once launched) and ``update_thematic_review`` (the review only).
    ``launched_text`` is the text frozen at launch; later changes are ``Amendment`` rows.
    """

    parent = models.ForeignKey(
        "self",
        verbose_name=_("phong trào chính"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="thematic_movements",
    )
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    launching_unit = models.ForeignKey(
        Unit, verbose_name=_("đơn vị phát động"), on_delete=models.PROTECT, related_name="launched_movements"
    )
    lead_unit = models.ForeignKey(
        Unit,
        verbose_name=_("đơn vị chủ trì"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="led_movements",
    )
    name = models.CharField(_("tên phong trào"), max_length=500)
    theme = models.CharField(_("chủ đề"), max_length=1000, blank=True)
    document_type = models.CharField(
        _("loại văn bản"), max_length=20, choices=DocumentType.choices, default=DocumentType.DIRECTIVE
    )
    document_number = models.CharField(_("số văn bản"), max_length=20, blank=True)
    document_symbol = models.CharField(_("ký hiệu"), max_length=60, blank=True)
    document_date = models.DateField(_("ngày ban hành"), null=True, blank=True)
    document_subject = models.CharField(_("trích yếu"), max_length=1000, blank=True)
    signer_name = models.CharField(_("người ký"), max_length=120, blank=True)
    signer_position = models.CharField(_("chức vụ người ký"), max_length=200, blank=True)
    kind = models.CharField(_("loại phong trào"), max_length=20, choices=MovementKind.choices)
    duration = models.CharField(_("thời gian thực hiện"), max_length=100, blank=True)
    period_start = models.DateField(_("từ ngày"))
    period_end = models.DateField(_("đến ngày"))
    preamble = models.TextField(_("phần mở đầu"), blank=True)
    closing = models.TextField(_("phần kết"), blank=True)
    recipients = models.TextField(_("nơi nhận"), blank=True, help_text=_("Mỗi dòng một nơi nhận."))
    units_in_scope = models.ManyToManyField(
        Unit, verbose_name=_("đơn vị thuộc phạm vi"), related_name="movements_in_scope", blank=True
    )
    source_document = models.FileField(_("văn bản gốc"), upload_to=movement_upload_to, blank=True)
    status = models.CharField(
        _("trạng thái"), max_length=20, choices=MovementStatus.choices, default=MovementStatus.DRAFT
    )
    launched_at = models.DateTimeField(_("phát động lúc"), null=True, blank=True)
    launched_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    launched_text = models.JSONField(_("văn bản đã phát động"), null=True, blank=True, editable=False)
    plan_deadline = models.DateField(_("hạn nộp kế hoạch"), null=True, blank=True)
    midterm_deadline = models.DateField(_("hạn nộp báo cáo sơ kết"), null=True, blank=True)
    final_deadline = models.DateField(_("hạn nộp báo cáo tổng kết"), null=True, blank=True)
    review = models.TextField(_("đánh giá, sơ kết"), blank=True)
    public_progress = models.BooleanField(_("công khai tiến độ"), default=False)
    public_key = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)

    class Meta:
        verbose_name = _("phong trào thi đua")
        verbose_name_plural = _("phong trào thi đua")
        ordering = ["-period_start", "order", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__gte=models.F("period_start")), name="movement_period_ordered"
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def audit_unit_id(self):
        return self.launching_unit_id

    @property
    def is_draft(self) -> bool:
        return self.status == MovementStatus.DRAFT

    @property
    def is_launched(self) -> bool:
        return self.status != MovementStatus.DRAFT

    @property
    def root(self) -> Movement:
        return self.parent if self.parent_id else self

    @property
    def theme_quoted(self) -> str:
        return f"“{self.theme}”" if self.theme else ""

    @property
    def number_symbol(self) -> str:
        if self.document_number and self.document_symbol:
            return f"{self.document_number}/{self.document_symbol}"
        return self.document_number or self.document_symbol

    @property
    def recipient_list(self) -> list[str]:
        return [line.strip() for line in self.recipients.splitlines() if line.strip()]


class Content(TimeStampedModel):
    """A numbered content (nội dung) of the launch document, with its sub-items (8 a) to e))."""

    movement = models.ForeignKey(Movement, on_delete=models.CASCADE, related_name="contents")
    number = models.PositiveSmallIntegerField(_("số thứ tự"))
    title = models.CharField(_("tiêu đề"), max_length=1000)
    text = models.TextField(_("nội dung"), blank=True)

    class Meta:
        verbose_name = _("nội dung phong trào")
        verbose_name_plural = _("nội dung phong trào")
        ordering = ["movement_id", "number"]
        constraints = [
            models.UniqueConstraint(fields=["movement", "number"], name="movement_content_number_unique")
        ]

    def __str__(self):
        return f"{self.number}. {self.title}"

    @property
    def audit_unit_id(self):
        return self.movement.launching_unit_id


class SubItem(models.Model):
    content = models.ForeignKey(Content, on_delete=models.CASCADE, related_name="sub_items")
    letter = models.CharField(_("ký hiệu"), max_length=5)
    text = models.TextField(_("nội dung"))

    class Meta:
        verbose_name = _("mục con")
        verbose_name_plural = _("mục con")
        ordering = ["content_id", "letter"]
        constraints = [
            models.UniqueConstraint(fields=["content", "letter"], name="movement_subitem_letter_unique")
        ]

    def __str__(self):
        return f"{self.letter}) {self.text[:60]}"


class AmendmentSubject(models.TextChoices):
    """What an amendment changed; it tells which model's field names ``before`` and ``after`` use."""

    MOVEMENT = "movement", _("Phong trào")
    THEMATIC = "thematic", _("Phong trào chuyên đề")
    CONTENT = "content", _("Nội dung")
    TASK = "task", _("Nhiệm vụ")
    TARGET = "target", _("Chỉ tiêu")


# Keys of an amendment's ``before``/``after`` that are not a field of the subject's model.
AMENDMENT_EXTRA_LABELS = {
    "units_in_scope": _("đơn vị thuộc phạm vi"),
    "responsible_units": _("đơn vị chịu trách nhiệm"),
    "sub_items": _("các mục con"),
    "thematic_movement": _("phong trào chuyên đề"),
    "source_document": _("văn bản gốc"),
}


class Amendment(models.Model):
    """A change to a launched movement's text: what changed, why, and who changed it.

    ``before`` and ``after`` hold the changed values under the field names of the ``subject``'s model (units
    and parent targets by name, as people read them); ``labelled_changes`` gives them Vietnamese labels.
    """

    movement = models.ForeignKey(Movement, on_delete=models.CASCADE, related_name="amendments")
    number = models.PositiveSmallIntegerField(_("lần sửa đổi"))
    subject = models.CharField(
        _("đối tượng sửa đổi"),
        max_length=20,
        choices=AmendmentSubject.choices,
        default=AmendmentSubject.MOVEMENT,
    )
    at = models.DateTimeField(_("thời điểm"), auto_now_add=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    reason = models.CharField(_("lý do, căn cứ sửa đổi"), max_length=500)
    summary = models.CharField(_("nội dung sửa đổi"), max_length=500)
    before = models.JSONField(_("trước"), null=True, blank=True)
    after = models.JSONField(_("sau"), null=True, blank=True)

    class Meta:
        verbose_name = _("sửa đổi, bổ sung")
        verbose_name_plural = _("sửa đổi, bổ sung")
        ordering = ["movement_id", "number"]
        constraints = [
            models.UniqueConstraint(fields=["movement", "number"], name="movement_amendment_number_unique")
        ]

    def __str__(self):
        return f"{self.number}. {self.summary}"

    @property
    def changes(self) -> list[tuple[str, object, object]]:
        """(key, before, after) for each changed value, in the order of the subject model's fields (then the
        other keys alphabetically): PostgreSQL's jsonb does not keep the order the keys were written in."""
        before, after = self.before or {}, self.after or {}
        model = _AMENDMENT_MODELS.get(self.subject, Movement)
        fields = [field.name for field in (*model._meta.fields, *model._meta.many_to_many)]
        keys = sorted(
            {*before.keys(), *after.keys()},
            key=lambda key: (
                (fields.index(name), "")
                if (name := key.removesuffix("_id")) in fields
                else (len(fields), key)
            ),
        )
        return [(key, before.get(key), after.get(key)) for key in keys if before.get(key) != after.get(key)]

    @property
    def labelled_changes(self) -> list[tuple[str, str, str]]:
        """``changes`` for people: the field's Vietnamese label, and each value as text ("—" when empty)."""
        model = _AMENDMENT_MODELS.get(self.subject, Movement)
        rows = []
        for key, old, new in self.changes:
            old_text, new_text = amendment_value(model, key, old), amendment_value(model, key, new)
            if old_text != new_text:  # None → "" is no change for a reader
                rows.append((amendment_label(model, key), old_text, new_text))
        return rows


def amendment_label(model, key: str) -> str:
    """The Vietnamese label of an amendment key: the model field's verbose name, capitalised."""
    from django.utils.text import capfirst

    if key in AMENDMENT_EXTRA_LABELS:
        return capfirst(str(AMENDMENT_EXTRA_LABELS[key]))
    try:
        return capfirst(str(model._meta.get_field(key.removesuffix("_id")).verbose_name))
    except FieldDoesNotExist:
        return key


def amendment_value(model, key: str, value) -> str:
    """An amendment value as text: choices by their label, dates as dd/mm/yyyy, lists joined, yes/no."""
    import datetime

    if value is None or value == "" or value == []:
        return "—"
    if isinstance(value, bool):
        return str(_("Có") if value else _("Không"))
    if isinstance(value, list):
        return "; ".join(
            f"{item[0]}) {item[1]}" if isinstance(item, list | tuple) and len(item) == 2 else str(item)
            for item in value
        )
    try:
        field = model._meta.get_field(key.removesuffix("_id"))
    except FieldDoesNotExist:
        field = None
    if field is not None and field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(field, models.DateField) and isinstance(value, str):
        try:
            return datetime.date.fromisoformat(value).strftime("%d/%m/%Y")
        except ValueError:
            return value
    if isinstance(field, models.DecimalField):
        from decimal import Decimal, InvalidOperation

        from django.utils.formats import number_format

        try:
            number = Decimal(str(value)).normalize()
        except InvalidOperation:
            return str(value)
        places = max(0, -number.as_tuple().exponent)
        return number_format(number, decimal_pos=places, use_l10n=True, force_grouping=True)
    return str(value)


class Task(VersionedModel):
    """Work the movement assigns to named bodies (section 8 a) to e) of the seed), with a deadline and a status."""

    movement = models.ForeignKey(Movement, on_delete=models.CASCADE, related_name="tasks")
    letter = models.CharField(_("mục"), max_length=5, blank=True)
    title = models.CharField(_("công việc"), max_length=500)
    text = models.TextField(_("nội dung giao"), blank=True)
    assignees = models.TextField(_("cơ quan được giao"), blank=True, help_text=_("Mỗi dòng một cơ quan."))
    assignee_units = models.ManyToManyField(
        Unit, verbose_name=_("đơn vị thực hiện"), related_name="movement_tasks", blank=True
    )
    lead_unit = models.ForeignKey(
        Unit,
        verbose_name=_("đơn vị chủ trì"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    coordinating = models.TextField(_("phối hợp"), blank=True, help_text=_("Mỗi dòng một cơ quan."))
    is_request = models.BooleanField(_("là đề nghị (không phải giao nhiệm vụ)"), default=False)
    deadline = models.DateField(_("hạn hoàn thành"), null=True, blank=True)
    status = models.CharField(
        _("tình trạng"), max_length=20, choices=TaskStatus.choices, default=TaskStatus.NOT_STARTED
    )
    status_note = models.CharField(_("ghi chú tình trạng"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("nhiệm vụ")
        verbose_name_plural = _("nhiệm vụ")
        ordering = ["movement_id", "letter", "id"]

    def __str__(self):
        return f"{self.letter}) {self.title}" if self.letter else self.title

    @property
    def audit_unit_id(self):
        return self.lead_unit_id or self.movement.launching_unit_id

    @property
    def assignee_list(self) -> list[str]:
        return [line.strip() for line in self.assignees.splitlines() if line.strip()]

    @property
    def coordinating_list(self) -> list[str]:
        return [line.strip() for line in self.coordinating.splitlines() if line.strip()]


class Target(VersionedModel):
    """A target (chỉ tiêu). A sub-target (``parent``) details its parent (poor districts under the poverty rate)."""

    movement = models.ForeignKey(Movement, on_delete=models.CASCADE, related_name="targets")
    parent = models.ForeignKey(
        "self",
        verbose_name=_("chỉ tiêu cha"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="sub_targets",
    )
    code = models.CharField(_("mã chỉ tiêu"), max_length=20)
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    name = models.CharField(_("tên chỉ tiêu"), max_length=500)
    unit_of_measure = models.CharField(_("đơn vị tính"), max_length=50)
    direction = models.CharField(_("chiều đánh giá"), max_length=20, choices=Direction.choices())
    baseline = models.DecimalField(_("giá trị gốc"), max_digits=20, decimal_places=4, null=True, blank=True)
    target_value = models.DecimalField(_("giá trị chỉ tiêu"), max_digits=20, decimal_places=4)
    tolerance = models.DecimalField(
        _("dung sai (chỉ tiêu «khoảng»)"), max_digits=20, decimal_places=4, null=True, blank=True
    )
    cumulative = models.BooleanField(_("cộng dồn trong kỳ (đánh giá theo tiến độ)"), default=False)
    measures_change = models.BooleanField(_("báo cáo trực tiếp mức tăng/giảm"), default=False)
    value_text = models.CharField(_("giá trị như văn bản ghi"), max_length=50, blank=True)
    source_phrase = models.CharField(_("trích văn bản"), max_length=500, blank=True)
    start_date = models.DateField(_("bắt đầu tính từ"), null=True, blank=True)
    deadline = models.DateField(_("hạn đạt chỉ tiêu"), null=True, blank=True)
    responsible_units = models.ManyToManyField(
        Unit, verbose_name=_("đơn vị chịu trách nhiệm"), related_name="movement_targets", blank=True
    )

    class Meta:
        verbose_name = _("chỉ tiêu")
        verbose_name_plural = _("chỉ tiêu")
        ordering = ["movement_id", "order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["movement", "code"], name="movement_target_code_unique"),
            models.CheckConstraint(
                condition=Q(tolerance__isnull=True) | Q(direction="about"),
                name="movement_target_tolerance_only_about",
            ),
        ]

    def __str__(self):
        return f"{self.code}. {self.name}"

    @property
    def audit_unit_id(self):
        return self.movement.launching_unit_id

    @property
    def direction_label(self) -> str:
        return Direction(self.direction).label

    @property
    def effective_start(self):
        return self.start_date or self.movement.period_start

    @property
    def effective_deadline(self):
        return self.deadline or self.movement.period_end

    def spec(self):
        from .achievement import TargetSpec

        return TargetSpec(
            target=self.target_value,
            direction=Direction(self.direction),
            unit=self.unit_of_measure,
            baseline=self.baseline,
            tolerance=self.tolerance,
            cumulative=self.cumulative,
            measures_change=self.measures_change,
        )


def evidence_upload_to(instance, filename: str) -> str:
    return f"phong-trao/minh-chung/{uuid.uuid4().hex}/{filename}"


class ProgressReport(VersionedModel):
    """A value a unit reports for a target and a period; ``status`` and ``percent`` are ``evaluate``'s verdict."""

    target = models.ForeignKey(Target, on_delete=models.CASCADE, related_name="reports")
    unit = models.ForeignKey(
        Unit, verbose_name=_("đơn vị báo cáo"), on_delete=models.PROTECT, related_name="+"
    )
    period_kind = models.CharField(_("loại kỳ"), max_length=10, choices=PeriodKind.choices())
    period_year = models.PositiveSmallIntegerField(_("năm"))
    period_index = models.PositiveSmallIntegerField(_("kỳ số"), default=1)
    period_end = models.DateField(_("cuối kỳ"))
    value = models.DecimalField(_("giá trị"), max_digits=20, decimal_places=4)
    note = models.TextField(_("ghi chú"), blank=True)
    evidence = models.FileField(_("minh chứng"), upload_to=evidence_upload_to, blank=True)
    status = models.CharField(_("đánh giá"), max_length=20, choices=Status.choices())
    percent = models.DecimalField(_("tỷ lệ đạt (%)"), max_digits=12, decimal_places=2, null=True, blank=True)
    on_track = models.BooleanField(_("mới đạt tiến độ"), default=False)
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("báo cáo tiến độ")
        verbose_name_plural = _("báo cáo tiến độ")
        ordering = ["target_id", "period_end", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["target", "unit", "period_kind", "period_year", "period_index"],
                name="movement_progress_period_unique",
            )
        ]

    def __str__(self):
        return f"{self.target.name} – {self.period_label}"

    @property
    def audit_unit_id(self):
        return self.unit_id

    @property
    def period_label(self) -> str:
        return PeriodKind(self.period_kind).label_for(self.period_year, self.period_index)

    @property
    def status_enum(self) -> Status:
        return Status(self.status)

    @property
    def status_label(self) -> str:
        from .achievement import ON_TRACK_LABEL

        if self.status == Status.DAT and self.on_track:
            return ON_TRACK_LABEL
        return Status(self.status).label_vi

    @property
    def css_class(self) -> str:
        return Status(self.status).css_class


def plan_upload_to(instance, filename: str) -> str:
    return f"phong-trao/ke-hoach/{uuid.uuid4().hex}/{filename}"


class Plan(VersionedModel):
    """A unit's plan (kế hoạch) responding to the movement: a short summary and the document."""

    movement = models.ForeignKey(Movement, on_delete=models.CASCADE, related_name="plans")
    unit = models.ForeignKey(Unit, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="+")
    number_symbol = models.CharField(_("số, ký hiệu kế hoạch"), max_length=100, blank=True)
    summary = models.TextField(_("tóm tắt"))
    document = models.FileField(_("văn bản kế hoạch"), upload_to=plan_upload_to, blank=True)
    submitted_at = models.DateTimeField(_("nộp lúc"))
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("kế hoạch")
        verbose_name_plural = _("kế hoạch")
        ordering = ["movement_id", "unit__path"]
        constraints = [models.UniqueConstraint(fields=["movement", "unit"], name="movement_plan_unit_unique")]

    def __str__(self):
        return f"{self.unit} – {self.movement}"

    @property
    def audit_unit_id(self):
        return self.unit_id


class Reminder(models.Model):
    """A reminder sent to a unit (plan or report not yet filed)."""

    movement = models.ForeignKey(Movement, on_delete=models.CASCADE, related_name="reminders")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    subject = models.CharField(_("nhắc việc"), max_length=20)
    sent_at = models.DateTimeField(_("gửi lúc"), auto_now_add=True)
    recipients = models.PositiveIntegerField(_("số người nhận"), default=0)

    class Meta:
        verbose_name = _("nhắc nhở")
        verbose_name_plural = _("nhắc nhở")
        ordering = ["-sent_at", "-id"]

    def __str__(self):
        return f"{self.subject} – {self.unit_id}"


class Registration(TimeStampedModel):
    """A title a unit registers for: its collective's (``person_name`` empty) or one of its individuals'."""

    movement = models.ForeignKey(Movement, on_delete=models.CASCADE, related_name="registrations")
    unit = models.ForeignKey(Unit, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("đối tượng"), max_length=10, choices=TitleKind.choices)
    title = models.CharField(_("danh hiệu đăng ký"), max_length=40)
    person = models.ForeignKey(
        Person, verbose_name=_("cá nhân"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    person_name = models.CharField(_("họ và tên"), max_length=120, blank=True)
    position_title = models.CharField(_("chức vụ"), max_length=200, blank=True)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("đăng ký thi đua")
        verbose_name_plural = _("đăng ký thi đua")
        ordering = ["movement_id", "unit_id", "kind", "person_name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["movement", "unit", "kind", "title", "person_name"],
                name="movement_registration_unique",
            ),
            models.CheckConstraint(
                condition=Q(kind="tap_the", person_name="") | (Q(kind="ca_nhan") & ~Q(person_name="")),
                name="movement_registration_person_matches_kind",
            ),
        ]

    def __str__(self):
        return f"{self.person_name or self.unit} – {self.title_label}"

    @property
    def audit_unit_id(self):
        return self.unit_id

    @property
    def title_label(self) -> str:
        from .titles import title_label

        return title_label(self.title)


def report_upload_to(instance, filename: str) -> str:
    return f"phong-trao/bao-cao/{uuid.uuid4().hex}/{filename}"


class PeriodicReport(VersionedModel):
    """A unit's six-month (sơ kết) or year-end (tổng kết) report: the document and a few key figures."""

    movement = models.ForeignKey(Movement, on_delete=models.CASCADE, related_name="periodic_reports")
    unit = models.ForeignKey(Unit, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("loại báo cáo"), max_length=10, choices=ReportKind.choices)
    year = models.PositiveSmallIntegerField(_("năm"))
    summary = models.TextField(_("tóm tắt kết quả"))
    document = models.FileField(_("văn bản báo cáo"), upload_to=report_upload_to, blank=True)
    participants = models.PositiveIntegerField(_("số lượt tham gia"), default=0)
    initiatives = models.PositiveIntegerField(_("số sáng kiến, giải pháp"), default=0)
    exemplary_models = models.PositiveIntegerField(_("số gương điển hình tiên tiến"), default=0)
    collectives_commended = models.PositiveIntegerField(_("số tập thể được khen thưởng"), default=0)
    individuals_commended = models.PositiveIntegerField(_("số cá nhân được khen thưởng"), default=0)
    submitted_at = models.DateTimeField(_("nộp lúc"))
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("báo cáo sơ kết, tổng kết")
        verbose_name_plural = _("báo cáo sơ kết, tổng kết")
        ordering = ["movement_id", "kind", "unit_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["movement", "unit", "kind", "year"], name="movement_periodic_report_unique"
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.year} – {self.unit}"

    @property
    def audit_unit_id(self):
        return self.unit_id


FIGURE_FIELDS = (
    "participants",
    "initiatives",
    "exemplary_models",
    "collectives_commended",
    "individuals_commended",
)

_AMENDMENT_MODELS = {
    AmendmentSubject.MOVEMENT: Movement,
    AmendmentSubject.THEMATIC: Movement,
    AmendmentSubject.CONTENT: Content,
    AmendmentSubject.TASK: Task,
    AmendmentSubject.TARGET: Target,
}
