"""The eligibility engine: plain histories in, verdicts out. No Django, no database.

The semantics (issue 4, "The engine") are the contract. Y is the review year.

- A year *counts* only if no discipline was in force on any day of it. ``under_review`` makes every verdict
  ineligible. Only titles and awards of type thường xuyên that are not revoked count as prerequisites.
  A year missing from the history has no rating, so a rating requirement on that year fails.
- An initiative counts only if it is unused, its scope is at least the one required (cơ sở < tỉnh < toàn quốc)
  and its year lies in the route's window. Each initiative counts once within one verdict.
- A title is *held* in a past year if it is listed for that year. In Y it is held if it is listed, or if its
  own criteria are met in Y.
- Per award (thresholds from the rule set): LDTT, CSTDCS, CSTD_TINH, CSTD_TQ, BK_TINH (two routes), BK_TTG,
  HCLD3 for individuals; TTLDTT, TTLDXS, CO_TINH for collectives. Other catalogue entries have no
  machine-checkable regular route: their verdict is ``manual_only`` (or ineligible when under review).

Every verdict lists every criterion (met or not, a Vietnamese explanation, the citation) and the qualitative
criteria as manual checks, which do not change the outcome.

Public API: the input dataclasses (Honour, YearRecord, Initiative, Discipline, PersonHistory, CollectiveYear,
CollectiveHistory, HouseholdHistory), the output dataclasses (Criterion, Verdict, OneYearAway, Reward), and
``evaluate``, ``screen``, ``one_year_away``, ``reward_amount``.
"""

import dataclasses
import gc
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import ClassVar

from thidua.awards.catalog import Award, catalog
from thidua.awards.rulesets import RuleSet, ruleset_for_date, ruleset_for_year
from thidua.awards.terms import HonourType, Outcome, Rating, Scope, SubjectKind

# ------------------------------------------------------------------------------------------------ input data


@dataclass(frozen=True, slots=True)
class Honour:
    """A title or award received in a year, with its type and a snapshot of the issuer's name."""

    code: str
    type: HonourType = HonourType.THUONG_XUYEN
    revoked: bool = False
    decision_number: str = ""
    decision_date: date | None = None
    issuer: str = ""

    @property
    def counts(self) -> bool:
        """Whether it counts as a prerequisite: thường xuyên and not revoked."""
        return self.type is HonourType.THUONG_XUYEN and not self.revoked


@dataclass(frozen=True, slots=True)
class YearRecord:
    """One person's (or household's) year: the task rating and the titles and awards received."""

    rating: Rating | None = None
    titles: tuple[Honour, ...] = ()
    awards: tuple[Honour, ...] = ()


@dataclass(frozen=True, slots=True)
class Initiative:
    """A sáng kiến (or accepted S&T work) with its recognition scope and year. ``used``: locked by an award."""

    id: str
    scope: Scope
    year: int
    used: bool = False
    recognised_by: str = ""


@dataclass(frozen=True, slots=True)
class Discipline:
    """A disciplinary measure in force from ``start`` to ``end`` inclusive (``end`` None: still in force)."""

    form: str
    start: date
    end: date | None = None

    def in_force_during(self, year: int) -> bool:
        return self.start <= date(year, 12, 31) and (self.end is None or self.end >= date(year, 1, 1))


@dataclass(frozen=True)
class PersonHistory:
    id: str
    years: Mapping[int, YearRecord] = field(default_factory=dict)
    initiatives: tuple[Initiative, ...] = ()
    discipline: tuple[Discipline, ...] = ()
    under_review: bool = False  # disciplinary review, investigation, inspection or a complaint being verified
    service_months: int | None = None
    kind: ClassVar[SubjectKind] = SubjectKind.INDIVIDUAL


@dataclass(frozen=True, slots=True)
class CollectiveYear:
    """A collective's year. ``members_disciplined``: members disciplined at cảnh cáo or above."""

    rating: Rating | None = None
    members: int | None = None
    members_ldtt: int | None = None
    members_completed: int | None = None
    members_cstdcs: int | None = None
    members_disciplined: int | None = None
    block_rank: int | None = None
    titles: tuple[Honour, ...] = ()
    awards: tuple[Honour, ...] = ()


@dataclass(frozen=True)
class CollectiveHistory:
    id: str
    years: Mapping[int, CollectiveYear] = field(default_factory=dict)
    under_review: bool = False
    kind: ClassVar[SubjectKind] = SubjectKind.COLLECTIVE


@dataclass(frozen=True)
class HouseholdHistory:
    id: str
    years: Mapping[int, YearRecord] = field(default_factory=dict)
    under_review: bool = False
    kind: ClassVar[SubjectKind] = SubjectKind.HOUSEHOLD


History = PersonHistory | CollectiveHistory | HouseholdHistory

# ------------------------------------------------------------------------------------------------ output data


@dataclass(frozen=True, slots=True)
class Criterion:
    rule: str  # stable machine id, e.g. "rating", "no_discipline", "title:CSTDCS", "initiative"
    met: bool
    text: str  # Vietnamese explanation
    basis: str  # legal citation
    year: int | None = None
    route: str | None = None  # None: required on every route; "a", "b": one alternative route


@dataclass(frozen=True, slots=True)
class Verdict:
    subject: str
    award: str
    year: int
    outcome: Outcome
    ruleset: str | None
    criteria: tuple[Criterion, ...]
    manual_checks: tuple[str, ...]
    route: str | None = None  # the route that is met, when eligible and the award has routes
    initiatives: tuple[str, ...] = ()  # initiative ids this verdict relies on (locked if the award is made)

    @property
    def eligible(self) -> bool:
        return self.outcome is Outcome.ELIGIBLE

    @property
    def unmet(self) -> tuple[Criterion, ...]:
        return tuple(c for c in self.criteria if not c.met)


@dataclass(frozen=True, slots=True)
class OneYearAway:
    """Not eligible in ``year - 1``, eligible in ``year`` if ``missing`` comes true."""

    subject: str
    award: str
    year: int
    assumed_rating: Rating
    missing: tuple[str, ...]  # Vietnamese: what the next year must bring
    verdict: Verdict  # the projected verdict for ``year``


