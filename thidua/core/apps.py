from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "thidua.core"
    label = "core"
    verbose_name = _("Lõi hệ thống")

    def ready(self):
        from . import signals  # noqa: F401  (registers the SQLite collation and connection setup)
