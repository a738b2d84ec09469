"""Versioned rule sets: the law's thresholds, citations, bonus table and province-adjustable values as data.

Each ``rulesets/*.toml`` file is one rule set with an id, a legal basis and effective dates (format:
docs/eligibility-format.md). A review year is judged by the rule set in force on 31 December of that year
(``ruleset_for_year``); money by the rule set and base salary in force on the decision date.
``with_overrides`` returns a copy with the values a province may adjust. Pure Python: no Django, no database.
"""

import dataclasses
import functools
import itertools
import pathlib
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_UP, Decimal
from types import MappingProxyType

from thidua.awards.terms import Rating, Scope, SubjectKind

RULESETS_DIR = pathlib.Path(__file__).with_name("rulesets")

ROUNDING_MODES = {"half_up": ROUND_HALF_UP, "down": ROUND_FLOOR, "up": ROUND_CEILING}

# The values a province may adjust (the law leaves them to provinces or they change by separate decrees).
PROVINCE_ADJUSTABLE = ("quotas", "vote_thresholds", "base_salary", "money_rounding")


class RuleSetError(ValueError):
    """A rule-set file or an override is malformed. The message (Vietnamese) names the rule set and field."""


@dataclass(frozen=True, slots=True)
class Thresholds:
    """Thresholds fixed by the law. Field names are the keys of the ``[thresholds]`` table."""

    ldtt_min_rating: Rating
    ldtt_service_months_min: int
    cstdcs_alternative_rating: Rating
    cstdcs_initiative_scope: Scope
    cstd_tinh_streak_years: int
    cstd_tinh_initiative_scope: Scope
    cstd_tq_previous_tinh_gap_years: int
    cstd_tq_initiative_scope: Scope
    cstd_tq_initiative_window_years: int
    bk_tinh_streak_years: int
    bk_tinh_rating: Rating
    bk_tinh_initiative_count: int
    bk_tinh_initiative_scope: Scope
    bk_ttg_min_years: int
    bk_ttg_min_rating: Rating
    bk_ttg_cstdcs_count: int
    hcld3_min_years: int
    hcld3_min_rating: Rating
    hcld3_htxs_count: int
    hcld3_cstdcs_count: int
    ttldtt_min_rating: Rating
    collective_ldtt_min_percent: int
    ttldxs_rating: Rating
    ttldxs_min_cstdcs_members: int
    co_tinh_max_block_rank: int


BASIS_KEYS = (
    "under_review",
    "discipline",
    "honour_type",
    "initiative",
    "ldtt",
    "ldtt_service",
    "cstdcs",
    "cstd_tinh",
    "cstd_tq",
    "bk_tinh",
    "bk_ttg",
    "hcld3",
    "ttldtt",
    "ttldxs",
    "co_tinh",
)


@dataclass(frozen=True, slots=True)
class BonusRule:
    multipliers: Mapping[SubjectKind, Decimal]
    confirmed: bool
    basis: str


@dataclass(frozen=True, slots=True)
class BaseSalary:
    effective_from: date
    amount: int  # VND per month
    basis: str = ""
    confirmed: bool = False


@dataclass(frozen=True, slots=True)
class Rounding:
    unit: int = 1000  # VND
    mode: str = "half_up"  # half_up | down | up
    confirmed: bool = False
    basis: str = ""

    def apply(self, amount: Decimal) -> int:
        units = (Decimal(amount) / self.unit).quantize(Decimal(1), rounding=ROUNDING_MODES[self.mode])
        return int(units) * self.unit


@dataclass(frozen=True, slots=True)
class Quota:
    """A cap: at most ``percent`` % of the number of holders of ``of`` (e.g. CSTĐCS ≤ 15% of LĐTT)."""

    percent: Decimal
    of: str

    def cap(self, base_count: int) -> int:
        """The largest number allowed, rounded down: 15% of 21 LĐTT is 3."""
        return int((Decimal(base_count) * self.percent / 100).to_integral_value(rounding=ROUND_FLOOR))


@dataclass(frozen=True, slots=True)
class VoteThreshold:
    """Secret-ballot threshold as a percentage of ALL council members (absent members count as not in favour)."""

    percent: Decimal
    confirmed: bool = False
    basis: str = ""

    def passes(self, yes_votes: int, total_members: int) -> bool:
        if total_members <= 0:
            return False
        return Decimal(yes_votes) * 100 >= self.percent * total_members


