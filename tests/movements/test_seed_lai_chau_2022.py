"""The seed directive as data: faithful to the seed file, word for word and number for number."""

import datetime as dt
import hashlib
import re
from decimal import Decimal
from pathlib import Path

from thidua.movements.achievement import Direction, Status, evaluate
from thidua.movements.seed_lai_chau_2022 import (
    DIRECTIVE,
    SEED_PATH,
    collapse_whitespace,
    parse_vi_number,
    seed_text,
)

SEED = collapse_whitespace(seed_text())


def test_seed_file_is_carried_by_the_repo():
    assert SEED_PATH.is_file()
    assert SEED_PATH.relative_to(Path(__file__).resolve().parents[2]).as_posix() == (
        "thidua/movements/data/chi-thi-phat-dong-thi-dua-2022.txt"
    )


def test_seed_copy_is_the_unmodified_seed():
    # sha256 of /work/shared/seed/chi-thi-phat-dong-thi-dua-2022.txt as delivered
    assert hashlib.sha256(SEED_PATH.read_bytes()).hexdigest() == (
        "6cfbefcaafa26458222c17cdb80e7c29223951ddc1e71d4f05005c181f10d306"
    )


def test_seed_rebuilt_document_equals_the_seed_file():
    assert collapse_whitespace(DIRECTIVE.as_plain_text()) == SEED


def test_seed_theme_exact_and_quoted_in_the_seed():
    assert DIRECTIVE.theme == (
        "Bảo đảm thích ứng an toàn, linh hoạt, kiểm soát hiệu quả dịch Covid-19, góp phần thực hiện thắng lợi "
        "nhiệm vụ phát triển kinh tế - xã hội năm 2022"
    )
    assert f"với chủ đề {DIRECTIVE.theme_quoted} tới toàn thể" in SEED


def test_seed_document_identity():
    d = DIRECTIVE
    assert (d.issuing_body, d.document_type, d.signer_position, d.signer_name) == (
        "Ủy ban nhân dân tỉnh Lai Châu",
        "Chỉ thị",
        "Chủ tịch",
        "Trần Tiến Dũng",
    )
    assert (d.number, d.symbol, d.issued_on, d.place) == (None, None, None, None)
    assert d.missing_from_seed == ("number", "symbol", "issued_on", "place")
    assert SEED.startswith(f"{d.document_type_heading} {d.subject} ")
    assert SEED.endswith(f"{d.signer_position_heading} {d.signer_name}")


def test_seed_kind_and_period():
    d = DIRECTIVE
    assert (d.kind, d.kind_label, d.duration_label, d.period_start, d.period_end) == (
        "regular_annual",
        "Thường xuyên / hằng năm",
        "1 năm",
        dt.date(2022, 1, 1),
        dt.date(2022, 12, 31),
    )
    assert f"phát động {d.movement_name} với chủ đề" in SEED
    assert f"tới {d.audience} với các nội dung chủ yếu sau:" in SEED


def test_seed_has_eight_numbered_contents():
    assert [c.number for c in DIRECTIVE.contents] == [1, 2, 3, 4, 5, 6, 7, 8]


def test_seed_content_paragraphs_are_verbatim_and_numbered():
    for content in DIRECTIVE.contents:
        first = f"{content.number}. {content.title}" if content.title_source == "heading" else None
        opening = first or f"{content.number}. {content.paragraphs[0]}"
        assert opening in SEED, content.number
        for paragraph in content.paragraphs:
            assert paragraph in SEED, (content.number, paragraph[:40])
            assert paragraph == collapse_whitespace(paragraph)


def test_seed_content_paragraph_counts():
    assert [len(c.paragraphs) for c in DIRECTIVE.contents] == [1, 2, 1, 1, 2, 1, 1, 0]


def test_seed_content_titles_are_opening_clauses_or_the_heading():
    for content in DIRECTIVE.contents:
        if content.title_source == "heading":
            assert (content.number, content.title) == (8, "Tổ chức thực hiện")
        else:
            clause = re.split(r"[;:.]", content.paragraphs[0], maxsplit=1)[0]
            assert (content.title_source, content.title) == ("opening_clause", clause)


def test_seed_content_text_joins_paragraphs():
    content = DIRECTIVE.content(5)

    assert content.text.split("\n") == list(content.paragraphs)
    assert content.text.startswith("Nâng cao vai trò quản lý nhà nước về công tác thi đua, khen thưởng.")


def test_seed_section_8_has_sub_items_a_to_e_verbatim():
    section = DIRECTIVE.content(8)

    assert [s.letter for s in section.sub_items] == ["a", "b", "c", "d", "e"]
    for sub in section.sub_items:
        assert f"{sub.letter}) {sub.text}" in SEED


