"""Demo histories 2019–2025 so that the eligibility radar for 2025 shows real candidates for every award.

A few deliberate profiles (one per award), plausible ratings and titles for everyone in Sở Giáo dục và Đào tạo,
Sở Y tế and the new commune Khổng Lào (whose history continues its predecessor's through the July 2025 merger),
a discipline and an open review. Everything here is illustrative, generated with a fixed seed.
"""

import datetime
import random

from thidua.org.models import Person

from . import services

D = datetime.date
YEARS = range(2019, 2026)


def _rate(person, year, rating):
    services.set_rating(person, actor=None, year=year, rating=rating)


def _honour(subject, year, code, *, honour_type="thuong_xuyen", issuer="Giám đốc Sở Giáo dục và Đào tạo"):
    kwargs = {"person": subject} if isinstance(subject, Person) else {"unit": subject}
    return services.record_honour(
        actor=None,
        year=year,
        code=code,
        honour_type=honour_type,
        decision_number=f"{random.Random(f'{subject.pk}{year}{code}').randint(10, 999)}/QĐ-{year}",
        decision_date=D(year + 1, 1, 15) if year < 2025 else D(2025, 12, 20),
        issuer=issuer,
        **kwargs,
    )


def _profile(person, ratings, titles, awards=(), initiatives=()):
    for year, rating in zip(YEARS, ratings, strict=True):
        _rate(person, year, rating)
    for year, code in titles:
        _honour(person, year, code)
    for year, code, issuer in awards:
        _honour(person, year, code, issuer=issuer)
    for title, scope, year in initiatives:
        services.add_initiative(
            person, actor=None, title=title, scope=scope, year=year, recognised_by="Hội đồng sáng kiến"
        )


def _deliberate_profiles(people, units):
    sgd = units["SGDDT"]
    members = list(sgd.people.filter(archived=False).order_by("name_sort"))
    duc = people["duc"]
    # CSTĐ cấp tỉnh and Bằng khen của Chủ tịch UBND tỉnh in 2025: CSTĐCS 2023–2024, HTXS in 2025, initiatives.
    _profile(
        duc,
        ["HTT", "HTT", "HTXS", "HTXS", "HTXS", "HTXS", "HTXS"],
        [(y, "LDTT") for y in range(2019, 2026)] + [(2023, "CSTDCS"), (2024, "CSTDCS"), (2025, "CSTDCS")],
        initiatives=[
            ("Số hóa hồ sơ thi đua của Sở", "co_so", 2023),
            ("Phần mềm xếp thời khóa biểu vùng cao", "co_so", 2024),
            ("Mô hình lớp học song ngữ Việt – Mông", "tinh", 2025),
        ],
    )
    others = [p for p in members if p.pk != duc.pk]
    # Bằng khen của Thủ tướng: Bằng khen tỉnh 2019, then six years rated at least HTT with CSTĐCS in three.
    _profile(
        others[0],
        ["HTXS", "HTT", "HTXS", "HTT", "HTXS", "HTT", "HTXS"],
        [(y, "LDTT") for y in range(2019, 2026)] + [(2020, "CSTDCS"), (2022, "CSTDCS"), (2024, "CSTDCS")],
        awards=[(2019, "BK_TINH", "Chủ tịch UBND tỉnh Lai Châu")],
        initiatives=[("Đổi mới sinh hoạt chuyên môn", "co_so", 2025)],
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
            ("Câu lạc bộ đọc sách bản", "tinh", 2025),
            ("Sổ tay chủ nhiệm điện tử", "co_so", 2025),
        ],
    )
    # One year away from Bằng khen tỉnh: CSTĐCS only in 2024, rated HTT in 2025.
    _profile(
        others[3],
        ["HT", "HTT", "HTT", "HTT", "HTT", "HTXS", "HTT"],
        [(y, "LDTT") for y in range(2020, 2026)] + [(2024, "CSTDCS")],
        initiatives=[("Sân chơi dân gian trong trường", "co_so", 2024)],
    )
    return {duc.pk, *(p.pk for p in others[:4])}


def _ordinary_years(people, rng, skip):
    """Everyone else in the demo's units: a rating each year, LĐTT when rated HTT or better."""
    for person in people:
        if person.pk in skip:
            continue
        for year in range(2023, 2026):
            rating = rng.choices(["HTXS", "HTT", "HT"], weights=[2, 6, 1])[0]
            _rate(person, year, rating)
            if rating != "HT":
                _honour(person, year, "LDTT", issuer=f"Thủ trưởng {person.unit.short_name}")


def load(context):
    rng = random.Random(2025)
    units, people = context["units"], context["people"]
    skip = _deliberate_profiles(people, units)
    everyone = list(
        Person.objects.filter(unit__code__in=["SGDDT", "SYT", "X.KHONGLAO"], archived=False)
        .select_related("unit")
        .order_by("pk")
    )
    _ordinary_years(everyone, rng, skip)
    # Collectives: Sở GD&ĐT leads its block; Khổng Lào commune carries on the old commune's record.
    services.record_collective_year(units["SGDDT"], actor=None, year=2025, rating="HTXS", block_rank=1)
    for year in (2023, 2024):
        services.record_collective_year(units["SGDDT"], actor=None, year=year, rating="HTXS")
        _honour(units["SGDDT"], year, "TTLDXS", issuer="Chủ tịch UBND tỉnh Lai Châu")
    old_commune = units["HPT.KHONGLAO"]
    for year in (2022, 2023, 2024):
        services.record_collective_year(old_commune, actor=None, year=year, rating="HTT")
        _honour(old_commune, year, "TTLDTT", issuer="Chủ tịch UBND huyện Phong Thổ")
    services.record_collective_year(units["X.KHONGLAO"], actor=None, year=2025, rating="HTT")
    # A discipline in force in 2025 and an open inspection, in Sở Y tế: both keep the person out of the radar.
    syt_people = list(units["SYT"].people.filter(archived=False).order_by("pk"))
    services.add_discipline(
        syt_people[0],
        actor=None,
        form="khien_trach",
        start=D(2025, 3, 1),
        end=D(2026, 2, 28),
        decision_number="12/QĐ-SYT",
    )
    services.open_review(
        syt_people[1], actor=None, kind="thanh_tra", opened=D(2025, 11, 1), note="Thanh tra công vụ"
    )
