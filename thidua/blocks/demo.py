"""Demo data for blocks and clusters: Lai Châu's 2022 blocks, fully scored, ranked and voted; one 2023 block in
the middle of self-scoring; and the outside cluster of the seven northern border provinces.

``load(context)`` runs after ``thidua.org.demo`` (it needs ``context["units"]``) and writes only through
``thidua.blocks.services`` (actor ``None``: the system), so every step has its audit entry.

What is real and what is illustrative: the units are the demo's Lai Châu units; the criteria tables are modelled
on provincial tables (Tiền Giang 2022, the Lai Châu 2022 directive's headings) but are not any province's
issued table; every score, vote and outside-cluster result is generated (``random.Random(2022)``) and
illustrative. The outside cluster's membership (Hà Giang, Cao Bằng, Lạng Sơn, Lào Cai, Điện Biên, Lai Châu,
Sơn La: the seven northern mountainous border provinces) is the seed's "7 tỉnh miền núi biên giới phía Bắc".
"""

from __future__ import annotations

import datetime
import random
from decimal import Decimal

from django.core.files.base import ContentFile

from thidua.org.enums import PositionLevel
from thidua.org.models import Employment, Unit

from . import services
from .models import Block, BlockKind, SheetKind

SEED = 2022
D = Decimal

# (code, parent, text, kind, points, extra)
DEPARTMENT_TABLE = [
    ("1", "", "Tiêu chuẩn 1: Thực hiện nhiệm vụ chính trị, chuyên môn được giao", "group", "40", {}),
    (
        "1.1",
        "1",
        "Ban hành kịp thời kế hoạch thực hiện nhiệm vụ năm; triển khai đầy đủ các chỉ đạo của Tỉnh ủy, UBND tỉnh",
        "qualitative",
        "10",
        {},
    ),
    (
        "1.2",
        "1",
        "Tỷ lệ hoàn thành các chỉ tiêu kế hoạch năm được UBND tỉnh giao (đủ điểm khi đạt 100%, dưới 100% tính "
        "theo tỷ lệ)",
        "quantitative",
        "15",
        {"formula": "proportional", "target": D(100), "evidence_required": True},
    ),
    (
        "1.3",
        "1",
        "Tỷ lệ hồ sơ thủ tục hành chính được giải quyết đúng hạn (tổng điểm trừ của mục không quá 2 điểm)",
        "quantitative",
        "10",
        {"formula": "proportional", "target": D(100), "deduction_cap": D(2)},
    ),
    (
        "1.3.1",
        "1.3",
        "Mỗi hồ sơ quá hạn bị tổ chức, công dân phản ánh và được xác minh là đúng: trừ 0,5 điểm",
        "penalty",
        "0.5",
        {"per_occurrence": True},
    ),
    (
        "1.4",
        "1",
        "Thực hiện chế độ thông tin, báo cáo định kỳ, đột xuất đúng thời hạn (tổng điểm trừ không quá 2 điểm)",
        "qualitative",
        "5",
        {"deduction_cap": D(2)},
    ),
    (
        "1.4.1",
        "1.4",
        "Mỗi báo cáo chậm so với thời hạn: trừ 0,5 điểm",
        "penalty",
        "0.5",
        {"per_occurrence": True},
    ),
    ("2", "", "Tiêu chuẩn 2: Công tác thi đua, khen thưởng", "group", "25", {}),
    (
        "2.1",
        "2",
        "Ban hành kế hoạch, phát động phong trào thi đua thường xuyên và các đợt thi đua chuyên đề",
        "qualitative",
        "5",
        {},
    ),
    ("2.2", "2", "Tỷ lệ tập thể, cá nhân đăng ký thi đua (chọn một mức)", "group", "10", {}),
    ("2.2.1", "2.2", "Đạt 100%: 10 điểm", "qualitative", "10", {"choice_group": "dang-ky"}),
    ("2.2.2", "2.2", "Đạt từ 95% đến dưới 100%: 8 điểm", "qualitative", "8", {"choice_group": "dang-ky"}),
    ("2.2.3", "2.2", "Dưới 95%: 5 điểm", "qualitative", "5", {"choice_group": "dang-ky"}),
    ("2.3", "2", "Phát hiện, bồi dưỡng, tổng kết và nhân rộng điển hình tiên tiến", "qualitative", "5", {}),
    (
        "2.3.1",
        "2.3",
        "Mỗi mô hình, điển hình được cấp tỉnh công nhận: cộng 0,5 điểm, tối đa 1 điểm (chỉ cộng khi đạt đủ điểm "
        "chuẩn của mục)",
        "bonus",
        "0.5",
        {"per_occurrence": True, "row_max": D(1), "requires_full_standard": True},
    ),
    ("2.4", "2", "Hồ sơ đề nghị khen thưởng đúng thời gian, đúng quy định", "qualitative", "5", {}),
    ("3", "", "Tiêu chuẩn 3: Xây dựng cơ quan, đơn vị", "group", "20", {}),
    (
        "3.1",
        "3",
        "Cải cách hành chính, chuyển đổi số",
        "qualitative",
        "5",
        {"reviewer": "Sở Nội vụ"},
    ),
    (
        "3.2",
        "3",
        "Thực hành tiết kiệm, chống lãng phí; phòng, chống tham nhũng, tiêu cực",
        "qualitative",
        "5",
        {"reviewer": "Thanh tra tỉnh"},
    ),
    ("3.3", "3", "Xây dựng tổ chức đảng, đoàn thể trong sạch, vững mạnh", "qualitative", "5", {}),
    (
        "3.4",
        "3",
        "Cán bộ, công chức, viên chức chấp hành kỷ luật, kỷ cương hành chính",
        "qualitative",
        "5",
        {},
    ),
    (
        "3.4.1",
        "3.4",
        "Mỗi cán bộ, công chức, viên chức bị kỷ luật từ khiển trách trở lên: trừ 2 điểm",
        "penalty",
        "2",
        {"per_occurrence": True},
    ),
    ("4", "", "Tiêu chuẩn 4: Tham gia hoạt động của khối", "group", "15", {}),
    ("4.1", "4", "Tham gia đầy đủ hội nghị, hoạt động do khối tổ chức", "qualitative", "5", {}),
    ("4.2", "4", "Ký kết và thực hiện nội dung giao ước thi đua", "qualitative", "10", {}),
    (
        "5",
        "",
        "Điểm cộng, điểm trừ và không xếp loại (điểm cộng không quá 15 điểm)",
        "group",
        None,
        {"bonus_cap": D(15)},
    ),
    (
        "5.1",
        "5",
        "Được tặng Cờ thi đua của UBND tỉnh hoặc của Bộ, ngành Trung ương trong năm: cộng 10 điểm",
        "bonus",
        "10",
        {"choice_group": "co"},
    ),
    (
        "5.2",
        "5",
        "Được tặng Cờ thi đua của Chính phủ trong năm: cộng 15 điểm",
        "bonus",
        "15",
        {"choice_group": "co"},
    ),
    (
        "5.3",
        "5",
        "Không gửi báo cáo tổng kết, bảng tự chấm điểm đúng hạn: không xếp loại",
        "disqualifier",
        None,
        {},
    ),
]