@dataclass(frozen=True)
class RuleSet:
    id: str
    name_vi: str
    legal_basis: tuple[str, ...]
    effective_from: date
    effective_to: date | None  # inclusive; None = still in force
    thresholds: Thresholds
    basis: Mapping[str, str]
    bonus: Mapping[str, BonusRule]
    household_factor: Decimal
    household_factor_basis: str
    base_salary: tuple[BaseSalary, ...]  # sorted by effective_from
    money_rounding: Rounding
    quotas: Mapping[str, Quota]
    vote_thresholds: Mapping[str, VoteThreshold]
    overridden: tuple[str, ...] = ()  # names of province-adjusted values (empty for the file as shipped)

    def covers(self, day: date) -> bool:
        return self.effective_from <= day and (self.effective_to is None or day <= self.effective_to)

    def covers_year(self, year: int) -> bool:
        """Whether this rule set judges review year ``year`` (it is in force on 31 December)."""
        return self.covers(date(year, 12, 31))

    def cite(self, key: str) -> str:
        return self.basis[key]

    def base_salary_on(self, day: date) -> BaseSalary | None:
        current = None
        for entry in self.base_salary:
            if entry.effective_from <= day:
                current = entry
        return current

    def multiplier(self, award_code: str, subject: SubjectKind | str = SubjectKind.INDIVIDUAL):
        """(multiplier, confirmed, basis) for the award and subject, or None when the rule set has none.

        A household without its own entry gets ``household_factor`` × the individual multiplier.
        """
        subject = SubjectKind(subject)
        rule = self.bonus.get(award_code)
        if rule is None:
            return None
        if subject in rule.multipliers:
            return rule.multipliers[subject], rule.confirmed, rule.basis
        if subject is SubjectKind.HOUSEHOLD and SubjectKind.INDIVIDUAL in rule.multipliers:
            basis = f"{rule.basis}; {self.household_factor_basis}"
            return rule.multipliers[SubjectKind.INDIVIDUAL] * self.household_factor, rule.confirmed, basis
        return None


# ---------------------------------------------------------------------------------------------------- loading


def _fail(ruleset_id: str, field: str, message: str):
    raise RuleSetError(f"Bộ quy tắc '{ruleset_id}', trường '{field}': {message}")


def _thresholds(rid: str, raw) -> Thresholds:
    if not isinstance(raw, dict):
        _fail(rid, "thresholds", "thiếu bảng [thresholds]")
    fields = {f.name: f.type for f in dataclasses.fields(Thresholds)}
    missing = sorted(set(fields) - set(raw))
    if missing:
        _fail(rid, f"thresholds.{missing[0]}", "bắt buộc")
    unknown = sorted(set(raw) - set(fields))
    if unknown:
        _fail(rid, f"thresholds.{unknown[0]}", "khóa không được hỗ trợ")
    values = {}
    for name, kind in fields.items():
        value = raw[name]
        if kind is int:
            if not isinstance(value, int) or isinstance(value, bool) or value < 0:
                _fail(rid, f"thresholds.{name}", "phải là số nguyên không âm")
            values[name] = value
        else:
            try:
                values[name] = kind(value)
            except ValueError:
                allowed = ", ".join(m.value for m in kind)
                _fail(rid, f"thresholds.{name}", f"giá trị '{value}' không hợp lệ (dùng: {allowed})")
    return Thresholds(**values)


def _bonus(rid: str, raw) -> tuple[Mapping[str, BonusRule], Decimal, str]:
    raw = raw or {}
    factor = Decimal(raw.get("household_factor", 1))
    table = {}
    for code, entry in (raw.get("multipliers") or {}).items():
        multipliers = {}
        for key, value in entry.items():
            if key in ("confirmed", "basis"):
                continue
            try:
                subject = SubjectKind(key)
            except ValueError:
                _fail(rid, f"bonus.multipliers.{code}", f"đối tượng '{key}' không hợp lệ")
            if not isinstance(value, Decimal | int) or isinstance(value, bool) or value < 0:
                _fail(rid, f"bonus.multipliers.{code}.{key}", "phải là số không âm")
            multipliers[subject] = Decimal(value)
        table[code] = BonusRule(
            MappingProxyType(multipliers), bool(entry.get("confirmed", False)), str(entry.get("basis", ""))
        )
    return MappingProxyType(table), factor, str(raw.get("household_factor_basis", ""))


def _base_salary_entry(rid: str, raw) -> BaseSalary:
    if isinstance(raw, BaseSalary):
        return raw
    if isinstance(raw, tuple | list) and len(raw) == 2:
        raw = {"effective_from": raw[0], "amount": raw[1]}
    if not isinstance(raw, dict):
        _fail(rid, "base_salary", "mỗi mục cần ngày hiệu lực và mức lương")
    day, amount = raw.get("effective_from"), raw.get("amount")
    if isinstance(day, str):
        try:
            day = date.fromisoformat(day)
        except ValueError:
            _fail(rid, "base_salary.effective_from", f"ngày '{day}' không hợp lệ")
    if not isinstance(day, date):
        _fail(rid, "base_salary.effective_from", "bắt buộc, dạng YYYY-MM-DD")
    if not isinstance(amount, int) or isinstance(amount, bool) or amount <= 0:
        _fail(rid, "base_salary.amount", "phải là số nguyên dương (đồng)")
    return BaseSalary(day, amount, str(raw.get("basis", "")), bool(raw.get("confirmed", False)))


