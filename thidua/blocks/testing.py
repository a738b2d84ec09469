"""Builders shared by the blocks tests (unit, permission and browser tests). Not used by the application.

``build_world()`` makes a small province with five departments, one account per persona (password
``PASSWORD``) and a 2022 block of four departments with a 100-point table (``SMALL_TABLE``) built through the
services, so the tests exercise the same path as the UI.
"""

from __future__ import annotations

from decimal import Decimal

from thidua.org import services as org_services
from thidua.org.enums import Role, UnitType

from . import services
from .models import Block, BlockKind

PASSWORD = "MatKhau@2026"

# (code, parent, text, kind, points, extra fields)
SMALL_TABLE = [
    ("1", "", "Tiêu chuẩn 1: Thực hiện nhiệm vụ chuyên môn", "group", "60", {}),
    ("1.1", "1", "Hoàn thành kế hoạch công tác năm", "qualitative", "30", {"evidence_required": True}),
    (
        "1.2",
        "1",
        "Tỷ lệ hồ sơ giải quyết đúng hạn",
        "quantitative",
        "30",
        {"formula": "proportional", "target": Decimal(100), "deduction_cap": Decimal(2)},
    ),
    ("1.2.1", "1.2", "Mỗi báo cáo chậm: trừ 0,5 điểm", "penalty", "0.5", {"per_occurrence": True}),
    ("2", "", "Tiêu chuẩn 2: Công tác thi đua, khen thưởng", "group", "40", {}),
    ("2.1", "2", "Tổ chức phát động phong trào thi đua", "qualitative", "20", {}),
    ("2.2", "2", "Tỷ lệ đăng ký thi đua", "group", "20", {}),
    ("2.2.1", "2.2", "Đạt 100%: 20 điểm", "qualitative", "20", {"choice_group": "dk"}),
    ("2.2.2", "2.2", "Đạt từ 90% đến dưới 100%: 15 điểm", "qualitative", "15", {"choice_group": "dk"}),
    ("2.2.3", "2.2", "Dưới 90%: 10 điểm", "qualitative", "10", {"choice_group": "dk"}),
    ("2.3", "2", "Được tặng Cờ thi đua của UBND tỉnh: cộng 10 điểm", "bonus", "10", {}),
    ("2.4", "2", "Không gửi báo cáo tổng kết: không xếp loại", "disqualifier", None, {}),
]


def build_table(block: Block, *, actor=None, rows=SMALL_TABLE):
    table = services.create_table(
        block,
        actor=actor,
        title=f"Bảng tiêu chí chấm điểm {block.name} năm {block.year}",
        total_points=Decimal(100),
    )
    by_code = {}
    for code, parent, text, kind, points, extra in rows:
        by_code[code] = services.add_criterion(
            table,
            actor=actor,
            parent=by_code.get(parent),
            code=code,
            text=text,
            kind=kind,
            points=Decimal(points) if points is not None else None,
            **extra,
        )
    table.refresh_from_db()
    return table, by_code


def build_world(*, with_table: bool = True) -> dict:
    root = org_services.create_unit(
        actor=None,
        code="UBND",
        short_name="UBND tỉnh",
        full_name="Ủy ban nhân dân tỉnh Lai Châu",
        unit_type=UnitType.PROVINCE,
    )
    units = {"UBND": root}
    for code, short_name, full_name in [
        ("SGDDT", "Sở GD&ĐT", "Sở Giáo dục và Đào tạo"),
        ("SYT", "Sở Y tế", "Sở Y tế"),
        ("SNV", "Sở Nội vụ", "Sở Nội vụ"),
        ("STC", "Sở Tài chính", "Sở Tài chính"),
        ("STP", "Sở Tư pháp", "Sở Tư pháp"),
    ]:
        units[code] = org_services.create_unit(
            actor=None,
            code=code,
            short_name=short_name,
            full_name=full_name,
            unit_type=UnitType.DEPARTMENT,
            parent=root,
        )
    users = {}
    for username, role, unit, subtree in [
        ("quantri", Role.ADMIN, "UBND", True),
        ("canbotdkt", Role.OFFICER, "UBND", True),
        ("truongkhoi", Role.BLOCK_HEAD, "SYT", False),
        ("vanthu.syt", Role.CLERK, "SYT", True),
        ("vanthu.sgd", Role.CLERK, "SGDDT", True),
        ("vanthu.snv", Role.CLERK, "SNV", True),
        ("vanthu.stc", Role.CLERK, "STC", True),
        ("vanthu.stp", Role.CLERK, "STP", True),
        ("xemtin", Role.VIEWER, "SGDDT", True),
        ("khongvaitro", None, None, False),
    ]:
        user = org_services.create_account(
            actor=None, username=username, full_name=username, password=PASSWORD
        )
        if role is not None:
            org_services.grant_role(user, actor=None, unit=units[unit], role=role, include_subtree=subtree)
        users[username] = user
    block = services.create_block(
        actor=None,
        name="Khối các sở quản lý nhà nước về văn hóa – xã hội",
        year=2022,
        kind=BlockKind.BLOCK,
        members=[units["SYT"], units["SGDDT"], units["SNV"], units["STC"]],
        head_unit=units["SYT"],
        deputy_unit=units["SGDDT"],
        outlier_threshold=Decimal(3),
        tie_breaks="1",
    )
    world = {"units": units, "users": users, "block": block}
    if with_table:
        world["table"], world["rows"] = build_table(block)
    return world


def full_entries(rows, *, p11="30", v12="100", band="2.2.1", p21="20") -> dict[int, dict]:
    return {
        rows["1.1"].pk: {"points": p11},
        rows["1.2"].pk: {"value": v12},
        rows["2.1"].pk: {"points": p21},
        rows[band].pk: {"count": "1"},
    }


def run_round(world: dict, *, until: str = "locked"):
    """Drive the world's block through the services: self-scoring (with evidence), round-robin cross-scoring
    by one peer, aggregation, lock. ``until``: "self", "cross", "review" or "locked"."""
    from django.core.files.base import ContentFile

    from .models import SheetKind

    block, rows = world["block"], world["rows"]
    round_ = services.open_self_scoring(block, actor=None)
    if until == "self":
        return round_
    for index, sheet in enumerate(round_.sheets.filter(kind=SheetKind.SELF).order_by("member__order")):
        services.save_entries(sheet, actor=None, values=full_entries(rows, p11=str(30 - index)))
        services.add_evidence(
            sheet, actor=None, criterion=rows["1.1"], file=ContentFile(b"%PDF-1.4", name="bc.pdf")
        )
        services.submit_sheet(sheet, actor=None)
    members = list(block.members.order_by("order"))
    services.assign_assessors(round_, actor=None, pairs=services.rotation_pairs(members, 1))
    services.start_cross_scoring(round_, actor=None)
    if until == "cross":
        return round_
    for index, sheet in enumerate(round_.sheets.filter(kind=SheetKind.CROSS).order_by("member__order")):
        services.save_entries(sheet, actor=None, values=full_entries(rows, p11=str(29 - index)))
        services.submit_sheet(sheet, actor=None)
    services.aggregate_round(round_, actor=None)
    if until == "review":
        round_.refresh_from_db()
        return round_
    services.lock_round(round_, actor=None)
    round_.refresh_from_db()
    return round_
