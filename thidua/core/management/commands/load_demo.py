"""``manage.py load_demo [--if-empty]``: load the demo data of every thidua app, in one transaction.

Each app under ``thidua.`` in ``INSTALLED_APPS`` may have a ``demo`` module with ``load(context: dict)``; they
run in ``INSTALLED_APPS`` order and share ``context``, so a later app can use what an earlier one created
(``context["units"]`` by code, ``context["people"]``...). ``context["accounts"]`` collects the demo accounts as
(username, password, vai trò, đơn vị) rows, printed at the end.
"""

from __future__ import annotations

import importlib
import importlib.util
import time

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction


def demo_modules() -> list[str]:
    """The ``<app>.demo`` modules that exist, in ``INSTALLED_APPS`` order."""
    names = []
    for app in settings.INSTALLED_APPS:
        if not app.startswith("thidua."):
            continue
        name = f"{app}.demo"
        if importlib.util.find_spec(name) is not None:
            names.append(name)
    return names


def existing_demo_accounts() -> list[tuple[str, str, str, str]]:
    """The demo accounts still present, from every demo module that can list them (``existing_accounts()``)."""
    rows = []
    for name in demo_modules():
        module = importlib.import_module(name)
        if hasattr(module, "existing_accounts"):
            rows.extend(module.existing_accounts())
    return rows


def format_accounts(rows: list[tuple[str, str, str, str]]) -> str:
    header = ("Tên đăng nhập", "Mật khẩu", "Vai trò", "Đơn vị")
    table = [header, *rows]
    widths = [max(len(str(row[index])) for row in table) for index in range(len(header))]
    lines = [
        "  ".join(str(cell).ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
        for row in table
    ]
    lines.insert(1, "  ".join("-" * width for width in widths))
    return "\n".join(lines)


class Command(BaseCommand):
    help = "Nạp dữ liệu mẫu (tỉnh Lai Châu): đơn vị, cá nhân, hội đồng và các tài khoản dùng thử."

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Chỉ nạp khi cơ sở dữ liệu chưa có đơn vị nào; nếu đã có thì không làm gì.",
        )

    def handle(self, *args, if_empty: bool = False, **options):
        unit_model = apps.get_model("org", "Unit")
        if unit_model.objects.exists():
            if if_empty:
                self.stdout.write("Cơ sở dữ liệu đã có đơn vị: không nạp dữ liệu mẫu.")
                self._print_accounts(existing_demo_accounts(), note=" (mật khẩu ban đầu, nếu chưa đổi)")
                return
            raise CommandError(
                "Cơ sở dữ liệu đã có đơn vị, không thể nạp dữ liệu mẫu chồng lên. "
                "Dùng --if-empty để bỏ qua khi đã có dữ liệu."
            )
        started = time.perf_counter()
        context: dict = {"accounts": []}
        with transaction.atomic():
            for name in demo_modules():
                module = importlib.import_module(name)
                module.load(context)
                self.stdout.write(f"Đã nạp {name}")
        elapsed = time.perf_counter() - started
        seconds = f"{elapsed:.1f}".replace(".", ",")
        self.stdout.write(self.style.SUCCESS(f"Đã nạp dữ liệu mẫu trong {seconds} giây."))
        self._print_accounts(context["accounts"])

    def _print_accounts(self, rows, note: str = "") -> None:
        if rows:
            self.stdout.write("")
            self.stdout.write(f"Tài khoản dùng thử{note}:")
            self.stdout.write(format_accounts(rows))
