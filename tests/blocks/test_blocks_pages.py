"""Pages that write: the table import shows every problem row by row; exports round-trip; a sheet takes
Vietnamese decimals; the head's copy to next year shows the rotation."""

import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from thidua.blocks import queries, services
from thidua.blocks.models import Block, SheetKind
from thidua.blocks.testing import build_world

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fast(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def world():
    return build_world()


def client_for(world, username):
    client = Client()
    client.force_login(world["users"][username])
    return client


def test_import_page_lists_every_problem_and_changes_nothing(world):
    client = client_for(world, "truongkhoi")
    before = world["block"].table.rows.count()
    bad = "Mã,Mã cha,Nội dung,Loại,Điểm\n1,,Tiêu chuẩn 1,Nhóm,10\n1.1,9,Một,Định tính,abc\n".encode()
    response = client.post(
        reverse("blocks:table_import", args=[world["block"].pk]),
        {"file": SimpleUploadedFile("bang.csv", bad), "title": "", "total_points": ""},
    )
    assert response.status_code == 200
    assert response.context["problems"] == ["Dòng 3: cột “Điểm” không phải là số (“abc”)."]
    assert "Không nhập được. Chưa có gì thay đổi." in response.content.decode()
    assert world["block"].table.rows.count() == before


def test_exported_workbook_imports_back_unchanged(world):
    client = client_for(world, "truongkhoi")
    block = world["block"]
    exported = client.get(reverse("blocks:table_export", args=[block.pk, "xlsx"])).content
    response = client.post(
        reverse("blocks:table_import", args=[block.pk]),
        {"file": SimpleUploadedFile("bang.xlsx", exported), "title": "", "total_points": "100"},
    )
    assert response.status_code == 302
    from thidua.blocks.table_import import read_xlsx, table_rows

    assert table_rows(queries.core_table(block.table)) == table_rows(read_xlsx(io.BytesIO(exported)))


def test_sheet_page_takes_vietnamese_decimals(world):
    round_ = services.open_self_scoring(world["block"], actor=None)
    sheet = round_.sheets.get(kind=SheetKind.SELF, member__unit__code="SGDDT")
    rows = world["rows"]
    client = client_for(world, "vanthu.sgd")
    response = client.post(
        reverse("blocks:sheet_detail", args=[sheet.pk]),
        {
            "version": sheet.version,
            f"p_{rows['1.1'].pk}": "28,5",
            f"v_{rows['1.2'].pk}": "97,5",
            f"n_{rows['1.2.1'].pk}": "2",
            f"p_{rows['2.1'].pk}": "20",
            f"g_{rows['2.2'].pk}_dk": str(rows["2.2.2"].pk),
            f"c_{rows['1.1'].pk}": "Kế hoạch số 12/KH-SGDĐT",
        },
    )
    assert response.status_code == 302
    sheet.refresh_from_db()
    # 28,5 + 29,25 (97,5% of 30) + 20 + 15 − 1 (two late reports)
    assert sheet.total == Decimal("91.75")
    assert sheet.entries.get(criterion=rows["1.1"]).comment == "Kế hoạch số 12/KH-SGDĐT"


def test_sheet_page_refuses_points_above_the_maximum(world):
    round_ = services.open_self_scoring(world["block"], actor=None)
    sheet = round_.sheets.get(kind=SheetKind.SELF, member__unit__code="SGDDT")
    client = client_for(world, "vanthu.sgd")
    response = client.post(
        reverse("blocks:sheet_detail", args=[sheet.pk]),
        {"version": sheet.version, f"p_{world['rows']['1.1'].pk}": "31"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors[f"p_{world['rows']['1.1'].pk}"] == ["Mục 1.1: tối đa 30 điểm."]


def test_copy_page_shows_the_rotation_and_copies(world):
    client = client_for(world, "canbotdkt")
    url = reverse("blocks:block_copy", args=[world["block"].pk])
    page = client.get(url).content.decode()
    assert "Trưởng khối năm sau (luân phiên): Sở Giáo dục và Đào tạo; phó khối: Sở Nội vụ." in page
    response = client.post(url, {"year": "2023", "name": "", "copy_table": "on"})
    new = Block.objects.get(year=2023)
    assert response["Location"] == reverse("blocks:block_detail", args=[new.pk])
    assert new.table.rows.count() == world["block"].table.rows.count()


def test_officer_records_an_outside_cluster_result(world):
    block = services.create_block(
        actor=None,
        name="Cụm thi đua 7 tỉnh miền núi biên giới phía Bắc",
        year=2022,
        kind="cum_ngoai",
        members=[world["units"]["UBND"]],
        external_members=["UBND tỉnh Điện Biên"],
    )
    province = block.members.get(unit__isnull=False)
    client = client_for(world, "canbotdkt")
    response = client.post(
        reverse("blocks:external_result", args=[block.pk]),
        {"member": province.pk, "total": "96,5", "rank": "2", "award_note": "Bằng khen của Thủ tướng"},
    )
    assert response.status_code == 302
    result = block.results.get(member=province)
    assert (result.total, result.rank, result.source) == (Decimal("96.50"), 2, "recorded")
    assert queries.block_ranks([world["units"]["UBND"].pk], 2022) == {world["units"]["UBND"].pk: 2}


def test_quantitative_criterion_tied_to_a_movement_target_suggests_the_reported_achievement(world):
    import datetime

    from thidua.movements import services as movements

    units = world["units"]
    movement = movements.create_movement(
        actor=None,
        launching_unit=units["UBND"],
        name="Phong trào thi đua thực hiện nhiệm vụ năm 2022",
        kind="thuong_xuyen",
        period_start=datetime.date(2022, 1, 1),
        period_end=datetime.date(2022, 12, 31),
        units_in_scope=[units["SGDDT"]],
    )
    target = movements.add_target(
        movement,
        actor=None,
        name="Tỷ lệ hoàn thành kế hoạch",
        unit_of_measure="%",
        direction="at_least",
        target_value=Decimal(100),
        responsible_units=[units["SGDDT"]],
    )
    movements.launch_movement(movement, actor=None)
    movements.report_progress(
        target,
        actor=None,
        unit=units["SGDDT"],
        period_kind="year",
        period_year=2022,
        period_index=1,
        value=Decimal("97.5"),
    )
    client = client_for(world, "truongkhoi")
    row = world["rows"]["1.2"]
    form_page = client.get(reverse("blocks:criterion_edit", args=[world["block"].pk, row.pk]))
    assert target in form_page.context["form"].fields["source_target"].queryset
    services.update_criterion(row, actor=None, source_target=target)
    round_ = services.open_self_scoring(world["block"], actor=None)
    sheet = round_.sheets.get(kind=SheetKind.SELF, member__unit__code="SGDDT")
    response = client_for(world, "vanthu.sgd").get(reverse("blocks:sheet_detail", args=[sheet.pk]))
    html = response.content.decode()
    assert "Báo cáo tiến độ phong trào: 97,5%" in html
    assert response.context["form"].fields[f"v_{row.pk}"].initial == Decimal("97.50")


def test_vote_and_assignment_lists_put_the_bootstrap_class_on_the_inputs_only(world):
    from thidua.blocks import forms

    members = world["block"].members.select_related("unit")
    assign = str(forms.AssignForm(members=members)["mode"])
    assert assign.startswith('<div id="id_mode">')
    assert 'type="radio" name="mode" value="rotation" class="form-check-input"' in assign
    vote = str(forms.VoteForm(members=members, candidates=[])["approved"])
    assert vote.startswith('<div id="id_approved">')


def messages_of(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


def row_form(code, text, kind, points="", parent=None, **extra) -> dict:
    return {
        "code": code,
        "text": text,
        "kind": kind,
        "points": points,
        "parent": parent.pk if parent else "",
        **extra,
    }


def test_head_builds_a_table_in_the_page_a_group_then_its_rows():
    world = build_world(with_table=False)
    block = world["block"]
    client = client_for(world, "truongkhoi")
    table_url = reverse("blocks:table_detail", args=[block.pk])
    response = client.post(
        reverse("blocks:table_edit", args=[block.pk]),
        {"title": "Bảng tiêu chí năm 2022", "total_points": "100"},
    )
    assert (response.status_code, response["Location"]) == (302, table_url)
    add_url = reverse("blocks:criterion_add", args=[block.pk])
    response = client.post(
        add_url, row_form("1", "Tiêu chuẩn 1: Thực hiện nhiệm vụ", "group", "60"), follow=True
    )
    assert messages_of(response) == ["Đã thêm mục 1."]
    group = block.table.rows.get(code="1")
    # The "add under" link preselects the parent.
    assert client.get(f"{add_url}?cha={group.pk}").context["form"].initial["parent"] == str(group.pk)
    response = client.post(
        add_url,
        row_form(
            "1.1",
            "Hoàn thành kế hoạch công tác năm",
            "qualitative",
            "30",
            group,
            evidence_required="on",
            reviewer="Văn phòng Sở",
        ),
        follow=True,
    )
    assert messages_of(response) == ["Đã thêm mục 1.1."]
    response = client.post(
        add_url,
        row_form(
            "1.2", "Tỷ lệ hồ sơ đúng hạn", "quantitative", "30", group, formula="proportional", target="100"
        ),
        follow=True,
    )
    assert messages_of(response) == ["Đã thêm mục 1.2."]
    criterion = block.table.rows.get(code="1.2")
    response = client.post(
        add_url,
        row_form("1.2.1", "Mỗi báo cáo chậm: trừ 0,5 điểm", "penalty", "0,5", criterion, per_occurrence="on"),
        follow=True,
    )
    assert messages_of(response) == ["Đã thêm mục 1.2.1."]
    rows = [
        (row.code, row.parent.code if row.parent else "", row.kind, row.points, row.depth)
        for row in queries.table_rows(block.table)
    ]
    assert rows == [
        ("1", "", "group", Decimal("60.00"), 0),
        ("1.1", "1", "qualitative", Decimal("30.00"), 1),
        ("1.2", "1", "quantitative", Decimal("30.00"), 1),
        ("1.2.1", "1.2", "penalty", Decimal("0.50"), 2),
    ]
    first = block.table.rows.get(code="1.1")
    assert (first.evidence_required, first.reviewer) == (True, "Văn phòng Sở")
    assert (criterion.formula, criterion.target) == ("proportional", Decimal("100.00"))
    # A second row with a code already used is refused on the form; nothing is added.
    response = client.post(add_url, row_form("1.1", "Trùng mã", "qualitative", "5", group))
    assert response.status_code == 200
    assert response.context["form"].errors["code"] == ["Mã “1.1” đã có trong bảng."]
    assert block.table.rows.count() == 4
    page = client.get(table_url)
    assert page.context["max_standard"] == Decimal(60)


def test_head_copies_last_years_table_in_the_page():
    from thidua.blocks.testing import build_table

    world = build_world(with_table=False)
    block = world["block"]
    client = client_for(world, "truongkhoi")
    table_url = reverse("blocks:table_detail", args=[block.pk])
    copy_url = reverse("blocks:table_copy", args=[block.pk])
    response = client.post(copy_url, follow=True)
    assert messages_of(response) == ["Không tìm thấy bảng tiêu chí năm trước của khối."]
    earlier = services.create_block(
        actor=None,
        name=block.name,
        year=2021,
        members=[world["units"][code] for code in ("SYT", "SGDDT", "SNV", "STC")],
        head_unit=world["units"]["SYT"],
    )
    earlier_table, _rows = build_table(earlier)
    assert client.get(table_url).context["previous"] == earlier_table
    response = client.post(copy_url, follow=True)
    assert messages_of(response) == ["Đã sao chép bảng tiêu chí năm 2021."]
    from thidua.blocks.table_import import table_rows

    block.refresh_from_db()
    assert table_rows(queries.core_table(block.table)) == table_rows(queries.core_table(earlier_table))
    assert block.table.title == earlier_table.title
    # Once scoring has opened the table is frozen: copying again is refused and changes nothing.
    services.open_self_scoring(block, actor=None)
    before = list(block.table.rows.values_list("pk", flat=True))
    response = client.post(copy_url, follow=True)
    assert messages_of(response) == ["Vòng chấm điểm đã bắt đầu: không sửa được bảng tiêu chí và thành viên."]
    assert list(block.table.rows.values_list("pk", flat=True)) == before
