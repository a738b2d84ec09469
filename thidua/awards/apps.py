from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def load_rule_files(sender, using="default", **kwargs):
    """After ``migrate`` (and after a test database is flushed): copy the catalogue and the rule sets into the
    database when a file changed since the last load. Writes nothing (and no audit entry) otherwise."""
    from django.db import connections

    from . import services

    if using != "default" or "awards_rulesetrecord" not in connections[using].introspection.table_names():
        return
    if services.rule_files_changed():
        services.sync_catalogue(actor=None)
        services.sync_rulesets(actor=None)


class AwardsConfig(AppConfig):
    name = "thidua.awards"
    label = "awards"
    verbose_name = _("Danh hiệu, hình thức khen thưởng")

    def ready(self):
        post_migrate.connect(load_rule_files, sender=self, dispatch_uid="thidua.awards.load_rule_files")
