"""Demo data: the 2022 movement of Lai Châu, loaded faithfully from the seed, and a year of follow-up.

``load(context)`` runs after ``thidua.org.demo`` (it needs ``context["units"]`` and ``context["people"]``).
Everything goes through ``thidua.movements.services`` with actor ``None`` (the system).

From the seed (``seed_lai_chau_2022.DIRECTIVE``), verbatim: the document type, subject, signer, theme, kind,
period, preamble, contents 1 to 8 with sub-items a) to e), closing, the seven thematic movements, every target
with its value and unit as written, the tasks of section 8 and the recipients. The seed has no number, symbol
or date of issue: those stay empty.

Illustrative, not from the seed (a demo must tell a story): the units in scope (every department, province
body, mass organisation, press body, enterprise and district that existed in 2022, read from "các sở, ban,
ngành, đoàn thể tỉnh; UBND các huyện, thành phố; các doanh nghiệp"), the units responsible for each target, the
lead units of tasks c) and e) (named in the seed, mapped to demo units), the units followed for tasks a) (the
departments and districts in scope) and d) (the units heading the 2022 blocks and cluster of
``thidua.blocks.demo``), the task deadlines (the seed sets none), the deadlines for plans and reports, the
launch date (20/01/2022), and every plan, registration, progress value and periodic report.
"""

from __future__ import annotations

import datetime
import io
import random
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.core.files.uploadedfile import SimpleUploadedFile

from thidua.org.enums import UnitType
from thidua.org.models import Person, Unit

from . import services
from .achievement import PeriodKind
from .models import DocumentType, MovementKind, ReportKind, TaskStatus
from .seed_lai_chau_2022 import DIRECTIVE

SEED = 2022
TZ = ZoneInfo("Asia/Ho_Chi_Minh")
D = datetime.date
YEAR_START, YEAR_END = D(2022, 1, 1), D(2022, 12, 31)

SCOPE_TYPES = {
    UnitType.PROVINCE_OFFICE,
    UnitType.DEPARTMENT,
    UnitType.MASS_ORGANISATION,
    UnitType.PRESS,
    UnitType.ARMED_FORCES,
    UnitType.ENTERPRISE,
    UnitType.DISTRICT,
}

# Target key → demo unit codes responsible for reporting it.
RESPONSIBLE = {
    "grdp_growth": ["SKHDT"],
    "grdp_per_capita": ["SKHDT"],
    "budget_revenue": ["STC"],
    "national_standard_schools": ["SGDDT"],
    "birth_rate_reduction": ["SYT"],
    "poverty_rate_reduction": ["SLDTBXH"],
    "poverty_rate_reduction_poor_districts": ["SLDTBXH"],
    "jobs": ["SLDTBXH"],
}

# Quarterly values reported in 2022 (quarter → value). Q4 ends on the deadline, so it is the verdict.
PROGRESS = {
    "grdp_growth": {1: "6,1", 2: "6,9", 3: "7,5", 4: "7,8"},
    "grdp_per_capita": {1: "44,0", 2: "45,6", 3: "46,9", 4: "48,2"},
    "budget_revenue": {1: "520", 2: "1.180", 3: "1.720", 4: "2.315"},
    "national_standard_schools": {2: "54,8", 4: "56,9"},
    "birth_rate_reduction": {2: "0,18", 4: "0,42"},
    "poverty_rate_reduction": {2: "1,2", 4: "3,25"},
    "poverty_rate_reduction_poor_districts": {2: "2,0", 4: "4,6"},
    "jobs": {1: "1.650", 2: "4.100", 3: "6.300", 4: "8.350"},
}
PROGRESS_NOTES = {
    ("grdp_growth", 1): "Ước tính của Cục Thống kê tỉnh; dịch Covid-19 ảnh hưởng sản xuất quý I.",
    ("budget_revenue", 4): "Số thu cả năm theo báo cáo quyết toán sơ bộ.",
    ("poverty_rate_reduction_poor_districts", 4): "Hai huyện nghèo chưa đạt mức giảm đề ra.",
    ("jobs", 4): "Bao gồm lao động đi làm việc ở nước ngoài theo hợp đồng.",
}