@dataclass(frozen=True, slots=True)
class Reward:
    award: str
    subject: SubjectKind
    on: date
    multiplier: Decimal
    base_salary: int
    amount: int  # VND, rounded as the rule set says
    confirmed: bool  # multiplier and base salary both confirmed from a retrieved source
    ruleset: str
    basis: tuple[str, ...]


class RewardError(ValueError):
    """No amount can be computed (no rule set, no multiplier or no base salary for the date)."""


# ------------------------------------------------------------------------------------------------ wording

DISCIPLINE_LABELS = {
    "khien_trach": "khiển trách",
    "canh_cao": "cảnh cáo",
    "ha_bac_luong": "hạ bậc lương",
    "giang_chuc": "giáng chức",
    "cach_chuc": "cách chức",
    "bai_nhiem": "bãi nhiệm",
    "buoc_thoi_viec": "buộc thôi việc",
}

_SCOPE_PHRASE = ("từ cấp cơ sở trở lên", "từ cấp tỉnh trở lên", "cấp toàn quốc")  # by Scope.rank

_NO_REVIEW_MET = (
    "Không trong thời gian bị xem xét kỷ luật, điều tra, thanh tra, kiểm tra hoặc xác minh khiếu nại, tố cáo."
)
_NO_REVIEW_UNMET = (
    "Đang trong thời gian bị xem xét kỷ luật, điều tra, thanh tra, kiểm tra hoặc xác minh khiếu nại, tố cáo: "
    "chưa xét khen thưởng."
)


def _d(day: date | None) -> str:
    return "nay" if day is None else day.strftime("%d/%m/%Y")


_NAMES: dict[str, str] = {}


def _name(code: str) -> str:
    try:
        return _NAMES[code]
    except KeyError:
        _NAMES[code] = name = catalog().get(code).name_vi
        return name


def _window(lo: int, hi: int) -> str:
    return f"năm {lo}" if lo == hi else f"từ năm {lo} đến năm {hi}"


def _percent(part: int, whole: int) -> str:
    value = Decimal(part) * 100 / whole
    text = f"{value.quantize(Decimal('0.1')):f}".rstrip("0").rstrip(".")
    return text.replace(".", ",") + "%"


def _initiative_list(items: Iterable[Initiative]) -> str:
    return ", ".join(f"{i.id} ({i.scope.label}, năm {i.year})" for i in items)


def _discipline_text(d: Discipline) -> str:
    form = DISCIPLINE_LABELS.get(d.form, d.form)
    return f"{form} có hiệu lực từ {_d(d.start)} đến {_d(d.end)}"


# ------------------------------------------------------------------------------------------------ person view


class _PersonView:
    """Indexes of one PersonHistory, computed once and shared by all the awards screened for it."""

    __slots__ = ("_discipline", "avail", "bad", "h", "held", "ratings")

    def __init__(self, history: PersonHistory):
        self.h = history
        ratings: dict[int, Rating] = {}
        held: dict[str, set[int]] = {}
        bad: set[tuple[str, int]] = set()  # (code, year) listed but not counting (revoked, not thường xuyên)
        for year, record in history.years.items():
            if record.rating is not None:
                ratings[year] = record.rating
            for honours in (record.titles, record.awards):
                for honour in honours:
                    if honour.type is HonourType.THUONG_XUYEN and not honour.revoked:
                        years = held.get(honour.code)
                        if years is None:
                            held[honour.code] = {year}
                        else:
                            years.add(year)
                    else:
                        bad.add((honour.code, year))
        self.ratings, self.held, self.bad = ratings, held, bad
        initiatives = history.initiatives
        if initiatives:
            self.avail = sorted(
                (i for i in initiatives if not i.used), key=lambda i: (i.scope.rank, i.year, i.id)
            )
        else:
            self.avail = []
        self._discipline: dict[int, Discipline | None] = {}

    def discipline_in(self, year: int) -> Discipline | None:
        """The first discipline in force on some day of ``year``, or None when the year counts."""
        if not self.h.discipline:
            return None
        try:
            return self._discipline[year]
        except KeyError:
            found = next((d for d in self.h.discipline if d.in_force_during(year)), None)
            self._discipline[year] = found
            return found

    def listed(self, code: str, year: int) -> bool:
        years = self.held.get(code)
        return years is not None and year in years

    def listed_problem(self, code: str, year: int) -> str | None:
        """Why a listing of ``code`` in ``year`` does not count (revoked, or not thường xuyên), if listed."""
        if not self.bad or (code, year) not in self.bad:
            return None
        record = self.h.years[year]
        for honour in (*record.titles, *record.awards):
            if honour.code == code and not honour.counts:
                if honour.revoked:
                    return f"{_name(code)} năm {year} đã bị hủy bỏ, không được tính"
                return (
                    f"{_name(code)} năm {year} thuộc loại khen thưởng {honour.type.label}, "
                    "không được tính làm điều kiện"
                )
        return None


# ------------------------------------------------------------------------------------------------ initiatives


class _Demand:
    """A need for ``count`` distinct unused initiatives of scope ≥ ``scope`` from ``lo``..``hi``."""

    __slots__ = ("assigned", "count", "hi", "lo", "scope")

    def __init__(self, scope: Scope, lo: int, hi: int, count: int = 1):
        self.scope, self.lo, self.hi, self.count = scope, lo, hi, count
        self.assigned: list[Initiative] | None = None

    def accepts(self, initiative: Initiative) -> bool:
        return initiative.scope.rank >= self.scope.rank and self.lo <= initiative.year <= self.hi

    def describe_missing(self, view: _PersonView, others: Sequence["_Demand"]) -> str:
        phrase = f"sáng kiến {_SCOPE_PHRASE[self.scope.rank]} chưa sử dụng {_window(self.lo, self.hi)}"
        fitting = [i for i in view.avail if self.accepts(i)]
        if self.count == 1:
            text = f"không có {phrase}"
        else:
            text = f"cần {self.count} {phrase}, khác nhau; chỉ có {len(fitting)}"
        taken = [i for i in fitting if any(o is not self and o.assigned and i in o.assigned for o in others)]
        if taken:
            text += (
                f" ({_initiative_list(taken)} đã được tính cho tiêu chí khác; mỗi sáng kiến chỉ tính một lần)"
            )
        used = [i for i in view.h.initiatives if i.used and self.accepts(i)]
        if used:
            text += f" ({_initiative_list(used)} đã được sử dụng để khen thưởng)"
        return text


