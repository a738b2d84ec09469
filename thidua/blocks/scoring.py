"""Criteria tables (bảng tiêu chí chấm điểm thi đua) and the one function that scores them.

Pure Python, no Django: the services load a table and the entries of one assessor from the database, call
:func:`score_table`, and store the :class:`Result`. A total is never typed by hand; it is always what
:func:`score_table` returns.

The model
---------
A :class:`CriteriaTable` is a tree of :class:`Criterion` nodes. Each node has a :class:`Kind`:

``group`` (Nhóm)
    A heading. Its standard points are the sum of its children's. When it states ``points``, validation checks
    that the children add up to it. A group without points is only a heading (for example "Trường hợp đạt đủ
    các tiêu chí ... thì cộng điểm đối với 01 trong 02 trường hợp sau").
``qualitative`` (Định tính)
    Scored directly, from 0 to ``points``. A row in a choice group (a band such as "đạt từ 97% đến dưới 98%:
    4 điểm") is scored by choosing it: it then earns its full points.
``quantitative`` (Định lượng)
    Computed from an achievement (per cent of a target) with a :class:`Formula`: ``proportional`` gives full
    points at or above ``target`` and ``points × value / target`` below; ``threshold`` gives full points at or
    above ``target`` and nothing below.
``bonus`` (Cộng điểm) and ``penalty`` (Trừ điểm)
    ``points`` is the amount, per occurrence when ``per_occurrence`` is set, and ``row_max`` caps the row
    ("cộng 0,2 điểm cho 01 bài, tổng điểm cộng không quá 01 điểm"). Penalty points are stored positive.
``disqualifier`` (Không xếp loại)
    When it applies, the member is not ranked ("Không gửi báo cáo ... : không xếp loại").

Any node may carry ``bonus_cap`` and ``deduction_cap``: the bonuses (resp. deductions) of its whole subtree are
capped there. A deduction cap leaves the bonuses alone ("Tổng điểm trừ của mục a4 không quá 2 điểm (không liên
quan đến điểm cộng)"). Rows sharing a ``choice_group`` exclude each other: at most one applies. A bonus row
with ``requires_full_standard`` (set on it or on a heading above it) counts only when the nearest criterion above
it that carries standard points earned them in full, with no deduction.

Scoring
-------
An assessor's entries are a mapping ``{code: Entry}``. :func:`score_table` returns a :class:`Result` with the
standard, bonus and deduction points, the total (standard + bonus − deduction), the same four numbers for every
node, whether the member is disqualified, and which scored criteria have no entry (they count 0).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

__all__ = [
    "BONUS_KINDS",
    "SCORED_KINDS",
    "CriteriaTable",
    "Criterion",
    "Entry",
    "EntryError",
    "Formula",
    "Kind",
    "NodeScore",
    "Result",
    "TableError",
    "achieved",
    "chosen",
    "format_points",
    "given",
    "occurs",
    "score_table",
    "validate_entries",
    "validate_table",
]

ZERO = Decimal(0)
HUNDREDTH = Decimal("0.01")


class Kind(StrEnum):
    GROUP = "group"
    QUALITATIVE = "qualitative"
    QUANTITATIVE = "quantitative"
    BONUS = "bonus"
    PENALTY = "penalty"
    DISQUALIFIER = "disqualifier"

    @property
    def label(self) -> str:
        return KIND_LABELS[self]


KIND_LABELS = {
    Kind.GROUP: "Nhóm",
    Kind.QUALITATIVE: "Định tính",
    Kind.QUANTITATIVE: "Định lượng",
    Kind.BONUS: "Cộng điểm",
    Kind.PENALTY: "Trừ điểm",
    Kind.DISQUALIFIER: "Không xếp loại",
}

# Kinds that earn standard points themselves.
SCORED_KINDS = frozenset({Kind.QUALITATIVE, Kind.QUANTITATIVE})
# Kinds that are extra rows: they never hold standard points.
BONUS_KINDS = frozenset({Kind.BONUS, Kind.PENALTY, Kind.DISQUALIFIER})


class Formula(StrEnum):
    PROPORTIONAL = "proportional"
    THRESHOLD = "threshold"

    @property
    def label(self) -> str:
        return FORMULA_LABELS[self]


FORMULA_LABELS = {Formula.PROPORTIONAL: "Tỷ lệ", Formula.THRESHOLD: "Ngưỡng"}


def format_points(value: Decimal | int | None) -> str:
    """Points as Vietnamese write them: decimal comma, no trailing zeros. ``Decimal("1.50")`` → ``"1,5"``."""
    if value is None:
        return ""
    number = Decimal(value)
    if number == number.to_integral_value():
        return str(number.quantize(Decimal(1)))
    return format(number.normalize(), "f").replace(".", ",")


@dataclass
class Criterion:
    """One node of a criteria table. See the module docstring for the meaning of each kind."""

    code: str
    text: str
    kind: Kind = Kind.QUALITATIVE
    points: Decimal | None = None
    per_occurrence: bool = False
    row_max: Decimal | None = None
    bonus_cap: Decimal | None = None
    deduction_cap: Decimal | None = None
    choice_group: str = ""
    requires_full_standard: bool = False
    formula: Formula | None = None
    target: Decimal | None = None
    reviewer: str = ""
    evidence_required: bool = False
    note: str = ""
    children: list[Criterion] = field(default_factory=list)

    def walk(self) -> Iterator[Criterion]:
        """This node and all its descendants, depth first, in table order."""
        yield self
        for child in self.children:
            yield from child.walk()

    @property
    def is_scored(self) -> bool:
        """Whether an assessor scores this node's standard points directly (a scored kind without scored
        descendants)."""
        return self.kind in SCORED_KINDS and not self.has_standard_rows()

    def has_standard_rows(self) -> bool:
        """Whether any descendant earns standard points itself (headings holding only bonus and penalty
        rows do not count)."""
        return any(node.kind in SCORED_KINDS for child in self.children for node in child.walk())

    def max_standard(self) -> Decimal:
        """The standard points this node can earn: its points if scored directly, otherwise the sum of its
        children's, counting each choice group once, at its best row."""
        if self.kind in BONUS_KINDS:
            return ZERO
        if self.is_scored:
            return self.points or ZERO
        total = ZERO
        best_of_group: dict[str, Decimal] = {}
        for child in self.children:
            value = child.max_standard()
            if child.choice_group:
                best_of_group[child.choice_group] = max(best_of_group.get(child.choice_group, ZERO), value)
            else:
                total += value
        return total + sum(best_of_group.values(), ZERO)


