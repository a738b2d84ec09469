"""Demo data for Lai Châu province: units, lineage events, people, the provincial council and demo accounts.

``load(context)`` is called by ``manage.py load_demo`` inside one transaction. Every write goes through
``thidua.org.services`` (actor ``None``: the system), so each one has its audit entry.

The data is deterministic (``random.Random(2022)``). Unit names and the 01/07/2025 commune names are real
(Nghị quyết 1670/NQ-UBTVQH15); which old communes went into which new one is illustrative, as are all
people except the chair of the council (named in the 2022 launch directive), who has no CCCD or birth date.

``context`` after loading:
- ``units``: every unit by code (fresh instances, read after the lineage events);
- ``people``: the named people by key (``"chair"``, ``"duc"``, one per demo account...);
- ``accounts``: list of (username, password, vai trò, đơn vị) for the demo accounts;
- ``council``: the provincial TĐKT council.
"""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass

from thidua.core import audit
from thidua.core.vietnamese import fold

from . import services
from .enums import CouncilRole, Gender, PositionLevel, Role, UnitType
from .models import Ethnicity, Unit, User

DEMO_PASSWORD = "ThiDua@2026"
SEED = 2022
PROVINCE_CODE = "012"  # Lai Châu's province code, the first three digits of a CCCD number

D = datetime.date
REFORM_DATE = D(2025, 7, 1)
DEPARTMENT_REFORM_DATE = D(2025, 3, 1)
PROVINCE_FROM = D(2004, 1, 1)
COMMUNE_RESOLUTION = "Nghị quyết số 1670/NQ-UBTVQH15 ngày 16/6/2025 của Ủy ban Thường vụ Quốc hội"
DISTRICT_LAW = "Luật Tổ chức chính quyền địa phương số 72/2025/QH15"

# --- units ---------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class UnitSpec:
    code: str
    short_name: str
    full_name: str
    unit_type: str
    parent: str | None
    effective_from: datetime.date = PROVINCE_FROM
    place_name: str = "Lai Châu"
    headcount: int = 0


T = UnitType

# (code, short name, type, headcount, effective from); the full name adds "tỉnh Lai Châu" where usual.
PROVINCE_BODIES = [
    ("VPUBND", "Văn phòng UBND tỉnh", "Văn phòng Ủy ban nhân dân tỉnh Lai Châu", T.PROVINCE_OFFICE, 7),
    ("SNV", "Sở Nội vụ", "Sở Nội vụ tỉnh Lai Châu", T.DEPARTMENT, 5),
    ("STC", "Sở Tài chính", "Sở Tài chính tỉnh Lai Châu", T.DEPARTMENT, 5),
    ("SKHDT", "Sở Kế hoạch và Đầu tư", "Sở Kế hoạch và Đầu tư tỉnh Lai Châu", T.DEPARTMENT, 5),
    ("SGDDT", "Sở Giáo dục và Đào tạo", "Sở Giáo dục và Đào tạo tỉnh Lai Châu", T.DEPARTMENT, 12),
    ("SYT", "Sở Y tế", "Sở Y tế tỉnh Lai Châu", T.DEPARTMENT, 8),
    ("STTTT", "Sở Thông tin và Truyền thông", "Sở Thông tin và Truyền thông tỉnh Lai Châu", T.DEPARTMENT, 5),
    ("SKHCN", "Sở Khoa học và Công nghệ", "Sở Khoa học và Công nghệ tỉnh Lai Châu", T.DEPARTMENT, 5),
    (
        "SVHTTDL",
        "Sở Văn hóa, Thể thao và Du lịch",
        "Sở Văn hóa, Thể thao và Du lịch tỉnh Lai Châu",
        T.DEPARTMENT,
        5,
    ),
    (
        "SLDTBXH",
        "Sở Lao động - Thương binh và Xã hội",
        "Sở Lao động - Thương binh và Xã hội tỉnh Lai Châu",
        T.DEPARTMENT,
        5,
    ),
    (
        "SNNPTNT",
        "Sở Nông nghiệp và PTNT",
        "Sở Nông nghiệp và Phát triển nông thôn tỉnh Lai Châu",
        T.DEPARTMENT,
        5,
    ),
    ("STP", "Sở Tư pháp", "Sở Tư pháp tỉnh Lai Châu", T.DEPARTMENT, 5),
    ("SXD", "Sở Xây dựng", "Sở Xây dựng tỉnh Lai Châu", T.DEPARTMENT, 5),
    ("SGTVT", "Sở Giao thông vận tải", "Sở Giao thông vận tải tỉnh Lai Châu", T.DEPARTMENT, 5),
    ("SCT", "Sở Công Thương", "Sở Công Thương tỉnh Lai Châu", T.DEPARTMENT, 5),
    ("STNMT", "Sở Tài nguyên và Môi trường", "Sở Tài nguyên và Môi trường tỉnh Lai Châu", T.DEPARTMENT, 5),
    ("TTT", "Thanh tra tỉnh", "Thanh tra tỉnh Lai Châu", T.DEPARTMENT, 5),
    ("BDT", "Ban Dân tộc", "Ban Dân tộc tỉnh Lai Châu", T.DEPARTMENT, 5),
    ("CAT", "Công an tỉnh", "Công an tỉnh Lai Châu", T.ARMED_FORCES, 5),
    ("BCHQS", "Bộ Chỉ huy Quân sự tỉnh", "Bộ Chỉ huy Quân sự tỉnh Lai Châu", T.ARMED_FORCES, 5),
    (
        "MTTQ",
        "Ủy ban MTTQ Việt Nam tỉnh",
        "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Lai Châu",
        T.MASS_ORGANISATION,
        4,
    ),
    ("TDOAN", "Tỉnh đoàn", "Tỉnh đoàn Lai Châu", T.MASS_ORGANISATION, 4),
    ("HLHPN", "Hội Liên hiệp Phụ nữ tỉnh", "Hội Liên hiệp Phụ nữ tỉnh Lai Châu", T.MASS_ORGANISATION, 4),
    ("HND", "Hội Nông dân tỉnh", "Hội Nông dân tỉnh Lai Châu", T.MASS_ORGANISATION, 4),
    ("LDLD", "Liên đoàn Lao động tỉnh", "Liên đoàn Lao động tỉnh Lai Châu", T.MASS_ORGANISATION, 4),
    ("HCCB", "Hội Cựu chiến binh tỉnh", "Hội Cựu chiến binh tỉnh Lai Châu", T.MASS_ORGANISATION, 4),
    ("BAOLC", "Báo Lai Châu", "Báo Lai Châu", T.PRESS, 5),
    ("DAIPTTH", "Đài PT-TH tỉnh", "Đài Phát thanh và Truyền hình tỉnh Lai Châu", T.PRESS, 5),
    ("XSKT", "Công ty Xổ số kiến thiết", "Công ty TNHH MTV Xổ số kiến thiết Lai Châu", T.ENTERPRISE, 4),
    ("CAPNUOC", "Công ty Cấp nước Lai Châu", "Công ty Cổ phần Cấp nước Lai Châu", T.ENTERPRISE, 4),
    (
        "MTDT",
        "Công ty Môi trường và Đô thị",
        "Công ty Cổ phần Môi trường và Đô thị Lai Châu",
        T.ENTERPRISE,
        4,
    ),
]
EFFECTIVE_FROM = {
    "STTTT": D(2008, 4, 1),
    "TDOAN": D(2004, 1, 1),
    "XSKT": D(2010, 7, 1),
    "CAPNUOC": D(2016, 1, 1),
    "MTDT": D(2017, 1, 1),
}
SUBORDINATE_BODIES = [
    # (code, short name, full name, type, parent, headcount)
    ("BTDKT", "Ban Thi đua - Khen thưởng", "Ban Thi đua - Khen thưởng tỉnh Lai Châu", T.DIVISION, "SNV", 8),
    ("CCKL", "Chi cục Kiểm lâm", "Chi cục Kiểm lâm tỉnh Lai Châu", T.DIVISION, "SNNPTNT", 4),
    ("THPTCLQD", "THPT Chuyên Lê Quý Đôn", "Trường THPT Chuyên Lê Quý Đôn", T.SCHOOL, "SGDDT", 7),
    ("PTDTNT", "PTDTNT tỉnh", "Trường Phổ thông Dân tộc nội trú tỉnh Lai Châu", T.SCHOOL, "SGDDT", 6),
    ("THPTTU", "THPT Than Uyên", "Trường THPT Than Uyên", T.SCHOOL, "SGDDT", 6),
    ("BVDK", "Bệnh viện Đa khoa tỉnh", "Bệnh viện Đa khoa tỉnh Lai Châu", T.HOSPITAL, "SYT", 7),
    ("BVYDCT", "Bệnh viện YDCT tỉnh", "Bệnh viện Y dược cổ truyền tỉnh Lai Châu", T.HOSPITAL, "SYT", 6),
    ("CDC", "CDC Lai Châu", "Trung tâm Kiểm soát bệnh tật tỉnh Lai Châu", T.HOSPITAL, "SYT", 6),
]

