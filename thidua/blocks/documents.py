"""Printable documents: scoring sheets (PDF), the tờ trình and the biên bản kiểm phiếu (PDF and DOCX).

PDFs are HTML templates rendered by WeasyPrint with the vendored Tinos fonts; DOCX files are built with
python-docx from the same data (``proposal_data`` and ``minutes_data``), so the two formats say the same
thing. Layout follows the administrative format of Nghị định 30/2020/NĐ-CP: issuing body and national motto
side by side, number and place-date line, title, body, recipients and signer.
"""

from __future__ import annotations

import datetime
import io
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from . import queries
from .models import Ballot, Block, ProposedAward, Scoresheet, SheetKind
from .scoring import format_points

FONT_DIR = settings.BASE_DIR / "thidua" / "static" / "vendor" / "fonts" / "tinos"
MOTTO = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO_2 = "Độc lập - Tự do - Hạnh phúc"


def font_faces() -> str:
    faces = []
    for file, weight, style in (
        ("Tinos-Regular.ttf", "normal", "normal"),
        ("Tinos-Bold.ttf", "bold", "normal"),
        ("Tinos-Italic.ttf", "normal", "italic"),
        ("Tinos-BoldItalic.ttf", "bold", "italic"),
    ):
        faces.append(
            "@font-face { font-family: 'Tinos'; "
            f"src: url('{(FONT_DIR / file).as_uri()}'); font-weight: {weight}; font-style: {style}; }}"
        )
    return "\n".join(faces)


def place_date(place: str, day: datetime.date) -> str:
    return _("%(place)s, ngày %(d)s tháng %(m)s năm %(y)s") % {
        "place": place,
        "d": f"{day.day:02d}",
        "m": f"{day.month:02d}",
        "y": day.year,
    }


def render_pdf(template: str, context: dict) -> bytes:
    from weasyprint import HTML

    html = render_to_string(template, {**context, "font_faces": font_faces()})
    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf()


def _place(block: Block) -> str:
    return (block.head_unit.place_name if block.head_unit_id else "") or "Lai Châu"


def _issuer(block: Block) -> tuple[str, str]:
    return ("UBND TỈNH LAI CHÂU", block.name.upper())


# --- scoring sheets -----------------------------------------------------------------------------------------


@dataclass
class SheetLine:
    """One row of a printed scoring sheet. ``standard``, ``bonus`` and ``deduction`` are the table's "Chuẩn",
    "Thưởng" and "Trừ" columns (what the row is worth, as the Tiền Giang table prints them); ``reviewer`` the
    department that checks the row; ``self_points`` and ``final_points`` what the two sheets record."""

    code: str
    text: str
    depth: int
    kind: str
    kind_label: str
    standard: str
    bonus: str
    deduction: str
    reviewer: str
    self_points: str
    final_points: str
    comment: str
    is_group: bool


def _entry_text(entry, node_total: str | None) -> str:
    if entry is None:
        return ""
    parts = []
    if entry.value is not None:
        parts.append(f"{format_points(entry.value)}%")
    if entry.count is not None and entry.points is None:
        if entry.count == 0:
            parts.append("0")
        else:
            parts.append(_("%(n)s lần") % {"n": format_points(entry.count)} if entry.count != 1 else "✓")
    if entry.points is not None:
        parts.append(format_points(entry.points))
    return " · ".join(parts) if parts else (node_total or "")


def _worth(row, sign: str) -> str:
    """A bonus or penalty row's points as the table prints them: "+1", "-0,5/lần", "-1 (tối đa 3)"."""
    if row.points is None:
        return ""
    text = f"{sign}{format_points(row.points)}"
    if row.per_occurrence:
        text += _("/lần")
    if row.row_max is not None:
        text += " " + _("(tối đa %(max)s)") % {"max": format_points(row.row_max)}
    return text


def _cap(value) -> str:
    return _("tối đa %(cap)s") % {"cap": format_points(value)} if value is not None else ""