def _assign(avail: Sequence[Initiative], demands: Sequence[_Demand]) -> list[list[Initiative]] | None:
    """Distinct initiatives for every demand (bipartite matching), preferring the lowest that fits, or None."""
    slots = [di for di, d in enumerate(demands) for _ in range(d.count)]
    candidates = [[i for i, ini in enumerate(avail) if demands[di].accepts(ini)] for di in slots]
    owner = [-1] * len(avail)
    for slot in range(len(slots)):
        if not _place(slot, set(), candidates, owner):
            return None
    result: list[list[Initiative]] = [[] for _ in demands]
    for i, slot in enumerate(owner):
        if slot != -1:
            result[slots[slot]].append(avail[i])
    return result


def _place(slot: int, seen: set[int], candidates: list[list[int]], owner: list[int]) -> bool:
    """Augmenting path for ``slot`` (Kuhn's algorithm). A module function, not a recursive closure: that
    would be a reference cycle per call, left for the garbage collector."""
    for i in candidates[slot]:
        if i in seen:
            continue
        seen.add(i)
        if owner[i] == -1 or _place(owner[i], seen, candidates, owner):
            owner[i] = slot
            return True
    return False


def _match(avail: Sequence[Initiative], demands: Sequence[_Demand]) -> None:
    """Satisfy as many demands as possible, in order; sets ``assigned`` (None when a demand is not met)."""
    for d in demands:
        d.assigned = None
    if not demands:
        return
    satisfied: list[_Demand] = []
    best: list[list[Initiative]] = []
    for d in demands:
        trial = [*satisfied, d]
        result = _assign(avail, trial) if avail else None
        if result is not None:
            satisfied, best = trial, result
    for d, items in zip(satisfied, best, strict=True):
        d.assigned = items


# ------------------------------------------------------------------------------------------------ criteria

Item = Criterion | Callable[[], Criterion]  # a callable resolves after the initiatives are matched


# Criteria that depend only on their arguments are shared between verdicts (they are immutable). The key space
# is small: codes × years × ratings × citations.
_SHARED: dict[tuple, Criterion] = {}


def _shared(key: tuple, make: Callable[[], Criterion]) -> Criterion:
    try:
        return _SHARED[key]
    except KeyError:
        _SHARED[key] = criterion = make()
        return criterion


def _not_under_review(history: History, rs: RuleSet) -> Criterion:
    basis = rs.cite("under_review")
    if history.under_review:
        return _shared(
            ("review", False, basis), lambda: Criterion("not_under_review", False, _NO_REVIEW_UNMET, basis)
        )
    return _shared(
        ("review", True, basis), lambda: Criterion("not_under_review", True, _NO_REVIEW_MET, basis)
    )


def _rating(rating: Rating | None, year: int, minimum: Rating, basis: str, exact: bool = False) -> Criterion:
    return _shared(
        ("rating", rating, year, minimum, basis, exact),
        lambda: _make_rating(rating, year, minimum, basis, exact),
    )


def _make_rating(rating: Rating | None, year: int, minimum: Rating, basis: str, exact: bool) -> Criterion:
    wanted = f"yêu cầu {minimum.label}" if exact else f"yêu cầu từ {minimum.label} trở lên"
    if rating is None:
        return Criterion("rating", False, f"Năm {year}: không có dữ liệu xếp loại ({wanted}).", basis, year)
    if rating.rank >= minimum.rank:
        return Criterion("rating", True, f"Năm {year}: xếp loại {rating.label} ({wanted}).", basis, year)
    return Criterion(
        "rating", False, f"Năm {year}: xếp loại {rating.label}, chưa đạt ({wanted}).", basis, year
    )


def _counts(view: _PersonView, year: int, rs: RuleSet) -> Criterion:
    found = view.discipline_in(year)
    basis = rs.cite("discipline")
    if found is None:
        return _shared(
            ("counts", year, basis),
            lambda: Criterion(
                "no_discipline", True, f"Năm {year}: không có kỷ luật có hiệu lực.", basis, year
            ),
        )
    text = f"Năm {year}: có kỷ luật {_discipline_text(found)}; năm này không được tính."
    return Criterion("no_discipline", False, text, basis, year)


def _service(view: _PersonView, rs: RuleSet) -> Criterion | None:
    months, minimum = view.h.service_months, rs.thresholds.ldtt_service_months_min
    if months is None:
        return None
    basis = rs.cite("ldtt_service")
    if months >= minimum:
        return Criterion(
            "service_months",
            True,
            f"Thời gian công tác {months} tháng (yêu cầu từ {minimum} tháng trở lên).",
            basis,
        )
    return Criterion(
        "service_months", False, f"Thời gian công tác {months} tháng, chưa đủ {minimum} tháng.", basis
    )


def _initiative_item(view: _PersonView, demand: _Demand, demands: list[_Demand], basis: str) -> Item:
    def finish() -> Criterion:
        phrase = f"{_SCOPE_PHRASE[demand.scope.rank]} {_window(demand.lo, demand.hi)}"
        if demand.assigned is not None:
            many = f"{demand.count} sáng kiến khác nhau" if demand.count > 1 else "sáng kiến"
            text = f"Có {many} {phrase}, chưa sử dụng: {_initiative_list(demand.assigned)}."
            return Criterion("initiative", True, text, basis, demand.hi)
        text = demand.describe_missing(view, demands)
        return Criterion("initiative", False, text[0].upper() + text[1:] + ".", basis, demand.hi)

    demands.append(demand)
    return finish


class _Own:
    """Whether a title's own criteria are met in the review year, pending the initiative matching."""

    __slots__ = ("base_ok", "demands", "met_reason", "unmet_reason")

    def __init__(
        self,
        base_ok: bool,
        demands: list[_Demand],
        met_reason: Callable[[], str],
        unmet_reason: Callable[[], str],
    ):
        self.base_ok, self.demands = base_ok, demands
        self.met_reason, self.unmet_reason = met_reason, unmet_reason

    @property
    def met(self) -> bool:
        return self.base_ok and all(d.assigned is not None for d in self.demands)