# Wording that differs for districts and for mass organisations (code → text).
DISTRICT_TEXTS = {
    "1": "Tiêu chuẩn 1: Phát triển kinh tế – xã hội, bảo đảm quốc phòng, an ninh",
    "1.1": "Lãnh đạo, chỉ đạo thực hiện các nhiệm vụ trọng tâm, đột phá của huyện, thành phố",
    "1.2": "Tỷ lệ hoàn thành các chỉ tiêu kinh tế – xã hội Hội đồng nhân dân giao (đủ điểm khi đạt 100%, dưới 100% "
    "tính theo tỷ lệ)",
    "1.3": "Tỷ lệ thu ngân sách nhà nước trên địa bàn so với dự toán giao (tổng điểm trừ của mục không quá 2 điểm)",
    "1.3.1": "Mỗi khoản nợ đọng xây dựng cơ bản phát sinh mới bị phát hiện: trừ 0,5 điểm",
    "4": "Tiêu chuẩn 4: Tham gia hoạt động của cụm",
    "4.1": "Tham gia đầy đủ hội nghị, hoạt động do cụm tổ chức",
}
MASS_TEXTS = {
    "1": "Tiêu chuẩn 1: Thực hiện nhiệm vụ chính trị, công tác tập hợp đoàn viên, hội viên",
    "1.1": "Tổ chức các hoạt động tuyên truyền, vận động đoàn viên, hội viên thực hiện chủ trương, chính sách",
    "1.2": "Tỷ lệ phát triển đoàn viên, hội viên mới so với chỉ tiêu (đủ điểm khi đạt 100%, dưới 100% tính theo tỷ lệ)",
    "1.3": "Tỷ lệ thực hiện các chương trình giám sát, phản biện xã hội theo kế hoạch (tổng điểm trừ không quá 2 điểm)",
    "1.3.1": "Mỗi chương trình giám sát không thực hiện theo kế hoạch: trừ 0,5 điểm",
}

