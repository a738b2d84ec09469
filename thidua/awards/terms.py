"""Vocabulary shared by the catalogue, the rule sets and the eligibility engine.

Plain Python (no Django), so the engine stays usable from the command line and from tests without a database.
Each enum value is the stable code used in data files and in the exchange format; ``label`` is Vietnamese.
"""

from enum import StrEnum


class _Ranked(StrEnum):
    """A StrEnum whose members carry ``rank`` (for ordering) and ``label`` (Vietnamese) as plain attributes,
    so hot paths compare ints instead of hashing enum members."""

    rank: int
    label: str

    def __new__(cls, value: str, rank: int, label: str):
        member = str.__new__(cls, value)
        member._value_ = value
        member.rank = rank
        member.label = label
        return member

    def at_least(self, other: "_Ranked") -> bool:
        return self.rank >= other.rank


class Rating(_Ranked):
    """Yearly task rating, ordered KHT < HT < HTT < HTXS."""

    KHT = ("KHT", 0, "Không hoàn thành nhiệm vụ")
    HT = ("HT", 1, "Hoàn thành nhiệm vụ")
    HTT = ("HTT", 2, "Hoàn thành tốt nhiệm vụ")
    HTXS = ("HTXS", 3, "Hoàn thành xuất sắc nhiệm vụ")


class Scope(_Ranked):
    """Recognition scope of an initiative (sáng kiến), ordered cơ sở < tỉnh < toàn quốc."""

    CO_SO = ("co_so", 0, "cấp cơ sở")
    TINH = ("tinh", 1, "cấp tỉnh")
    TOAN_QUOC = ("toan_quoc", 2, "toàn quốc")


class HonourType(StrEnum):
    """Type of commendation (loại hình khen thưởng, Law Art. 8; kháng chiến from the statistics forms)."""

    THUONG_XUYEN = "thuong_xuyen"
    CHUYEN_DE = "chuyen_de"
    DOT_XUAT = "dot_xuat"
    CONG_HIEN = "cong_hien"
    NIEN_HAN = "nien_han"
    DOI_NGOAI = "doi_ngoai"
    KHANG_CHIEN = "khang_chien"

    @property
    def label(self) -> str:
        return _HONOUR_TYPE_LABEL[self]


_HONOUR_TYPE_LABEL = {
    HonourType.THUONG_XUYEN: "thường xuyên",
    HonourType.CHUYEN_DE: "theo đợt (chuyên đề)",
    HonourType.DOT_XUAT: "đột xuất",
    HonourType.CONG_HIEN: "quá trình cống hiến",
    HonourType.NIEN_HAN: "niên hạn",
    HonourType.DOI_NGOAI: "đối ngoại",
    HonourType.KHANG_CHIEN: "kháng chiến",
}


class SubjectKind(StrEnum):
    INDIVIDUAL = "individual"
    COLLECTIVE = "collective"
    HOUSEHOLD = "household"

    @property
    def label(self) -> str:
        return {"individual": "cá nhân", "collective": "tập thể", "household": "hộ gia đình"}[self.value]


class AwardKind(StrEnum):
    DANH_HIEU = "danh_hieu"  # danh hiệu thi đua
    HINH_THUC = "hinh_thuc"  # hình thức khen thưởng

    @property
    def label(self) -> str:
        return {"danh_hieu": "Danh hiệu thi đua", "hinh_thuc": "Hình thức khen thưởng"}[self.value]


class Level(StrEnum):
    CO_SO = "co_so"
    XA = "xa"
    TINH = "tinh"
    NHA_NUOC = "nha_nuoc"

    @property
    def label(self) -> str:
        return {"co_so": "Cơ sở", "xa": "Cấp xã", "tinh": "Cấp tỉnh", "nha_nuoc": "Nhà nước"}[self.value]


class Outcome(StrEnum):
    ELIGIBLE = "eligible"
    INELIGIBLE = "ineligible"
    MANUAL_ONLY = "manual_only"  # no machine-checkable criteria: a person decides from the manual checks
    NO_RULESET = "no_ruleset"  # no rule set is loaded for the review year

    @property
    def label(self) -> str:
        return _OUTCOME_LABEL[self]


_OUTCOME_LABEL = {
    Outcome.ELIGIBLE: "Đủ điều kiện",
    Outcome.INELIGIBLE: "Chưa đủ điều kiện",
    Outcome.MANUAL_ONLY: "Cần xét thủ công",
    Outcome.NO_RULESET: "Chưa có bộ quy tắc cho năm xét",
}