def _columns(row, node, is_group: bool) -> tuple[str, str, str]:
    """The row's "Chuẩn", "Thưởng" and "Trừ" cells."""
    if row.kind == "bonus":
        return "", _worth(row, "+"), ""
    if row.kind == "penalty":
        return "", "", _worth(row, "-")
    if row.kind == "disqualifier":
        return "", "", _("không xếp loại")
    standard = format_points(node.max_standard()) if is_group else format_points(row.points)
    if row.kind == "group" and not node.has_standard_rows():
        standard = ""
    return standard, _cap(row.bonus_cap), _cap(row.deduction_cap)


def sheet_lines(block: Block, self_sheet: Scoresheet | None, other: Scoresheet | None) -> list[SheetLine]:
    table = block.table
    rows = queries.table_rows(table)
    core = queries.core_table(table, rows)
    nodes = core.by_code()
    self_entries = {e.criterion_id: e for e in self_sheet.entries.all()} if self_sheet else {}
    other_entries = {e.criterion_id: e for e in other.entries.all()} if other else {}
    lines = []
    for row in rows:
        node = nodes[row.code]
        is_group = row.kind == "group" or bool(node.children and node.has_standard_rows())
        if is_group:
            self_text = (
                format_points(Decimal(self_sheet.subtotals[row.code]))
                if self_sheet and row.code in self_sheet.subtotals
                else ""
            )
            other_text = (
                format_points(Decimal(other.subtotals[row.code]))
                if other and row.code in other.subtotals
                else ""
            )
        else:
            self_text = _entry_text(self_entries.get(row.pk), None)
            other_text = _entry_text(other_entries.get(row.pk), None)
        standard, bonus, deduction = _columns(row, node, is_group)
        comment = other_entries.get(row.pk) or self_entries.get(row.pk)
        lines.append(
            SheetLine(
                code=row.code,
                text=row.text,
                depth=row.depth,
                kind=row.kind,
                kind_label=row.get_kind_display(),
                standard=standard,
                bonus=bonus,
                deduction=deduction,
                reviewer=row.reviewer,
                self_points=self_text,
                final_points=other_text,
                comment=comment.comment if comment else "",
                is_group=is_group,
            )
        )
    return lines


def _sheet_summary(self_sheet: Scoresheet | None, other: Scoresheet | None) -> list[tuple[str, str, str]]:
    """Standard points earned, bonus (thưởng), deduction (trừ) of the two sheets, for the lines under the
    table (empty for a blank sheet)."""
    if self_sheet is None and other is None:
        return []

    def cell(sheet, name):
        return format_points(getattr(sheet, name)) if sheet is not None else ""

    return [
        (_("Điểm chuẩn đạt"), cell(self_sheet, "standard"), cell(other, "standard")),
        (_("Điểm thưởng (cộng)"), cell(self_sheet, "bonus"), cell(other, "bonus")),
        (_("Điểm trừ"), cell(self_sheet, "deduction"), cell(other, "deduction")),
    ]


def scoring_sheet_pdf(block: Block, sheet: Scoresheet | None = None) -> bytes:
    """A printable sheet: blank (the table alone) or for one member (self-assessment beside the assessor's or
    the agreed score)."""
    self_sheet = other = None
    if sheet is not None:
        if sheet.kind == SheetKind.SELF:
            self_sheet = sheet
        else:
            other = sheet
            self_sheet = sheet.round.sheets.filter(kind=SheetKind.SELF, member=sheet.member).first()
    other_label = ""
    if other is not None:
        other_label = (
            _("Điểm thống nhất")
            if other.kind == SheetKind.FINAL
            else _("Điểm chấm của %(unit)s") % {"unit": other.assessor.short_label}
        )
    context = {
        "blk": block,
        "table": block.table,
        "sheet": sheet,
        "self_sheet": self_sheet,
        "other": other,
        "other_label": other_label,
        "lines": sheet_lines(block, self_sheet, other),
        "issuer": _issuer(block),
        "place_date": place_date(_place(block), timezone.localdate()),
        "self_total": format_points(self_sheet.total) if self_sheet else "",
        "other_total": format_points(other.total) if other else "",
        "summary": _sheet_summary(self_sheet, other),
    }
    return render_pdf("blocks/pdf/scoresheet.html", context)


