"""A ballot keeps the vote rules it was opened with (Cờ and Bằng khen counts; the percentage was already kept),
and each candidate its total when the ballot opened.

Existing ballots take the counts from their block, as ``ballot_tally`` read them until now; existing candidates
their total from the block's stored result, when there is one.
"""

from django.db import migrations, models


def backfill(apps, schema_editor):
    Ballot = apps.get_model("blocks", "Ballot")
    for ballot in Ballot.objects.select_related("meeting__block"):
        block = ballot.meeting.block
        ballot.flag_count = block.flag_count
        ballot.merit_count = block.merit_count
        ballot.save(update_fields=["flag_count", "merit_count"])
    BallotCandidate = apps.get_model("blocks", "BallotCandidate")
    BlockResult = apps.get_model("blocks", "BlockResult")
    for candidate in BallotCandidate.objects.all():
        result = BlockResult.objects.filter(member_id=candidate.member_id).first()
        if result is not None and result.total is not None:
            candidate.total = result.total
            candidate.save(update_fields=["total"])


class Migration(migrations.Migration):
    dependencies = [("blocks", "0001_initial")]

    operations = [
        migrations.AddField(
            model_name="ballot",
            name="flag_count",
            field=models.PositiveSmallIntegerField(null=True, verbose_name="số đơn vị đề nghị Cờ thi đua"),
        ),
        migrations.AddField(
            model_name="ballot",
            name="merit_count",
            field=models.PositiveSmallIntegerField(null=True, verbose_name="số đơn vị đề nghị Bằng khen (N)"),
        ),
        migrations.AddField(
            model_name="ballotcandidate",
            name="total",
            field=models.DecimalField(
                blank=True, decimal_places=2, max_digits=8, null=True, verbose_name="tổng điểm"
            ),
        ),
        migrations.RunPython(backfill, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="ballot",
            name="flag_count",
            field=models.PositiveSmallIntegerField(verbose_name="số đơn vị đề nghị Cờ thi đua"),
        ),
        migrations.AlterField(
            model_name="ballot",
            name="merit_count",
            field=models.PositiveSmallIntegerField(verbose_name="số đơn vị đề nghị Bằng khen (N)"),
        ),
    ]
