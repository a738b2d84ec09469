"""Targets (chỉ tiêu) of a movement and how a reported value is judged against them.

Pure Python: no Django, no database. Services feed ``evaluate`` plain values taken from the ORM; the
dashboard, the public progress page and the Excel export show its ``Achievement``.

Decisions, in one place
-----------------------
* **Decimal only.** Values, targets, baselines and tolerances are ``Decimal``. ``int`` and ``str`` are
  accepted and converted; ``float`` is refused (``TypeError``) because 7.7 as a float is not 7.7.
* **Five directions.** ``at_least`` (đạt ít nhất), ``at_most`` (không vượt quá), ``increase_by`` (tăng ít
  nhất), ``decrease_by`` (giảm ít nhất) and ``about`` (khoảng). For the two change directions the target is
  the *amount* of change: "giảm tỷ suất sinh 0,4‰" is met by a fall of 0.4 or more. The change is
  ``value - baseline`` (increase) or ``baseline - value`` (decrease) when units report the level, or the
  reported value itself when ``TargetSpec.measures_change`` is true (units report "giảm 0,42‰").
* **Met and exceeded are strict comparisons with the target.** Exactly on target is ``đạt``; strictly beyond
  (above for at_least and the change directions, below for at_most) is ``vượt``; short of it is ``chưa
  đạt``. No margin is added: the directive says "hoàn thành, hoàn thành vượt mức" and nothing more.
* **"About" (khoảng)** means higher is better (every "khoảng" target of the seed is a growth figure). A
  value within ``tolerance`` of the target, either side, is ``đạt``; above the band is ``vượt``; below it is
  ``chưa đạt``. The tolerance is absolute, in the target's unit. When a spec gives none,
  ``DEFAULT_ABOUT_TOLERANCE_RATIO`` (5 % of the target, e.g. ±0.385 points for "khoảng 7,7%") applies; this
  default is a project choice, not a legal rule.
* **Interim or final.** A report whose ``period_end`` is on or after ``target_deadline`` is final: the status
  is ``đạt``, ``vượt`` or ``chưa đạt``. An earlier report is interim, and ``chưa đạt`` is reserved for
  "already missed for good" (only possible for a cumulative ``at_most`` target whose limit is breached).
  Otherwise an interim value that misses is ``nguy cơ không đạt``.
* **Pace, for cumulative targets.** A cumulative target (budget revenue collected so far, jobs created so
  far) is compared with the straight line from its start level (the baseline, or zero) on
  ``target_start`` to the target on ``target_deadline``. Days are counted inclusively, so the period ending
  on the deadline has elapsed fraction exactly 1. At or ahead of the line: ``đạt`` with ``met=False``
  (shown as "Đạt tiến độ"); behind it: ``nguy cơ không đạt``. A value that already reaches the full target
  is ``đạt``/``vượt`` with ``met=True``. For a cumulative ``at_most`` target the line runs from zero up to
  the limit: using more than the pro-rata share is at risk, breaching the limit is ``chưa đạt``.
* **Non-cumulative targets** (a rate, a level, an estimate of growth) are judged as they stand: an interim
  value that meets the target is ``đạt``/``vượt``, one that does not is ``nguy cơ không đạt``.
* **Ratio.** ``ratio`` is 1 exactly on target and grows as the result gets better: ``value / target`` for
  at_least and about; ``target / value`` for at_most; ``change / amount`` for the change directions. It is
  ``None`` when the divisor is zero. ``percent`` is ``ratio × 100`` rounded half-up to two places; ``ratio``
  itself is not rounded (Decimal context precision 28).
* **Monotonic.** For fixed dates and spec, a better value never gets a worse ``Status.rank``
  (chưa đạt < nguy cơ < đạt < vượt); ``chưa báo cáo`` (no value) has no rank among them.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, localcontext
from enum import StrEnum

__all__ = [
    "DEFAULT_ABOUT_TOLERANCE_RATIO",
    "Achievement",
    "Direction",
    "PeriodKind",
    "Status",
    "TargetSpec",
    "elapsed_days",
    "elapsed_fraction",
    "evaluate",
    "to_decimal",
]

DEFAULT_ABOUT_TOLERANCE_RATIO = Decimal("0.05")
"""Tolerance of an ``about`` target that gives none: 5 % of the target's absolute value."""