# Districts before 01/07/2025 (code, name, kind word, established, ethnic mix), their communes (code suffix,
# kind, name) and the new communes of 01/07/2025: (new code, kind, name, [old suffixes]).
# Communes not rearranged move straight under the province (Mù Cả, Tà Tổng).
DISTRICTS = [
    {
        "code": "TPLC",
        "name": "Lai Châu",
        "kind": "thành phố",
        "from": PROVINCE_FROM,
        "mix": {"Kinh": 50, "Thái": 20, "Giáy": 15, "Mông": 10, "Dao": 5},
        "communes": [
            ("TANPHONG", "phường", "Tân Phong"),
            ("QUYETTHANG", "phường", "Quyết Thắng"),
            ("DOANKET", "phường", "Đoàn Kết"),
            ("QUYETTIEN", "phường", "Quyết Tiến"),
            ("SANTHANG", "xã", "San Thàng"),
        ],
        "new": [
            ("P.TANPHONG", "phường", "Tân Phong", ["TANPHONG", "QUYETTHANG", "SANTHANG"]),
            ("P.DOANKET", "phường", "Đoàn Kết", ["DOANKET", "QUYETTIEN"]),
        ],
    },
    {
        "code": "HTD",
        "name": "Tam Đường",
        "kind": "huyện",
        "from": PROVINCE_FROM,
        "mix": {"Giáy": 25, "Mông": 20, "Dao": 20, "Thái": 10, "Kinh": 15, "Lự": 10},
        "communes": [
            ("TTTAMDUONG", "thị trấn", "Tam Đường"),
            ("BINHLU", "xã", "Bình Lư"),
            ("NATAM", "xã", "Nà Tăm"),
            ("BANBO", "xã", "Bản Bo"),
        ],
        "new": [
            ("X.BINHLU", "xã", "Bình Lư", ["TTTAMDUONG", "BINHLU"]),
            ("X.BANBO", "xã", "Bản Bo", ["BANBO", "NATAM"]),
        ],
    },
    {
        "code": "HPT",
        "name": "Phong Thổ",
        "kind": "huyện",
        "from": PROVINCE_FROM,
        "mix": {"Dao": 35, "Mông": 25, "Giáy": 15, "Kinh": 10, "Thái": 10, "Lự": 5},
        "communes": [
            ("TTPHONGTHO", "thị trấn", "Phong Thổ"),
            ("KHONGLAO", "xã", "Khổng Lào"),
            ("HOANGTHEN", "xã", "Hoang Thèn"),
            ("BANLANG", "xã", "Bản Lang"),
            ("MUONGSO", "xã", "Mường So"),
        ],
        "new": [
            ("X.KHONGLAO", "xã", "Khổng Lào", ["KHONGLAO", "HOANGTHEN", "BANLANG"]),
            ("X.PHONGTHO", "xã", "Phong Thổ", ["TTPHONGTHO", "MUONGSO"]),
        ],
    },
    {
        "code": "HSH",
        "name": "Sìn Hồ",
        "kind": "huyện",
        "from": PROVINCE_FROM,
        "mix": {"Mông": 45, "Dao": 15, "Thái": 20, "Kinh": 10, "Hà Nhì": 5, "Lự": 5},
        "communes": [
            ("TTSINHO", "thị trấn", "Sìn Hồ"),
            ("TAPHIN", "xã", "Tả Phìn"),
            ("HONGTHU", "xã", "Hồng Thu"),
            ("PHANGSOLIN", "xã", "Phăng Sô Lin"),
        ],
        "new": [
            ("X.SINHO", "xã", "Sìn Hồ", ["TTSINHO", "TAPHIN"]),
            ("X.HONGTHU", "xã", "Hồng Thu", ["HONGTHU", "PHANGSOLIN"]),
        ],
    },
    {
        "code": "HMT",
        "name": "Mường Tè",
        "kind": "huyện",
        "from": PROVINCE_FROM,
        "mix": {"Hà Nhì": 35, "La Hủ": 20, "Si La": 10, "Cống": 10, "Thái": 10, "Kinh": 15},
        "communes": [
            ("TTMUONGTE", "thị trấn", "Mường Tè"),
            ("NAMKHAO", "xã", "Nậm Khao"),
            ("KANHO", "xã", "Kan Hồ"),
            ("MUCA", "xã", "Mù Cả"),
            ("TATONG", "xã", "Tà Tổng"),
        ],
        "new": [("X.MUONGTE", "xã", "Mường Tè", ["TTMUONGTE", "NAMKHAO", "KANHO"])],
        "moved": ["MUCA", "TATONG"],
    },
    {
        "code": "HTU",
        "name": "Than Uyên",
        "kind": "huyện",
        "from": PROVINCE_FROM,
        "mix": {"Thái": 60, "Kinh": 20, "Mông": 15, "Dao": 5},
        "communes": [
            ("TTTHANUYEN", "thị trấn", "Than Uyên"),
            ("MUONGCANG", "xã", "Mường Cang"),
            ("MUONGTHAN", "xã", "Mường Than"),
            ("PHUCTHAN", "xã", "Phúc Than"),
            ("MUONGKIM", "xã", "Mường Kim"),
        ],
        "new": [
            ("X.THANUYEN", "xã", "Than Uyên", ["TTTHANUYEN", "MUONGCANG"]),
            ("X.MUONGTHAN", "xã", "Mường Than", ["MUONGTHAN", "PHUCTHAN"]),
            ("X.MUONGKIM", "xã", "Mường Kim", ["MUONGKIM"]),
        ],
    },
    {
        "code": "HTNU",
        "name": "Tân Uyên",
        "kind": "huyện",
        "from": D(2008, 1, 11),
        "mix": {"Thái": 50, "Kinh": 25, "Mông": 15, "Dao": 10},
        "communes": [
            ("TTTANUYEN", "thị trấn", "Tân Uyên"),
            ("THANTHUOC", "xã", "Thân Thuộc"),
            ("PACTA", "xã", "Pắc Ta"),
            ("TRUNGDONG", "xã", "Trung Đồng"),
        ],
        "new": [
            ("X.TANUYEN", "xã", "Tân Uyên", ["TTTANUYEN", "THANTHUOC"]),
            ("X.PACTA", "xã", "Pắc Ta", ["PACTA", "TRUNGDONG"]),
        ],
    },
    {
        "code": "HNN",
        "name": "Nậm Nhùn",
        "kind": "huyện",
        "from": D(2012, 12, 27),
        "mix": {"Thái": 30, "Mảng": 20, "Cống": 15, "Mông": 20, "Kinh": 15},
        "communes": [
            ("TTNAMNHUN", "thị trấn", "Nậm Nhùn"),
            ("NAMHANG", "xã", "Nậm Hàng"),
            ("MUONGMO", "xã", "Mường Mô"),
            ("NAMCHA", "xã", "Nậm Chà"),
        ],
        "new": [
            ("X.NAMHANG", "xã", "Nậm Hàng", ["TTNAMNHUN", "NAMHANG"]),
            ("X.MUONGMO", "xã", "Mường Mô", ["MUONGMO", "NAMCHA"]),
        ],
    },
]
DISTRICT_HEADCOUNT = 2
COMMUNE_HEADCOUNT = 2
# Thị xã Lai Châu became a city on 27/12/2013.
TOWN_TO_CITY = (D(2013, 12, 27), "Nghị quyết số 131/NQ-CP ngày 27/12/2013 của Chính phủ")

