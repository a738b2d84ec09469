"""The service contract: every write is a function decorated with ``@service``.

The decorator runs the function in ``transaction.atomic`` and refuses to commit if the function wrote no audit
entry, so a service cannot forget its audit row. It also registers the function, which lets the test suite
check every service (tests/core/test_audit_services.py).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from contextvars import ContextVar
from typing import ParamSpec, TypeVar

from django.db import transaction

P = ParamSpec("P")
R = TypeVar("R")

SERVICES: dict[str, Callable] = {}

# One counter per running service call; record() increments every open one (services may nest).
_open_counters: ContextVar[tuple[list[int], ...]] = ContextVar("thidua_audit_counters", default=())


class MissingAuditError(RuntimeError):
    """A service returned without writing an audit entry: a programming error, never a user error."""


def note_audit_written() -> None:
    for counter in _open_counters.get():
        counter[0] += 1


def service(func: Callable[P, R]) -> Callable[P, R]:
    name = f"{func.__module__}.{func.__qualname__}"

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        counter = [0]
        token = _open_counters.set((*_open_counters.get(), counter))
        try:
            with transaction.atomic():
                result = func(*args, **kwargs)
                if counter[0] == 0:
                    raise MissingAuditError(f"Service {name} wrote no audit entry.")
                return result
        finally:
            _open_counters.reset(token)

    wrapper.service_name = name
    SERVICES[name] = wrapper
    return wrapper


@service
def mark_notifications_read(user, *, actor) -> int:
    """Mark all of ``user``'s unread notifications read. Side effects: audit ``core.notification.read``."""
    from django.utils import timezone

    from . import audit

    unread = user.notifications.filter(read_at__isnull=True)
    count = unread.update(read_at=timezone.now())
    audit.record(
        "core.notification.read",
        user,
        actor=actor,
        after={"count": count},
        summary=f"Đã đọc {count} thông báo",
    )
    return count