def test_seed_seven_thematic_movements_exact():
    names = [m.name for m in DIRECTIVE.thematic_movements]

    assert names == [
        "Dân vận khéo",
        "Toàn dân đoàn kết xây dựng nông thôn mới và đô thị văn minh",
        "Xây dựng nông thôn mới và giảm nghèo bền vững",
        "Lai Châu chung tay vì người nghèo - Không để ai bị bỏ lại phía sau",
        "Doanh nghiệp Lai Châu hội nhập và phát triển",
        "Cán bộ, công chức, viên chức tỉnh Lai Châu thi đua thực hiện văn hóa công sở",
        "Lai Châu đoàn kết, chung sức, đồng lòng thi đua phòng, chống và chiến thắng đại dịch Covid-19",
    ]
    assert [m.order for m in DIRECTIVE.thematic_movements] == [1, 2, 3, 4, 5, 6, 7]
    assert [m.lead_unit for m in DIRECTIVE.thematic_movements] == [None] * 7


def test_seed_thematic_movements_are_exactly_the_quoted_names_of_content_3():
    text = DIRECTIVE.content(3).text
    listed = text.split("chuyên đề của tỉnh như: ", 1)[1].split(". Tiếp tục đổi mới", 1)[0]

    assert re.findall(r"“([^”]+)”", listed) == [m.name for m in DIRECTIVE.thematic_movements]


EXPECTED_TARGETS = [
    ("grdp_growth", Direction.ABOUT, Decimal("7.7"), "%", None, False),
    ("grdp_per_capita", Direction.ABOUT, Decimal("47.9"), "triệu đồng", None, False),
    ("budget_revenue", Direction.AT_LEAST, Decimal("2250"), "tỷ đồng", None, True),
    ("national_standard_schools", Direction.AT_LEAST, Decimal("56.3"), "%", None, False),
    ("birth_rate_reduction", Direction.DECREASE_BY, Decimal("0.4"), "‰", None, False),
    ("poverty_rate_reduction", Direction.DECREASE_BY, Decimal("3.1"), "%", None, False),
    (
        "poverty_rate_reduction_poor_districts",
        Direction.DECREASE_BY,
        Decimal("4.8"),
        "%",
        "poverty_rate_reduction",
        False,
    ),
    ("jobs", Direction.AT_LEAST, Decimal("8030"), "lao động", None, True),
]


def test_seed_every_target_value_and_unit_exact():
    actual = [(t.key, t.direction, t.value, t.unit, t.parent, t.cumulative) for t in DIRECTIVE.targets]

    assert actual == EXPECTED_TARGETS


def test_seed_target_phrases_are_verbatim_and_carry_the_value():
    for target in DIRECTIVE.targets:
        assert target.seed_phrase in DIRECTIVE.content(2).paragraphs[1]
        assert (
            f"{target.value_text}{'' if target.unit in ('%', '‰') else ' '}{target.unit}"
            in target.seed_phrase
        )
        assert parse_vi_number(target.value_text) == target.value


def test_seed_every_number_of_the_targets_paragraph_is_a_target():
    paragraph = DIRECTIVE.content(2).paragraphs[1]
    numbers = re.findall(r"\d+(?:[.,]\d+)*", paragraph.split(":", 1)[1])

    assert [parse_vi_number(n) for n in numbers] == [t.value for t in DIRECTIVE.targets]


def test_seed_about_targets_say_khoang():
    about = [t.key for t in DIRECTIVE.targets if "khoảng" in t.seed_phrase]

    assert about == [t.key for t in DIRECTIVE.targets if t.direction is Direction.ABOUT]


def test_seed_target_spec_judges_birth_rate_fall():
    spec = DIRECTIVE.target("birth_rate_reduction").spec()

    result = evaluate(
        spec,
        Decimal("0.4"),
        period_end=dt.date(2022, 12, 31),
        target_start=DIRECTIVE.period_start,
        target_deadline=DIRECTIVE.period_end,
    )

    assert (spec.measures_change, result.status) == (True, Status.DAT)


def test_seed_target_spec_with_baseline_reports_levels():
    spec = DIRECTIVE.target("poverty_rate_reduction").spec(baseline=Decimal("30.0"))

    assert (spec.measures_change, spec.baseline, spec.target, spec.unit) == (
        False,
        Decimal("30.0"),
        Decimal("3.1"),
        "%",
    )