PROVINCE_MIX = {
    "Kinh": 55,
    "Thái": 20,
    "Mông": 8,
    "Dao": 5,
    "Giáy": 5,
    "Hà Nhì": 2,
    "Lự": 2,
    "Cống": 1,
    "Mảng": 1,
    "Si La": 1,
    "La Hủ": 1,
}


def _commune_code(district: dict, suffix: str) -> str:
    return f"{district['code']}.{suffix}"


def unit_specs() -> list[UnitSpec]:
    """Every unit created before the lineage events, parents before children, in display order."""
    specs = [
        UnitSpec("UBND", "UBND tỉnh Lai Châu", "Ủy ban nhân dân tỉnh Lai Châu", T.PROVINCE, None, headcount=4)
    ]
    for code, short, full, unit_type, headcount in PROVINCE_BODIES:
        specs.append(
            UnitSpec(
                code,
                short,
                full,
                unit_type,
                "UBND",
                EFFECTIVE_FROM.get(code, PROVINCE_FROM),
                "Lai Châu",
                headcount,
            )
        )
    for code, short, full, unit_type, parent, headcount in SUBORDINATE_BODIES:
        specs.append(UnitSpec(code, short, full, unit_type, parent, PROVINCE_FROM, "Lai Châu", headcount))
    for district in DISTRICTS:
        kind = "thị xã" if district["code"] == "TPLC" else district["kind"]
        specs.append(
            UnitSpec(
                district["code"],
                f"{kind.capitalize()} {district['name']}",
                f"Ủy ban nhân dân {kind} {district['name']}",
                T.DISTRICT,
                "UBND",
                district["from"],
                district["name"],
                DISTRICT_HEADCOUNT,
            )
        )
        for suffix, kind_word, name in district["communes"]:
            specs.append(
                UnitSpec(
                    _commune_code(district, suffix),
                    f"{kind_word.capitalize()} {name}",
                    f"Ủy ban nhân dân {kind_word} {name}, {kind} {district['name']}",
                    T.COMMUNE,
                    district["code"],
                    district["from"],
                    name,
                    COMMUNE_HEADCOUNT,
                )
            )
    return specs


def new_commune_specs() -> list[UnitSpec]:
    return [
        UnitSpec(
            code,
            f"{kind.capitalize()} {name}",
            f"Ủy ban nhân dân {kind} {name}",
            T.COMMUNE,
            "UBND",
            REFORM_DATE,
            name,
        )
        for district in DISTRICTS
        for code, kind, name, _sources in district["new"]
    ]


# --- names -------------------------------------------------------------------------------------------------