@dataclass
class CriteriaTable:
    """A criteria table of one block and year. ``total_points`` is the stated standard total ("Tổng cộng
    100 điểm"); validation checks the top-level criteria add up to it."""

    title: str
    criteria: list[Criterion] = field(default_factory=list)
    year: int | None = None
    total_points: Decimal | None = None

    def walk(self) -> Iterator[Criterion]:
        for criterion in self.criteria:
            yield from criterion.walk()

    def by_code(self) -> dict[str, Criterion]:
        return {node.code: node for node in self.walk()}

    def parents(self) -> dict[str, Criterion | None]:
        """``{code: parent}`` with ``None`` for top-level criteria."""
        result: dict[str, Criterion | None] = {}

        def visit(node: Criterion, parent: Criterion | None) -> None:
            result[node.code] = parent
            for child in node.children:
                visit(child, node)

        for criterion in self.criteria:
            visit(criterion, None)
        return result

    def max_standard(self) -> Decimal:
        return sum((criterion.max_standard() for criterion in self.criteria), ZERO)

    def reviewer_of(self, code: str) -> str:
        """The department that reviews a criterion: its own, or the nearest one stated above it."""
        parents = self.parents()
        node: Criterion | None = self.by_code()[code]
        while node is not None:
            if node.reviewer:
                return node.reviewer
            node = parents[node.code]
        return ""

    def evidence_required_codes(self) -> list[str]:
        return [node.code for node in self.walk() if node.evidence_required]

    def amended(self, code: str, **changes) -> CriteriaTable:
        """A copy of the table with one criterion's fields replaced (``children`` kept)."""

        def copy(node: Criterion) -> Criterion:
            children = [copy(child) for child in node.children]
            if node.code == code:
                return replace(node, children=children, **changes)
            return replace(node, children=children)

        if code not in self.by_code():
            raise KeyError(code)
        return replace(self, criteria=[copy(criterion) for criterion in self.criteria])

    def with_child(self, parent_code: str, child: Criterion) -> CriteriaTable:
        """A copy of the table with ``child`` appended under ``parent_code``."""

        def copy(node: Criterion) -> Criterion:
            children = [copy(grandchild) for grandchild in node.children]
            if node.code == parent_code:
                children.append(child)
            return replace(node, children=children)

        if parent_code not in self.by_code():
            raise KeyError(parent_code)
        return replace(self, criteria=[copy(criterion) for criterion in self.criteria])


