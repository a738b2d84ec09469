"""Demo histories 2019–2025, so that the eligibility radar for 2025 shows real candidates for every award.

- Sở Giáo dục và Đào tạo: one deliberate profile per individual award (CSTĐ tỉnh and Bằng khen tỉnh, Bằng khen
  Thủ tướng, Huân chương Lao động hạng Ba, CSTĐ toàn quốc), one person a year away from Bằng khen tỉnh, one whose
  2024 LĐTT was revoked, a Bằng khen đột xuất (which does not count as a prerequisite), an initiative already
  used; the department itself is an excellent collective leading its block (TTLĐXS, Cờ thi đua tỉnh).
- Sở Y tế: a discipline in force in 2025 and an open inspection (both keep the person off the radar), a warning
  in 2024 that counts against the collective.
- Xã Khổng Lào (new commune from 01/07/2025): its record carries on the old commune Khổng Lào's (Phong Thổ
  district, dissolved) through the merger; its people were rated in their old communes until 2024.

Everything goes through the services (actor: the system) and is generated with a fixed seed.
"""

import datetime
import random

from thidua.org.models import Person
from thidua.org.queries import subtree_q

from . import services

D = datetime.date
YEARS = range(2019, 2026)
SGD_ISSUER = "Giám đốc Sở Giáo dục và Đào tạo"


def _rate(person, year, rating):
    services.set_rating(person, actor=None, year=year, rating=rating)


def _honour(subject, year, code, *, issuer, honour_type="thuong_xuyen"):
    kwargs = {"person": subject} if isinstance(subject, Person) else {"unit": subject}
    number = random.Random(f"{subject.pk}-{year}-{code}").randint(10, 999)
    return services.record_honour(
        actor=None,
        year=year,
        code=code,
        honour_type=honour_type,
        decision_number=f"{number}/QĐ-{'UBND' if 'tỉnh' in issuer or 'Thủ tướng' in issuer else 'ĐV'}",
        decision_date=D(year + 1, 1, 15) if year < 2025 else D(2025, 12, 20),
        issuer=issuer,
        **kwargs,
    )


def _profile(person, ratings, titles, awards=(), initiatives=()):
    for year, rating in zip(YEARS, ratings, strict=True):
        if rating:
            _rate(person, year, rating)
    made = {}
    for year, code in titles:
        made[(year, code)] = _honour(person, year, code, issuer=SGD_ISSUER)
    for year, code, issuer in awards:
        made[(year, code)] = _honour(person, year, code, issuer=issuer)
    for title, scope, year in initiatives:
        made[title] = services.add_initiative(
            person,
            actor=None,
            title=title,
            scope=scope,
            year=year,
            recognised_by="Hội đồng sáng kiến Sở GD&ĐT",
        )
    return made


def _deliberate_profiles(people, units):
    sgd = units["SGDDT"]
    members = list(sgd.people.filter(archived=False).order_by("name_sort"))
    duc = people["duc"]
    # CSTĐ cấp tỉnh and Bằng khen của Chủ tịch UBND tỉnh in 2025: CSTĐCS 2023–2024 (2023 with an initiative, now
    # locked), HTXS in 2025, a provincial initiative in 2025.
    made = _profile(
        duc,
        ["HTT", "HTT", "HTXS", "HTT", "HTT", "HTXS", "HTXS"],
        [(y, "LDTT") for y in range(2019, 2026)] + [(2023, "CSTDCS"), (2024, "CSTDCS"), (2025, "CSTDCS")],
        initiatives=[
            ("Số hóa hồ sơ thi đua của Sở", "co_so", 2023),
            ("Phần mềm xếp thời khóa biểu vùng cao", "co_so", 2024),
            ("Mô hình lớp học song ngữ Việt – Mông", "tinh", 2025),
        ],
    )
    services.use_initiative(made["Số hóa hồ sơ thi đua của Sở"], actor=None, honour=made[(2023, "CSTDCS")])
    others = [p for p in members if p.pk != duc.pk]
    # Bằng khen của Thủ tướng: Bằng khen tỉnh 2019, then six years rated at least HTT with CSTĐCS in three.
    _profile(
        others[0],
        ["HTXS", "HTT", "HTXS", "HTT", "HTXS", "HTT", "HTXS"],
        [(y, "LDTT") for y in range(2019, 2026)] + [(2020, "CSTDCS"), (2022, "CSTDCS"), (2024, "CSTDCS")],
        awards=[(2019, "BK_TINH", "Chủ tịch UBND tỉnh Lai Châu")],
        initiatives=[("Đổi mới sinh hoạt chuyên môn theo nghiên cứu bài học", "co_so", 2025)],
    )
    # Huân chương Lao động hạng Ba: Bằng khen của Thủ tướng 2019, then rated well with CSTĐCS and an HTXS.
    _profile(
        others[1],
        ["HTXS", "HTXS", "HTT", "HTXS", "HTT", "HTXS", "HTXS"],
        [(y, "LDTT") for y in range(2019, 2026)] + [(2020, "CSTDCS"), (2021, "CSTDCS"), (2023, "CSTDCS")],
        awards=[(2019, "BK_TTG", "Thủ tướng Chính phủ")],
    )
    # Chiến sĩ thi đua toàn quốc: CSTĐ tỉnh 2022, CSTĐCS since, a national initiative in 2024.
    _profile(
        others[2],
        ["HTXS"] * 7,
        [(y, "LDTT") for y in range(2019, 2026)]
        + [(y, "CSTDCS") for y in (2020, 2021, 2022, 2023, 2024)]
        + [(2022, "CSTD_TINH")],
        initiatives=[
            ("Bộ tài liệu dạy tiếng Việt cho trẻ dân tộc thiểu số", "toan_quoc", 2024),
            ("Câu lạc bộ đọc sách ở bản", "tinh", 2025),
            ("Sổ tay chủ nhiệm điện tử", "co_so", 2025),
        ],
    )
    # One year away from Bằng khen tỉnh: CSTĐCS in 2025 only (with an initiative), a Bằng khen đột xuất in 2024
    # (which does not count towards it).
    _profile(
        others[3],
        [None, "HT", "HTT", "HTT", "HTT", "HTT", "HTT"],
        [(y, "LDTT") for y in range(2021, 2026)],
        awards=[(2024, "BK_TINH", "Chủ tịch UBND tỉnh Lai Châu")],
        initiatives=[("Sân chơi dân gian trong trường học", "co_so", 2025)],
    )
    services.revoke_honour(
        others[3].honours.get(year=2024, code="BK_TINH"),
        actor=None,
        reason="Ghi nhầm loại hình: Bằng khen đột xuất được ghi lại riêng",
        decision_number="45/QĐ-UBND",
        decision_date=D(2025, 3, 10),
    )
    _honour(others[3], 2024, "BK_TINH", issuer="Chủ tịch UBND tỉnh Lai Châu", honour_type="dot_xuat")
    return {duc.pk, *(p.pk for p in others[:4])}