BLOCKS_2022 = [
    # (name, kind, member codes, head, deputy, table texts)
    (
        "Khối thi đua các cơ quan văn hóa – xã hội",
        BlockKind.BLOCK,
        ["SYT", "SGDDT", "SVHTTDL", "SLDTBXH", "STTTT", "SKHCN", "BAOLC", "DAIPTTH"],
        "SYT",
        "SGDDT",
        {},
    ),
    (
        "Khối thi đua các cơ quan kinh tế – tổng hợp",
        BlockKind.BLOCK,
        ["SKHDT", "STC", "SCT", "SNNPTNT", "SXD", "SGTVT", "STNMT"],
        "SKHDT",
        "STC",
        {},
    ),
    (
        "Khối thi đua các cơ quan nội chính",
        BlockKind.BLOCK,
        ["SNV", "STP", "TTT", "BDT", "VPUBND", "CAT", "BCHQS"],
        "STP",
        "TTT",
        {},
    ),
    (
        "Cụm thi đua các huyện, thành phố",
        BlockKind.CLUSTER,
        ["TPLC", "HTD", "HPT", "HSH", "HMT", "HTU", "HTNU", "HNN"],
        "TPLC",
        "HTD",
        DISTRICT_TEXTS,
    ),
    (
        "Khối thi đua Mặt trận Tổ quốc và các đoàn thể tỉnh",
        BlockKind.BLOCK,
        ["MTTQ", "TDOAN", "HLHPN", "HND", "LDLD", "HCCB"],
        "MTTQ",
        "LDLD",
        MASS_TEXTS,
    ),
]

OUTSIDE_CLUSTER = "Cụm thi đua 7 tỉnh miền núi biên giới phía Bắc"
OUTSIDE_MEMBERS = [
    "UBND tỉnh Hà Giang",
    "UBND tỉnh Cao Bằng",
    "UBND tỉnh Lạng Sơn",
    "UBND tỉnh Lào Cai",
    "UBND tỉnh Điện Biên",
    "UBND tỉnh Sơn La",
]

AGREEMENT = (
    "Các đơn vị trong khối cam kết: thực hiện thắng lợi nhiệm vụ chính trị năm; đẩy mạnh phong trào thi đua "
    "“Lai Châu chung sức xây dựng nông thôn mới”; thực hiện nghiêm kỷ luật, kỷ cương hành chính; hoàn thành báo "
    "cáo, hồ sơ thi đua đúng thời hạn."
)
PLAN = (
    "Quý I: ký kết giao ước thi đua, ban hành bảng tiêu chí chấm điểm.\n"
    "Quý II – III: kiểm tra chéo việc thực hiện giao ước.\n"
    "Tháng 11: các đơn vị tự chấm điểm, nộp báo cáo kèm minh chứng.\n"
    "Tháng 12: chấm chéo, tổng hợp, họp bình xét và bỏ phiếu đề nghị khen thưởng."
)

# A one-page PDF used as the demo's evidence files.
EVIDENCE_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]/Contents 4 0 R/Resources<</Font<</F1 5 0 R>>>>>>"
    b"endobj\n4 0 obj<</Length 44>>stream\nBT /F1 14 Tf 72 770 Td (Bao cao minh chung) Tj ET\nendstream\nendobj\n"
    b"5 0 obj<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)


def table_rows(texts: dict[str, str]) -> list[tuple]:
    return [
        (code, parent, texts.get(code, text), kind, points, extra)
        for code, parent, text, kind, points, extra in DEPARTMENT_TABLE
    ]


def build_table(block: Block, texts: dict[str, str]):
    """The block's table through the services, row by row (as an officer would build it in the UI)."""
    table = services.create_table(
        block,
        actor=None,
        title=f"Bảng tiêu chí chấm điểm thi đua {block.name.lower()} năm {block.year}",
        total_points=D(100),
    )
    rows = {}
    for code, parent, text, kind, points, extra in table_rows(texts):
        rows[code] = services.add_criterion(
            table,
            actor=None,
            parent=rows.get(parent),
            code=code,
            text=text,
            kind=kind,
            points=D(points) if points is not None else None,
            **extra,
        )
    return table, rows


def _quality(rng: random.Random) -> float:
    return rng.uniform(0.78, 1.0)


