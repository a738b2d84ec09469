"""A collective's history page and forms; block ranks read from the blocks app."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse

from thidua.awards.adapter import block_ranks_by_year, collective_histories
from thidua.blocks import services as blocks
from thidua.blocks.models import BlockKind
from thidua.blocks.queries import block_ranks
from thidua.org import services as org
from thidua.org.enums import UnitType
from thidua.records import services
from thidua.records.models import CollectiveYear

pytestmark = pytest.mark.django_db
D = datetime.date


def test_block_ranks_from_an_outside_cluster_agree_with_the_blocks_app(school):
    block = blocks.create_block(
        actor=None, name="Cụm thi đua các tỉnh miền núi phía Bắc", year=2024, kind=BlockKind.OUTSIDE,
        members=[school["sgd"], school["syt"]],
    )  # fmt: skip
    members = {member.unit_id: member for member in block.members.all()}
    blocks.record_external_result(members[school["sgd"].pk], actor=None, rank=1)
    blocks.record_external_result(members[school["syt"].pk], actor=None, rank=2)
    ids = [school["sgd"].pk, school["syt"].pk]
    expected = {(unit_id, 2024): rank for unit_id, rank in block_ranks(ids, 2024).items()}
    assert block_ranks_by_year(ids, [2023, 2024]) == expected == {(ids[0], 2024): 1, (ids[1], 2024): 2}
    services.record_collective_year(school["sgd"], actor=None, year=2024, rating="HTXS")
    assert collective_histories([school["sgd"]], 2024)[school["sgd"].pk].years[2024].block_rank == 1


def test_a_rank_recorded_on_the_collective_wins_over_the_blocks_app(school):
    block = blocks.create_block(
        actor=None, name="Cụm ngoài tỉnh", year=2024, kind=BlockKind.OUTSIDE, members=[school["sgd"]]
    )
    blocks.record_external_result(block.members.get(), actor=None, rank=3)
    services.record_block_rank(school["sgd"], year=2024, rank=1, actor=None)
    assert collective_histories([school["sgd"]], 2024)[school["sgd"].pk].years[2024].block_rank == 1


def test_collective_page_shows_the_predecessors_years_and_the_verdicts(school, new_unit):
    old = new_unit("HPT.KHONGLAO", "Xã Khổng Lào (cũ)", UnitType.COMMUNE, school["root"])
    new = new_unit(
        "X.KHONGLAO", "Xã Khổng Lào", UnitType.COMMUNE, school["root"], effective_from=D(2025, 7, 1)
    )
    services.record_collective_year(
        old, actor=None, year=2024, rating="HTT", members=9, members_ldtt=7, members_disciplined=0
    )
    services.record_honour(
        actor=None, unit=old, year=2024, code="TTLDTT", issuer="Chủ tịch UBND huyện Phong Thổ"
    )
    org.merge_units([old], into=new, actor=None, date=D(2025, 7, 1))
    client = Client()
    client.force_login(school["accounts"]["canbo"])
    html = client.get(reverse("records:collective_history", args=[new.pk]), {"nam": 2024}).content.decode()
    assert "Tiếp nối hồ sơ của:" in html
    assert 'data-year="2024"' in html
    assert "Chủ tịch UBND huyện Phong Thổ" in html
    assert 'data-award="TTLDTT"' in html
    assert "Năm 2024: 7/9 thành viên (77,8%) đạt Lao động tiên tiến (yêu cầu từ 70% trở lên)." in html


def test_collective_year_form_records_the_figures(school):
    client = Client()
    client.force_login(school["accounts"]["vanthu"])
    url = reverse("records:collective_year_edit", args=[school["sgd"].pk]) + "?nam=2024"
    response = client.post(
        url, {"year": 2024, "rating": "HTXS", "members": 40, "members_ldtt": 30, "block_rank": 1, "note": ""}
    )
    assert response.status_code == 302
    record = CollectiveYear.objects.get(unit=school["sgd"], year=2024)
    assert (record.rating, record.members, record.members_ldtt, record.members_cstdcs, record.block_rank) == (
        "HTXS",
        40,
        30,
        None,
        1,
    )
    response = client.post(url, {"year": 2024, "rating": "HTT", "members": 40, "version": 1})
    assert response.status_code == 302
    response = client.post(url, {"year": 2024, "rating": "HT", "members": 40, "version": 1})
    assert "Bản ghi này vừa được người khác sửa" in response.content.decode()


def test_collective_honour_form_offers_collective_titles_only(school):
    client = Client()
    client.force_login(school["accounts"]["vanthu"])
    url = reverse("records:collective_honour_add", args=[school["sgd"].pk])
    html = client.get(url).content.decode()
    assert '<option value="TTLDXS">' in html
    assert '<option value="LDTT">' not in html
    response = client.post(
        url,
        {"year": 2024, "code": "TTLDXS", "honour_type": "thuong_xuyen", "decision_number": "99/QĐ-UBND",
         "decision_date": "15/01/2025", "issuer": "Chủ tịch UBND tỉnh"},
    )  # fmt: skip
    assert response.status_code == 302
    assert school["sgd"].honours.get().decision_date == D(2025, 1, 15)