# --- proposal and minutes -----------------------------------------------------------------------------------


def proposal_data(ballot: Ballot) -> dict:
    meeting = ballot.meeting
    block = meeting.block
    tally = queries.ballot_tally(ballot)
    day = meeting.held_on  # the tờ trình goes out with the meeting's outcome
    proposed = []
    for index, row in enumerate(tally.proposed, start=1):
        proposed.append(
            {
                "index": index,
                "unit": row.member.label,
                "award": row.award_label,
                "total": format_points(row.total) if row.total is not None else "",
                "rank": row.rank or "",
                "votes": row.votes,
                "percentage": format_points(row.percentage),
            }
        )
    return {
        "blk": block,
        "ballot": ballot,
        "meeting": meeting,
        "tally": tally,
        "issuer": _issuer(block),
        "number": ballot.document_number or "      /TTr-KTĐ",
        "place_date": place_date(_place(block), day),
        "title": _(
            "Về việc đề nghị tặng Cờ thi đua của UBND tỉnh và Bằng khen của Chủ tịch UBND tỉnh năm %(year)s"
        )
        % {"year": block.year},
        "recipient": _(
            "Hội đồng Thi đua – Khen thưởng tỉnh Lai Châu (qua Ban Thi đua – Khen thưởng, Sở Nội vụ)"
        ),
        "proposed": proposed,
        "members": len([m for m in block.members.all() if m.unit_id]),
        "signer_title": ballot.signer_title or _("TRƯỞNG KHỐI"),
        "signer_name": ballot.signer_name,
        "signer_unit": block.head_unit.full_name if block.head_unit_id else "",
    }


def minutes_data(ballot: Ballot) -> dict:
    meeting = ballot.meeting
    block = meeting.block
    tally = queries.ballot_tally(ballot)
    members = [row for row in meeting.attendance.select_related("member__unit")]
    present = [row for row in members if row.present]
    absent = [row for row in members if not row.present]
    rows = [
        {
            "index": index,
            "unit": row.member.label,
            "award": row.award_label,
            "rank": row.rank or "",
            "votes": row.votes,
            "percentage": format_points(row.percentage),
            "result": _("Đạt") if row.passed else _("Không đạt"),
        }
        for index, row in enumerate(tally.rows, start=1)
    ]
    return {
        "blk": block,
        "ballot": ballot,
        "meeting": meeting,
        "tally": tally,
        "issuer": _issuer(block),
        "place_date": place_date(_place(block), meeting.held_on),
        "title": _("Kiểm phiếu bình xét thi đua năm %(year)s") % {"year": block.year},
        "present": present,
        "absent": absent,
        "rows": rows,
        "required": format_points(tally.required_percentage),
        "proposed": [row for row in rows if row["result"] == _("Đạt")],
        "time": meeting.held_on,
    }


def proposal_pdf(ballot: Ballot) -> bytes:
    data = proposal_data(ballot)
    return render_pdf("blocks/pdf/to_trinh.html", {**data, "paragraphs": proposal_paragraphs(data)})


def minutes_pdf(ballot: Ballot) -> bytes:
    data = minutes_data(ballot)
    return render_pdf("blocks/pdf/bien_ban.html", {**data, "paragraphs": minutes_paragraphs(data)})


# --- DOCX ---------------------------------------------------------------------------------------------------


def _docx_base():
    from docx import Document
    from docx.shared import Pt

    document = Document()
    style = document.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(13)
    return document