def test_seed_tasks_of_section_8():
    tasks = [
        (t.letter, t.assignees, t.lead, t.coordinating, t.is_request, t.deadline) for t in DIRECTIVE.tasks
    ]

    assert tasks == [
        (
            "a",
            (
                "Thủ trưởng các sở, ban, ngành, đoàn thể tỉnh",
                "Chủ tịch Ủy ban nhân dân các huyện, thành phố",
                "Giám đốc các doanh nghiệp trên địa bàn tỉnh",
            ),
            None,
            (),
            False,
            None,
        ),
        (
            "b",
            (
                "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh",
                "các đoàn thể chính trị xã hội",
                "các tổ chức xã hội nghề nghiệp",
            ),
            None,
            ("cấp ủy, chính quyền các cấp",),
            True,
            None,
        ),
        (
            "c",
            ("Sở Thông tin và Truyền thông",),
            "Sở Thông tin và Truyền thông",
            ("Sở Văn hóa - Thể thao và Du lịch", "các cơ quan có liên quan"),
            False,
            None,
        ),
        ("d", ("Trưởng khối các Khối thi đua thuộc tỉnh",), None, (), False, None),
        (
            "e",
            ("Sở Nội vụ (Ban Thi đua, khen thưởng tỉnh)",),
            "Sở Nội vụ (Ban Thi đua, khen thưởng tỉnh)",
            ("các đồng chí thành viên Hội đồng Thi đua, khen thưởng tỉnh",),
            False,
            None,
        ),
    ]


def test_seed_task_texts_and_actions_are_verbatim():
    sub_items = {s.letter: s.text for s in DIRECTIVE.content(8).sub_items}
    for task in DIRECTIVE.tasks:
        assert task.text == sub_items[task.letter]
        for words in (*task.assignees, *task.coordinating, *task.actions):
            assert words in task.text, (task.letter, words)


def test_seed_task_titles():
    assert [t.title for t in DIRECTIVE.tasks] == [
        "Xây dựng kế hoạch, phát động phong trào thi đua trên tinh thần cụ thể hóa những nội dung của Chỉ thị này",
        "Chỉ đạo và phối hợp chặt chẽ với cấp ủy, chính quyền các cấp",
        "Hướng dẫn, chỉ đạo các cơ quan thông tin đại chúng của tỉnh và địa phương đẩy mạnh công tác tuyên truyền về phong trào thi đua yêu nước",
        "Xây dựng kế hoạch tổ chức các hoạt động khối",
        "Tổ chức triển khai và theo dõi việc thực hiện Chỉ thị này",
    ]


def test_seed_recipients_exact_and_in_order():
    block = SEED.split("Nơi nhận: ", 1)[1].split(" CHỦ TỊCH", 1)[0]
    lines = [line.strip().rstrip(";.") for line in block.split("- ") if line.strip()]

    assert list(DIRECTIVE.recipients) == lines
    assert len(DIRECTIVE.recipients) == 14
    assert DIRECTIVE.recipients[0] == "Ban TĐKT TW (B/c)"
    assert DIRECTIVE.recipients[-1] == "Lưu: VT, Th3"


def test_seed_references_verbatim():
    assert [r.number_symbol for r in DIRECTIVE.references] == [
        None,
        None,
        "19/CT-TTg",
        "09/CT-UBND",
        None,
        "34-CT/TW",
        "05-CT/TW",
    ]
    for reference in DIRECTIVE.references:
        assert reference.citation in SEED
        if reference.issued_on is not None:
            day, month, year = reference.issued_on.day, reference.issued_on.month, reference.issued_on.year
            written = {f"{day}/{month}/{year}", f"{day:02d}/{month}/{year}"}
            assert any(w in reference.citation for w in written), reference.number_symbol
            assert f"số {reference.number_symbol}" in reference.citation


def test_seed_reference_dates():
    dates = {r.number_symbol: r.issued_on for r in DIRECTIVE.references if r.number_symbol}

    assert dates == {
        "19/CT-TTg": dt.date(2021, 7, 16),
        "09/CT-UBND": dt.date(2021, 8, 11),
        "34-CT/TW": dt.date(2014, 4, 7),
        "05-CT/TW": dt.date(2016, 5, 15),
    }


def test_seed_outside_cluster_of_seven_border_provinces():
    (cluster,) = DIRECTIVE.clusters

    assert (cluster.name, cluster.year, cluster.role, cluster.members) == (
        "Cụm Thi đua 7 tỉnh miền núi biên giới phía Bắc",
        2022,
        "thành viên",
        None,
    )
    assert cluster.seed_phrase in DIRECTIVE.content(5).paragraphs[1]


def test_seed_closing_paragraph_verbatim():
    assert f"{DIRECTIVE.closing} Nơi nhận:" in SEED


def test_seed_units_in_scope_are_named_in_section_8a():
    for unit in DIRECTIVE.units_in_scope:
        assert unit in DIRECTIVE.content(8).sub_items[0].text