# Sections 8 c) and e) name their lead: the demo units standing for them. Task a) is followed for the
# departments and districts in scope (``task_units``); task d) for the heads of the blocks, the units that
# ``thidua.blocks.demo.BLOCKS_2022`` makes heads (that demo runs after this one).
BLOCK_HEADS_2022 = ["SYT", "SKHDT", "STP", "TPLC", "MTTQ"]
TASK_UNITS = {
    "a": {"lead": None, "units": []},
    "b": {"lead": None, "units": ["MTTQ", "TDOAN", "HLHPN", "HND", "LDLD", "HCCB"]},
    "c": {"lead": "STTTT", "units": ["STTTT", "SVHTTDL"]},
    "d": {"lead": None, "units": BLOCK_HEADS_2022},
    "e": {"lead": "SNV", "units": ["SNV"]},
}
TASK_A_UNIT_TYPES = {UnitType.DEPARTMENT, UnitType.DISTRICT}
# Illustrative deadlines: plans by the plan deadline, block plans and criteria tables by the end of the first
# quarter, propaganda through the year, the year-end review after the year-end reports.
TASK_DEADLINES = {
    "a": D(2022, 3, 15),
    "b": D(2022, 12, 31),
    "c": D(2022, 11, 30),
    "d": D(2022, 3, 31),
    "e": D(2022, 12, 15),
}
TASK_STATUS = {
    "a": TaskStatus.DONE,
    "b": TaskStatus.IN_PROGRESS,
    "c": TaskStatus.DONE,
    "d": TaskStatus.DONE,
    "e": TaskStatus.IN_PROGRESS,
}

PLAN_DEADLINE = D(2022, 3, 15)
MIDTERM_DEADLINE = D(2022, 6, 20)
FINAL_DEADLINE = D(2022, 11, 30)


def _at(day: datetime.date, hour: int = 9) -> datetime.datetime:
    return datetime.datetime(day.year, day.month, day.day, hour, tzinfo=TZ)


def movement_name() -> str:
    name = DIRECTIVE.movement_name
    return name[:1].upper() + name[1:]


def source_document() -> SimpleUploadedFile:
    """The directive as a .docx, made from the seed text (the seed itself is a text extract of the PDF)."""
    from docx import Document

    document = Document()
    for line in DIRECTIVE.as_plain_text().splitlines():
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return SimpleUploadedFile(
        "chi-thi-phat-dong-thi-dua-2022.docx",
        buffer.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )


def scope_units(units: dict[str, Unit]) -> list[Unit]:
    root = units["UBND"]
    return sorted(
        (
            unit
            for unit in units.values()
            if unit.parent_id == root.pk
            and unit.unit_type in SCOPE_TYPES
            and (unit.effective_from is None or unit.effective_from <= YEAR_END)
            and (unit.effective_to is None or unit.effective_to >= YEAR_START)
        ),
        key=lambda unit: unit.path,
    )


def task_units(letter: str, units: dict[str, Unit]) -> list[Unit]:
    """The units a task of section 8 is followed for in the app (see ``TASK_UNITS``)."""
    if letter == "a":
        return [unit for unit in scope_units(units) if unit.unit_type in TASK_A_UNIT_TYPES]
    return [units[code] for code in TASK_UNITS.get(letter, {"units": []})["units"] if code in units]


def load_movement(units: dict[str, Unit]):
    """The 2022 movement exactly as the seed writes it, drafted then launched."""
    movement = services.create_movement(
        actor=None,
        launching_unit=units["UBND"],
        name=movement_name(),
        theme=DIRECTIVE.theme,
        kind=MovementKind.REGULAR if DIRECTIVE.kind == "regular_annual" else MovementKind.THEMATIC,
        duration=DIRECTIVE.duration_label,
        period_start=DIRECTIVE.period_start,
        period_end=DIRECTIVE.period_end,
        document_type=DocumentType.DIRECTIVE,
        document_number=DIRECTIVE.number or "",
        document_symbol=DIRECTIVE.symbol or "",
        document_date=DIRECTIVE.issued_on,
        document_subject=DIRECTIVE.subject,
        signer_name=DIRECTIVE.signer_name,
        signer_position=DIRECTIVE.signer_position,
        preamble=DIRECTIVE.preamble,
        closing=DIRECTIVE.closing,
        recipients="\n".join(DIRECTIVE.recipients),
        plan_deadline=PLAN_DEADLINE,
        midterm_deadline=MIDTERM_DEADLINE,
        final_deadline=FINAL_DEADLINE,
        units_in_scope=scope_units(units),
        source_document=source_document(),
    )
    for content in DIRECTIVE.contents:
        services.set_content(
            movement,
            actor=None,
            number=content.number,
            title=content.title,
            text=content.text,
            sub_items=[(item.letter, item.text) for item in content.sub_items],
        )
    for thematic in DIRECTIVE.thematic_movements:
        services.create_thematic_movement(
            movement,
            actor=None,
            name=thematic.name,
            order=thematic.order,
            lead_unit=units.get(thematic.lead_unit) if thematic.lead_unit else None,
        )
    targets = {}
    for order, seed in enumerate(DIRECTIVE.targets, start=1):
        spec = seed.spec()
        targets[seed.key] = services.add_target(
            movement,
            actor=None,
            name=seed.name,
            unit_of_measure=seed.unit,
            direction=seed.direction,
            target_value=seed.value,
            cumulative=spec.cumulative,
            measures_change=spec.measures_change,
            parent=targets[seed.parent] if seed.parent else None,
            order=order,
            value_text=seed.value_text,
            source_phrase=seed.seed_phrase,
            responsible_units=[units[code] for code in RESPONSIBLE.get(seed.key, [])],
        )
    tasks = {}
    for task in DIRECTIVE.tasks:
        tasks[task.letter] = services.add_task(
            movement,
            actor=None,
            letter=task.letter,
            title=task.title,
            text=task.text,
            assignees="\n".join(task.assignees),
            coordinating="\n".join(task.coordinating),
            is_request=task.is_request,
            deadline=task.deadline or TASK_DEADLINES.get(task.letter),
            lead_unit=units[TASK_UNITS[task.letter]["lead"]] if TASK_UNITS[task.letter]["lead"] else None,
            assignee_units=task_units(task.letter, units),
        )
    movement = services.launch_movement(movement, actor=None, launched_at=_at(D(2022, 1, 20), 8))
    services.set_public_progress(movement, actor=None, public=True)
    return movement, targets, tasks