def entries_for(rows: dict, rng: random.Random, quality: float, *, generous: float = 0.0) -> dict[int, dict]:
    """Plausible entries for one member: ``quality`` (0..1) drives the points, ``generous`` adds a bit (the
    self-assessment is kinder than the assessors)."""
    level = min(1.0, quality + generous)

    def points(code: str) -> str:
        maximum = float(rows[code].points)
        value = round(maximum * min(1.0, level + rng.uniform(-0.05, 0.05)) * 2) / 2
        return str(max(0.0, min(maximum, value)))

    values: dict[int, dict] = {}
    for code in ("1.1", "1.4", "2.1", "2.3", "2.4", "3.1", "3.2", "3.3", "3.4", "4.1", "4.2"):
        values[rows[code].pk] = {"points": points(code)}
    values[rows["1.2"].pk] = {"value": str(round(min(105.0, 80 + 25 * level + rng.uniform(-3, 3)), 1))}
    values[rows["1.3"].pk] = {"value": str(round(min(100.0, 90 + 10 * level + rng.uniform(-2, 1)), 1))}
    late = rng.choice([0, 0, 0, 1, 2]) if level < 0.95 else 0
    if late:
        values[rows["1.4.1"].pk] = {"count": str(late), "comment": f"{late} báo cáo chậm"}
    band = "2.2.1" if level > 0.93 else ("2.2.2" if level > 0.85 else "2.2.3")
    values[rows[band].pk] = {"count": "1"}
    if level > 0.95:
        values[rows["2.3.1"].pk] = {
            "count": str(rng.choice([1, 2])),
            "comment": "Mô hình được tỉnh công nhận",
        }
    if rng.random() < 0.15:
        values[rows["3.4.1"].pk] = {"count": "1", "comment": "01 viên chức bị khiển trách"}
    return values


def _signer(unit: Unit) -> tuple[str, str]:
    head = (
        Employment.objects.filter(
            unit=unit,
            end_date__isnull=True,
            position_level__in=[PositionLevel.DEPARTMENT_HEAD, PositionLevel.DISTRICT_HEAD],
        )
        .select_related("person")
        .first()
    )
    if head is None:
        return "Thủ trưởng đơn vị", ""
    return head.person.full_name, head.position_title


def _evidence(sheet, row, unit_code: str) -> None:
    services.add_evidence(
        sheet,
        actor=None,
        criterion=row,
        file=ContentFile(
            EVIDENCE_PDF, name=f"bao-cao-ket-qua-{unit_code.lower()}-{sheet.round.block.year}.pdf"
        ),
    )


def self_score(round_, rows, members, qualities, rng, *, submit=True, only=None) -> None:
    for member in members:
        if only is not None and member.unit.code not in only:
            continue
        sheet = round_.sheets.get(kind=SheetKind.SELF, member=member)
        services.save_entries(
            sheet,
            actor=None,
            values=entries_for(rows, rng, qualities[member.pk], generous=0.04),
            comment="Đơn vị hoàn thành tốt nhiệm vụ năm.",
        )
        _evidence(sheet, rows["1.2"], member.unit.code)
        if submit:
            services.submit_sheet(sheet, actor=None)


