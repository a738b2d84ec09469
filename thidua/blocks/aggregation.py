"""Combine several assessors' scores of the same criteria (cross-scoring, verification).

Pure Python. Each assessor scores every criterion; the block's rules choose how the scores are combined
(:class:`Method`: mean, median or trimmed mean) and how far from the median a score may stray before it is
flagged for discussion. The services pass plain numbers: ``{assessor: {criterion code: points}}``.

Means are rounded to hundredths, half up (3 assessors giving 1, 1 and 2 make 1.33). A trimmed mean drops
``trim`` scores at each end; when that would leave nothing it falls back to the median.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

__all__ = ["CriterionAggregate", "Method", "aggregate", "aggregate_scores", "median", "outliers"]

HUNDREDTH = Decimal("0.01")


class Method(StrEnum):
    MEAN = "mean"
    MEDIAN = "median"
    TRIMMED_MEAN = "trimmed_mean"

    @property
    def label(self) -> str:
        return {
            "mean": "Trung bình cộng",
            "median": "Trung vị",
            "trimmed_mean": "Trung bình bỏ cao nhất, thấp nhất",
        }[self.value]


def _round(value: Decimal) -> Decimal:
    return value.quantize(HUNDREDTH, rounding=ROUND_HALF_UP)


def median(scores: Sequence[Decimal]) -> Decimal:
    """The median; the mean of the two middle scores when their number is even (not rounded: it has at most
    one more decimal place than the scores)."""
    if not scores:
        raise ValueError("Không có điểm nào để tính trung vị.")
    ordered = sorted(Decimal(score) for score in scores)
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return ordered[middle]
    return (ordered[middle - 1] + ordered[middle]) / 2


def aggregate(scores: Sequence[Decimal], method: Method = Method.MEAN, *, trim: int = 1) -> Decimal:
    """Combine one criterion's scores."""
    if not scores:
        raise ValueError("Không có điểm nào để tổng hợp.")
    if trim < 0:
        raise ValueError("Số điểm bỏ ở mỗi đầu không được âm.")
    values = [Decimal(score) for score in scores]
    if method == Method.MEDIAN:
        return median(values)
    if method == Method.TRIMMED_MEAN:
        if len(values) <= 2 * trim:
            return median(values)
        values = sorted(values)[trim : len(values) - trim]
    return _round(sum(values, Decimal(0)) / len(values))


def outliers(scores: Mapping[str, Decimal], threshold: Decimal) -> list[str]:
    """The assessors whose score lies more than ``threshold`` points from the median, in input order."""
    if not scores:
        return []
    centre = median(list(scores.values()))
    return [assessor for assessor, score in scores.items() if abs(Decimal(score) - centre) > threshold]


@dataclass(frozen=True)
class CriterionAggregate:
    code: str
    value: Decimal
    median: Decimal
    scores: Mapping[str, Decimal]
    outliers: tuple[str, ...]


def aggregate_scores(
    scores_by_assessor: Mapping[str, Mapping[str, Decimal]],
    *,
    method: Method = Method.MEAN,
    trim: int = 1,
    outlier_threshold: Decimal | None = None,
) -> dict[str, CriterionAggregate]:
    """Aggregate per criterion. Every assessor must score the same criteria; otherwise :class:`ValueError`
    names, in Vietnamese, who is missing what. Criteria come out in the first assessor's order."""
    if not scores_by_assessor:
        return {}
    codes: list[str] = []
    for scores in scores_by_assessor.values():
        codes.extend(code for code in scores if code not in codes)
    missing = [
        f"Người chấm {assessor} chưa chấm mục {', '.join(code for code in codes if code not in scores)}."
        for assessor, scores in scores_by_assessor.items()
        if any(code not in scores for code in codes)
    ]
    if missing:
        raise ValueError("\n".join(missing))
    result: dict[str, CriterionAggregate] = {}
    for code in codes:
        per_assessor = {assessor: Decimal(scores[code]) for assessor, scores in scores_by_assessor.items()}
        values = list(per_assessor.values())
        flagged = outliers(per_assessor, outlier_threshold) if outlier_threshold is not None else []
        result[code] = CriterionAggregate(
            code=code,
            value=aggregate(values, method, trim=trim),
            median=median(values),
            scores=per_assessor,
            outliers=tuple(flagged),
        )
    return result
