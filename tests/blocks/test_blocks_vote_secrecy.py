"""Vote secrecy at the database level: a vote row and its voter row are written in one transaction while the
ballot is open; closing rewrites every vote, in a random order with fresh keys, so that afterwards no vote row
shares a transaction id (PostgreSQL ``xmin``) with a voter row. The count is unchanged."""

import datetime
import uuid

import pytest
from django.db import connection

from thidua.blocks import queries, services
from thidua.blocks.models import BallotVoter, Vote
from thidua.blocks.testing import build_world, run_round


@pytest.fixture(autouse=True)
def fast(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def xmins(model, ballot) -> list[int]:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT xmin::text FROM {model._meta.db_table} WHERE ballot_id = %s", [ballot.pk])
        return sorted(int(value) for (value,) in cursor.fetchall())


def test_a_vote_row_carries_nothing_but_a_random_key_the_ballot_and_the_choice():
    assert [field.name for field in Vote._meta.get_fields()] == ["id", "ballot", "approved"]
    assert Vote._meta.pk.get_internal_type() == "UUIDField"
    assert Vote._meta.pk.default is uuid.uuid4


@pytest.mark.django_db(transaction=True)
def test_closing_rewrites_the_votes_apart_from_their_voters_and_keeps_the_count():
    world = build_world()
    run_round(world)
    block = world["block"]
    meeting = services.create_meeting(block, actor=None, held_on=datetime.date(2022, 12, 20))
    members = list(block.members.order_by("order"))
    services.record_attendance(meeting, actor=None, attendance={m.pk: (True, "") for m in members})
    ballot = services.open_ballot(meeting, actor=None)
    first, second, third = ballot.candidates.order_by("position")
    choices = [[first.pk, second.pk], [first.pk], [first.pk, third.pk], []]
    for member, approved in zip(members, choices, strict=True):
        services.cast_vote(ballot, actor=None, member=member, approved=approved)
    before_ids = set(Vote.objects.filter(ballot=ballot).values_list("id", flat=True))
    before_choices = sorted(Vote.objects.filter(ballot=ballot).values_list("approved", flat=True))
    postgres = connection.vendor == "postgresql"
    if postgres:
        # While the ballot is open each vote shares its transaction with its voter row.
        assert xmins(Vote, ballot) == xmins(BallotVoter, ballot)
        assert len(set(xmins(BallotVoter, ballot))) == 4

    services.close_ballot(ballot, actor=None)
    ballot.refresh_from_db()

    after_ids = set(Vote.objects.filter(ballot=ballot).values_list("id", flat=True))
    assert len(after_ids) == 4
    assert after_ids.isdisjoint(before_ids)
    assert sorted(Vote.objects.filter(ballot=ballot).values_list("approved", flat=True)) == before_choices
    tally = queries.ballot_tally(ballot)
    assert (tally.present, tally.ballots) == (4, 4)
    assert [(row.candidate_id, row.votes) for row in tally.rows] == [
        (first.pk, 3),
        (second.pk, 1),
        (third.pk, 1),
    ]
    if postgres:
        vote_xmins = xmins(Vote, ballot)
        assert len(set(vote_xmins)) == 1  # all written by the closing transaction
        assert set(vote_xmins).isdisjoint(xmins(BallotVoter, ballot))