def run_block_2022(name, kind, codes, head, deputy, texts, units, rng) -> Block:
    block = services.create_block(
        actor=None,
        name=name,
        year=2022,
        kind=kind,
        members=[units[code] for code in codes],
        head_unit=units[head],
        deputy_unit=units[deputy],
        plan=PLAN,
        agreement_text=AGREEMENT,
        outlier_threshold=D(2),
        tie_breaks="1, phiếu",
        flag_count=1,
        merit_count=2,
        vote_percentage=D(50),
    )
    services.upload_regulation(
        block,
        actor=None,
        file=ContentFile(EVIDENCE_PDF, name=f"quy-che-{block.pk}-2022.pdf"),
        number="01/QC-KTĐ",
    )
    members = list(block.members.select_related("unit"))
    for member in members:
        signer, title = _signer(member.unit)
        services.sign_agreement(
            block,
            actor=None,
            member=member,
            signer_name=signer,
            signer_title=title,
            signed_on=datetime.date(2022, 3, 15),
        )
    _table, rows = build_table(block, texts)
    round_ = services.open_self_scoring(block, actor=None)
    qualities = {member.pk: _quality(rng) for member in members}
    self_score(round_, rows, members, qualities, rng)
    services.assign_assessors(round_, actor=None, pairs=services.rotation_pairs(members, 2))
    services.start_cross_scoring(round_, actor=None)
    cross = list(round_.sheets.filter(kind=SheetKind.CROSS).select_related("member"))
    for index, sheet in enumerate(cross):
        values = entries_for(rows, rng, qualities[sheet.member_id])
        if index == 1:  # one assessor far off on 1.1: flagged for discussion
            values[rows["1.1"].pk] = {"points": "4", "comment": "Chưa thấy kế hoạch năm"}
        services.save_entries(sheet, actor=None, values=values)
        services.submit_sheet(sheet, actor=None)
    services.set_deadlines(
        round_,
        actor=None,
        self_deadline=datetime.date(2022, 11, 30),
        cross_deadline=datetime.date(2022, 12, 10),
    )
    services.aggregate_round(round_, actor=None)
    flagged = cross[1]
    final = round_.sheets.get(kind=SheetKind.FINAL, member=flagged.member)
    services.adjust_entry(
        final,
        actor=None,
        criterion=rows["1.1"],
        points=rows["1.1"].points - D(1),
        reason="Hai đơn vị chấm lệch nhau; đối chiếu kế hoạch năm và báo cáo của đơn vị: kế hoạch ban hành đúng hạn, "
        "triển khai chậm 01 nội dung. Thống nhất 9/10 điểm.",
    )
    services.lock_round(round_, actor=None)
    meeting = services.create_meeting(
        block,
        actor=None,
        held_on=datetime.date(2022, 12, 20),
        place=f"Hội trường {units[head].short_name}",
        chair_name=_signer(units[head])[0],
        secretary_name="Chuyên viên phụ trách thi đua của đơn vị trưởng khối",
    )
    absent = members[-1].pk
    services.record_attendance(
        meeting,
        actor=None,
        attendance={member.pk: (member.pk != absent, _signer(member.unit)[0]) for member in members},
    )
    ballot = services.open_ballot(meeting, actor=None)
    candidates = list(ballot.candidates.all())
    for member in members:
        if member.pk == absent:
            continue
        approved = [c.pk for c in candidates if rng.random() < {1: 0.97, 2: 0.85}.get(c.position, 0.5)]
        services.cast_vote(ballot, actor=None, member=member, approved=approved)
    services.close_ballot(ballot, actor=None)
    signer, title = _signer(units[head])
    services.update_ballot_documents(
        ballot,
        actor=None,
        document_number=f"{rng.randint(10, 99)}/TTr-KTĐ",
        signer_name=signer,
        signer_title=(title or "Trưởng khối").upper(),
    )
    return block


def load(context: dict) -> None:
    units: dict[str, Unit] = context["units"]
    rng = random.Random(SEED)
    blocks = [run_block_2022(*spec, units, rng) for spec in BLOCKS_2022]

    # 2023: the culture and society block, copied with its members and table, head by rotation; self-scoring
    # under way (half the members have submitted).
    culture_2022 = blocks[0]
    culture_2023 = services.copy_block(culture_2022, actor=None)
    round_ = services.open_self_scoring(
        culture_2023, actor=None, deadline=datetime.date.today() + datetime.timedelta(days=30)
    )
    members = list(culture_2023.members.select_related("unit"))
    rows = {row.code: row for row in culture_2023.table.rows.all()}
    qualities = {member.pk: _quality(rng) for member in members}
    self_score(round_, rows, members, qualities, rng, only={"SVHTTDL", "SLDTBXH", "STTTT", "BAOLC"})
    self_score(round_, rows, members, qualities, rng, submit=False, only={"SKHCN"})

    outside = services.create_block(
        actor=None,
        name=OUTSIDE_CLUSTER,
        year=2022,
        kind=BlockKind.OUTSIDE,
        members=[units["UBND"]],
        external_members=OUTSIDE_MEMBERS,
        organiser="UBND tỉnh Lào Cai",
        plan="Cụm do các tỉnh luân phiên làm cụm trưởng; Lai Châu ghi nhận thành viên và kết quả theo văn bản "
        "của cụm. Số liệu kết quả trong dữ liệu mẫu là minh họa.",
    )
    totals = sorted((D(rng.randint(930, 990)) / 10 for _ in range(7)), reverse=True)
    ordered = list(outside.members.order_by("order"))
    rng.shuffle(ordered)
    for rank, (member, total) in enumerate(zip(ordered, totals, strict=True), start=1):
        services.record_external_result(
            member,
            actor=None,
            total=total,
            rank=rank,
            award_note="Cờ thi đua của Chính phủ (đề nghị)" if rank == 1 else "",
        )
    context["blocks"] = {block.name: block for block in [*blocks, culture_2023, outside]}
