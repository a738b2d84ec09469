"""Acceptance on real data, through the database: the Tiền Giang 2022 table imported from its CSV into a block,
amended as both documents applied it (through the table services), the Cai Lậy office's self-assessment and
the department's verification entered item by item as sheets. thidua stores 124,4 and 118,4."""

from decimal import Decimal

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile

from thidua.blocks import queries, scoring, services
from thidua.blocks.examples.tien_giang_2022 import AGREED, SELF_ASSESSMENT
from thidua.blocks.models import CriterionRow, SheetKind
from thidua.org import services as org_services
from thidua.org.enums import UnitType

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def values_of(table, entries: dict[str, scoring.Entry]) -> dict[int, dict]:
    rows = {row.code: row for row in table.rows.all()}
    return {
        rows[code].pk: {"points": e.points, "count": e.count, "value": e.value, "comment": e.comment}
        for code, e in entries.items()
    }


def attach_required_evidence(sheet):
    for entry in sheet.entries.select_related("criterion").filter(criterion__evidence_required=True):
        services.add_evidence(
            sheet,
            actor=None,
            criterion=entry.criterion,
            file=ContentFile(b"%PDF-1.4", name=f"{entry.criterion.code}.pdf"),
        )


@pytest.fixture
def block(tien_giang_csv):
    root = org_services.create_unit(
        actor=None,
        code="STNMT.TG",
        short_name="Sở TN&MT",
        full_name="Sở Tài nguyên và Môi trường tỉnh Tiền Giang",
        unit_type=UnitType.EXTERNAL,
    )
    cai_lay = org_services.create_unit(
        actor=None,
        code="PTNMT.CL",
        short_name="Phòng TN&MT Cai Lậy",
        full_name="Phòng Tài nguyên và Môi trường thị xã Cai Lậy",
        unit_type=UnitType.EXTERNAL,
        parent=root,
    )
    cai_be = org_services.create_unit(
        actor=None,
        code="PTNMT.CB",
        short_name="Phòng TN&MT Cái Bè",
        full_name="Phòng Tài nguyên và Môi trường huyện Cái Bè",
        unit_type=UnitType.EXTERNAL,
        parent=root,
    )
    block = services.create_block(
        actor=None,
        name="Khối các Phòng TN&MT cấp huyện",
        year=2022,
        members=[cai_lay, cai_be],
        head_unit=cai_be,
        deputy_unit=cai_lay,
    )
    upload = SimpleUploadedFile("bang_diem_chuan.csv", tien_giang_csv.read_bytes(), content_type="text/csv")
    services.import_table(
        block, actor=None, file=upload, title="Bảng điểm chuẩn 2022", total_points=Decimal(100)
    )
    return block


def apply_departures(table):
    rows = {row.code: row for row in table.rows.all()}
    services.update_criterion(rows["d2.3"], actor=None, row_max=None)
    services.update_criterion(rows["C2.4"], actor=None, row_max=None)
    services.add_criterion(
        table,
        actor=None,
        parent=rows["C4.2"],
        code="C4.2.3",
        text="Cộng điểm mô hình thu gom rác thải nhựa (áp dụng theo biên bản thẩm định, không có trong bảng)",
        kind="bonus",
        points=Decimal("0.5"),
        note="Xem TABLE_DEPARTURES.",
    )


def test_import_stores_every_row_of_the_csv(block, tien_giang_table):
    table = block.table
    assert table.rows.count() == len(list(tien_giang_table.walk()))
    assert queries.core_table(table).by_code()["a4"].deduction_cap == Decimal(2)
    assert queries.table_problems(table) == []


def test_cai_lay_self_assessment_and_verification_give_124_4_and_118_4(block):
    table = block.table
    apply_departures(table)
    round_ = services.open_self_scoring(block, actor=None)
    members = {m.unit.code: m for m in block.members.select_related("unit")}
    own = round_.sheets.get(kind=SheetKind.SELF, member=members["PTNMT.CL"])
    services.save_entries(own, actor=None, values=values_of(table, SELF_ASSESSMENT))
    attach_required_evidence(own)
    services.submit_sheet(own, actor=None)
    own.refresh_from_db()
    assert own.total == Decimal("124.40")

    # The department's verification: Cái Bè's office stands in as the verifying member for Cai Lậy.
    services.assign_assessors(
        round_,
        actor=None,
        pairs=[(members["PTNMT.CL"], members["PTNMT.CB"]), (members["PTNMT.CB"], members["PTNMT.CL"])],
    )
    services.start_cross_scoring(round_, actor=None)
    for sheet in round_.sheets.filter(kind=SheetKind.CROSS):
        services.save_entries(sheet, actor=None, values=values_of(table, AGREED))
        services.submit_sheet(sheet, actor=None)
    services.aggregate_round(round_, actor=None)
    final = round_.sheets.get(kind=SheetKind.FINAL, member=members["PTNMT.CL"])
    assert final.total == Decimal("118.40")
    services.lock_round(round_, actor=None)
    cai_lay = members["PTNMT.CL"].unit
    assert block.results.get(member=members["PTNMT.CL"]).total == Decimal("118.40")
    assert queries.block_ranks([cai_lay.pk], 2022) == {cai_lay.pk: 1}


def test_export_then_import_keeps_the_table(block):
    import io

    from thidua.blocks import table_import

    core = queries.core_table(block.table)
    buffer = io.BytesIO()
    table_import.write_xlsx(core, buffer)
    copy = services.copy_block(block, actor=None, copy_table=False)
    services.import_table(
        copy, actor=None, file=SimpleUploadedFile("bang.xlsx", buffer.getvalue()), total_points=Decimal(100)
    )
    assert table_import.table_rows(queries.core_table(copy.table)) == table_import.table_rows(core)
    assert CriterionRow.objects.filter(table=copy.table).count() == block.table.rows.count()