_HUNDRED = Decimal(100)
_CENT = Decimal("0.01")
_ZERO = Decimal(0)


def to_decimal(value: Decimal | int | str) -> Decimal:
    """Convert to Decimal; refuse floats and non-finite values.

    Strings use a dot as decimal separator ("7.7"); Vietnamese input ("7,7") is parsed by the forms layer.
    """
    if isinstance(value, bool | float):
        raise TypeError(f"dùng Decimal, int hoặc str, không dùng {type(value).__name__}: {value!r}")
    if isinstance(value, Decimal):
        result = value
    elif isinstance(value, int | str):
        result = Decimal(value)
    else:
        raise TypeError(f"không chuyển được sang Decimal: {value!r}")
    if not result.is_finite():
        raise ValueError(f"giá trị không hữu hạn: {value!r}")
    return result


class Direction(StrEnum):
    """How a target is read. ``label`` is the Vietnamese label shown to users."""

    AT_LEAST = "at_least"
    AT_MOST = "at_most"
    INCREASE_BY = "increase_by"
    DECREASE_BY = "decrease_by"
    ABOUT = "about"

    @property
    def label(self) -> str:
        return _DIRECTION_LABELS[self]

    @property
    def is_change(self) -> bool:
        """True when the target is an amount of change from a baseline."""
        return self in (Direction.INCREASE_BY, Direction.DECREASE_BY)

    @classmethod
    def choices(cls) -> list[tuple[str, str]]:
        return [(member.value, member.label) for member in cls]


_DIRECTION_LABELS = {
    Direction.AT_LEAST: "Đạt ít nhất",
    Direction.AT_MOST: "Không vượt quá",
    Direction.INCREASE_BY: "Tăng ít nhất",
    Direction.DECREASE_BY: "Giảm ít nhất",
    Direction.ABOUT: "Khoảng",
}


class Status(StrEnum):
    """Result of judging a reported value. ``label_vi`` for people, ``css_class`` for Bootstrap 5 badges."""

    DAT = "dat"
    VUOT = "vuot"
    CHUA_DAT = "chua_dat"
    NGUY_CO = "nguy_co"
    CHUA_BAO_CAO = "chua_bao_cao"

    @property
    def label_vi(self) -> str:
        return _STATUS_LABELS[self]

    @property
    def label(self) -> str:
        """Same as ``label_vi``; named like Django's ``TextChoices.label``."""
        return _STATUS_LABELS[self]

    @property
    def colour(self) -> str:
        """Bootstrap contextual colour name: success, primary, danger, warning, secondary."""
        return _STATUS_COLOURS[self]

    @property
    def css_class(self) -> str:
        """Bootstrap 5 class giving background and a readable text colour, e.g. ``text-bg-success``."""
        return f"text-bg-{_STATUS_COLOURS[self]}"

    @property
    def rank(self) -> int | None:
        """Order from worst to best (chưa đạt 0, nguy cơ 1, đạt 2, vượt 3); ``None`` for chưa báo cáo."""
        return _STATUS_RANKS.get(self)

    @classmethod
    def choices(cls) -> list[tuple[str, str]]:
        return [(member.value, member.label_vi) for member in cls]


_STATUS_LABELS = {
    Status.DAT: "Đạt",
    Status.VUOT: "Vượt",
    Status.CHUA_DAT: "Chưa đạt",
    Status.NGUY_CO: "Nguy cơ không đạt",
    Status.CHUA_BAO_CAO: "Chưa báo cáo",
}
_STATUS_COLOURS = {
    Status.DAT: "success",
    Status.VUOT: "primary",
    Status.CHUA_DAT: "danger",
    Status.NGUY_CO: "warning",
    Status.CHUA_BAO_CAO: "secondary",
}
_STATUS_RANKS = {Status.CHUA_DAT: 0, Status.NGUY_CO: 1, Status.DAT: 2, Status.VUOT: 3}