def _ordinary_years(people, rng, skip):
    """Everyone else in the demo's units: a rating each year from 2021, LĐTT when rated HTT or better."""
    for person in people:
        if person.pk in skip:
            continue
        for year in range(2021, 2026):
            rating = rng.choices(["HTXS", "HTT", "HT"], weights=[2, 7, 1])[0]
            _rate(person, year, rating)
            if rating != "HT":
                unit = services.unit_on(person, D(year, 12, 31))
                _honour(person, year, "LDTT", issuer=f"Thủ trưởng {unit.full_name}")


def load(context):
    rng = random.Random(2025)
    units, people = context["units"], context["people"]
    skip = _deliberate_profiles(people, units)
    everyone = list(
        Person.objects.filter(
            subtree_q(units["SGDDT"], "unit__")
            | subtree_q(units["SYT"], "unit__")
            | subtree_q(units["X.KHONGLAO"], "unit__"),
            archived=False,
        )
        .select_related("unit")
        .order_by("pk")
    )
    _ordinary_years(everyone, rng, skip)
    ordinary = [p for p in everyone if p.pk not in skip and p.unit_id == units["SGDDT"].pk]
    revoked = next(
        honour
        for person in ordinary
        if (honour := person.honours.filter(year=2024, code="LDTT").first()) is not None
    )
    services.revoke_honour(
        revoked,
        actor=None,
        reason="Kê khai thời gian công tác không đúng",
        decision_number="12/QĐ-SGDĐT",
        decision_date=D(2025, 4, 2),
    )

    # Sở GD&ĐT: an excellent collective two years running, first in its block in 2025.
    for year in (2023, 2024, 2025):
        services.record_collective_year(units["SGDDT"], actor=None, year=year, rating="HTXS")
    for year in (2023, 2024):
        _honour(units["SGDDT"], year, "TTLDXS", issuer="Chủ tịch UBND tỉnh Lai Châu")
    services.record_block_rank(units["SGDDT"], year=2025, rank=1, actor=None)
    services.record_collective_year(units["SYT"], actor=None, year=2025, rating="HTT")

    # Khổng Lào: the old commune's record (decided by the district chairman, an office that no longer exists),
    # then the new commune's first year. Hoang Thèn, smaller, merged into it too.
    old, hoang_then = units["HPT.KHONGLAO"], units["HPT.HOANGTHEN"]
    for year in (2022, 2023, 2024):
        services.record_collective_year(old, actor=None, year=year, rating="HTT", members=9)
        _honour(old, year, "TTLDTT", issuer="Chủ tịch UBND huyện Phong Thổ")
    for year in (2023, 2024):
        services.record_collective_year(hoang_then, actor=None, year=year, rating="HT", members=6)
    services.record_collective_year(units["X.KHONGLAO"], actor=None, year=2025, rating="HTT")

    # Discipline and review in Sở Y tế.
    syt_people = list(units["SYT"].people.filter(archived=False).order_by("pk"))
    services.add_discipline(
        syt_people[0],
        actor=None,
        form="khien_trach",
        start=D(2025, 3, 1),
        end=D(2026, 2, 28),
        decision_number="12/QĐ-SYT",
    )
    services.add_discipline(
        syt_people[2],
        actor=None,
        form="canh_cao",
        start=D(2024, 5, 1),
        end=D(2025, 4, 30),
        decision_number="31/QĐ-SYT",
    )
    services.open_review(
        syt_people[1], actor=None, kind="thanh_tra", opened=D(2025, 11, 1), note="Thanh tra công vụ"
    )