def _base_salary(rid: str, raw) -> tuple[BaseSalary, ...]:
    entries = tuple(sorted((_base_salary_entry(rid, e) for e in raw or ()), key=lambda e: e.effective_from))
    days = [e.effective_from for e in entries]
    if len(set(days)) != len(days):
        _fail(rid, "base_salary", "có hai mức lương cơ sở cùng ngày hiệu lực")
    return entries


def _rounding(rid: str, raw) -> Rounding:
    if isinstance(raw, Rounding):
        return raw
    raw = raw or {}
    unit, mode = raw.get("unit", 1000), raw.get("mode", "half_up")
    if not isinstance(unit, int) or isinstance(unit, bool) or unit <= 0:
        _fail(rid, "money_rounding.unit", "phải là số nguyên dương")
    if mode not in ROUNDING_MODES:
        _fail(rid, "money_rounding.mode", f"phải là một trong {', '.join(ROUNDING_MODES)}")
    return Rounding(unit, mode, bool(raw.get("confirmed", False)), str(raw.get("basis", "")))


def _percent(rid: str, field: str, value) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        _fail(rid, field, "phải là một số phần trăm")
    value = Decimal(str(value)) if isinstance(value, float) else Decimal(value)
    if not 0 <= value <= 100:
        _fail(rid, field, "phải nằm trong khoảng 0 đến 100")
    return value


def _quota(rid: str, code: str, raw) -> Quota:
    if isinstance(raw, Quota):
        return raw
    if not isinstance(raw, dict) or "percent" not in raw or "of" not in raw:
        _fail(rid, f"quotas.{code}", "cần 'percent' và 'of'")
    return Quota(_percent(rid, f"quotas.{code}.percent", raw["percent"]), str(raw["of"]))


def _vote(rid: str, code: str, raw) -> VoteThreshold:
    if isinstance(raw, VoteThreshold):
        return raw
    if isinstance(raw, dict):
        percent = _percent(rid, f"vote_thresholds.{code}.percent", raw.get("percent"))
        return VoteThreshold(percent, bool(raw.get("confirmed", False)), str(raw.get("basis", "")))
    return VoteThreshold(_percent(rid, f"vote_thresholds.{code}", raw), True, "Quy định của tỉnh")


_TOP_LEVEL = {
    "id",
    "name_vi",
    "legal_basis",
    "effective_from",
    "effective_to",
    "thresholds",
    "basis",
    "bonus",
    "base_salary",
    "money_rounding",
    "quotas",
    "vote_thresholds",
}


def parse_ruleset(text: str, *, source: str = "<string>") -> RuleSet:
    try:
        data = tomllib.loads(text, parse_float=Decimal)
    except tomllib.TOMLDecodeError as exc:
        raise RuleSetError(f"Tệp bộ quy tắc {source} không phải TOML hợp lệ: {exc}") from exc
    rid = data.get("id")
    if not isinstance(rid, str) or not rid:
        raise RuleSetError(f"Tệp bộ quy tắc {source}: thiếu 'id'")
    unknown = sorted(set(data) - _TOP_LEVEL)
    if unknown:
        _fail(rid, unknown[0], "trường không được hỗ trợ")
    start, end = data.get("effective_from"), data.get("effective_to")
    if not isinstance(start, date):
        _fail(rid, "effective_from", "bắt buộc, dạng YYYY-MM-DD")
    if end is not None and (not isinstance(end, date) or end < start):
        _fail(rid, "effective_to", "phải là ngày không trước effective_from")
    legal_basis = data.get("legal_basis")
    if not isinstance(legal_basis, list) or not legal_basis:
        _fail(rid, "legal_basis", "cần ít nhất một văn bản")
    basis = data.get("basis") or {}
    missing = [k for k in BASIS_KEYS if not basis.get(k)]
    if missing:
        _fail(rid, f"basis.{missing[0]}", "bắt buộc")
    bonus, factor, factor_basis = _bonus(rid, data.get("bonus"))
    return RuleSet(
        id=rid,
        name_vi=str(data.get("name_vi", rid)),
        legal_basis=tuple(legal_basis),
        effective_from=start,
        effective_to=end,
        thresholds=_thresholds(rid, data.get("thresholds")),
        basis=MappingProxyType(dict(basis)),
        bonus=bonus,
        household_factor=factor,
        household_factor_basis=factor_basis,
        base_salary=_base_salary(rid, data.get("base_salary")),
        money_rounding=_rounding(rid, data.get("money_rounding")),
        quotas=MappingProxyType({c: _quota(rid, c, q) for c, q in (data.get("quotas") or {}).items()}),
        vote_thresholds=MappingProxyType(
            {c: _vote(rid, c, v) for c, v in (data.get("vote_thresholds") or {}).items()}
        ),
    )