ON_TRACK_LABEL = "Đạt tiến độ"
"""Label of an interim ``đạt`` that follows the pace but has not reached the target yet."""


_ROMAN_QUARTERS = {1: "I", 2: "II", 3: "III", 4: "IV"}


class PeriodKind(StrEnum):
    """Reporting period: month, quarter, six months, year. Periods are numbered from 1 within a year."""

    MONTH = "month"
    QUARTER = "quarter"
    HALF = "half"
    YEAR = "year"

    @property
    def label(self) -> str:
        return _PERIOD_LABELS[self]

    @property
    def months(self) -> int:
        """Length in months: 1, 3, 6 or 12."""
        return _PERIOD_MONTHS[self]

    @property
    def periods_per_year(self) -> int:
        return 12 // _PERIOD_MONTHS[self]

    def _check(self, index: int) -> None:
        if not 1 <= index <= self.periods_per_year:
            raise ValueError(
                f"{self.label}: số thứ tự kỳ phải từ 1 đến {self.periods_per_year}, nhận {index}"
            )

    def start(self, year: int, index: int = 1) -> dt.date:
        """First day of period ``index`` of ``year`` (quarter 2 of 2022 → 2022-04-01)."""
        self._check(index)
        return dt.date(year, (index - 1) * self.months + 1, 1)

    def end(self, year: int, index: int = 1) -> dt.date:
        """Last day of period ``index`` of ``year`` (half 1 of 2022 → 2022-06-30)."""
        self._check(index)
        last_month = index * self.months
        return dt.date(year, last_month, calendar.monthrange(year, last_month)[1])

    def index_of(self, day: dt.date) -> int:
        """Number of the period of this kind that contains ``day``."""
        return (day.month - 1) // self.months + 1

    def label_for(self, year: int, index: int = 1) -> str:
        """Vietnamese name of one period: "Tháng 3/2022", "Quý II/2022", "6 tháng đầu năm 2022", "Năm 2022"."""
        self._check(index)
        if self is PeriodKind.MONTH:
            return f"Tháng {index}/{year}"
        if self is PeriodKind.QUARTER:
            return f"Quý {_ROMAN_QUARTERS[index]}/{year}"
        if self is PeriodKind.HALF:
            return f"6 tháng {'đầu' if index == 1 else 'cuối'} năm {year}"
        return f"Năm {year}"

    @classmethod
    def choices(cls) -> list[tuple[str, str]]:
        return [(member.value, member.label) for member in cls]


_PERIOD_LABELS = {
    PeriodKind.MONTH: "Tháng",
    PeriodKind.QUARTER: "Quý",
    PeriodKind.HALF: "6 tháng",
    PeriodKind.YEAR: "Năm",
}
_PERIOD_MONTHS = {PeriodKind.MONTH: 1, PeriodKind.QUARTER: 3, PeriodKind.HALF: 6, PeriodKind.YEAR: 12}