class TableError(ValueError):
    """A table that does not validate. ``messages`` lists every problem, in Vietnamese."""

    def __init__(self, messages: list[str]):
        super().__init__("\n".join(messages))
        self.messages = messages


class EntryError(ValueError):
    """Entries that cannot be scored against a table. ``messages`` lists every problem, in Vietnamese."""

    def __init__(self, messages: list[str]):
        super().__init__("\n".join(messages))
        self.messages = messages


def validate_table(table: CriteriaTable) -> list[str]:
    """Every problem of a table, as Vietnamese messages; an empty list when the table is sound.

    Checks: codes present and unique; points that make sense for each kind; group maxima that add up (each
    heading's stated points equal its children's standard points, and the table's total equals its criteria's);
    caps not negative; standard rows of one choice group under one parent; a quantitative criterion has a
    formula and a positive target; a bonus that requires full standard points has a scored criterion above it.
    """
    messages: list[str] = []
    seen: set[str] = set()
    parents = table.parents() if _codes_unique(table) else {}
    for node in table.walk():
        label = f"Mục {node.code}" if node.code else "Một mục không có mã"
        if not node.code.strip():
            messages.append(f"{label}: thiếu mã.")
        elif node.code in seen:
            messages.append(f"Mục {node.code}: mã bị trùng.")
        seen.add(node.code)
        if not node.text.strip():
            messages.append(f"{label}: thiếu nội dung.")
        for name, caption in (
            ("points", "Điểm"),
            ("row_max", "Tối đa của dòng"),
            ("bonus_cap", "Điểm cộng tối đa"),
            ("deduction_cap", "Điểm trừ tối đa"),
        ):
            value = getattr(node, name)
            if value is not None and value < 0:
                messages.append(f"{label}: “{caption}” không được âm ({format_points(value)}).")
        if node.kind in BONUS_KINDS:
            extra = [child.code for child in node.children]
            if extra:
                messages.append(
                    f"{label}: dòng {node.kind.label.lower()} không được có mục con ({', '.join(extra)})."
                )
            if node.kind != Kind.DISQUALIFIER and not node.points:
                messages.append(f"{label}: dòng {node.kind.label.lower()} cần số điểm lớn hơn 0.")
        elif node.kind in SCORED_KINDS and node.points is None:
            messages.append(f"{label}: thiếu điểm chuẩn.")
        if node.per_occurrence and node.kind not in (Kind.BONUS, Kind.PENALTY):
            messages.append(f"{label}: chỉ dòng cộng điểm hoặc trừ điểm mới tính theo lần.")
        if node.row_max is not None and node.kind not in (Kind.BONUS, Kind.PENALTY):
            messages.append(f"{label}: chỉ dòng cộng điểm hoặc trừ điểm mới có “Tối đa của dòng”.")
        if node.kind == Kind.QUANTITATIVE:
            if node.formula is None:
                messages.append(f"{label}: tiêu chí định lượng cần công thức tính.")
            if node.target is None or node.target <= 0:
                messages.append(f"{label}: tiêu chí định lượng cần mục tiêu lớn hơn 0.")
        if node.kind not in BONUS_KINDS and node.points is not None and node.has_standard_rows():
            children_total = node.max_standard()
            if children_total != node.points:
                messages.append(
                    f"{label}: tổng điểm chuẩn của các mục con là {format_points(children_total)} điểm, "
                    f"khác với {format_points(node.points)} điểm của mục."
                )
        if node.kind == Kind.GROUP and not node.children:
            messages.append(f"{label}: nhóm không có mục con nào.")
        if node.requires_full_standard and parents and _standard_anchor(node, parents) is None:
            messages.append(
                f"{label}: “chỉ cộng khi đạt đủ điểm chuẩn” nhưng không có mục điểm chuẩn nào bên trên."
            )
    if parents:
        choice_parents: dict[str, set[str]] = {}
        for node in table.walk():
            if node.choice_group and node.kind not in BONUS_KINDS:
                parent = parents[node.code]
                choice_parents.setdefault(node.choice_group, set()).add(parent.code if parent else "")
        for group, codes in sorted(choice_parents.items()):
            if len(codes) > 1:
                messages.append(
                    f"Nhóm lựa chọn “{group}”: các dòng điểm chuẩn phải cùng một mục cha "
                    f"(đang thuộc {', '.join(sorted(code or 'gốc' for code in codes))})."
                )
    if table.total_points is not None:
        total = table.max_standard()
        if total != table.total_points:
            messages.append(
                f"Bảng “{table.title}”: tổng điểm chuẩn các tiêu chuẩn là {format_points(total)} điểm, "
                f"khác với tổng cộng {format_points(table.total_points)} điểm."
            )
    return messages


