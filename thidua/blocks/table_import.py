"""Read and write criteria tables as rows with Vietnamese column headers, from CSV or an Excel workbook.

Pure Python (openpyxl for workbooks, imported lazily). One row per criterion, parents before children::

    Mã | Mã cha | Nội dung | Loại | Điểm | Tính theo lần | Tối đa của dòng | Điểm cộng tối đa | Điểm trừ tối đa
    | Nhóm lựa chọn | Chỉ cộng khi đạt đủ điểm chuẩn | Công thức | Mục tiêu/ngưỡng | Đơn vị theo dõi đánh giá
    | Yêu cầu minh chứng | Ghi chú

* ``Mã``, ``Nội dung`` and ``Loại`` are required; the other columns may be left out or left blank.
* ``Loại``: Nhóm, Định tính, Định lượng, Cộng điểm, Trừ điểm, Không xếp loại (with or without diacritics).
* Numbers take a decimal comma or point, and an optional sign: "0,5", "+ 0,1", "-1". A penalty may be written
  negative, as in the paper tables; it is stored as a positive amount.
* Yes/no columns take "Có" / "x" / "1" for yes and "Không" / "0" / blank for no.
* ``Công thức``: "Tỷ lệ" (full points at or above the target, proportional below) or "Ngưỡng" (full points at
  or above the target, nothing below).

Reading checks every row first and raises :class:`TableImportError` with every problem, row by row, in
Vietnamese, followed by the table's own validation (:func:`thidua.blocks.scoring.validate_table`). Nothing is
returned unless the whole file is sound.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import IO

from thidua.blocks.scoring import (
    FORMULA_LABELS,
    KIND_LABELS,
    CriteriaTable,
    Criterion,
    Formula,
    Kind,
    format_points,
    validate_table,
)
from thidua.core.vietnamese import fold

__all__ = [
    "HEADERS",
    "TableImportError",
    "read_csv",
    "read_rows",
    "read_xlsx",
    "table_rows",
    "write_csv",
    "write_xlsx",
]

# (field, header) in file order.
COLUMNS: tuple[tuple[str, str], ...] = (
    ("code", "Mã"),
    ("parent", "Mã cha"),
    ("text", "Nội dung"),
    ("kind", "Loại"),
    ("points", "Điểm"),
    ("per_occurrence", "Tính theo lần"),
    ("row_max", "Tối đa của dòng"),
    ("bonus_cap", "Điểm cộng tối đa"),
    ("deduction_cap", "Điểm trừ tối đa"),
    ("choice_group", "Nhóm lựa chọn"),
    ("requires_full_standard", "Chỉ cộng khi đạt đủ điểm chuẩn"),
    ("formula", "Công thức"),
    ("target", "Mục tiêu/ngưỡng"),
    ("reviewer", "Đơn vị theo dõi đánh giá"),
    ("evidence_required", "Yêu cầu minh chứng"),
    ("note", "Ghi chú"),
)
HEADERS = tuple(header for _, header in COLUMNS)
REQUIRED = ("code", "text", "kind")
_FIELD_BY_HEADER = {fold(header): name for name, header in COLUMNS}
_CAPTION = dict(COLUMNS)

_KINDS = (
    {fold(label): kind for kind, label in KIND_LABELS.items()}
    | {kind.value: kind for kind in Kind}
    | {
        "cong": Kind.BONUS,
        "thuong": Kind.BONUS,
        "diem thuong": Kind.BONUS,
        "tru": Kind.PENALTY,
        "tieu chuan": Kind.GROUP,
    }
)
_FORMULAS = {fold(label): formula for formula, label in FORMULA_LABELS.items()} | {
    formula.value: formula for formula in Formula
}
_YES = {"co", "x", "1", "true", "yes", "dung"}
_NO = {"", "khong", "0", "false", "no"}


class TableImportError(ValueError):
    """A file that cannot be read as a criteria table; ``messages`` lists every problem, in Vietnamese."""

    def __init__(self, messages: list[str]):
        super().__init__("\n".join(messages))
        self.messages = messages


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Có" if value else "Không"
    if isinstance(value, float):
        return format(Decimal(repr(value)).normalize(), "f")
    return str(value).strip()


def _number(text: str) -> Decimal:
    cleaned = text.replace(" ", "").replace("\u00a0", "").lstrip("+")
    if "," in cleaned:
        cleaned = cleaned.replace(".", "").replace(",", ".")
    return Decimal(cleaned)


def read_rows(
    rows: Iterable[Sequence[object]],
    *,
    title: str = "",
    year: int | None = None,
    total_points: Decimal | int | None = None,
) -> CriteriaTable:
    """Build a table from rows whose first row holds the headers. Row numbers in messages count the header
    row as row 1, as a spreadsheet does."""
    iterator = iter(rows)
    try:
        header = [_cell_text(cell) for cell in next(iterator)]
    except StopIteration:
        raise TableImportError(["Tệp trống: không có dòng tiêu đề."]) from None
    messages: list[str] = []
    positions: dict[str, int] = {}
    for index, caption in enumerate(header):
        if not caption:
            continue
        name = _FIELD_BY_HEADER.get(fold(caption))
        if name is None:
            messages.append(f"Dòng 1: không nhận ra cột “{caption}”.")
        elif name in positions:
            messages.append(f"Dòng 1: cột “{caption}” bị lặp.")
        else:
            positions[name] = index
    for name in REQUIRED:
        if name not in positions:
            messages.append(f"Dòng 1: thiếu cột “{_CAPTION[name]}”.")
    if messages:
        raise TableImportError(messages)

    roots: list[Criterion] = []
    nodes: dict[str, Criterion] = {}
    for row_number, raw in enumerate(iterator, start=2):
        cells = [_cell_text(cell) for cell in raw]
        if not any(cells):
            continue
        values = {name: (cells[index] if index < len(cells) else "") for name, index in positions.items()}
        node, parent_code, row_messages = _parse_row(row_number, values)
        if node is not None and not row_messages:
            if node.code in nodes:
                row_messages.append(f"Dòng {row_number}: mã “{node.code}” đã có ở dòng phía trên.")
            elif parent_code and parent_code not in nodes:
                row_messages.append(
                    f"Dòng {row_number}: mã cha “{parent_code}” không có ở các dòng phía trên."
                )
        if row_messages:
            messages.extend(row_messages)
            continue
        assert node is not None
        nodes[node.code] = node
        if parent_code:
            nodes[parent_code].children.append(node)
        else:
            roots.append(node)
    if messages:
        raise TableImportError(messages)
    table = CriteriaTable(
        title=title,
        criteria=roots,
        year=year,
        total_points=Decimal(total_points) if total_points is not None else None,
    )
    problems = validate_table(table)
    if problems:
        raise TableImportError(problems)
    return table


def _parse_row(row_number: int, values: dict[str, str]) -> tuple[Criterion | None, str, list[str]]:
    prefix = f"Dòng {row_number}"
    messages: list[str] = []
    code = values.get("code", "")
    text = values.get("text", "")
    if not code:
        messages.append(f"{prefix}: thiếu mã.")
    if not text:
        messages.append(f"{prefix}: thiếu nội dung.")
    kind_text = values.get("kind", "")
    kind = _KINDS.get(fold(kind_text))
    if kind is None:
        allowed = ", ".join(KIND_LABELS.values())
        messages.append(f"{prefix}: loại “{kind_text}” không hợp lệ (chọn một trong: {allowed}).")

    numbers: dict[str, Decimal | None] = {}
    for name in ("points", "row_max", "bonus_cap", "deduction_cap", "target"):
        text_value = values.get(name, "")
        if not text_value:
            numbers[name] = None
            continue
        try:
            number = _number(text_value)
        except InvalidOperation:
            messages.append(f"{prefix}: cột “{_CAPTION[name]}” không phải là số (“{text_value}”).")
            continue
        if number < 0 and not (name == "points" and kind == Kind.PENALTY):
            messages.append(f"{prefix}: cột “{_CAPTION[name]}” không được âm ({format_points(number)}).")
            continue
        numbers[name] = abs(number)

    flags: dict[str, bool] = {}
    for name in ("per_occurrence", "requires_full_standard", "evidence_required"):
        folded = fold(values.get(name, ""))
        if folded in _YES:
            flags[name] = True
        elif folded in _NO:
            flags[name] = False
        else:
            messages.append(
                f"{prefix}: cột “{_CAPTION[name]}” chỉ nhận “Có” hoặc “Không” (“{values[name]}”)."
            )

    formula = None
    formula_text = values.get("formula", "")
    if formula_text:
        formula = _FORMULAS.get(fold(formula_text))
        if formula is None:
            allowed = ", ".join(FORMULA_LABELS.values())
            messages.append(f"{prefix}: công thức “{formula_text}” không hợp lệ (chọn một trong: {allowed}).")
    if messages:
        return None, "", messages
    assert kind is not None
    node = Criterion(
        code=code,
        text=text,
        kind=kind,
        points=numbers["points"],
        per_occurrence=flags["per_occurrence"],
        row_max=numbers["row_max"],
        bonus_cap=numbers["bonus_cap"],
        deduction_cap=numbers["deduction_cap"],
        choice_group=values.get("choice_group", ""),
        requires_full_standard=flags["requires_full_standard"],
        formula=formula,
        target=numbers["target"],
        reviewer=values.get("reviewer", ""),
        evidence_required=flags["evidence_required"],
        note=values.get("note", ""),
    )
    return node, values.get("parent", ""), messages


def read_csv(
    source: str | Path | IO[str],
    *,
    title: str = "",
    year: int | None = None,
    total_points: Decimal | int | None = None,
    delimiter: str = ",",
) -> CriteriaTable:
    """Read a table from a CSV file path, an open text file, or CSV text (a string holding a newline)."""
    if isinstance(source, Path) or (isinstance(source, str) and "\n" not in source):
        with open(source, encoding="utf-8-sig", newline="") as handle:
            return read_csv(handle, title=title, year=year, total_points=total_points, delimiter=delimiter)
    handle = io.StringIO(source.lstrip("\ufeff")) if isinstance(source, str) else source
    return read_rows(
        csv.reader(handle, delimiter=delimiter), title=title, year=year, total_points=total_points
    )


def read_xlsx(
    source: str | Path | IO[bytes],
    *,
    title: str = "",
    year: int | None = None,
    total_points: Decimal | int | None = None,
    sheet: str | None = None,
) -> CriteriaTable:
    """Read a table from an Excel workbook: the named sheet, or the first one."""
    import openpyxl

    workbook = openpyxl.load_workbook(source, read_only=True, data_only=True)
    try:
        worksheet = workbook[sheet] if sheet else workbook.worksheets[0]
        return read_rows(
            worksheet.iter_rows(values_only=True), title=title, year=year, total_points=total_points
        )
    finally:
        workbook.close()


def table_rows(table: CriteriaTable) -> list[list[str]]:
    """The table as rows of text: the header row, then one row per criterion, parents first."""
    parents = table.parents()
    rows = [list(HEADERS)]
    for node in table.walk():
        parent = parents[node.code]
        rows.append(
            [
                node.code,
                parent.code if parent else "",
                node.text,
                node.kind.label,
                format_points(node.points),
                "Có" if node.per_occurrence else "",
                format_points(node.row_max),
                format_points(node.bonus_cap),
                format_points(node.deduction_cap),
                node.choice_group,
                "Có" if node.requires_full_standard else "",
                node.formula.label if node.formula else "",
                format_points(node.target),
                node.reviewer,
                "Có" if node.evidence_required else "",
                node.note,
            ]
        )
    return rows


def write_csv(table: CriteriaTable, target: IO[str] | None = None) -> str:
    """Write the table as CSV (comma separated, decimal commas quoted) and return the text."""
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(table_rows(table))
    text = buffer.getvalue()
    if target is not None:
        target.write(text)
    return text


def write_xlsx(table: CriteriaTable, target: str | Path | IO[bytes]) -> None:
    """Write the table as an Excel workbook with one sheet, numbers as numbers."""
    import openpyxl
    from openpyxl.styles import Alignment, Font

    workbook = openpyxl.Workbook()
    worksheet = workbook.active
    worksheet.title = "Bảng tiêu chí"
    numeric = {
        index
        for index, (name, _) in enumerate(COLUMNS)
        if name in {"points", "row_max", "bonus_cap", "deduction_cap", "target"}
    }
    for row_index, row in enumerate(table_rows(table)):
        cells: list[object] = []
        for index, value in enumerate(row):
            if row_index and index in numeric and value:
                cells.append(_number(value))
            else:
                cells.append(value)
        worksheet.append(cells)
    for cell in worksheet[1]:
        cell.font = Font(bold=True)
    worksheet.column_dimensions["C"].width = 80
    for row in worksheet.iter_rows(min_row=2, min_col=3, max_col=3):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    workbook.save(target)