# Per ethnic group: family names, (male middle names, female middle names), (male given, female given).
NAMES = {
    "Kinh": (
        ["Nguyễn"] * 6
        + ["Trần", "Trần", "Lê", "Lê", "Phạm", "Hoàng", "Vũ", "Đỗ", "Bùi", "Đặng", "Ngô", "Đinh"],
        (
            ["Văn", "Đức", "Minh", "Quang", "Hữu", "Thanh", "Tiến", "Xuân", "Mạnh", "Công"],
            ["Thị", "Thu", "Thanh", "Ngọc", "Thùy", "Minh", "Kim", "Hồng"],
        ),
        (
            [
                "Anh",
                "Ân",
                "Bình",
                "Cường",
                "Dũng",
                "Đức",
                "Hải",
                "Hùng",
                "Huy",
                "Khánh",
                "Long",
                "Nam",
                "Phong",
                "Quân",
                "Sơn",
                "Thắng",
                "Toàn",
                "Trung",
                "Tuấn",
                "Việt",
                "Hà",
                "Hiếu",
                "Lâm",
                "Thành",
            ],
            [
                "Anh",
                "Ánh",
                "Hà",
                "Hạnh",
                "Hằng",
                "Hoa",
                "Hương",
                "Huyền",
                "Lan",
                "Linh",
                "Loan",
                "Mai",
                "Nga",
                "Ngọc",
                "Nhung",
                "Phương",
                "Thảo",
                "Trang",
                "Vân",
                "Yến",
                "Ý",
                "Dung",
                "Oanh",
            ],
        ),
    ),
    "Thái": (
        ["Lò", "Lò", "Lường", "Tòng", "Điêu", "Cầm", "Hoàng", "Quàng", "Vì", "Lù"],
        (["Văn", "Văn", "Văn", "Chính", "Ngọc"], ["Thị"]),
        (
            ["Thanh", "Khiêm", "Pản", "Ơn", "Chiến", "Xôm", "Biên", "Hùng", "Pọm", "Dũng", "Bình", "Đức"],
            ["Hương", "Thoa", "Lả", "Xuân", "Hạnh", "Ánh", "Ban", "Ngọc", "Liên", "Ý"],
        ),
    ),
    "Mông": (
        ["Giàng", "Vàng", "Sùng", "Mùa", "Lầu", "Thào", "Hầu", "Lý", "Sình", "Hạng"],
        (["A"], ["Thị"]),
        (
            ["Páo", "Chứ", "Dua", "Sử", "Pó", "Dế", "Sinh", "Lử", "Chu", "Sếnh", "Chang", "Tủa", "Pùa"],
            ["Mỷ", "Dua", "Sua", "Mai", "Súa", "Dợ", "Ca", "Pàng", "Chi"],
        ),
    ),
    "Dao": (
        ["Chảo", "Tẩn", "Lý", "Phàn", "Đặng", "Triệu", "Bàn"],
        (["Láo", "Văn", "Kim", "Quẩy"], ["Thị", "Mý"]),
        (
            ["Sử", "Lở", "Chiêu", "Quẩy", "Phin", "Chạn", "Vần", "Tả", "Chòi"],
            ["Mẩy", "Xoan", "Chạn", "Mây", "Phấu", "Sành", "Nái"],
        ),
    ),
    "Hà Nhì": (
        ["Lỳ", "Pờ", "Chu", "Phù", "Hù", "Sừ"],
        (["Xá", "Giờ", "Phì", "A"], ["Mỳ", "Thị"]),
        (["Xá", "Chừ", "Lù", "Phà", "Hừ", "Pà", "Khừ", "Sừ"], ["Mé", "Chừ", "Pà", "Xó", "Mỳ"]),
    ),
    "Giáy": (
        ["Lò", "Hoàng", "Vương", "Lù", "Sin", "Lồ"],
        (["Văn"], ["Thị"]),
        (["Phúc", "Sáng", "Chiến", "Thắng", "Tuân", "Châu"], ["Thắm", "Xuân", "Mai", "Sâm", "Hạnh"]),
    ),
    "Lự": (
        ["Lò", "Tao", "Pồn", "Lưu"],
        (["Văn"], ["Thị"]),
        (["Ón", "Phanh", "Khăm", "Xiêng", "Hom"], ["Xiêng", "Ún", "Ngọc", "Bua"]),
    ),
    "Cống": (
        ["Pờ", "Chang", "Lỳ", "Chảo", "Hoàng"],
        (["Văn"], ["Thị"]),
        (["Suôn", "Pao", "Nhè", "Khiêm", "Dển"], ["Xi", "Nhè", "Dung"]),
    ),
    "Mảng": (
        ["Lò", "Chìn", "Tao", "Lý"],
        (["Văn"], ["Thị"]),
        (["Luôn", "Pọm", "Thăm", "Phăm", "Dung"], ["Hương", "Hà", "Pàng", "Ón"]),
    ),
    "Si La": (
        ["Hù", "Pờ", "Lý"],
        (["Xi", "Văn"], ["Thị"]),
        (["Hừ", "Sa", "Cà", "Xe"], ["Mí", "Lý", "Sa"]),
    ),
    "La Hủ": (
        ["Lò", "Chà", "Pờ", "Ly", "Vàng", "Phìn"],
        (["Gi", "Pó", "Xe"], ["Mo", "Thị"]),
        (["Pó", "Lư", "Xe", "Gi", "Phà"], ["Mo", "Xá", "Lừ"]),
    ),
}
ETHNIC_GROUPS = tuple(NAMES)

# The one "Nguyễn Văn Đức" is a named person in SGDDT; generated names never match "nguyen van duc".
SEARCH_PROBE = ("nguyen", "van", "duc")


def generate_name(rng: random.Random, ethnic_group: str, gender: str) -> str:
    families, middles, givens = NAMES[ethnic_group]
    index = 0 if gender == Gender.MALE else 1
    while True:
        name = f"{rng.choice(families)} {rng.choice(middles[index])} {rng.choice(givens[index])}"
        folded = fold(name)
        if not all(word in folded for word in SEARCH_PROBE):
            return name


# --- people ------------------------------------------------------------------------------------------------

L = PositionLevel


@dataclass(frozen=True)
class PersonSpec:
    unit: str
    full_name: str
    gender: str
    ethnic_group: str
    birth_date: datetime.date | None
    cccd: str | None
    position_title: str
    position_level: str
    position_start: datetime.date
    key: str = ""


