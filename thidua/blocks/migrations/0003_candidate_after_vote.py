"""A candidate's rank and award after the vote (the vote may break a tie and reorder the Cờ and the Bằng khen).

Ballots closed before keep what they proposed: the fields stay empty and the ballot's award and rank apply.
"""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("blocks", "0002_ballot_vote_rules")]

    operations = [
        migrations.AddField(
            model_name="ballotcandidate",
            name="rank_after_vote",
            field=models.PositiveSmallIntegerField(blank=True, null=True, verbose_name="xếp hạng sau bỏ phiếu"),
        ),
        migrations.AddField(
            model_name="ballotcandidate",
            name="award_after_vote",
            field=models.CharField(
                blank=True,
                choices=[("co", "Cờ thi đua của UBND tỉnh"), ("bang_khen", "Bằng khen của Chủ tịch UBND tỉnh")],
                max_length=12,
                verbose_name="đề nghị sau bỏ phiếu",
            ),
        ),
    ]
