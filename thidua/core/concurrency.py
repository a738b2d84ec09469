"""Optimistic concurrency: an edit made on a stale copy is refused, never silently applied."""

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _


class StaleEditError(ValidationError):
    pass


def check_version(instance, expected_version: int | None) -> None:
    """Refuse the write when the record changed since the form was opened.

    ``expected_version`` is the version the user saw; None means the caller has no form (a script), and is
    accepted.
    """
    if expected_version is None:
        return
    current = type(instance).objects.filter(pk=instance.pk).values_list("version", flat=True).first()
    if current is not None and int(expected_version) != current:
        raise StaleEditError(
            _(
                "Bản ghi này vừa được người khác sửa (phiên bản %(current)s, bạn đang sửa phiên bản %(mine)s). "
                "Thay đổi của bạn chưa được lưu: hãy tải lại trang để xem bản mới nhất rồi sửa lại."
            )
            % {"current": current, "mine": expected_version},
            code="stale",
        )


def bump_version(instance) -> None:
    instance.version = (instance.version or 0) + 1
    instance.updated_at = timezone.now()