@dataclass(frozen=True, slots=True)
class TargetSpec:
    """What a target asks for.

    ``target``           the target value; for increase_by/decrease_by, the amount of change (0.4 for
                         "giảm 0,4‰").
    ``direction``        a ``Direction``.
    ``unit``             unit of measure as written: "%", "‰", "triệu đồng", "tỷ đồng", "lao động", …
    ``baseline``         the level at the start (needed by the change directions unless
                         ``measures_change``; for cumulative at_least/about it is the start of the pace
                         line, zero when absent).
    ``tolerance``        only for ``about``: absolute half-width of the band around the target; ``None``
                         means ``DEFAULT_ABOUT_TOLERANCE_RATIO`` of the target.
    ``cumulative``       values accumulate over the period (revenue so far, jobs so far): judged by pace.
    ``measures_change``  only for the change directions: the reported value is the change itself.
    """

    target: Decimal
    direction: Direction
    unit: str = ""
    baseline: Decimal | None = None
    tolerance: Decimal | None = None
    cumulative: bool = False
    measures_change: bool = False

    def __post_init__(self) -> None:
        object.__setattr__(self, "target", to_decimal(self.target))
        object.__setattr__(self, "direction", Direction(self.direction))
        if self.baseline is not None:
            object.__setattr__(self, "baseline", to_decimal(self.baseline))
        if self.tolerance is not None:
            object.__setattr__(self, "tolerance", to_decimal(self.tolerance))
            if self.direction is not Direction.ABOUT:
                raise ValueError("chỉ chỉ tiêu 'khoảng' mới có dung sai")
            if self.tolerance < 0:
                raise ValueError("dung sai không được âm")
        if self.direction.is_change:
            if self.target < 0:
                raise ValueError("mức tăng/giảm không được âm")
            if not self.measures_change and self.baseline is None:
                raise ValueError("chỉ tiêu tăng/giảm cần giá trị gốc, hoặc báo cáo trực tiếp mức thay đổi")
        elif self.measures_change:
            raise ValueError("chỉ chỉ tiêu tăng/giảm mới báo cáo mức thay đổi")

    @property
    def effective_tolerance(self) -> Decimal:
        """The tolerance used for ``about``: the given one, or the default share of the target; 0 otherwise."""
        if self.direction is not Direction.ABOUT:
            return _ZERO
        if self.tolerance is not None:
            return self.tolerance
        return abs(self.target) * DEFAULT_ABOUT_TOLERANCE_RATIO


@dataclass(frozen=True, slots=True)
class Achievement:
    """The judgement of one reported value.

    ``status``    a ``Status``.
    ``value``     the reported value (``None`` when nothing was reported).
    ``ratio``     achievement ratio, 1 exactly on target (see module docstring); ``None`` if undefined.
    ``percent``   ``ratio × 100`` rounded half-up to 0.01; ``None`` if undefined.
    ``change``    for the change directions, the achieved increase or fall; else ``None``.
    ``expected``  for an interim report on a cumulative target, the value on the pace line at
                  ``period_end`` (in the reported value's terms); else ``None``.
    ``met``       the target itself is reached (not only the pace).
    ``final``     the report covers the deadline, so the status is the verdict.
    """

    status: Status
    value: Decimal | None
    ratio: Decimal | None
    percent: Decimal | None
    change: Decimal | None
    expected: Decimal | None
    met: bool
    final: bool

    @property
    def label_vi(self) -> str:
        """Status label, except "Đạt tiến độ" for an interim on-pace value that has not reached the target."""
        if self.status is Status.DAT and not self.met:
            return ON_TRACK_LABEL
        return self.status.label_vi

    @property
    def css_class(self) -> str:
        return self.status.css_class


def elapsed_days(period_end: dt.date, target_start: dt.date, target_deadline: dt.date) -> tuple[int, int]:
    """Days of the target's span passed at the end of ``period_end``, and the span's length, both inclusive.

    The elapsed count is clamped to [0, total]: 1 Jan to 30 Jun 2022 gives (181, 365); the deadline itself,
    or any later day, gives (365, 365).
    """
    if target_deadline < target_start:
        raise ValueError("hạn chỉ tiêu không được trước ngày bắt đầu")
    total = (target_deadline - target_start).days + 1
    elapsed = (period_end - target_start).days + 1
    return min(max(elapsed, 0), total), total


def elapsed_fraction(period_end: dt.date, target_start: dt.date, target_deadline: dt.date) -> Decimal:
    """``elapsed / total`` from ``elapsed_days`` as a Decimal in [0, 1] (precision 28)."""
    elapsed, total = elapsed_days(period_end, target_start, target_deadline)
    with localcontext() as ctx:
        ctx.prec = 28
        return Decimal(elapsed) / Decimal(total)