def titles_for(spec: UnitSpec) -> list[tuple[str, str]]:
    """Position titles (title, level) of a unit's staff, head first, as many as its headcount."""
    code, unit_type = spec.code, spec.unit_type
    if code == "UBND":
        head = [("Chủ tịch UBND tỉnh", L.PROVINCE_LEADER)] + [
            ("Phó Chủ tịch UBND tỉnh", L.PROVINCE_LEADER)
        ] * 3
        return head[: spec.headcount]
    if unit_type == T.PROVINCE_OFFICE:
        lead = [("Chánh Văn phòng", L.DEPARTMENT_HEAD), ("Phó Chánh Văn phòng", L.DEPARTMENT_DEPUTY)]
        staff = ("Chuyên viên", L.STAFF)
    elif code == "TTT":
        lead = [
            ("Chánh Thanh tra tỉnh", L.DEPARTMENT_HEAD),
            ("Phó Chánh Thanh tra tỉnh", L.DEPARTMENT_DEPUTY),
        ]
        staff = ("Thanh tra viên", L.STAFF)
    elif code == "BDT":
        lead = [("Trưởng Ban Dân tộc", L.DEPARTMENT_HEAD), ("Phó Trưởng Ban Dân tộc", L.DEPARTMENT_DEPUTY)]
        staff = ("Chuyên viên", L.STAFF)
    elif code == "CAT":
        lead = [
            ("Giám đốc Công an tỉnh", L.DEPARTMENT_HEAD),
            ("Phó Giám đốc Công an tỉnh", L.DEPARTMENT_DEPUTY),
        ]
        staff = ("Cán bộ", L.STAFF)
    elif code == "BCHQS":
        lead = [("Chỉ huy trưởng", L.DEPARTMENT_HEAD), ("Phó Chỉ huy trưởng", L.DEPARTMENT_DEPUTY)]
        staff = ("Trợ lý", L.STAFF)
    elif unit_type == T.DEPARTMENT:
        lead = [
            ("Giám đốc", L.DEPARTMENT_HEAD),
            ("Phó Giám đốc", L.DEPARTMENT_DEPUTY),
            ("Chánh Văn phòng Sở", L.DIVISION_HEAD),
            ("Trưởng phòng", L.DIVISION_HEAD),
            ("Phó Trưởng phòng", L.DIVISION_DEPUTY),
        ]
        staff = ("Chuyên viên", L.STAFF)
    elif code == "BTDKT":
        lead = [("Trưởng Ban", L.DIVISION_HEAD), ("Phó Trưởng Ban", L.DIVISION_DEPUTY)]
        staff = ("Chuyên viên", L.STAFF)
    elif code == "CCKL":
        lead = [("Chi cục trưởng", L.DIVISION_HEAD), ("Phó Chi cục trưởng", L.DIVISION_DEPUTY)]
        staff = ("Kiểm lâm viên", L.STAFF)
    elif code == "MTTQ":
        lead = [
            ("Chủ tịch Ủy ban MTTQ Việt Nam tỉnh", L.DEPARTMENT_HEAD),
            ("Phó Chủ tịch", L.DEPARTMENT_DEPUTY),
        ]
        staff = ("Chuyên viên", L.STAFF)
    elif code == "TDOAN":
        lead = [("Bí thư Tỉnh đoàn", L.DEPARTMENT_HEAD), ("Phó Bí thư Tỉnh đoàn", L.DEPARTMENT_DEPUTY)]
        staff = ("Chuyên viên", L.STAFF)
    elif unit_type == T.MASS_ORGANISATION:
        lead = [("Chủ tịch", L.DEPARTMENT_HEAD), ("Phó Chủ tịch", L.DEPARTMENT_DEPUTY)]
        staff = ("Chuyên viên", L.STAFF)
    elif code == "BAOLC":
        lead = [("Tổng Biên tập", L.DEPARTMENT_HEAD), ("Phó Tổng Biên tập", L.DEPARTMENT_DEPUTY)]
        staff = ("Phóng viên", L.STAFF)
    elif unit_type == T.PRESS:
        lead = [("Giám đốc", L.DEPARTMENT_HEAD), ("Phó Giám đốc", L.DEPARTMENT_DEPUTY)]
        staff = ("Biên tập viên", L.STAFF)
    elif unit_type == T.ENTERPRISE:
        lead = [
            ("Giám đốc", L.DIVISION_HEAD),
            ("Phó Giám đốc", L.DIVISION_DEPUTY),
            ("Kế toán trưởng", L.STAFF),
        ]
        staff = ("Công nhân", L.WORKER)
    elif unit_type == T.SCHOOL:
        lead = [("Hiệu trưởng", L.DIVISION_HEAD), ("Phó Hiệu trưởng", L.DIVISION_DEPUTY)]
        staff = ("Giáo viên", L.STAFF)
    elif unit_type == T.HOSPITAL:
        lead = [
            ("Giám đốc", L.DIVISION_HEAD),
            ("Phó Giám đốc", L.DIVISION_DEPUTY),
            ("Trưởng khoa", L.DIVISION_HEAD),
        ]
        staff = ("Bác sĩ", L.STAFF) if code != "CDC" else ("Y sĩ", L.STAFF)
    elif unit_type == T.DISTRICT:
        lead = [("Chủ tịch UBND", L.DISTRICT_HEAD), ("Phó Chủ tịch UBND", L.DEPARTMENT_DEPUTY)]
        staff = ("Chuyên viên", L.STAFF)
    elif unit_type == T.COMMUNE:
        lead = [("Chủ tịch UBND", L.COMMUNE_LEADER)]
        staff = ("Công chức Văn phòng - Thống kê", L.STAFF)
    else:  # pragma: no cover - every demo unit type is listed above
        raise ValueError(unit_type)
    titles = lead[: spec.headcount]
    titles += [staff] * (spec.headcount - len(titles))
    return titles


