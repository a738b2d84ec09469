"""Load the award catalogue and the rule sets from the repository's data files (reference data, like the ethnic
groups). A file changed later is reloaded after ``migrate`` by the audited services (see AwardsConfig.ready)."""

from django.db import migrations


def load(apps, schema_editor):
    from thidua.awards import loading

    AwardRecord = apps.get_model("awards", "AwardRecord")
    RuleSetRecord = apps.get_model("awards", "RuleSetRecord")
    for row in loading.catalogue_rows():
        AwardRecord.objects.update_or_create(code=row.pop("code"), defaults=row)
    for row in loading.ruleset_rows():
        RuleSetRecord.objects.update_or_create(ruleset_id=row.pop("ruleset_id"), defaults=row)


class Migration(migrations.Migration):
    dependencies = [("awards", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