def _own_ldtt(view: _PersonView, year: int, rs: RuleSet) -> tuple[bool, str]:
    t = rs.thresholds
    rating = view.ratings.get(year)
    if rating is None:
        return False, "không có dữ liệu xếp loại"
    if rating.rank < t.ldtt_min_rating.rank:
        return False, f"xếp loại {rating.label}"
    found = view.discipline_in(year)
    if found is not None:
        return False, f"có kỷ luật {_discipline_text(found)}"
    months = view.h.service_months
    if months is not None and months < t.ldtt_service_months_min:
        return False, f"thời gian công tác {months} tháng"
    return True, f"xếp loại {rating.label}"


def _own_cstdcs(view: _PersonView, year: int, rs: RuleSet, all_demands: list[_Demand]) -> _Own:
    t = rs.thresholds
    ok, reason = _own_ldtt(view, year, rs)
    if not ok:
        return _Own(False, [], lambda: reason, lambda: reason)
    if view.ratings[year].rank >= t.cstdcs_alternative_rating.rank:
        return _Own(True, [], lambda: reason, lambda: reason)
    demand = _Demand(t.cstdcs_initiative_scope, year, year)
    all_demands.append(demand)

    def met_reason() -> str:
        return f"{reason}, sáng kiến {_initiative_list(demand.assigned or ())}"

    def unmet_reason() -> str:
        return (
            f"không đạt {t.cstdcs_alternative_rating.label} và {demand.describe_missing(view, all_demands)}"
        )

    return _Own(True, [demand], met_reason, unmet_reason)


def _own_cstd_tinh(view: _PersonView, year: int, rs: RuleSet, all_demands: list[_Demand]) -> _Own:
    t = rs.thresholds
    first = year - t.cstd_tinh_streak_years + 1
    problems: list[str] = []
    for y in range(first, year):
        if not view.listed("CSTDCS", y):
            problems.append(f"năm {y} không có {_name('CSTDCS')}")
    for y in range(first, year + 1):
        if view.discipline_in(y) is not None:
            problems.append(f"năm {y} có kỷ luật")
    sub = None
    if not view.listed("CSTDCS", year):
        sub = _own_cstdcs(view, year, rs, all_demands)
        if not sub.base_ok:
            problems.append(f"năm {year} chưa đạt {_name('CSTDCS')} ({sub.unmet_reason()})")
    demand = _Demand(t.cstd_tinh_initiative_scope, first, year)
    all_demands.append(demand)
    demands = [*(sub.demands if sub else ()), demand]

    def unmet_reason() -> str:
        found = list(problems)
        if sub is not None and sub.base_ok and not sub.met:
            found.append(f"năm {year} chưa đạt {_name('CSTDCS')} ({sub.unmet_reason()})")
        if demand.assigned is None:
            found.append(demand.describe_missing(view, all_demands))
        return "; ".join(found)

    def met_reason() -> str:
        return f"{t.cstd_tinh_streak_years} năm liên tục {_name('CSTDCS')}, sáng kiến {_initiative_list(demand.assigned or ())}"

    return _Own(not problems, demands, met_reason, unmet_reason)


_OWN = {"CSTDCS": _own_cstdcs, "CSTD_TINH": _own_cstd_tinh}


def _held(
    view: _PersonView, code: str, year: int, review_year: int, rs: RuleSet, basis: str, demands: list[_Demand]
) -> Item:
    """Criterion: ``code`` is held in ``year`` (listed; in the review year also: its own criteria met)."""
    if view.listed(code, year):
        return _title_criterion(code, year, basis, True)
    problem = view.listed_problem(code, year)
    if year != review_year or code not in _OWN:
        if problem is None:
            return _title_criterion(code, year, basis, False)
        return Criterion(f"title:{code}", False, f"Năm {year}: {problem}.", basis, year)
    rule, name = f"title:{code}", _name(code)
    prefix = f"Năm {year}: {problem}" if problem else f"Năm {year}: chưa có {name}"
    own = _OWN[code](view, year, rs, demands)

    def finish() -> Criterion:
        if own.met:
            return Criterion(
                rule, True, f"Năm {year}: đạt tiêu chuẩn {name} ({own.met_reason()}).", basis, year
            )
        return Criterion(rule, False, f"{prefix} và chưa đạt tiêu chuẩn ({own.unmet_reason()}).", basis, year)

    return finish


def _title_criterion(code: str, year: int, basis: str, listed: bool) -> Criterion:
    def make() -> Criterion:
        if listed:
            return Criterion(f"title:{code}", True, f"Năm {year}: đã được tặng {_name(code)}.", basis, year)
        return Criterion(f"title:{code}", False, f"Năm {year}: chưa có {_name(code)}.", basis, year)

    return _shared(("title", code, year, basis, listed), make)


def _listed_only(view: _PersonView, code: str, year: int, basis: str) -> Criterion:
    if view.listed(code, year):
        return _title_criterion(code, year, basis, True)
    problem = view.listed_problem(code, year)
    if problem is None:
        return _title_criterion(code, year, basis, False)
    return Criterion(f"title:{code}", False, f"Năm {year}: {problem}.", basis, year)


# ------------------------------------------------------------------------------------------------ awards


@dataclass
class _Route:
    label: str | None
    items: list[Item]
    demands: list[_Demand] = field(default_factory=list)
    matched: bool = False  # the demands are already matched and the items resolved


def _ldtt(view: _PersonView, y: int, rs: RuleSet) -> list[_Route]:
    t, basis = rs.thresholds, rs.cite("ldtt")
    items: list[Item] = []
    service = _service(view, rs)
    if service is not None:
        items.append(service)
    items += [_rating(view.ratings.get(y), y, t.ldtt_min_rating, basis), _counts(view, y, rs)]
    return [_Route(None, items)]