# Named people: (key, unit, full name, gender, ethnic group, position title, level, birth date, with CCCD).
NAMED_PEOPLE = [
    (
        "chair",
        "UBND",
        "Trần Tiến Dũng",
        Gender.MALE,
        "Kinh",
        "Chủ tịch UBND tỉnh",
        L.PROVINCE_LEADER,
        None,
        False,
    ),
    (
        "vice_chair",
        "UBND",
        "Đinh Văn Hải",
        Gender.MALE,
        "Kinh",
        "Phó Chủ tịch UBND tỉnh",
        L.PROVINCE_LEADER,
        D(1970, 5, 12),
        True,
    ),
    ("admin", "VPUBND", "Phạm Quang Huy", Gender.MALE, "Kinh", "Chuyên viên", L.STAFF, D(1990, 3, 8), True),
    (
        "snv_head",
        "SNV",
        "Lê Văn Toàn",
        Gender.MALE,
        "Kinh",
        "Giám đốc",
        L.DEPARTMENT_HEAD,
        D(1971, 9, 2),
        True,
    ),
    (
        "stc_head",
        "STC",
        "Nguyễn Thị Hà",
        Gender.FEMALE,
        "Kinh",
        "Giám đốc",
        L.DEPARTMENT_HEAD,
        D(1973, 11, 20),
        True,
    ),
    (
        "sgd_head",
        "SGDDT",
        "Vũ Thanh Bình",
        Gender.MALE,
        "Kinh",
        "Giám đốc",
        L.DEPARTMENT_HEAD,
        D(1972, 1, 15),
        True,
    ),
    (
        "sgd_clerk",
        "SGDDT",
        "Hoàng Thị Ánh",
        Gender.FEMALE,
        "Kinh",
        "Chuyên viên",
        L.STAFF,
        D(1988, 7, 30),
        True,
    ),
    ("sgd_viewer", "SGDDT", "Phạm Như Ý", Gender.FEMALE, "Kinh", "Chuyên viên", L.STAFF, D(1995, 4, 4), True),
    ("duc", "SGDDT", "Nguyễn Văn Đức", Gender.MALE, "Kinh", "Chuyên viên", L.STAFF, D(1984, 10, 10), True),
    (
        "syt_head",
        "SYT",
        "Tòng Văn Khiêm",
        Gender.MALE,
        "Thái",
        "Giám đốc",
        L.DEPARTMENT_HEAD,
        D(1969, 6, 18),
        True,
    ),
    (
        "syt_clerk",
        "SYT",
        "Lường Thị Thoa",
        Gender.FEMALE,
        "Thái",
        "Chuyên viên",
        L.STAFF,
        D(1991, 2, 14),
        True,
    ),
    (
        "tdkt_head",
        "BTDKT",
        "Đỗ Minh Ân",
        Gender.MALE,
        "Kinh",
        "Trưởng Ban",
        L.DIVISION_HEAD,
        D(1975, 8, 25),
        True,
    ),
    (
        "tdkt_deputy",
        "BTDKT",
        "Lê Thị Ngọc Anh",
        Gender.FEMALE,
        "Kinh",
        "Phó Trưởng Ban",
        L.DIVISION_DEPUTY,
        D(1980, 12, 1),
        True,
    ),
    ("officer", "BTDKT", "Lò Thị Hạnh", Gender.FEMALE, "Thái", "Chuyên viên", L.STAFF, D(1989, 5, 5), True),
    (
        "cong",
        "HNN.NAMCHA",
        "Pờ Văn Suôn",
        Gender.MALE,
        "Cống",
        "Công chức Văn phòng - Thống kê",
        L.STAFF,
        D(1990, 6, 2),
        True,
    ),
    (
        "lahu",
        "HMT.TATONG",
        "Lò Thị Mo",
        Gender.FEMALE,
        "La Hủ",
        "Công chức Văn phòng - Thống kê",
        L.STAFF,
        D(1994, 9, 9),
        True,
    ),
]


def _birth_date(rng: random.Random, level: str) -> datetime.date:
    if level in (L.PROVINCE_LEADER, L.DEPARTMENT_HEAD, L.DISTRICT_HEAD):
        year = rng.randint(1966, 1975)
    elif level in (L.DEPARTMENT_DEPUTY, L.DIVISION_HEAD):
        year = rng.randint(1968, 1982)
    else:
        year = rng.randint(1966, 2001)
    return D(year, 1, 1) + datetime.timedelta(days=rng.randrange(365))


def _cccd(rng: random.Random, gender: str, birth: datetime.date, taken: set[str]) -> str:
    century_gender = (0 if birth.year < 2000 else 2) + (0 if gender == Gender.MALE else 1)
    while True:
        number = f"{PROVINCE_CODE}{century_gender}{birth.year % 100:02d}{rng.randrange(10**6):06d}"
        if number not in taken:
            taken.add(number)
            return number


def _start_date(rng: random.Random, birth: datetime.date | None, latest: datetime.date) -> datetime.date:
    earliest_year = max(2005, (birth.year if birth else 1966) + 23)
    year = rng.randint(min(earliest_year, latest.year - 1), latest.year - 1)
    return D(year, rng.randint(1, 12), 1)


def _pick_ethnic_group(rng: random.Random, mix: dict[str, int]) -> str:
    groups = list(mix)
    return rng.choices(groups, weights=[mix[group] for group in groups])[0]


def person_specs(rng: random.Random | None = None) -> list[PersonSpec]:
    """Everyone in the demo: the named people plus generated staff to fill each unit's headcount (pure)."""
    rng = rng or random.Random(SEED)
    mix_by_unit: dict[str, dict[str, int]] = {}
    for district in DISTRICTS:
        mix_by_unit[district["code"]] = district["mix"]
        for suffix, _kind, _name in district["communes"]:
            mix_by_unit[_commune_code(district, suffix)] = district["mix"]
    named_by_unit: dict[str, list[tuple]] = {}
    for row in NAMED_PEOPLE:
        named_by_unit.setdefault(row[1], []).append(row)
    taken: set[str] = set()
    specs: list[PersonSpec] = []
    for unit in unit_specs():
        latest = D(2024, 12, 31)
        titles = titles_for(unit)
        for key, code, name, gender, group, title, level, birth, with_cccd in named_by_unit.get(
            unit.code, []
        ):
            slot = (title, level)
            titles.remove(slot if slot in titles else titles[-1])
            specs.append(
                PersonSpec(
                    unit=code,
                    full_name=name,
                    gender=gender,
                    ethnic_group=group,
                    birth_date=birth,
                    cccd=_cccd(rng, gender, birth, taken) if with_cccd else None,
                    position_title=title,
                    position_level=level,
                    position_start=_start_date(rng, birth, latest),
                    key=key,
                )
            )
        mix = mix_by_unit.get(unit.code, PROVINCE_MIX)
        for title, level in titles:
            gender = rng.choice([Gender.MALE, Gender.FEMALE])
            group = _pick_ethnic_group(rng, mix)
            birth = _birth_date(rng, level)
            has_cccd = rng.random() >= 0.05
            specs.append(
                PersonSpec(
                    unit=unit.code,
                    full_name=generate_name(rng, group, gender),
                    gender=gender,
                    ethnic_group=group,
                    birth_date=birth,
                    cccd=_cccd(rng, gender, birth, taken) if has_cccd else None,
                    position_title=title,
                    position_level=level,
                    position_start=_start_date(rng, birth, latest),
                )
            )
    return specs


# --- council and accounts ----------------------------------------------------------------------------------