def load(context: dict) -> None:
    units: dict[str, Unit] = context["units"]
    rng = random.Random(SEED)
    movement, targets, tasks = load_movement(units)
    for letter, status in TASK_STATUS.items():
        if letter in tasks:
            services.update_task(tasks[letter], actor=None, status=status)
    in_scope = scope_units(units)
    _plans(movement, in_scope, rng)
    _progress(movement, targets, units)
    _registrations(movement, units, in_scope, rng)
    _periodic_reports(movement, in_scope, rng)
    context["movement_2022"] = movement


def _plans(movement, in_scope: list[Unit], rng: random.Random) -> None:
    for unit in in_scope:
        draw = rng.random()
        if draw < 0.15:
            continue  # never filed
        if draw < 0.30:
            day = PLAN_DEADLINE + datetime.timedelta(days=rng.randint(3, 40))
        else:
            day = D(2022, 2, 1) + datetime.timedelta(days=rng.randint(0, 40))
        services.file_plan(
            movement,
            actor=None,
            unit=unit,
            number_symbol=f"{rng.randint(10, 180)}/KH-{unit.code}",
            summary=(
                f"Kế hoạch tổ chức phong trào thi đua năm 2022 của {unit.full_name}: cụ thể hóa 8 nội dung của "
                "Chỉ thị, đăng ký danh hiệu thi đua, tổ chức sơ kết 6 tháng và tổng kết cuối năm."
            ),
            submitted_at=_at(day),
        )


def _progress(movement, targets: dict, units: dict[str, Unit]) -> None:
    for key, values in PROGRESS.items():
        target = targets[key]
        unit = units[RESPONSIBLE[key][0]]
        for quarter, text in values.items():
            services.report_progress(
                target,
                actor=None,
                unit=unit,
                period_kind=PeriodKind.QUARTER,
                period_year=2022,
                period_index=quarter,
                value=Decimal(text.replace(".", "").replace(",", ".")),
                note=PROGRESS_NOTES.get((key, quarter), ""),
            )


def _registrations(movement, units: dict[str, Unit], in_scope: list[Unit], rng: random.Random) -> None:
    collective = ["TTLDTT", "TTLDXS", "CO_TINH"]
    for unit in in_scope:
        if rng.random() < 0.25:
            continue
        services.register_title(movement, actor=None, unit=unit, title=rng.choice(collective))
    for code in ["SGDDT", "SYT", "SNV", "STC", "TPLC"]:
        unit = units[code]
        people = list(
            Person.objects.filter(path_filter(unit), archived=False).order_by("name_sort", "id")[:8]
        )
        for index, person in enumerate(people):
            title = "CSTDCS" if index < 2 else "LDTT"
            services.register_title(movement, actor=None, unit=unit, title=title, person=person)


def path_filter(unit: Unit):
    from thidua.org.queries import subtree_q

    return subtree_q(unit, "unit__")


def _periodic_reports(movement, in_scope: list[Unit], rng: random.Random) -> None:
    for kind, deadline, share in (
        (ReportKind.MIDTERM, MIDTERM_DEADLINE, 0.85),
        (ReportKind.FINAL, FINAL_DEADLINE, 0.75),
    ):
        for unit in in_scope:
            if rng.random() > share:
                continue
            day = deadline + datetime.timedelta(days=rng.randint(-15, 6))
            services.submit_periodic_report(
                movement,
                actor=None,
                unit=unit,
                kind=kind,
                year=2022,
                summary=(
                    f"{'Sơ kết 6 tháng đầu năm' if kind == ReportKind.MIDTERM else 'Tổng kết'} phong trào thi "
                    f"đua năm 2022 tại {unit.full_name}."
                ),
                participants=rng.randint(40, 900),
                initiatives=rng.randint(0, 12),
                exemplary_models=rng.randint(1, 15),
                collectives_commended=rng.randint(0, 6) if kind == ReportKind.FINAL else 0,
                individuals_commended=rng.randint(2, 30) if kind == ReportKind.FINAL else rng.randint(0, 5),
                submitted_at=_at(day, 15),
            )