def _cstdcs(view: _PersonView, y: int, rs: RuleSet) -> list[_Route]:
    t, basis = rs.thresholds, rs.cite("cstdcs")
    route = _ldtt(view, y, rs)[0]
    rating = view.ratings.get(y)
    alt = t.cstdcs_alternative_rating
    if rating is not None and rating.rank >= alt.rank:
        text = f"Năm {y}: xếp loại {rating.label} (yêu cầu {alt.label} hoặc có sáng kiến {_SCOPE_PHRASE[t.cstdcs_initiative_scope.rank]})."
        route.items.append(Criterion("htxs_or_initiative", True, text, basis, y))
        return [route]
    demand = _Demand(t.cstdcs_initiative_scope, y, y)
    demands = route.demands  # not ``route`` in the closure below: route.items holds it, a reference cycle
    demands.append(demand)

    def finish() -> Criterion:
        if demand.assigned is not None:
            text = f"Năm {y}: có sáng kiến chưa sử dụng {_initiative_list(demand.assigned)}."
            return Criterion("htxs_or_initiative", True, text, basis, y)
        text = f"Năm {y}: không đạt {alt.label} và {demand.describe_missing(view, demands)}."
        return Criterion("htxs_or_initiative", False, text, basis, y)

    route.items.append(finish)
    return [route]


def _cstd_tinh(view: _PersonView, y: int, rs: RuleSet) -> list[_Route]:
    t, basis = rs.thresholds, rs.cite("cstd_tinh")
    first = y - t.cstd_tinh_streak_years + 1
    route = _Route(None, [])
    for year in range(first, y + 1):
        route.items.append(_held(view, "CSTDCS", year, y, rs, basis, route.demands))
    for year in range(first, y + 1):
        route.items.append(_counts(view, year, rs))
    route.items.append(
        _initiative_item(view, _Demand(t.cstd_tinh_initiative_scope, first, y), route.demands, basis)
    )
    return [route]


def _cstd_tq(view: _PersonView, y: int, rs: RuleSet) -> list[_Route]:
    t, basis = rs.thresholds, rs.cite("cstd_tq")
    route = _Route(None, [])
    route.items.append(_held(view, "CSTD_TINH", y, y, rs, basis, route.demands))
    route.items.append(_listed_only(view, "CSTD_TINH", y - t.cstd_tq_previous_tinh_gap_years, basis))
    first = y - t.cstd_tq_initiative_window_years + 1
    route.items.append(
        _initiative_item(view, _Demand(t.cstd_tq_initiative_scope, first, y), route.demands, basis)
    )
    return [route]


def _bk_tinh(view: _PersonView, y: int, rs: RuleSet) -> list[_Route]:
    t, basis = rs.thresholds, rs.cite("bk_tinh")
    first = y - t.bk_tinh_streak_years + 1
    common = _Route(None, [_counts(view, year, rs) for year in range(first, y + 1)])
    a = _Route("a", [])
    for year in range(first, y + 1):
        a.items.append(_held(view, "CSTDCS", year, y, rs, basis, a.demands))
    b = _Route(
        "b",
        [
            _rating(view.ratings.get(year), year, t.bk_tinh_rating, basis, exact=True)
            for year in range(first, y + 1)
        ],
    )
    demand = _Demand(t.bk_tinh_initiative_scope, first, y, t.bk_tinh_initiative_count)
    b.items.append(_initiative_item(view, demand, b.demands, basis))
    return [common, a, b]


def _window_routes(
    view: _PersonView,
    y: int,
    rs: RuleSet,
    *,
    prior: str,
    years_min: int,
    min_rating: Rating,
    cstdcs_count: int,
    htxs_count: int,
    basis: str,
) -> list[_Route]:
    """BK_TTG / HCLD3: ``prior`` held in some Y0 ≤ Y - years_min; every year Y0+1..Y rated ≥ min_rating and
    counting; CSTDCS held in ≥ cstdcs_count of them; (HCLD3) ≥ htxs_count HTXS years among them."""
    latest = y - years_min
    candidates = sorted((y0 for y0 in view.held.get(prior, ()) if y0 <= latest), reverse=True)
    if not candidates:
        notes = []
        listed = set(view.held.get(prior, ()))
        if view.bad:
            listed |= {year for code, year in view.bad if code == prior}
        for year in sorted(listed):
            problem = view.listed_problem(prior, year) if year <= latest else None
            if problem:
                notes.append(problem)
            elif year > latest and view.listed(prior, year):
                notes.append(f"{_name(prior)} năm {year} chưa đủ {years_min} năm")
        text = f"Không có {_name(prior)} (thường xuyên, còn hiệu lực) từ năm {latest} trở về trước"
        text += f" ({'; '.join(notes)})." if notes else "."
        # Judge the shortest window too (from year latest + 1), so the verdict still lists every criterion and
        # says what else would be missing once the earlier award is there.
        route = _window_route(view, y, rs, latest, prior, min_rating, cstdcs_count, htxs_count, basis)
        route.items[0] = Criterion(f"prior:{prior}", False, text, basis, latest)
        return [route]
    best: tuple[int, list[Criterion], list[_Demand]] | None = None
    for y0 in candidates:
        route = _window_route(view, y, rs, y0, prior, min_rating, cstdcs_count, htxs_count, basis)
        criteria = [it() if callable(it) else it for it in _resolve(view, route)]
        unmet = sum(not c.met for c in criteria)
        if best is None or unmet < best[0]:
            best = (unmet, criteria, route.demands)
        if unmet == 0:
            break
    assert best is not None
    return [_Route(None, best[1], best[2], matched=True)]


def _resolve(view: _PersonView, route: _Route) -> list[Item]:
    if not route.matched and route.demands:
        _match(view.avail, route.demands)
    return route.items