def _codes_unique(table: CriteriaTable) -> bool:
    codes = [node.code for node in table.walk()]
    return len(codes) == len(set(codes))


def _standard_anchor(node: Criterion, parents: Mapping[str, Criterion | None]) -> Criterion | None:
    """The nearest node above ``node`` that carries standard points: what "đạt đủ điểm chuẩn" refers to."""
    current = parents[node.code]
    while current is not None:
        if current.kind not in BONUS_KINDS and current.max_standard() > 0:
            return current
        current = parents[current.code]
    return None


# --- entries ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Entry:
    """What one assessor records for one criterion.

    * ``points``: points given directly (a qualitative criterion; or a bonus/penalty amount judged directly).
    * ``count``: occurrences of a per-occurrence row; for any other row, ``1`` means "applies / chosen".
    * ``value``: the achievement of a quantitative criterion, in the unit of its target (usually per cent).
    """

    points: Decimal | None = None
    count: Decimal | None = None
    value: Decimal | None = None
    comment: str = ""
    evidence: tuple[str, ...] = ()


def given(points: Decimal | int | str, comment: str = "") -> Entry:
    return Entry(points=Decimal(points), comment=comment)


def occurs(count: Decimal | int | str = 1, comment: str = "") -> Entry:
    return Entry(count=Decimal(count), comment=comment)


def chosen(comment: str = "") -> Entry:
    return Entry(count=Decimal(1), comment=comment)


def achieved(value: Decimal | int | str, comment: str = "") -> Entry:
    return Entry(value=Decimal(value), comment=comment)


def _applies(entry: Entry | None) -> bool:
    if entry is None:
        return False
    if entry.points is not None:
        return entry.points != 0
    if entry.count is not None:
        return entry.count != 0
    return entry.value is not None