def _divide(numerator: Decimal, denominator: Decimal) -> Decimal | None:
    if denominator == 0:
        return None
    with localcontext() as ctx:
        ctx.prec = 28
        return numerator / denominator


def _percent(ratio: Decimal | None) -> Decimal | None:
    if ratio is None:
        return None
    return (ratio * _HUNDRED).quantize(_CENT, rounding=ROUND_HALF_UP)


def _verdict(score: Decimal, low: Decimal, high: Decimal) -> Status:
    """Final-style verdict on a higher-is-better score: below ``low`` not met, above ``high`` exceeded."""
    if score < low:
        return Status.CHUA_DAT
    if score > high:
        return Status.VUOT
    return Status.DAT


def evaluate(
    target: TargetSpec,
    value: Decimal | int | str | None,
    *,
    period_end: dt.date,
    target_start: dt.date,
    target_deadline: dt.date,
) -> Achievement:
    """Judge ``value``, reported for the period ending ``period_end``, against ``target``.

    ``target_start`` and ``target_deadline`` bound the target's time span (for the seed: 1 Jan and
    31 Dec 2022). The rules are in the module docstring. ``value=None`` gives ``chưa báo cáo``.
    """
    final = period_end >= target_deadline
    elapsed, total = elapsed_days(period_end, target_start, target_deadline)
    if value is None:
        return Achievement(Status.CHUA_BAO_CAO, None, None, None, None, None, met=False, final=final)
    value = to_decimal(value)
    direction = target.direction
    tolerance = target.effective_tolerance

    # Map the value to a higher-is-better score with thresholds low (met) and high (exceeded above).
    change: Decimal | None = None
    if direction is Direction.AT_LEAST:
        score, low, high = value, target.target, target.target
        ratio = _divide(value, target.target)
    elif direction is Direction.ABOUT:
        score, low, high = value, target.target - tolerance, target.target + tolerance
        ratio = _divide(value, target.target)
    elif direction is Direction.AT_MOST:
        score, low, high = -value, -target.target, -target.target
        ratio = _divide(target.target, value)
    else:
        if target.measures_change:
            change = value
        elif direction is Direction.INCREASE_BY:
            change = value - target.baseline
        else:
            change = target.baseline - value
        score, low, high = change, target.target, target.target
        ratio = _divide(change, target.target)
    percent = _percent(ratio)
    met = score >= low
    status = _verdict(score, low, high)

    expected: Decimal | None = None
    if not final:
        if target.cumulative:
            # The pace line in score terms runs from the start score to the met threshold.
            start = _ZERO
            if direction in (Direction.AT_LEAST, Direction.ABOUT) and target.baseline is not None:
                start = target.baseline
            with localcontext() as ctx:
                ctx.prec = 28
                expected_score = start + (low - start) * elapsed / total
            expected = _score_to_value(target, expected_score)
            if direction is Direction.AT_MOST:
                # A limit is consumed over time: breached is missed for good (chưa đạt stays), above the
                # pro-rata share is at risk, otherwise on track. Never "met" before the deadline.
                met = False
                if status is not Status.CHUA_DAT:
                    status = Status.DAT if score >= expected_score else Status.NGUY_CO
            elif not met:
                status = Status.DAT if score >= expected_score else Status.NGUY_CO
        elif not met:
            status = Status.NGUY_CO
    return Achievement(status, value, ratio, percent, change, expected, met=met, final=final)


def _score_to_value(target: TargetSpec, score: Decimal) -> Decimal:
    """Turn a higher-is-better score back into the terms units report in."""
    direction = target.direction
    if direction is Direction.AT_MOST:
        return -score
    if not direction.is_change or target.measures_change:
        return score
    if direction is Direction.INCREASE_BY:
        return target.baseline + score
    return target.baseline - score