def _window_route(
    view: _PersonView,
    y: int,
    rs: RuleSet,
    y0: int,
    prior: str,
    min_rating: Rating,
    cstdcs_count: int,
    htxs_count: int,
    basis: str,
) -> _Route:
    first = y0 + 1
    years = range(first, y + 1)
    route = _Route(None, [])
    text = f"Năm {y0}: đã được tặng {_name(prior)}; từ năm {first} đến năm {y} là {len(years)} năm."
    route.items.append(Criterion(f"prior:{prior}", True, text, basis, y0))
    low = []
    for year in years:
        rating = view.ratings.get(year)
        if rating is None:
            low.append(f"{year} (không có dữ liệu xếp loại)")
        elif rating.rank < min_rating.rank:
            low.append(f"{year} ({rating.label})")
    span = f"Từ năm {first} đến năm {y}"
    if low:
        text = f"{span}: chưa đạt xếp loại từ {min_rating.label} trở lên ở các năm {', '.join(low)}."
    else:
        text = f"{span}: năm nào cũng xếp loại từ {min_rating.label} trở lên."
    route.items.append(Criterion("ratings_window", not low, text, basis, y))
    disciplined = []
    if view.h.discipline:
        disciplined = [(year, d) for year in years if (d := view.discipline_in(year)) is not None]
    if disciplined:
        listed = "; ".join(f"năm {year}: {_discipline_text(d)}" for year, d in disciplined)
        text = f"{span}: có năm có kỷ luật nên không được tính ({listed})."
    else:
        text = f"{span}: không có kỷ luật có hiệu lực."
    route.items.append(Criterion("no_discipline_window", not disciplined, text, rs.cite("discipline"), y))
    if htxs_count:
        top = [year for year in years if view.ratings.get(year) is Rating.HTXS]
        found = f" ({', '.join(map(str, top))})" if top else ""
        text = f"{span}: {len(top)} năm {Rating.HTXS.label}{found}; yêu cầu ít nhất {htxs_count} năm."
        route.items.append(Criterion("htxs_count", len(top) >= htxs_count, text, basis, y))
    route.items.append(_cstdcs_count(view, y, rs, years, cstdcs_count, basis, route.demands))
    return route


def _cstdcs_count(
    view: _PersonView, y: int, rs: RuleSet, years: range, wanted: int, basis: str, demands: list[_Demand]
) -> Item:
    name = _name("CSTDCS")
    listed = [year for year in years if view.listed("CSTDCS", year)]
    span = f"Từ năm {years.start} đến năm {y}"
    own = None
    if len(listed) < wanted and y not in listed and len(listed) + 1 >= wanted:
        own = _own_cstdcs(view, y, rs, demands)

    def finish() -> Criterion:
        held = list(listed)
        if own is not None and own.met:
            held.append(y)
        found = f" ({', '.join(map(str, held))})" if held else ""
        text = f"{span}: {len(held)} lần đạt {name}{found}; yêu cầu ít nhất {wanted} lần."
        if own is not None and own.met:
            text = text[:-1] + f"; năm {y} đạt tiêu chuẩn ({own.met_reason()})."
        return Criterion("title_count:CSTDCS", len(held) >= wanted, text, basis, y)

    return finish


def _bk_ttg(view: _PersonView, y: int, rs: RuleSet) -> list[_Route]:
    t = rs.thresholds
    return _window_routes(
        view,
        y,
        rs,
        prior="BK_TINH",
        years_min=t.bk_ttg_min_years,
        min_rating=t.bk_ttg_min_rating,
        cstdcs_count=t.bk_ttg_cstdcs_count,
        htxs_count=0,
        basis=rs.cite("bk_ttg"),
    )


def _hcld3(view: _PersonView, y: int, rs: RuleSet) -> list[_Route]:
    t = rs.thresholds
    return _window_routes(
        view,
        y,
        rs,
        prior="BK_TTG",
        years_min=t.hcld3_min_years,
        min_rating=t.hcld3_min_rating,
        cstdcs_count=t.hcld3_cstdcs_count,
        htxs_count=t.hcld3_htxs_count,
        basis=rs.cite("hcld3"),
    )


_INDIVIDUAL = {
    "LDTT": _ldtt,
    "CSTDCS": _cstdcs,
    "CSTD_TINH": _cstd_tinh,
    "CSTD_TQ": _cstd_tq,
    "BK_TINH": _bk_tinh,
    "BK_TTG": _bk_ttg,
    "HCLD3": _hcld3,
}

# -------------------------------------------------------------------------------------------- collectives


def _members_ldtt(rec: CollectiveYear, y: int, rs: RuleSet, basis: str) -> Criterion:
    minimum = rs.thresholds.collective_ldtt_min_percent
    name = _name("LDTT")
    if not rec.members or rec.members_ldtt is None:
        return Criterion(
            "members_ldtt_percent", False, f"Năm {y}: không có dữ liệu số thành viên đạt {name}.", basis, y
        )
    share = f"{rec.members_ldtt}/{rec.members} thành viên ({_percent(rec.members_ldtt, rec.members)})"
    if rec.members_ldtt * 100 >= minimum * rec.members:
        return Criterion(
            "members_ldtt_percent",
            True,
            f"Năm {y}: {share} đạt {name} (yêu cầu từ {minimum}% trở lên).",
            basis,
            y,
        )
    return Criterion(
        "members_ldtt_percent", False, f"Năm {y}: {share} đạt {name}, chưa đạt {minimum}%.", basis, y
    )


def _no_member_disciplined(rec: CollectiveYear, y: int, basis: str) -> Criterion:
    rule = "no_member_disciplined"
    if rec.members_disciplined is None:
        return Criterion(rule, False, f"Năm {y}: không có dữ liệu thành viên bị kỷ luật.", basis, y)
    if rec.members_disciplined == 0:
        return Criterion(
            rule, True, f"Năm {y}: không có thành viên bị kỷ luật từ hình thức cảnh cáo trở lên.", basis, y
        )
    text = f"Năm {y}: có {rec.members_disciplined} thành viên bị kỷ luật từ hình thức cảnh cáo trở lên."
    return Criterion(rule, False, text, basis, y)


def _ttldtt(rec: CollectiveYear, y: int, rs: RuleSet) -> list[Criterion]:
    basis = rs.cite("ttldtt")
    return [
        _rating(rec.rating, y, rs.thresholds.ttldtt_min_rating, basis),
        _members_ldtt(rec, y, rs, basis),
        _no_member_disciplined(rec, y, basis),
    ]


def _ttldxs(rec: CollectiveYear, y: int, rs: RuleSet) -> list[Criterion]:
    t, basis = rs.thresholds, rs.cite("ttldxs")
    criteria = [_rating(rec.rating, y, t.ttldxs_rating, basis, exact=True)]
    if not rec.members or rec.members_completed is None:
        criteria.append(
            Criterion(
                "members_completed_all",
                False,
                f"Năm {y}: không có dữ liệu số thành viên hoàn thành nhiệm vụ.",
                basis,
                y,
            )
        )
    else:
        share = f"{rec.members_completed}/{rec.members} thành viên hoàn thành nhiệm vụ"
        ok = rec.members_completed >= rec.members
        text = f"Năm {y}: {share} (yêu cầu 100%)." if ok else f"Năm {y}: {share}, chưa đạt 100%."
        criteria.append(Criterion("members_completed_all", ok, text, basis, y))
    criteria.append(_members_ldtt(rec, y, rs, basis))
    wanted, count = t.ttldxs_min_cstdcs_members, rec.members_cstdcs
    name = _name("CSTDCS")
    if count is None:
        criteria.append(
            Criterion("members_cstdcs", False, f"Năm {y}: không có dữ liệu thành viên đạt {name}.", basis, y)
        )
    else:
        text = f"Năm {y}: có {count} thành viên đạt {name} (yêu cầu ít nhất {wanted})."
        criteria.append(Criterion("members_cstdcs", count >= wanted, text, basis, y))
    criteria.append(_no_member_disciplined(rec, y, basis))
    return criteria


