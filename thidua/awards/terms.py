"""Vocabulary shared by the catalogue, the rule sets and the eligibility engine.

Plain Python (no Django), so the engine stays usable from the command line and from tests without a database.
Each enum value is the stable code used in data files and in the exchange format; ``label`` is Vietnamese.
"""

from enum import StrEnum


class Rating(StrEnum):
    """Yearly task rating, ordered KHT < HT < HTT < HTXS."""

    KHT = "KHT"
    HT = "HT"
    HTT = "HTT"
    HTXS = "HTXS"

    @property
    def rank(self) -> int:
        return _RATING_RANK[self]

    @property
    def label(self) -> str:
        return _RATING_LABEL[self]

    def at_least(self, other: "Rating") -> bool:
        return _RATING_RANK[self] >= _RATING_RANK[other]


_RATING_RANK = {Rating.KHT: 0, Rating.HT: 1, Rating.HTT: 2, Rating.HTXS: 3}
_RATING_LABEL = {
    Rating.KHT: "Không hoàn thành nhiệm vụ",
    Rating.HT: "Hoàn thành nhiệm vụ",
    Rating.HTT: "Hoàn thành tốt nhiệm vụ",
    Rating.HTXS: "Hoàn thành xuất sắc nhiệm vụ",
}


class Scope(StrEnum):
    """Recognition scope of an initiative (sáng kiến), ordered cơ sở < tỉnh < toàn quốc."""

    CO_SO = "co_so"
    TINH = "tinh"
    TOAN_QUOC = "toan_quoc"

    @property
    def rank(self) -> int:
        return _SCOPE_RANK[self]

    @property
    def label(self) -> str:
        return _SCOPE_LABEL[self]

    def at_least(self, other: "Scope") -> bool:
        return _SCOPE_RANK[self] >= _SCOPE_RANK[other]


_SCOPE_RANK = {Scope.CO_SO: 0, Scope.TINH: 1, Scope.TOAN_QUOC: 2}
_SCOPE_LABEL = {Scope.CO_SO: "cấp cơ sở", Scope.TINH: "cấp tỉnh", Scope.TOAN_QUOC: "toàn quốc"}


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
