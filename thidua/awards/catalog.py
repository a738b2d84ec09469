"""The award catalogue, read from ``catalog.toml`` into frozen dataclasses.

``catalog()`` returns the packaged catalogue (cached); ``load_catalog(path)`` reads another file, e.g. in tests.
Pure Python: no Django, no database.
"""

import functools
import pathlib
import tomllib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from decimal import Decimal
from types import MappingProxyType

from thidua.awards.terms import AwardKind, Level, SubjectKind

CATALOG_PATH = pathlib.Path(__file__).with_name("catalog.toml")

FACTS = ("name", "subjects", "level", "authority", "bonus", "legal_basis", "criteria")


class CatalogError(ValueError):
    """The catalogue file is malformed. The message names the entry and the field."""


@dataclass(frozen=True, slots=True)
class Award:
    code: str
    name_vi: str
    name_en: str
    subjects: tuple[SubjectKind, ...]
    kind: AwardKind
    level: Level
    conferring_authority: tuple[str, ...]
    bonus: Mapping[SubjectKind, Decimal]  # multiplier × base salary (Decree 152/2025 view); absent = unknown
    legal_basis: tuple[str, ...]
    evaluated_for: tuple[SubjectKind, ...]  # subjects for which the engine has machine-checkable criteria
    manual_checks: tuple[str, ...]
    confirmed: Mapping[str, bool]  # fact name (see FACTS) -> confirmed from a retrieved source
    note: str = ""

    def applies_to(self, kind: SubjectKind | str) -> bool:
        return kind in self.subjects  # a StrEnum member equals its string value

    def is_evaluated_for(self, kind: SubjectKind | str) -> bool:
        return kind in self.evaluated_for

    @property
    def fully_confirmed(self) -> bool:
        return all(self.confirmed.values())

    @property
    def unconfirmed_facts(self) -> tuple[str, ...]:
        return tuple(fact for fact in FACTS if not self.confirmed[fact])


@dataclass(frozen=True)
class Catalog:
    awards: tuple[Award, ...]

    def __post_init__(self):
        object.__setattr__(self, "_by_code", MappingProxyType({a.code: a for a in self.awards}))

    def __iter__(self) -> Iterator[Award]:
        return iter(self.awards)

    def __len__(self) -> int:
        return len(self.awards)

    def __contains__(self, code: object) -> bool:
        return code in self._by_code

    def get(self, code: str) -> Award:
        try:
            return self._by_code[code]
        except KeyError:
            raise KeyError(f"Không có mã danh hiệu, hình thức khen thưởng '{code}' trong danh mục") from None

    def codes(self) -> tuple[str, ...]:
        return tuple(a.code for a in self.awards)

    def for_subject(self, kind: SubjectKind | str) -> tuple[Award, ...]:
        kind = SubjectKind(kind)
        return tuple(a for a in self.awards if kind in a.subjects)


def _fail(code: str, field: str, message: str):
    raise CatalogError(f"Danh mục, mục '{code}', trường '{field}': {message}")


def _enum_tuple(code, field, values, enum):
    if not isinstance(values, list):
        _fail(code, field, "phải là một danh sách")
    try:
        return tuple(enum(v) for v in values)
    except ValueError as exc:
        _fail(code, field, str(exc))


def _str_tuple(code, field, values):
    if not isinstance(values, list) or not all(isinstance(v, str) and v for v in values):
        _fail(code, field, "phải là danh sách chuỗi không rỗng")
    return tuple(values)


_FIELDS = {
    "code",
    "name_vi",
    "name_en",
    "subjects",
    "kind",
    "level",
    "conferring_authority",
    "bonus",
    "legal_basis",
    "evaluated_for",
    "manual_checks",
    "confirmed",
    "note",
}


def _award(raw: dict) -> Award:
    code = raw.get("code")
    if not isinstance(code, str) or not code:
        raise CatalogError("Danh mục: có mục thiếu trường 'code'")
    unknown = set(raw) - _FIELDS
    if unknown:
        _fail(code, sorted(unknown)[0], "trường không được hỗ trợ")
    for field in ("name_vi", "name_en", "kind", "level", "subjects", "legal_basis", "confirmed"):
        if field not in raw:
            _fail(code, field, "bắt buộc")
    subjects = _enum_tuple(code, "subjects", raw["subjects"], SubjectKind)
    if not subjects:
        _fail(code, "subjects", "cần ít nhất một đối tượng")
    evaluated_for = _enum_tuple(code, "evaluated_for", raw.get("evaluated_for", []), SubjectKind)
    if not set(evaluated_for) <= set(subjects):
        _fail(code, "evaluated_for", "chỉ được gồm các đối tượng trong 'subjects'")
    bonus_raw = raw.get("bonus", {})
    if not isinstance(bonus_raw, dict):
        _fail(code, "bonus", "phải là bảng đối tượng = hệ số")
    bonus = {}
    for subject, value in bonus_raw.items():
        try:
            kind = SubjectKind(subject)
        except ValueError:
            _fail(code, "bonus", f"đối tượng '{subject}' không hợp lệ")
        if not isinstance(value, Decimal | int) or value < 0:
            _fail(code, "bonus", f"hệ số cho '{subject}' phải là số không âm")
        bonus[kind] = Decimal(value)
    confirmed = raw["confirmed"]
    if not isinstance(confirmed, dict) or set(confirmed) != set(FACTS):
        _fail(code, "confirmed", f"phải có đúng các khóa {', '.join(FACTS)}")
    if not all(isinstance(v, bool) for v in confirmed.values()):
        _fail(code, "confirmed", "giá trị phải là true hoặc false")
    try:
        kind = AwardKind(raw["kind"])
        level = Level(raw["level"])
    except ValueError as exc:
        _fail(code, "kind/level", str(exc))
    return Award(
        code=code,
        name_vi=raw["name_vi"],
        name_en=raw["name_en"],
        subjects=subjects,
        kind=kind,
        level=level,
        conferring_authority=_str_tuple(code, "conferring_authority", raw.get("conferring_authority", [])),
        bonus=MappingProxyType(bonus),
        legal_basis=_str_tuple(code, "legal_basis", raw["legal_basis"]),
        evaluated_for=evaluated_for,
        manual_checks=_str_tuple(code, "manual_checks", raw.get("manual_checks", []))
        if raw.get("manual_checks")
        else (),
        confirmed=MappingProxyType(dict(confirmed)),
        note=raw.get("note", ""),
    )


def parse_catalog(text: str) -> Catalog:
    try:
        data = tomllib.loads(text, parse_float=Decimal)
    except tomllib.TOMLDecodeError as exc:
        raise CatalogError(f"Danh mục: tệp TOML không hợp lệ: {exc}") from exc
    awards = tuple(_award(raw) for raw in data.get("award", []))
    seen = set()
    for award in awards:
        if award.code in seen:
            _fail(award.code, "code", "mã bị trùng")
        seen.add(award.code)
    return Catalog(awards)


def load_catalog(path: pathlib.Path | str = CATALOG_PATH) -> Catalog:
    return parse_catalog(pathlib.Path(path).read_text(encoding="utf-8"))


@functools.cache
def catalog() -> Catalog:
    """The packaged catalogue, read once."""
    return load_catalog(CATALOG_PATH)