def _co_tinh(rec: CollectiveYear, y: int, rs: RuleSet) -> list[Criterion]:
    criteria = _ttldxs(rec, y, rs)
    rank, best, basis = rec.block_rank, rs.thresholds.co_tinh_max_block_rank, rs.cite("co_tinh")
    if rank is None:
        criteria.append(
            Criterion(
                "block_rank", False, f"Năm {y}: không có dữ liệu xếp hạng trong cụm, khối thi đua.", basis, y
            )
        )
    elif rank <= best:
        criteria.append(
            Criterion(
                "block_rank", True, f"Năm {y}: xếp thứ {rank} trong cụm, khối thi đua (dẫn đầu).", basis, y
            )
        )
    else:
        criteria.append(
            Criterion(
                "block_rank",
                False,
                f"Năm {y}: xếp thứ {rank} trong cụm, khối thi đua, chưa dẫn đầu.",
                basis,
                y,
            )
        )
    return criteria


_COLLECTIVE = {"TTLDTT": _ttldtt, "TTLDXS": _ttldxs, "CO_TINH": _co_tinh}

# ------------------------------------------------------------------------------------------------ evaluate


def _no_ruleset(history: History, award: Award, year: int, ruleset: RuleSet | None) -> Verdict:
    if ruleset is None:
        text = (
            f"Chưa nạp bộ quy tắc xét thi đua, khen thưởng áp dụng cho năm {year} "
            f"(bộ quy tắc được chọn theo văn bản có hiệu lực ngày 31/12/{year})."
        )
    else:
        text = (
            f"Bộ quy tắc '{ruleset.id}' (hiệu lực từ {_d(ruleset.effective_from)} đến {_d(ruleset.effective_to)}) "
            f"không áp dụng cho năm {year}."
        )
    criterion = Criterion("ruleset", False, text, "", year)
    return Verdict(history.id, award.code, year, Outcome.NO_RULESET, None, (criterion,), award.manual_checks)


def _award_for(history: History, award_code: str) -> Award:
    if award_code not in catalog():
        raise ValueError(f"Không có mã danh hiệu, hình thức khen thưởng '{award_code}' trong danh mục")
    award = catalog().get(award_code)
    if not award.applies_to(history.kind):
        raise ValueError(f"'{award_code}' không áp dụng cho đối tượng {history.kind.label}")
    return award


def _verdict(history: History, award: Award, year: int, rs: RuleSet, view: _PersonView | None) -> Verdict:
    first = _not_under_review(history, rs)
    if history.kind not in award.evaluated_for:
        outcome = Outcome.MANUAL_ONLY if first.met else Outcome.INELIGIBLE
        return Verdict(history.id, award.code, year, outcome, rs.id, (first,), award.manual_checks)
    if history.kind is SubjectKind.COLLECTIVE:
        record = history.years.get(year) or CollectiveYear()
        criteria = (first, *_COLLECTIVE[award.code](record, year, rs))
        outcome = Outcome.ELIGIBLE if all(c.met for c in criteria) else Outcome.INELIGIBLE
        return Verdict(history.id, award.code, year, outcome, rs.id, criteria, award.manual_checks)
    if view is None:
        view = _PersonView(history)
    manual = award.manual_checks
    if history.service_months is None and award.code in ("LDTT", "CSTDCS"):
        minimum = rs.thresholds.ldtt_service_months_min
        manual = (*manual, f"Kiểm tra thời gian công tác từ {minimum} tháng trở lên (chưa có dữ liệu).")
    criteria = [first]
    common_ok = first.met
    used: list[str] = []
    routed = False
    chosen = None
    for route in _INDIVIDUAL[award.code](view, year, rs):
        label = route.label
        ok = True
        for item in _resolve(view, route):
            criterion = item if type(item) is Criterion else item()
            if label is not None:
                criterion = Criterion(
                    criterion.rule, criterion.met, criterion.text, criterion.basis, criterion.year, label
                )
            if not criterion.met:
                ok = False
            criteria.append(criterion)
        if label is None:
            common_ok = common_ok and ok
        else:
            routed = True
            if not ok or chosen is not None:
                continue
            chosen = label
        used += [i.id for d in route.demands if d.assigned for i in d.assigned]
    if not common_ok or (routed and chosen is None):
        return Verdict(history.id, award.code, year, Outcome.INELIGIBLE, rs.id, tuple(criteria), manual)
    return Verdict(
        history.id, award.code, year, Outcome.ELIGIBLE, rs.id, tuple(criteria), manual, chosen, tuple(used)
    )


def _pick(year: int, ruleset: RuleSet | None) -> tuple[RuleSet | None, bool]:
    """(rule set, covers): the given rule set, or the one in force on 31/12 of ``year``."""
    if ruleset is None:
        found = ruleset_for_year(year)
        return found, found is not None
    return ruleset, ruleset.covers_year(year)


def evaluate(history: History, award_code: str, year: int, ruleset: RuleSet | None = None) -> Verdict:
    """The verdict for one subject, one award and review year ``year``.

    ``ruleset`` defaults to the one in force on 31/12/``year``. When none is loaded for the year (or the given
    one does not cover it) the outcome is ``no_ruleset``. Raises ValueError for a code not in the catalogue or
    not applicable to the subject's kind.
    """
    award = _award_for(history, award_code)
    rs, covers = _pick(year, ruleset)
    if not covers:
        return _no_ruleset(history, award, year, rs)
    return _verdict(history, award, year, rs, None)