# (person key or (unit code, position title), council role); order is the order in the decision.
COUNCIL = [
    ("chair", CouncilRole.CHAIR),
    ("vice_chair", CouncilRole.VICE_CHAIR),
    ("snv_head", CouncilRole.VICE_CHAIR),
    (("LDLD", "Chủ tịch"), CouncilRole.VICE_CHAIR),
    ("tdkt_head", CouncilRole.STANDING),
    (("VPUBND", "Chánh Văn phòng"), CouncilRole.MEMBER),
    ("stc_head", CouncilRole.MEMBER),
    ("sgd_head", CouncilRole.MEMBER),
    ("syt_head", CouncilRole.MEMBER),
    (("SVHTTDL", "Giám đốc"), CouncilRole.MEMBER),
    (("MTTQ", "Chủ tịch Ủy ban MTTQ Việt Nam tỉnh"), CouncilRole.MEMBER),
    (("TDOAN", "Bí thư Tỉnh đoàn"), CouncilRole.MEMBER),
    (("HLHPN", "Chủ tịch"), CouncilRole.MEMBER),
    (("BAOLC", "Tổng Biên tập"), CouncilRole.MEMBER),
    ("tdkt_deputy", CouncilRole.SECRETARY),
]
COUNCIL_NAME = "Hội đồng Thi đua - Khen thưởng tỉnh Lai Châu"

# (username, person key, role, unit code, include subtree, vai trò shown in the accounts table)
ACCOUNTS = [
    ("quantri", "admin", Role.ADMIN, "UBND", True, "Quản trị hệ thống"),
    ("canbotdkt", "officer", Role.OFFICER, "UBND", True, "Cán bộ Ban TĐKT tỉnh"),
    ("vanthu.sgd", "sgd_clerk", Role.CLERK, "SGDDT", True, "Cán bộ TĐKT (văn thư) Sở GD&ĐT"),
    ("lanhdao.sgd", "sgd_head", Role.LEADER, "SGDDT", True, "Thủ trưởng đơn vị (Giám đốc Sở GD&ĐT)"),
    ("truongkhoi", "syt_head", Role.BLOCK_HEAD, "SYT", False, "Trưởng khối thi đua"),
    ("hoidong", "stc_head", Role.COUNCIL_MEMBER, "UBND", False, "Thành viên Hội đồng TĐKT tỉnh"),
    ("xemtin", "sgd_viewer", Role.VIEWER, "SGDDT", True, "Người xem (Sở GD&ĐT)"),
    ("vanthu.syt", "syt_clerk", Role.CLERK, "SYT", True, "Cán bộ TĐKT Sở Y tế (ngoài Sở GD&ĐT)"),
]


# --- loading -----------------------------------------------------------------------------------------------


def load(context: dict) -> None:
    """Create the Lai Châu demo organisation through the services (actor: the system)."""
    units = _create_units()
    services.rename_unit(
        units["TPLC"],
        actor=None,
        date=TOWN_TO_CITY[0],
        full_name="Ủy ban nhân dân thành phố Lai Châu",
        short_name="Thành phố Lai Châu",
        decision=TOWN_TO_CITY[1],
    )
    people, by_slot = _create_people(units)
    _career_moves(people, units)
    _department_reform(units)
    _two_tier_reform(units, by_slot)
    units = {unit.code: unit for unit in Unit.objects.all()}
    context["council"] = _create_council(units, people, by_slot)
    context.setdefault("accounts", []).extend(_create_accounts(units, people))
    context["units"] = units
    context["people"] = people


def _create_units() -> dict[str, Unit]:
    units: dict[str, Unit] = {}
    order_by_parent: dict[str | None, int] = {}
    for spec in unit_specs():
        order_by_parent[spec.parent] = order_by_parent.get(spec.parent, 0) + 1
        units[spec.code] = services.create_unit(
            actor=None,
            code=spec.code,
            short_name=spec.short_name,
            full_name=spec.full_name,
            unit_type=spec.unit_type,
            parent=units[spec.parent] if spec.parent else None,
            order=order_by_parent[spec.parent],
            effective_from=spec.effective_from,
            place_name=spec.place_name,
        )
    return units


def _create_people(units: dict[str, Unit]):
    ethnicities = {
        ethnicity.name: ethnicity for ethnicity in Ethnicity.objects.filter(name__in=ETHNIC_GROUPS)
    }
    people = {}
    by_slot: dict[tuple[str, str], list] = {}
    for spec in person_specs(random.Random(SEED)):
        person = services.create_person(
            actor=None,
            full_name=spec.full_name,
            gender=spec.gender,
            unit=units[spec.unit],
            position_title=spec.position_title,
            position_level=spec.position_level,
            position_start=spec.position_start,
            cccd=spec.cccd,
            birth_date=spec.birth_date,
            ethnicity=ethnicities[spec.ethnic_group],
        )
        if spec.key:
            people[spec.key] = person
        by_slot.setdefault((spec.unit, spec.position_title), []).append(person)
    return people, by_slot


def _career_moves(people: dict, units: dict[str, Unit]) -> None:
    """A few people with a second dated position (the first one closes the day before)."""
    services.assign_position(
        people["duc"],
        actor=None,
        unit=units["SGDDT"],
        position_title="Phó Trưởng phòng Giáo dục Trung học",
        position_level=L.DIVISION_DEPUTY,
        start_date=D(2024, 10, 1),
        decision="Quyết định bổ nhiệm (dữ liệu mẫu)",
    )
    services.assign_position(
        people["officer"],
        actor=None,
        unit=units["BTDKT"],
        position_title="Chuyên viên chính",
        start_date=D(2025, 1, 1),
    )
    services.assign_position(
        people["tdkt_deputy"],
        actor=None,
        unit=units["BTDKT"],
        position_title="Phó Trưởng Ban",
        position_level=L.DIVISION_DEPUTY,
        start_date=D(2025, 1, 15),
        decision="Quyết định bổ nhiệm lại (dữ liệu mẫu)",
    )


def _department_reform(units: dict[str, Unit]) -> None:
    """01/03/2025: STTTT merged into SKHCN (its people move along); Ban Dân tộc renamed."""
    services.merge_units(
        [units["STTTT"]],
        into=units["SKHCN"],
        actor=None,
        date=DEPARTMENT_REFORM_DATE,
        note="Hợp nhất Sở Thông tin và Truyền thông vào Sở Khoa học và Công nghệ.",
    )
    services.rename_unit(
        units["BDT"],
        actor=None,
        date=DEPARTMENT_REFORM_DATE,
        full_name="Sở Dân tộc và Tôn giáo tỉnh Lai Châu",
        short_name="Sở Dân tộc và Tôn giáo",
    )


