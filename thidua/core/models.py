"""Base models and the audit log.

``AuditEntry`` is append-only: the model refuses updates and deletes, and database triggers (see migration
0003) refuse them too, so the log stays evidence even against a careless script. Only ``thidua.core.audit``
writes it, always inside the transaction of the service that made the change.
"""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(_("tạo lúc"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("sửa lúc"), default=timezone.now, editable=False)

    class Meta:
        abstract = True


class VersionedModel(TimeStampedModel):
    """A record edited through forms: ``version`` grows by one on each change, so a stale form is detected.

    Services call ``thidua.core.concurrency.check_version`` before they write and ``bump_version`` when they do.
    """

    version = models.PositiveIntegerField(_("phiên bản"), default=1, editable=False)

    class Meta:
        abstract = True


class AppendOnlyError(Exception):
    pass


class AuditEntryQuerySet(models.QuerySet):
    """Bulk ``update()`` and ``delete()`` refused too: on SQLite no trigger stops a DELETE (see migration 0003),
    so without this ``AuditEntry.objects.all().delete()`` would silently empty the log."""

    def update(self, **kwargs):
        raise AppendOnlyError("Audit entries are append-only.")

    def delete(self):
        raise AppendOnlyError("Audit entries are append-only.")

    delete.queryset_only = True


class AuditEntry(models.Model):
    """One change made through a service: who, when, what, to which object, and the values before and after."""

    at = models.DateTimeField(_("thời điểm"), default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người thực hiện"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    actor_label = models.CharField(_("người thực hiện (lúc ghi)"), max_length=200, blank=True)
    action = models.CharField(_("thao tác"), max_length=100, db_index=True)
    summary = models.CharField(_("nội dung"), max_length=500, blank=True)
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    object_id = models.CharField(max_length=64)
    object_repr = models.CharField(_("đối tượng"), max_length=300)
    unit_id = models.BigIntegerField(_("đơn vị"), null=True, blank=True, db_index=True)
    before = models.JSONField(_("trước"), null=True, blank=True)
    after = models.JSONField(_("sau"), null=True, blank=True)
    ip_address = models.GenericIPAddressField(_("địa chỉ IP"), null=True, blank=True)
    request_id = models.CharField(max_length=32, blank=True)

    objects = AuditEntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("nhật ký thay đổi")
        verbose_name_plural = _("nhật ký thay đổi")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["content_type", "object_id", "-at"], name="audit_object_idx")]
        default_permissions = ("view",)

    def __str__(self):
        return f"{self.at:%d/%m/%Y %H:%M} {self.actor_label} {self.action} {self.object_repr}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise AppendOnlyError("Audit entries are append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("Audit entries are append-only.")

    @property
    def changes(self) -> list[tuple[str, object, object]]:
        """(field, before, after) for every field whose value differs."""
        before, after = self.before or {}, self.after or {}
        keys = list(dict.fromkeys([*before.keys(), *after.keys()]))
        return [(key, before.get(key), after.get(key)) for key in keys if before.get(key) != after.get(key)]


class Notification(models.Model):
    """An in-app message to one user (a launched movement, a reminder). Sent by services after commit."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    title = models.CharField(_("tiêu đề"), max_length=300)
    body = models.TextField(_("nội dung"), blank=True)
    url = models.CharField(_("liên kết"), max_length=500, blank=True)
    read_at = models.DateTimeField(_("đã đọc lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("thông báo")
        verbose_name_plural = _("thông báo")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return self.title