def _docx_header(document, issuer: tuple[str, str], number: str, place_date_text: str) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    table = document.add_table(rows=2, cols=2)
    left, right = table.rows[0].cells
    paragraph = left.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.add_run(issuer[0] + "\n")
    paragraph.add_run(issuer[1]).bold = True
    paragraph = right.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.add_run(MOTTO + "\n").bold = True
    paragraph.add_run(MOTTO_2).bold = True
    number_cell, date_cell = table.rows[1].cells
    paragraph = number_cell.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.add_run(number)
    paragraph = date_cell.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.add_run(place_date_text).italic = True


def _docx_title(document, title: str, subtitle: str) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    paragraph = document.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.add_run(title).bold = True
    paragraph = document.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.add_run(subtitle).bold = True


def _docx_table(document, headers: list[str], rows: list[list]) -> None:
    table = document.add_table(rows=1, cols=len(headers))
    table.style = "Table Grid"
    for cell, header in zip(table.rows[0].cells, headers, strict=True):
        cell.paragraphs[0].add_run(header).bold = True
    for values in rows:
        cells = table.add_row().cells
        for cell, value in zip(cells, values, strict=True):
            cell.text = str(value)


def _docx_bytes(document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def proposal_docx(ballot: Ballot) -> bytes:
    data = proposal_data(ballot)
    document = _docx_base()
    _docx_header(document, data["issuer"], _("Số: %(n)s") % {"n": data["number"]}, data["place_date"])
    _docx_title(document, _("TỜ TRÌNH"), data["title"])
    document.add_paragraph(_("Kính gửi: %(r)s") % {"r": data["recipient"]})
    for text in proposal_paragraphs(data):
        document.add_paragraph(text)
    _docx_table(
        document,
        [
            _("STT"),
            _("Đơn vị"),
            _("Hình thức đề nghị"),
            _("Tổng điểm"),
            _("Xếp hạng"),
            _("Số phiếu đồng ý"),
            _("Tỷ lệ (%)"),
        ],
        [
            [
                item["index"],
                item["unit"],
                item["award"],
                item["total"],
                item["rank"],
                item["votes"],
                item["percentage"],
            ]
            for item in data["proposed"]
        ],
    )
    document.add_paragraph(
        _(
            "Khối thi đua kính đề nghị Hội đồng Thi đua – Khen thưởng tỉnh xem xét, trình Chủ tịch UBND tỉnh khen thưởng."
        )
    )
    document.add_paragraph(_("Nơi nhận:\n- Như trên;\n- Các đơn vị trong khối;\n- Lưu: VT."))
    paragraph = document.add_paragraph()
    paragraph.add_run(
        _("TM. KHỐI THI ĐUA") + "\n" + data["signer_title"] + "\n\n\n" + data["signer_name"]
    ).bold = True
    return _docx_bytes(document)


def proposal_paragraphs(data: dict) -> list[str]:
    block = data["blk"]
    tally = data["tally"]
    meeting = data["meeting"]
    return [
        _(
            "Căn cứ kết quả chấm điểm thi đua năm %(year)s đã được khóa và kết quả bỏ phiếu kín tại cuộc họp của khối "
            "ngày %(date)s (có %(present)s/%(members)s đơn vị thành viên dự họp, %(ballots)s phiếu hợp lệ; tỷ lệ phiếu "
            "đồng ý cần đạt từ %(required)s%% trở lên),"
        )
        % {
            "year": block.year,
            "date": f"{meeting.held_on:%d/%m/%Y}",
            "present": tally.present,
            "members": data["members"],
            "ballots": tally.ballots,
            "required": format_points(tally.required_percentage),
        },
        _("%(block)s kính đề nghị khen thưởng các đơn vị sau:") % {"block": block.name},
    ]


def minutes_docx(ballot: Ballot) -> bytes:
    data = minutes_data(ballot)
    document = _docx_base()
    _docx_header(document, data["issuer"], "", data["place_date"])
    _docx_title(document, _("BIÊN BẢN KIỂM PHIẾU"), data["title"])
    for text in minutes_paragraphs(data):
        document.add_paragraph(text)
    _docx_table(
        document,
        [
            _("STT"),
            _("Đơn vị"),
            _("Hình thức đề nghị"),
            _("Xếp hạng"),
            _("Số phiếu đồng ý"),
            _("Tỷ lệ (%)"),
            _("Kết quả"),
        ],
        [
            [
                row["index"],
                row["unit"],
                row["award"],
                row["rank"],
                row["votes"],
                row["percentage"],
                row["result"],
            ]
            for row in data["rows"]
        ],
    )
    paragraph = document.add_paragraph()
    paragraph.add_run(
        _("THƯ KÝ")
        + "\n\n\n"
        + data["meeting"].secretary_name
        + "\t\t\t"
        + _("CHỦ TRÌ")
        + "\n\n\n"
        + data["meeting"].chair_name
    ).bold = True
    return _docx_bytes(document)


def reranking_sentence(tally) -> str:
    """How the vote reordered candidates tied on points (the block breaks ties by votes)."""
    changes = []
    for row in tally.reranked:
        text = _("%(unit)s từ hạng %(before)s thành hạng %(after)s") % {
            "unit": row.member.label,
            "before": row.ballot_rank or "—",
            "after": row.rank or "—",
        }
        if row.award != row.ballot_award:
            text += _(", đề nghị %(award)s thay cho %(ballot_award)s") % {
                "award": row.award_label,
                "ballot_award": ProposedAward(row.ballot_award).label,
            }
        changes.append(text)
    return _("Xếp hạng lại theo số phiếu đồng ý (các đơn vị bằng điểm): %(changes)s.") % {
        "changes": "; ".join(changes)
    }


def minutes_paragraphs(data: dict) -> list[str]:
    meeting = data["meeting"]
    tally = data["tally"]
    paragraphs = [
        _("Hôm nay, ngày %(date)s, tại %(place)s, %(block)s tổ chức họp bình xét thi đua năm %(year)s.")
        % {
            "date": f"{meeting.held_on:%d/%m/%Y}",
            "place": meeting.place or "—",
            "block": data["blk"].name,
            "year": data["blk"].year,
        },
        _("Chủ trì: %(chair)s. Thư ký: %(secretary)s.")
        % {"chair": meeting.chair_name or "—", "secretary": meeting.secretary_name or "—"},
        _("Đơn vị dự họp (%(n)s): %(units)s.")
        % {"n": len(data["present"]), "units": "; ".join(row.member.label for row in data["present"]) or "—"},
    ]
    if data["absent"]:
        paragraphs.append(
            _("Đơn vị vắng (%(n)s): %(units)s.")
            % {"n": len(data["absent"]), "units": "; ".join(row.member.label for row in data["absent"])}
        )
    paragraphs.append(
        _(
            "Số phiếu phát ra: %(present)s; số phiếu thu về: %(ballots)s; số phiếu hợp lệ: %(ballots)s. "
            "Tỷ lệ phiếu đồng ý cần đạt: từ %(required)s%% trở lên so với số đơn vị dự họp."
        )
        % {"present": tally.present, "ballots": tally.ballots, "required": data["required"]}
    )
    if tally.reranked:
        paragraphs.append(reranking_sentence(tally))
    paragraphs.append(_("Kết quả kiểm phiếu:"))
    return paragraphs


def proposed_rows(ballot: Ballot) -> list[dict]:
    """The list of proposed units, for the Excel export."""
    return [
        {
            "unit": item["unit"],
            "award": item["award"],
            "total": item["total"],
            "rank": item["rank"],
            "votes": item["votes"],
            "percentage": item["percentage"],
        }
        for item in proposal_data(ballot)["proposed"]
    ]