def _two_tier_reform(units: dict[str, Unit], by_slot: dict) -> None:
    """01/07/2025: new communes under the province, old ones merged into them, districts dissolved.

    The district's chairman and vice chairman become chairmen of the first new communes; the old communes'
    chairmen become vice chairmen; their staff keep their titles. Each of them gets a second dated position.
    """
    province = units["UBND"]
    order = Unit.objects.filter(parent=province).count()
    for district in DISTRICTS:
        new_units = []
        for code, kind, name, sources in district["new"]:
            order += 1
            new_unit = services.create_unit(
                actor=None,
                code=code,
                short_name=f"{kind.capitalize()} {name}",
                full_name=f"Ủy ban nhân dân {kind} {name}",
                unit_type=T.COMMUNE,
                parent=province,
                order=order,
                effective_from=REFORM_DATE,
                place_name=name,
            )
            services.merge_units(
                [units[_commune_code(district, suffix)] for suffix in sources],
                into=new_unit,
                actor=None,
                date=REFORM_DATE,
                decision=COMMUNE_RESOLUTION,
                move_people=False,
            )
            new_units.append((new_unit, sources))
        leaders = (
            by_slot[(district["code"], "Chủ tịch UBND")] + by_slot[(district["code"], "Phó Chủ tịch UBND")]
        )
        for index, (new_unit, sources) in enumerate(new_units):
            has_district_chair = index < len(leaders)
            if has_district_chair:
                services.assign_position(
                    leaders[index],
                    actor=None,
                    unit=new_unit,
                    position_title="Chủ tịch UBND",
                    position_level=L.COMMUNE_LEADER,
                    start_date=REFORM_DATE,
                    decision=COMMUNE_RESOLUTION,
                )
            for position, suffix in enumerate(sources):
                old_code = _commune_code(district, suffix)
                for person in by_slot.get((old_code, "Chủ tịch UBND"), []):
                    becomes_chair = not has_district_chair and position == 0
                    services.assign_position(
                        person,
                        actor=None,
                        unit=new_unit,
                        position_title="Chủ tịch UBND" if becomes_chair else "Phó Chủ tịch UBND",
                        position_level=L.COMMUNE_LEADER,
                        start_date=REFORM_DATE,
                    )
                for person in by_slot.get((old_code, "Công chức Văn phòng - Thống kê"), []):
                    services.assign_position(
                        person,
                        actor=None,
                        unit=new_unit,
                        position_title="Công chức Văn phòng - Thống kê",
                        start_date=REFORM_DATE,
                    )
        for extra in leaders[len(new_units) :]:
            services.assign_position(
                extra,
                actor=None,
                unit=new_units[0][0],
                position_title="Phó Chủ tịch UBND",
                position_level=L.COMMUNE_LEADER,
                start_date=REFORM_DATE,
            )
        for suffix in district.get("moved", []):
            commune = units[_commune_code(district, suffix)]
            services.move_unit(
                commune, new_parent=province, actor=None, date=REFORM_DATE, decision=COMMUNE_RESOLUTION
            )
            order += 1
            commune = services.update_unit(commune, actor=None, order=order)
            kind, name = commune.short_name.split(" ", 1)
            services.rename_unit(
                commune,
                actor=None,
                date=REFORM_DATE,
                full_name=f"Ủy ban nhân dân {kind.lower()} {name}",
                note="Không thực hiện sắp xếp; trực thuộc tỉnh từ khi kết thúc cấp huyện.",
            )
        services.dissolve_unit(
            units[district["code"]],
            actor=None,
            date=REFORM_DATE,
            decision=DISTRICT_LAW,
            note="Kết thúc hoạt động của đơn vị hành chính cấp huyện.",
        )


def _create_council(units: dict[str, Unit], people: dict, by_slot: dict):
    council = services.create_council(
        actor=None,
        unit=units["UBND"],
        name=COUNCIL_NAME,
        established_by="Quyết định kiện toàn Hội đồng Thi đua - Khen thưởng tỉnh (dữ liệu mẫu)",
        term_start=D(2021, 7, 1),
        term_end=D(2026, 6, 30),
    )
    for order, (who, role) in enumerate(COUNCIL, start=1):
        person = people[who] if isinstance(who, str) else by_slot[who][0]
        person.refresh_from_db()
        services.add_council_member(
            council, actor=None, person=person, role=role, order=order, start_date=D(2021, 7, 1)
        )
    return council


def _create_accounts(units: dict[str, Unit], people: dict) -> list[tuple[str, str, str, str]]:
    rows = []
    for username, person_key, role, unit_code, include_subtree, description in ACCOUNTS:
        person = people[person_key]
        user = services.create_account(
            actor=None, username=username, full_name=person.full_name, password=DEMO_PASSWORD, person=person
        )
        unit = units[unit_code]
        services.grant_role(user, actor=None, unit=unit, role=role, include_subtree=include_subtree)
        if role == Role.ADMIN:
            _make_django_superuser(user)
        scope = f"{unit.short_name} và trực thuộc" if include_subtree else unit.short_name
        rows.append((username, DEMO_PASSWORD, description, scope))
    return rows


def existing_accounts() -> list[tuple[str, str, str, str]]:
    """The demo accounts still in the database, for ``make run`` to print again on every start."""
    present = set(
        User.objects.filter(username__in=[row[0] for row in ACCOUNTS]).values_list("username", flat=True)
    )
    units = {unit.code: unit for unit in Unit.objects.filter(code__in=[row[3] for row in ACCOUNTS])}
    rows = []
    for username, _person, _role, unit_code, include_subtree, description in ACCOUNTS:
        if username not in present:
            continue
        unit = units.get(unit_code)
        name = unit.short_name if unit else unit_code
        rows.append(
            (username, DEMO_PASSWORD, description, f"{name} và trực thuộc" if include_subtree else name)
        )
    return rows


def _make_django_superuser(user) -> None:
    """Give the administrator the Django admin site too. No service exists for these flags yet, so the
    change is audited here, in the same transaction as the rest of the demo."""
    before = {"is_staff": user.is_staff, "is_superuser": user.is_superuser}
    user.is_staff = user.is_superuser = True
    user.save(update_fields=["is_staff", "is_superuser"])
    audit.record(
        "org.account.superuser",
        user,
        actor=None,
        before=before,
        after={"is_staff": True, "is_superuser": True},
        summary=f"Cấp quyền trang quản trị Django cho tài khoản {user.username}",
    )
