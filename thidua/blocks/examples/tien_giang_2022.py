"""The Cai Lậy office's 2022 scores under Tiền Giang's table, entered item by item from the two documents.

Sources (in ``shared/reference/real-examples/scoring-table-tien-giang-2022/``):

* the table: "Bảng điểm chuẩn" of the Sở Tài nguyên và Môi trường tỉnh Tiền Giang, 2022, transcribed in our
  format as ``tests/blocks/fixtures/tien_giang_2022_bang_diem_chuan.csv`` (our codes; the original code of a
  renamed row is in its "Ghi chú");
* the self-assessment: Báo cáo số 403/BC-PTNMT of the Phòng TN&MT thị xã Cai Lậy, "tự chấm 124,4/100 điểm";
* the verification: the department's Biên bản of 09/12/2022, "thống nhất ... là 118,4 điểm".

Both documents add up: their section subtotals (``STATED_SELF``, ``STATED_AGREED``) sum to their totals. But
three of their bonuses cannot be had from the table as issued, so :func:`as_applied` amends the table the way
both documents applied it, and ``TABLE_DEPARTURES`` gives the reason for each amendment. ``ENTRY_NOTES`` lists
the places where the documents' own wording departs from the table and how the entries below read them.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from thidua.blocks.scoring import CriteriaTable, Criterion, Entry, Kind, chosen, given, occurs

__all__ = [
    "AGREED",
    "AGREED_TOTAL",
    "ENTRY_NOTES",
    "SELF_ASSESSMENT",
    "SELF_TOTAL",
    "STATED_AGREED",
    "STATED_SELF",
    "TABLE_DEPARTURES",
    "Departure",
    "as_applied",
]

SELF_TOTAL = Decimal("124.4")
AGREED_TOTAL = Decimal("118.4")


@dataclass(frozen=True)
class Departure:
    code: str
    change: str
    reason: str


TABLE_DEPARTURES: tuple[Departure, ...] = (
    Departure(
        code="d2.3",
        change="Bỏ mức tối đa 2 điểm của dòng; giữ mức cộng tối đa 7 điểm của cả mục d2.",
        reason=(
            "Dòng d2.3 ghi “điểm cộng tối đa không quá 2 điểm”, nhưng báo cáo tự chấm cộng 6 điểm (vận động rút "
            "06 đơn) và biên bản thẩm định thống nhất cộng 4 điểm (04 đương sự rút đơn), chỉ giới hạn bởi ghi chú "
            "“Điểm trừ, cộng tối đa đối với d2 không quá 7 điểm”. Cả hai văn bản tính như vậy và tổng 118,4 "
            "được thống nhất trên cách tính đó."
        ),
    ),
    Departure(
        code="C2.4",
        change="Bỏ mức tối đa 0,5 điểm của dòng; tính 0,1 điểm cho mỗi 1% vượt mức 90%.",
        reason=(
            "Dòng C2.4 ghi “trên 92% được +0,1 điểm, luỹ kế cứ tăng 1% được cộng 0,1 điểm nhưng điểm cộng tối "
            "đa không quá 0,5 điểm”. Hai văn bản (gọi là mục C2.5) cùng cộng 0,7 điểm cho tỷ lệ 97,7%, “đạt vượt "
            "7,7%”: tính từ mức chuẩn 90% của mục C2, 0,1 điểm cho mỗi 1% trọn, không giới hạn 0,5. Theo đúng "
            "dòng của bảng thì chỉ được 0,5 điểm."
        ),
    ),
    Departure(
        code="C4.2.3",
        change="Thêm dòng cộng 0,5 điểm dưới C4.2 (không có trong bảng).",
        reason=(
            "Bảng không có điểm cộng nào ở mục C4. Báo cáo tự chấm C4.2 “2,5/02 điểm” và biên bản ghi "
            "“Mục c4.2: +0.5 điểm (có 06 mô hình)”. Dòng thêm vào ghi lại điểm cộng đã được thống nhất."
        ),
    ),
)

ENTRY_NOTES: tuple[Departure, ...] = (
    Departure(
        code="C5.2, C5.3",
        change="Nhập C5.2 = 1 điểm và C5.3 = 3 điểm.",
        reason=(
            "Báo cáo tự chấm ghi “C5.2 Tự chấm 02 điểm” và “C5.3 Tự chấm 02 điểm”, trong khi bảng cho C5.2 "
            "tối đa 1 điểm và C5.3 tối đa 3 điểm. Tổng mục C5 (5/5 điểm) khớp với cả hai cách ghi, nên nhập theo "
            "điểm chuẩn của bảng; biên bản cũng chỉ ghi “Mục c5 ... thống nhất đạt 5 điểm”."
        ),
    ),
    Departure(
        code="a4.2",
        change="Chỉ nhập a4.2.2 (+2 điểm).",
        reason=(
            "Báo cáo trình bày cả a4.2.1 và a4.2.2 nhưng chỉ cộng 2 điểm; bảng cho cộng “01 trong 02 trường hợp”, "
            "nên hai dòng là một nhóm lựa chọn."
        ),
    ),
    Departure(
        code="tổng tự chấm",
        change="Lấy 124,4 điểm của Báo cáo 403/BC-PTNMT làm điểm tự chấm.",
        reason=(
            "Biên bản thẩm định ghi “Tổng số điểm tự chấm: 118,4 điểm/100 điểm” với 18,4 điểm thưởng (a7 +4, "
            "d2.3 +4): đó là điểm tự chấm đơn vị trình bày lại tại cuộc họp, sau khi đã rút bớt a7.6 và d2.3. "
            "Bản tự chấm gốc bằng văn bản là 124,4 điểm."
        ),
    ),
    Departure(
        code="mã mục",
        change="Đổi mã theo bảng.",
        reason=(
            "Hai văn bản gọi dòng cộng C2.4 là “C2.5”, dòng 4.3.1 là “4.3.1.1”, và dòng 3.3.2.1.d là "
            "“3.3.2.1”; các dòng “a.7.6”, “b.2.5” … viết không có dấu chấm sau chữ cái."
        ),
    ),
)


def as_applied(table: CriteriaTable) -> CriteriaTable:
    """The table as issued, amended by ``TABLE_DEPARTURES``: the table both documents actually applied."""
    table = table.amended("d2.3", row_max=None)
    table = table.amended("C2.4", row_max=None)
    return table.with_child(
        "C4.2",
        Criterion(
            code="C4.2.3",
            text="Cộng điểm mô hình thu gom rác thải nhựa (áp dụng theo biên bản thẩm định, không có trong bảng)",
            kind=Kind.BONUS,
            points=Decimal("0.5"),
            note="Xem TABLE_DEPARTURES.",
        ),
    )


def _entries(*pairs: tuple[str, Entry]) -> dict[str, Entry]:
    result: dict[str, Entry] = {}
    for code, entry in pairs:
        if code in result:
            raise ValueError(f"duplicate entry {code}")
        result[code] = entry
    return result


# Báo cáo số 403/BC-PTNMT: "Tổng số điểm ... tự chấm ... là 124,4/100 điểm".
SELF_ASSESSMENT: dict[str, Entry] = _entries(
    # Tiêu chuẩn 1, mục a: "tự chấm 40/30 điểm".
    ("a1", given(3, "Phần a1. Tự chấm 03/3 điểm")),
    ("a2", given(3, "Phần a2. Tự chấm 03/3 điểm")),
    ("a3", given(3, "Phần a3. Tự chấm 03/3 điểm")),
    ("a4", given("3.5", "Phần a4. Tự chấm 5,5/3,5 điểm (cộng 2 điểm)")),
    ("a4.2.2", occurs(1, "đạt 99,43% ... cộng 2 điểm")),
    ("a5", given(3, "Phần a5. Tự chấm 03/03 điểm")),
    ("a6", given(3, "Phần a6. Tự chấm 03/03 điểm")),
    ("a7", given(3, "Phần a7. Tự chấm 11/03 điểm")),
    ("a7.6", occurs(8, "có giải pháp tác động quản lý đất công tốt: +8 điểm (08 văn bản, mỗi văn bản +1)")),
    ("a8", given("3.5", "Phần a8. Tự chấm 3,5/3,5 điểm")),
    ("a9", given(5, "Phần a9. Tự chấm 5/5 điểm")),
    # Mục b: "tự chấm 16/15 điểm".
    ("b1", given(2, "Phần b1. Tự chấm 02/02 điểm")),
    ("b2", given(5, "Phần b2. Tự chấm 5,5/05 điểm (05 điểm + 0,5 điểm cộng)")),
    ("b2.5", occurs(1, "b2.5: Kế hoạch số 204/KH-UBND ... (Tự chấm + 0,5 điểm)")),
    ("b3", given(3, "Phần b3. Tự chấm 3,5/3 điểm (3 điểm + 0,5 điểm cộng)")),
    ("b3.1", occurs(1, "b3.1: ... đã được cấp giấy phép đúng quy định. Cộng 0,5 điểm")),
    ("b4", given(5, "Phần b4. Tự chấm 05/05 điểm")),
    # Mục C: "tự chấm 26,4/25 điểm".
    ("C1.1", chosen("Phần C1. Tự chấm 05/05 điểm: thu gom đạt trên 98%")),
    ("C2.1", chosen("C2.1: Tự chấm 5/5 điểm; tỷ lệ thực hiện đạt 97,7%")),
    ("C2.4", occurs(7, "C2.5: ... đạt 97,7% đạt vượt 7,7%. Tự chấm cộng 0,7")),
    ("C3.1.1", chosen("C3.1 Tự chấm: 02/02 điểm")),
    ("C3.2.1", chosen("C3.2: Tự chấm 03/03 điểm; đã tổ chức thu gom 02 đợt")),
    ("C3.3", occurs(1, "C3.3: Phòng đang thực hiện thu gom đợt 3 ... Cộng 0,2 điểm")),
    ("C4.1.1", chosen("C4.1 Tự chấm 02/02 điểm")),
    ("C4.2.1", chosen("C4.2 Tự chấm 2,5/02 điểm: 10/10 xã thực hiện")),
    ("C4.2.3", occurs(1, "C4.2 Tự chấm 2,5/02 điểm: phần cộng 0,5")),
    ("C5.1.1", chosen("C5.1: có văn bản hướng dẫn")),
    ("C5.1.3", chosen("C5.1: có kế hoạch kiểm tra")),
    ("C5.2.1", chosen("C5.2 Tự chấm 02 điểm: 10/10 xã có kế hoạch (bảng: tối đa 1 điểm, xem ENTRY_NOTES)")),
    ("C5.3.1", chosen("C5.3 Tự chấm 02 điểm (bảng: 3 điểm, xem ENTRY_NOTES); C5 tự chấm 05/05")),
    ("C6.1", chosen("Phần C6. Tự chấm 01/01 điểm")),
    # Mục d: "tự chấm 18/10 điểm".
    ("d1", given(3, "Phần d1. Tự chấm 05/03 điểm")),
    ("d1.5", occurs(1, "Thực hiện vượt kế hoạch từ 20% trở lên. (Tự chấm +2 điểm)")),
    ("d2", given(7, "Phần d2. Tự chấm 13/07 điểm")),
    ("d2.3", occurs(6, "d2.3: Có vận động rút 06 đơn khiếu nại lĩnh vực đất đai. (Tự chấm +06 điểm)")),
    # Tiêu chuẩn 2: "Tự chấm 2,5/2 điểm".
    ("2.1", given(1, "Mục 2.1: Tự chấm 1/1 điểm")),
    ("2.2", given(1, "Mục 2.2: Tự chấm 1,5/1 điểm")),
    ("2.2.1", occurs(1, "Có gửi báo cáo trước thời hạn và thực hiện đúng nội dung, biểu mẫu")),
    # Tiêu chuẩn 3: "Tự chấm tạm tính 12,5/10 điểm".
    ("3.1.1", given(2, "Mục 3.1: Tự chấm 2/2 điểm")),
    ("3.2", given(2, "Mục 3.2: Tự chấm 2,5/2 điểm")),
    ("3.2.1", occurs(1, "3.2.1: ... (Tự chấm + 0,5 điểm)")),
    ("3.3.1", given(6, "Mục 3.3: Tự chấm 08/06 điểm; không có hồ sơ trễ hạn")),
    (
        "3.3.2.1.d",
        occurs(1, "3.3.2.1: dưới 1000 hồ sơ, trước hạn 626/723 hồ sơ đạt 86,58% (Tự chấm +2 điểm)"),
    ),
    # Tiêu chuẩn 4: "Tự chấm 4/3 điểm".
    ("4.1", given(1, "Mục 4.1: Tự chấm 01/01 điểm")),
    ("4.2", given("0.5", "Mục 4.2: Tự chấm 0,5/0,5 điểm")),
    ("4.3", given("1.5", "Mục 4.3: Tự chấm 2,5/1,5 điểm")),
    ("4.3.1", occurs(5, "4.3.1.1: có 19 bài viết, trong đó có 05 bài được đăng (Tự chấm +1 điểm)")),
    # Tiêu chuẩn 5: "Tự chấm 5/5 điểm".
    ("5.A", given(2, "Gửi báo cáo đúng thời gian quy định và khi được yêu cầu. (Không trừ)")),
    ("5.B", given(3, "Tiêu chuẩn 5: Tự chấm 5/5 điểm")),
)

# Biên bản thẩm định ngày 09/12/2022: "Tổng số điểm Đoàn thẩm định thống nhất ... là 118,4 điểm".
AGREED: dict[str, Entry] = _entries(
    # Tiêu chuẩn 1: "điểm chuẩn 80 điểm, cộng 14,4 thống nhất đạt 94,4 điểm".
    ("a1", given(3, "Mục a1: Điểm chuẩn 3 điểm, thống nhất 3 điểm")),
    ("a2", given(3, "Mục a2: Điểm chuẩn 3 điểm, thống nhất 3 điểm")),
    ("a3", given(3, "Mục a3: Điểm chuẩn 3 điểm, thống nhất đạt 3 điểm")),
    ("a4", given("3.5", "Mục a4: Điểm chuẩn 3,5 điểm, cộng 2 điểm, thống nhất đạt 5,5 điểm")),
    ("a4.2.2", occurs(1, "Mục a4.2.2: + 2 điểm (cấp GCN lần đầu đạt 99,0%; lũy tiến đạt 95%)")),
    ("a5", given(3, "Mục a5: Điểm chuẩn 3 điểm, thống nhất đạt 3 điểm")),
    ("a6", given(3, "Mục a6: Điểm chuẩn 3 điểm, thống nhất đạt 3 điểm")),
    ("a7", given(3, "Mục a7: Điểm chuẩn 3 điểm, cộng 4 điểm, thống nhất đạt 7 điểm")),
    (
        "a7.6",
        occurs(4, "Mục a7.6: + 4 điểm (tham mưu UBND thị xã ban hành 04 giải pháp về quản lý đất công)"),
    ),
    ("a8", given("3.5", "Mục a8: Điểm chuẩn 3,5 điểm, thống nhất đạt 3,5 điểm")),
    ("a9", given(5, "Mục a9: Điểm chuẩn 5 điểm, thống nhất đạt 5 điểm")),
    ("b1", given(2, "Mục b1: Điểm chuẩn 2 điểm, thống nhất đạt 2 điểm")),
    ("b2", given(5, "Mục b2: Điểm chuẩn 5 điểm, cộng 0,5 điểm, thống nhất đạt 5,5 điểm")),
    ("b2.5", occurs(1, "Mục b2.5: + 0,5 điểm (tham mưu UBND TX ban hành KH về kiểm tra TNMT)")),
    ("b3", given(3, "Mục b3: Điểm chuẩn 3 điểm, cộng 0,5 điểm, thống nhất đạt 3,5 điểm")),
    ("b3.1", occurs(1, "Mục b3.1: + 0,5 điểm (cấp phép đúng quy định)")),
    ("b4", given(5, "Mục b4: Điểm chuẩn 5 điểm, thống nhất đạt 5 điểm")),
    ("C1.1", chosen("Mục c1: Điểm chuẩn 5 điểm, thống nhất đạt 5 điểm")),
    ("C2.1", chosen("Mục c2: Điểm chuẩn 5 điểm, cộng 0,7 điểm, thống nhất đạt 5,7 điểm")),
    ("C2.4", occurs(7, "Mục c2.5: + 0,7 điểm (đạt tiêu chuẩn môi trường 97,7%, đạt vượt 7,7%)")),
    ("C3.1.1", chosen("Mục c3: Điểm chuẩn 5 điểm, cộng 0,2 điểm, thống nhất đạt 5,2 điểm")),
    ("C3.2.1", chosen("Mục c3: Điểm chuẩn 5 điểm")),
    ("C3.3", occurs(1, "Mục c3.3: + 0,2 điểm (thực hiện thu gom đợt 3 năm 2022)")),
    ("C4.1.1", chosen("Mục c4: Điểm chuẩn 4 điểm, cộng 0,5 điểm, thống nhất đạt 4,5 điểm")),
    ("C4.2.1", chosen("Mục c4: Điểm chuẩn 4 điểm")),
    ("C4.2.3", occurs(1, "Mục c4.2: +0.5 điểm (có 06 mô hình)")),
    ("C5.1.1", chosen("Mục c5: Điểm chuẩn 5 điểm, thống nhất đạt 5 điểm")),
    ("C5.1.3", chosen("Mục c5: thống nhất đạt 5 điểm")),
    ("C5.2.1", chosen("Mục c5: thống nhất đạt 5 điểm")),
    ("C5.3.1", chosen("Mục c5: thống nhất đạt 5 điểm")),
    ("C6.1", chosen("Mục c6: Điểm chuẩn 1 điểm, thống nhất đạt 1 điểm")),
    ("d1", given(3, "Mục d1: Điểm chuẩn 3 điểm, cộng 2 điểm, thống nhất đạt 5 điểm")),
    ("d1.5", occurs(1, "(Kiểm tra 11 tổ chức, cá nhân; vượt 20% KH)")),
    ("d2", given(7, "Mục d2: Điểm chuẩn 7 điểm, cộng 4 điểm, thống nhất đạt 11 điểm")),
    ("d2.3", occurs(4, "Mục d2.3: + 4 điểm (vận động 4 đương sự rút đơn khiếu nại đất đai)")),
    # Tiêu chuẩn 2: "Điểm chuẩn 2 điểm, cộng 0,5 điểm, thống nhất đạt 2,5 điểm".
    ("2.1", given(1, "Mục 2.1: Điểm chuẩn 1 điểm, thống nhất đạt 1 điểm")),
    ("2.2", given(1, "Mục 2.2: Điểm chuẩn 1 điểm, cộng 0,5 điểm, thống nhất đạt 1,5 điểm")),
    ("2.2.1", occurs(1, "(gửi báo cáo trước hạn, thực hiện đúng nội dung, biểu mẫu)")),
    # Tiêu chuẩn 3: "Điểm chuẩn 10 điểm; cộng 2,5 điểm, thống nhất đạt 12,5".
    ("3.1.1", given(2, "Mục 3.1: Điểm chuẩn 2 điểm, thống nhất đạt 2 điểm")),
    ("3.2", given(2, "Mục 3.2: Điểm chuẩn 2 điểm, cộng 0,5 điểm, thống nhất đạt 2,5 điểm")),
    ("3.2.1", occurs(1, "Mục 3.2.1: + 0,5 điểm (Có CV số 36/PTNMT ngày 04/3/2022)")),
    ("3.3.1", given(6, "Mục 3.3: Điểm chuẩn 6 điểm, cộng 2 điểm, thống nhất đạt 8 điểm")),
    ("3.3.2.1.d", occurs(1, "Mục 3.3.2.1: + 2 điểm (Giải quyết trước hạn từ 10% trở lên)")),
    # Tiêu chuẩn 4: "điểm chuẩn 3 điểm, cộng 1 thống nhất 4 điểm".
    ("4.1", given(1, "4.1: Điểm chuẩn 1 điểm, thống nhất đạt 1 điểm")),
    ("4.2", given("0.5", "4.2: Điểm chuẩn 0,5 điểm, thống nhất đạt 0,5 điểm")),
    ("4.3", given("1.5", "4.3: Tham gia đầy đủ đạt 1,5 điểm, cộng 1 điểm, thống nhất đạt 2,5 điểm")),
    ("4.3.1", occurs(5, "Mục 4.3.1.1: +1 điểm (có 05 bài đăng bản tin)")),
    # Tiêu chuẩn 5: "Điểm chuẩn 5 điểm, thống nhất đạt 5 điểm".
    ("5.A", given(2, "Tiêu chuẩn 5: thống nhất đạt 5 điểm")),
    ("5.B", given(3, "Tiêu chuẩn 5: thống nhất đạt 5 điểm")),
)

# Subtotals as each document states them: {code: total of the subtree}.
STATED_SELF: dict[str, Decimal] = {
    code: Decimal(value)
    for code, value in {
        "1": "100.4",
        "a": "40",
        "a1": "3",
        "a2": "3",
        "a3": "3",
        "a4": "5.5",
        "a5": "3",
        "a6": "3",
        "a7": "11",
        "a8": "3.5",
        "a9": "5",
        "b": "16",
        "b1": "2",
        "b2": "5.5",
        "b3": "3.5",
        "b4": "5",
        "C": "26.4",
        "C1": "5",
        "C2": "5.7",
        "C3": "5.2",
        "C3.1": "2",
        "C3.2": "3",
        "C4": "4.5",
        "C4.1": "2",
        "C4.2": "2.5",
        "C5": "5",
        "C5.1": "1",
        "C6": "1",
        "d": "18",
        "d1": "5",
        "d2": "13",
        "2": "2.5",
        "2.1": "1",
        "2.2": "1.5",
        "3": "12.5",
        "3.1": "2",
        "3.2": "2.5",
        "3.3": "8",
        "4": "4",
        "4.1": "1",
        "4.2": "0.5",
        "4.3": "2.5",
        "5": "5",
    }.items()
}
STATED_AGREED: dict[str, Decimal] = {
    code: Decimal(value)
    for code, value in {
        "1": "94.4",
        "a": "36",
        "a1": "3",
        "a2": "3",
        "a3": "3",
        "a4": "5.5",
        "a5": "3",
        "a6": "3",
        "a7": "7",
        "a8": "3.5",
        "a9": "5",
        "b": "16",
        "b1": "2",
        "b2": "5.5",
        "b3": "3.5",
        "b4": "5",
        "C": "26.4",
        "C1": "5",
        "C2": "5.7",
        "C3": "5.2",
        "C4": "4.5",
        "C5": "5",
        "C6": "1",
        "d": "16",
        "d1": "5",
        "d2": "11",
        "2": "2.5",
        "2.1": "1",
        "2.2": "1.5",
        "3": "12.5",
        "3.1": "2",
        "3.2": "2.5",
        "3.3": "8",
        "4": "4",
        "4.1": "1",
        "4.2": "0.5",
        "4.3": "2.5",
        "5": "5",
    }.items()
}
# The minutes: "Điểm thưởng: 18,4 điểm" and "Điểm trừ: 0 điểm".
STATED_AGREED_BONUS = Decimal("18.4")