def screen(
    histories: Iterable[History],
    year: int,
    ruleset: RuleSet | None = None,
    awards: Sequence[str] | None = None,
) -> list[Verdict]:
    """Verdicts for every history and every catalogue award applicable to its kind (or only ``awards``), in
    catalogue order. Codes not applicable to a subject's kind produce no verdict."""
    rs, covers = _pick(year, ruleset)
    chosen = [a for a in catalog() if awards is None or a.code in awards]
    if awards is not None:
        unknown = sorted(set(awards) - {a.code for a in chosen})
        if unknown:
            raise ValueError(f"Không có mã danh hiệu, hình thức khen thưởng '{unknown[0]}' trong danh mục")
    per_kind = {kind: [a for a in chosen if a.applies_to(kind)] for kind in SubjectKind}
    results: list[Verdict] = []
    with _collector_paused():
        for history in histories:
            applicable = per_kind[history.kind]
            if not covers:
                results += [_no_ruleset(history, a, year, rs) for a in applicable]
                continue
            view = _PersonView(history) if history.kind is SubjectKind.INDIVIDUAL else None
            results += [_verdict(history, a, year, rs, view) for a in applicable]
    return results


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while a batch is screened.

    A screening keeps millions of new objects alive (verdicts, criteria); each of them counts towards the
    collector's thresholds, so it would run full passes over the growing heap again and again (about a quarter
    of the screening time on the benchmark) while finding little: the engine's temporaries are freed by
    reference counting. The collector resumes (if it was running) afterwards and picks up any cycles then.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


# ------------------------------------------------------------------------------------------------ outlook

_ANNUAL_TITLES = ("LDTT", "CSTDCS")


def _project(
    history: PersonHistory, year: int, rs_now: RuleSet | None, rating: Rating
) -> tuple[PersonHistory, list[str]]:
    """The history as it would be after ``year + 1``: the annual titles met in ``year`` granted (their
    initiatives locked), ``year + 1`` rated ``rating`` with no new title or initiative."""
    years = dict(history.years)
    initiatives = {i.id: i for i in history.initiatives}
    granted: list[str] = []
    if rs_now is not None and rs_now.covers_year(year):
        for code in _ANNUAL_TITLES:
            current = PersonHistory(
                history.id,
                years,
                tuple(initiatives.values()),
                history.discipline,
                False,
                history.service_months,
            )
            record = years.get(year) or YearRecord()
            if any(h.code == code and h.counts for h in record.titles):
                continue
            verdict = _verdict(current, catalog().get(code), year, rs_now, None)
            if verdict.eligible:
                years[year] = dataclasses.replace(record, titles=(*record.titles, Honour(code)))
                for ini in verdict.initiatives:
                    initiatives[ini] = dataclasses.replace(initiatives[ini], used=True)
                granted.append(f"Được tặng {_name(code)} năm {year}.")
    years[year + 1] = YearRecord(rating=rating)
    months = None if history.service_months is None else history.service_months + 12
    projected = PersonHistory(
        history.id, years, tuple(initiatives.values()), history.discipline, history.under_review, months
    )
    return projected, granted


def one_year_away(
    history: History, award_code: str, year: int, ruleset: RuleSet | None = None
) -> OneYearAway | None:
    """Whether the subject, not eligible in ``year``, would be eligible in ``year + 1`` (and what that needs).

    The projection grants the annual titles (LĐTT, CSTĐCS) whose criteria are met in ``year``, then rates
    ``year + 1`` HTT, else HTXS, with no new title, initiative or discipline. Discipline and ``under_review``
    stay as they are. ``ruleset`` is the rule set for ``year + 1`` (default: in force on 31/12 of it).
    Returns None when eligible now, when not reachable in one year, and for collectives and households.
    """
    award = _award_for(history, award_code)
    if history.kind is not SubjectKind.INDIVIDUAL or not award.is_evaluated_for(history.kind):
        return None
    rs_next, covers = _pick(year + 1, ruleset)
    if not covers:
        return None
    rs_now = ruleset if ruleset is not None and ruleset.covers_year(year) else ruleset_for_year(year)
    if rs_now is not None and _verdict(history, award, year, rs_now, None).outcome is not Outcome.INELIGIBLE:
        return None
    for rating in (Rating.HTT, Rating.HTXS):
        projected, granted = _project(history, year, rs_now, rating)
        verdict = _verdict(projected, award, year + 1, rs_next, None)
        if verdict.eligible:
            wanted = (
                f"Năm {year + 1} xếp loại {rating.label}"
                if rating is Rating.HTXS
                else f"Năm {year + 1} xếp loại từ {rating.label} trở lên"
            )
            missing = (*granted, wanted + ".", f"Năm {year + 1} không có kỷ luật có hiệu lực.")
            return OneYearAway(history.id, award.code, year + 1, rating, missing, verdict)
    return None


# ------------------------------------------------------------------------------------------------ money


def reward_amount(
    award_code: str,
    on: date,
    ruleset: RuleSet | None = None,
    subject: SubjectKind | str = SubjectKind.INDIVIDUAL,
) -> Reward:
    """Bonus for ``award_code`` decided on ``on``: multiplier × base salary in force that day, rounded as the rule
    set says (households: household factor × the individual amount unless listed). ``ruleset`` defaults to the
    one in force on ``on``. Raises RewardError (Vietnamese message) when no amount can be computed."""
    subject = SubjectKind(subject)
    rs = ruleset if ruleset is not None else ruleset_for_date(on)
    if rs is None:
        raise RewardError(f"Chưa có bộ quy tắc áp dụng cho ngày {_d(on)}")
    found = rs.multiplier(award_code, subject)
    if found is None:
        raise RewardError(f"Bộ quy tắc '{rs.id}' chưa có mức thưởng cho '{award_code}' ({subject.label})")
    multiplier, confirmed, basis = found
    salary = rs.base_salary_on(on)
    if salary is None:
        raise RewardError(f"Chưa có mức lương cơ sở áp dụng cho ngày {_d(on)}")
    amount = rs.money_rounding.apply(multiplier * salary.amount)
    bases = tuple(b for b in (basis, salary.basis, rs.money_rounding.basis) if b)
    return Reward(
        award_code,
        subject,
        on,
        multiplier,
        salary.amount,
        amount,
        confirmed and salary.confirmed,
        rs.id,
        bases,
    )