def check_no_overlap(sets: Iterable[RuleSet]) -> tuple[RuleSet, ...]:
    """Sort by effective_from and refuse two rule sets in force on the same day."""
    ordered = tuple(sorted(sets, key=lambda r: r.effective_from))
    ids = [r.id for r in ordered]
    if len(set(ids)) != len(ids):
        raise RuleSetError("Có hai bộ quy tắc trùng id")
    for earlier, later in itertools.pairwise(ordered):
        if earlier.effective_to is None or earlier.effective_to >= later.effective_from:
            raise RuleSetError(f"Bộ quy tắc '{earlier.id}' và '{later.id}' có hiệu lực chồng lấn nhau")
    return ordered


def load_rulesets(directory: pathlib.Path | str = RULESETS_DIR) -> tuple[RuleSet, ...]:
    paths = sorted(pathlib.Path(directory).glob("*.toml"))
    return check_no_overlap(parse_ruleset(p.read_text(encoding="utf-8"), source=p.name) for p in paths)


@functools.cache
def rulesets() -> tuple[RuleSet, ...]:
    """The packaged rule sets, oldest first, read once."""
    return load_rulesets(RULESETS_DIR)


def get_ruleset(ruleset_id: str, sets: Iterable[RuleSet] | None = None) -> RuleSet:
    for ruleset in rulesets() if sets is None else sets:
        if ruleset.id == ruleset_id:
            return ruleset
    raise KeyError(f"Không có bộ quy tắc '{ruleset_id}'")


def ruleset_for_date(day: date, sets: Iterable[RuleSet] | None = None) -> RuleSet | None:
    for ruleset in rulesets() if sets is None else sets:
        if ruleset.covers(day):
            return ruleset
    return None


def ruleset_for_year(year: int, sets: Iterable[RuleSet] | None = None) -> RuleSet | None:
    """The rule set in force on 31 December of ``year``, or None when none is loaded for that year."""
    return ruleset_for_date(date(year, 12, 31), sets)


def with_overrides(ruleset: RuleSet, **province_values) -> RuleSet:
    """A copy of ``ruleset`` with province-adjusted values. Keys (see PROVINCE_ADJUSTABLE):

    - ``quotas``: {award_code: {"percent": 15, "of": "LDTT"} | Quota | None}; merged, None removes a quota;
    - ``vote_thresholds``: {award_code: percent | {"percent": .., "basis": ..} | VoteThreshold}; merged;
    - ``base_salary``: the whole table, [BaseSalary | (date, amount) | {"effective_from":, "amount":}];
    - ``money_rounding``: {"unit": 1000, "mode": "half_up"} | Rounding.

    Thresholds the law fixes cannot be overridden: any other key raises RuleSetError.
    """
    rid = ruleset.id
    unknown = sorted(set(province_values) - set(PROVINCE_ADJUSTABLE))
    if unknown:
        _fail(rid, unknown[0], "không phải giá trị tỉnh được điều chỉnh")
    changes = {}
    if "quotas" in province_values:
        quotas = dict(ruleset.quotas)
        for code, value in (province_values["quotas"] or {}).items():
            if value is None:
                quotas.pop(code, None)
            else:
                quotas[code] = _quota(rid, code, value)
        changes["quotas"] = MappingProxyType(quotas)
    if "vote_thresholds" in province_values:
        votes = dict(ruleset.vote_thresholds)
        for code, value in (province_values["vote_thresholds"] or {}).items():
            votes[code] = _vote(rid, code, value)
        changes["vote_thresholds"] = MappingProxyType(votes)
    if "base_salary" in province_values:
        table = _base_salary(rid, province_values["base_salary"])
        if not table:
            _fail(rid, "base_salary", "cần ít nhất một mức lương cơ sở")
        changes["base_salary"] = table
    if "money_rounding" in province_values:
        changes["money_rounding"] = _rounding(rid, province_values["money_rounding"])
    overridden = tuple(sorted(set(ruleset.overridden) | set(changes)))
    return dataclasses.replace(ruleset, overridden=overridden, **changes)