def validate_entries(table: CriteriaTable, entries: Mapping[str, Entry]) -> list[str]:
    """Every problem of a set of entries against a table, as Vietnamese messages."""
    messages: list[str] = []
    nodes = table.by_code()
    for code in entries:
        if code not in nodes:
            messages.append(f"Mục {code}: không có trong bảng tiêu chí.")
    chosen_in_group: dict[str, list[str]] = {}
    for node in table.walk():
        entry = entries.get(node.code)
        if entry is None:
            continue
        label = f"Mục {node.code}"
        for name, caption in (("points", "Điểm"), ("count", "Số lần"), ("value", "Kết quả")):
            value = getattr(entry, name)
            if value is not None and value < 0:
                messages.append(f"{label}: {caption.lower()} không được âm ({format_points(value)}).")
        if entry.count is not None and entry.count != entry.count.to_integral_value():
            messages.append(f"{label}: số lần phải là số nguyên ({format_points(entry.count)}).")
        if node.kind == Kind.GROUP or (node.kind in SCORED_KINDS and not node.is_scored):
            messages.append(f"{label}: là nhóm, chấm điểm ở các mục con.")
        elif node.kind in SCORED_KINDS:
            if node.kind == Kind.QUANTITATIVE and entry.value is None and entry.points is None:
                messages.append(f"{label}: tiêu chí định lượng cần kết quả đạt được.")
            if entry.points is not None and node.points is not None and entry.points > node.points:
                messages.append(
                    f"{label}: chấm {format_points(entry.points)} điểm, vượt điểm chuẩn "
                    f"{format_points(node.points)} điểm."
                )
        elif node.kind in (Kind.BONUS, Kind.PENALTY):
            if entry.count is not None and entry.count > 1 and not node.per_occurrence:
                messages.append(f"{label}: dòng này không tính theo lần, số lần chỉ là 0 hoặc 1.")
            limit = (
                node.row_max if node.row_max is not None else (None if node.per_occurrence else node.points)
            )
            if entry.points is not None and limit is not None and entry.points > limit:
                messages.append(
                    f"{label}: {format_points(entry.points)} điểm vượt mức tối đa {format_points(limit)} điểm."
                )
        if node.choice_group and _applies(entry):
            chosen_in_group.setdefault(node.choice_group, []).append(node.code)
    for group, codes in chosen_in_group.items():
        if len(codes) > 1:
            messages.append(f"Nhóm lựa chọn “{group}”: chỉ được chọn một trong các mục {', '.join(codes)}.")
    return messages


# --- scoring ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class NodeScore:
    """The points of one node's subtree. ``total`` = ``standard`` + ``bonus`` − ``deduction``."""

    code: str
    max_standard: Decimal
    standard: Decimal
    bonus: Decimal
    deduction: Decimal

    @property
    def total(self) -> Decimal:
        return self.standard + self.bonus - self.deduction

    @property
    def full_standard(self) -> bool:
        """The standard points were earned in full, with no deduction."""
        return self.standard == self.max_standard and self.deduction == 0


@dataclass(frozen=True)
class Result:
    """The score of one member by one assessor (or by the aggregate). Computed only by :func:`score_table`."""

    max_standard: Decimal
    standard: Decimal
    bonus: Decimal
    deduction: Decimal
    disqualified: bool
    disqualified_by: tuple[str, ...]
    nodes: Mapping[str, NodeScore]
    unscored: tuple[str, ...]

    @property
    def total(self) -> Decimal:
        return self.standard + self.bonus - self.deduction

    def subtotal(self, code: str) -> Decimal:
        return self.nodes[code].total


def _standard_of(node: Criterion, entry: Entry | None) -> Decimal:
    points = node.points or ZERO
    if entry is None:
        return ZERO
    if entry.points is not None:
        return entry.points
    if node.kind == Kind.QUANTITATIVE and entry.value is not None:
        target = node.target or Decimal(1)
        if entry.value >= target:
            return points
        if node.formula == Formula.THRESHOLD:
            return ZERO
        return (points * entry.value / target).quantize(HUNDREDTH, rounding=ROUND_HALF_UP)
    if entry.count:
        return points
    return ZERO


def _extra_of(node: Criterion, entry: Entry | None) -> Decimal:
    """The raw amount of a bonus or penalty row, after its own row cap."""
    if entry is None:
        return ZERO
    if entry.points is not None:
        amount = entry.points
    elif entry.count:
        amount = (node.points or ZERO) * (entry.count if node.per_occurrence else 1)
    else:
        amount = ZERO
    if node.row_max is not None:
        amount = min(amount, node.row_max)
    return amount


def score_table(table: CriteriaTable, entries: Mapping[str, Entry]) -> Result:
    """Score one member: THE function that computes totals. Raises :class:`EntryError` for invalid entries.

    Standard points come from the scored criteria (a missing entry counts 0 and is listed in
    ``Result.unscored``). Deductions of a subtree are summed after each row's own cap, then capped by each
    ``deduction_cap`` on the way up; bonuses likewise with ``bonus_cap``. A bonus row that requires full
    standard points counts only when its anchor (the nearest criterion above carrying standard points) has
    earned them in full with no deduction. The total is standard + bonus − deduction.
    """
    problems = validate_entries(table, entries)
    if problems:
        raise EntryError(problems)
    parents = table.parents()
    unscored: list[str] = []
    disqualified_by: list[str] = []

    # A choice group is answered when any of its rows has an entry; its other rows are then not "unscored".
    answered_groups = {
        node.choice_group for node in table.walk() if node.choice_group and node.code in entries
    }

    # Pass 1: standard points and deductions, bottom-up.
    standard: dict[str, Decimal] = {}
    deduction: dict[str, Decimal] = {}

    def first_pass(node: Criterion) -> None:
        entry = entries.get(node.code)
        own_standard = ZERO
        own_deduction = ZERO
        if node.kind == Kind.PENALTY:
            own_deduction = _extra_of(node, entry)
        elif node.kind == Kind.DISQUALIFIER:
            if _applies(entry):
                disqualified_by.append(node.code)
        elif node.is_scored:
            if entry is None and not (node.choice_group and node.choice_group in answered_groups):
                unscored.append(node.code)
            own_standard = _standard_of(node, entry)
        for child in node.children:
            first_pass(child)
        subtree_deduction = own_deduction + sum((deduction[child.code] for child in node.children), ZERO)
        if node.deduction_cap is not None:
            subtree_deduction = min(subtree_deduction, node.deduction_cap)
        standard[node.code] = own_standard + sum((standard[child.code] for child in node.children), ZERO)
        deduction[node.code] = subtree_deduction

    for criterion in table.criteria:
        first_pass(criterion)

    max_standard = {node.code: node.max_standard() for node in table.walk()}

    def gated(node: Criterion) -> bool:
        """Whether a bonus row is withheld because its anchor's standard points are not full."""
        current: Criterion | None = node
        required = False
        while current is not None:
            required = required or current.requires_full_standard
            current = parents[current.code]
        if not required:
            return False
        anchor = _standard_anchor(node, parents)
        if anchor is None:
            return True
        return not (standard[anchor.code] == max_standard[anchor.code] and deduction[anchor.code] == 0)

    # Pass 2: bonuses, bottom-up; a gate may look at any anchor's pass-1 numbers.
    bonus: dict[str, Decimal] = {}

    def second_pass(node: Criterion) -> None:
        own_bonus = ZERO
        if node.kind == Kind.BONUS and not gated(node):
            own_bonus = _extra_of(node, entries.get(node.code))
        for child in node.children:
            second_pass(child)
        subtree_bonus = own_bonus + sum((bonus[child.code] for child in node.children), ZERO)
        if node.bonus_cap is not None:
            subtree_bonus = min(subtree_bonus, node.bonus_cap)
        bonus[node.code] = subtree_bonus

    for criterion in table.criteria:
        second_pass(criterion)

    nodes = {
        node.code: NodeScore(
            code=node.code,
            max_standard=max_standard[node.code],
            standard=standard[node.code],
            bonus=bonus[node.code],
            deduction=deduction[node.code],
        )
        for node in table.walk()
    }
    top = [nodes[criterion.code] for criterion in table.criteria]
    return Result(
        max_standard=sum((score.max_standard for score in top), ZERO),
        standard=sum((score.standard for score in top), ZERO),
        bonus=sum((score.bonus for score in top), ZERO),
        deduction=sum((score.deduction for score in top), ZERO),
        disqualified=bool(disqualified_by),
        disqualified_by=tuple(disqualified_by),
        nodes=nodes,
        unscored=tuple(unscored),
    )
