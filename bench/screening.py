"""Screen N people with 10-year histories for every individual award, from a SQLite database, through the
product's own code path (``thidua.awards.screening.screen_people``: the bulk read of ``thidua.awards.adapter``,
then the engine on every core), and a naive path (per-person ORM queries, one history at a time) on a sample.

The last line is:

    RESULT people=N seconds=S per_second=R naive_per_second=Q speedup=X

``seconds`` is the product path end to end: reading every record of the N people from the database, building
the histories, and screening them. Usage:

    python bench/screening.py [--people 100000] [--years 10] [--year 2025] [--sample 1000] [--workers N]
"""

import argparse
import datetime
import gc
import os
import pathlib
import random
import sys
import tempfile
import time
from collections import Counter

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thidua.settings")
os.environ.pop("DATABASE_URL", None)  # always SQLite: a fresh file in a temporary directory
os.environ["THIDUA_VAR_DIR"] = tempfile.mkdtemp(prefix="thidua-bench-screening-")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.db.models import Min  # noqa: E402

from thidua.awards.catalog import catalog  # noqa: E402
from thidua.awards.engine import (  # noqa: E402
    Discipline,
    Honour,
    Initiative,
    PersonHistory,
    YearRecord,
    screen,
)
from thidua.awards.queries import ruleset_for_review_year  # noqa: E402
from thidua.awards.screening import screen_people  # noqa: E402
from thidua.awards.terms import AwardKind, HonourType, Rating, Scope  # noqa: E402
from thidua.org.models import Person, Unit  # noqa: E402
from thidua.org.queries import subtree_q  # noqa: E402

RATINGS = ["HT"] * 1 + ["HTT"] * 6 + ["HTXS"] * 3
SCOPES = ["co_so"] * 6 + ["tinh"] * 3 + ["toan_quoc"]
UNITS = 200
NOW = "2026-01-01 00:00:00"
INDIVIDUAL_AWARDS = [award.code for award in catalog() if award.applies_to("individual")]


def populate(people: int, years: int, last: int, seed: int) -> None:
    """Bulk rows written with plain SQL (a generator, not a user action: no services, no audit)."""
    rng = random.Random(seed)
    first = last - years + 1
    cursor = connection.cursor()
    unit_rows = [
        (
            1,
            NOW,
            NOW,
            1,
            "ROOT",
            "UBND",
            "UBND tỉnh",
            "tinh",
            0,
            None,
            None,
            "",
            "000001/",
            0,
            "ubnd",
            "ubnd",
            None,
        )
    ]
    for n in range(2, UNITS + 2):
        unit_rows.append(
            (n, NOW, NOW, 1, f"U{n}", f"ĐV {n}", f"Đơn vị {n}", "so_nganh", n, None, None, "",
             f"000001/{n:06d}/", 1, f"don vi {n}", f"don vi {n}", 1)
        )  # fmt: skip
    cursor.executemany(
        'INSERT INTO org_unit (id, created_at, updated_at, version, code, short_name, full_name, unit_type, "order", '
        "effective_from, effective_to, place_name, path, depth, name_folded, name_sort, parent_id) "
        "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        unit_rows,
    )
    persons, employments, ratings, honours, initiatives, disciplines, reviews = [], [], [], [], [], [], []
    honour_id = 0
    for pid in range(1, people + 1):
        unit = rng.randint(2, UNITS + 1)
        name = f"Người thứ {pid}"
        persons.append(
            (
                pid,
                NOW,
                NOW,
                1,
                None,
                name,
                "nam",
                None,
                "Chuyên viên",
                "",
                "",
                0,
                f"nguoi thu {pid}",
                name,
                str(pid),
                None,
                unit,
            )
        )
        start = datetime.date(rng.randint(first - 15, last), rng.randint(1, 12), 1)
        employments.append(
            (pid, NOW, NOW, "Chuyên viên", "chuyen_vien", start.isoformat(), None, "", pid, unit)
        )
        cstdcs_ids = []
        for year in range(first, last + 1):
            if rng.random() < 0.03:
                continue  # a missing year
            rating = rng.choice(RATINGS)
            ratings.append((NOW, NOW, 1, year, rating, "", pid, unit))
            if rating == "HT" or year == last:
                continue
            awarded = [("LDTT", "thuong_xuyen", 0)]
            if rating == "HTXS" or rng.random() < 0.2:
                awarded.append(("CSTDCS", "thuong_xuyen", int(rng.random() < 0.02)))
            if rng.random() < 0.03:
                awarded.append(("CSTD_TINH", "thuong_xuyen", 0))
            if rng.random() < 0.08:
                awarded.append(("BK_TINH", rng.choice(["thuong_xuyen"] * 4 + ["dot_xuat"]), 0))
            if rng.random() < 0.02:
                awarded.append(("BK_TTG", "thuong_xuyen", 0))
            for code, kind, revoked in awarded:
                honour_id += 1
                honours.append(
                    (honour_id, NOW, NOW, 1, year, code, kind, f"{honour_id}/QĐ", f"{year + 1}-01-15",
                     "Thủ trưởng đơn vị", revoked, "Thu hồi" if revoked else "", pid, None, None, "")
                )  # fmt: skip
                if code == "CSTDCS":
                    cstdcs_ids.append(honour_id)
        for k in range(rng.choice([0, 0, 0, 1, 1, 2, 3])):
            used = cstdcs_ids[0] if cstdcs_ids and rng.random() < 0.3 else None
            initiatives.append(
                (NOW, NOW, 1, f"Sáng kiến {pid}-{k}", rng.choice(SCOPES), rng.randint(last - 3, last), "Hội đồng sáng kiến", pid, used)
            )  # fmt: skip
        if rng.random() < 0.02:
            begin = datetime.date(rng.randint(first, last), rng.randint(1, 12), 1)
            end = datetime.date(begin.year + 1, begin.month, 1) - datetime.timedelta(days=1)
            disciplines.append((NOW, NOW, "khien_trach", begin.isoformat(), end.isoformat(), "", pid, 1))
        if rng.random() < 0.005:
            reviews.append((NOW, NOW, "thanh_tra", f"{last}-11-01", None, "", pid))
    statements = [
        ("INSERT INTO org_person (id, created_at, updated_at, version, cccd, full_name, gender, birth_date, position_title, "
         "email, phone, archived, name_folded, name_sort, given_name, ethnicity_id, unit_id) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", persons),
        ("INSERT INTO org_employment (id, created_at, updated_at, position_title, position_level, start_date, end_date, "
         "decision, person_id, unit_id) VALUES (?,?,?,?,?,?,?,?,?,?)", employments),
        ("INSERT INTO records_personyear (created_at, updated_at, version, year, rating, note, person_id, unit_id) "
         "VALUES (?,?,?,?,?,?,?,?)", ratings),
        ("INSERT INTO records_honour (id, created_at, updated_at, version, year, code, honour_type, decision_number, "
         "decision_date, issuer, revoked, revoked_reason, person_id, unit_id, revoked_decision_date, revoked_decision_number) "
         "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", honours),
        ("INSERT INTO records_initiative (created_at, updated_at, version, title, scope, year, recognised_by, person_id, "
         "used_for_id) VALUES (?,?,?,?,?,?,?,?,?)", initiatives),
        ('INSERT INTO records_discipline (created_at, updated_at, form, start, "end", decision_number, person_id, version) '
         "VALUES (?,?,?,?,?,?,?,?)", disciplines),
        ("INSERT INTO records_reviewflag (created_at, updated_at, kind, opened, closed, note, person_id) VALUES (?,?,?,?,?,?,?)", reviews),
    ]  # fmt: skip
    for sql, rows in statements:
        cursor.executemany(sql, rows)
    print(
        f"  rows: {len(persons)} people, {len(ratings)} ratings, {len(honours)} honours, "
        f"{len(initiatives)} initiatives, {len(disciplines)} disciplines, {len(reviews)} open reviews",
        flush=True,
    )


# ------------------------------------------------------------------------------------------------ naive path

RATINGS_BY_VALUE = {rating.value: rating for rating in Rating}


def naive_history(person: Person, year: int) -> PersonHistory:
    """One person's history the obvious way: one ORM query per related table, model instances, no sharing."""
    years: dict[int, dict] = {}
    for record in person.yearly_ratings.all():
        years.setdefault(record.year, {"rating": None, "titles": [], "awards": []})["rating"] = Rating(
            record.rating
        )
    for honour in person.honours.all():
        entry = years.setdefault(honour.year, {"rating": None, "titles": [], "awards": []})
        item = Honour(
            honour.code,
            HonourType(honour.honour_type),
            honour.revoked,
            honour.decision_number,
            honour.decision_date,
            honour.issuer,
        )
        is_title = catalog().get(honour.code).kind is AwardKind.DANH_HIEU
        entry["titles" if is_title else "awards"].append(item)
    initiatives = tuple(
        Initiative(f"SK-{i.pk}", Scope(i.scope), i.year, i.used_for_id is not None, i.recognised_by)
        for i in person.initiatives.all()
    )
    discipline = tuple(Discipline(d.form, d.start, d.end) for d in person.disciplines.all())
    under_review = person.review_flags.filter(closed__isnull=True).exists()
    start = person.employments.aggregate(first=Min("start_date"))["first"]
    if years and any(v["rating"] for v in years.values()):
        first_rated = datetime.date(min(y for y, v in years.items() if v["rating"]), 1, 1)
        start = first_rated if start is None or first_rated < start else start
    end = datetime.date(year, 12, 31)
    months = None
    if start is not None and start <= end:
        months = (end.year - start.year) * 12 + end.month - start.month + (1 if end.day >= start.day else 0)
    return PersonHistory(
        str(person.pk),
        {y: YearRecord(v["rating"], tuple(v["titles"]), tuple(v["awards"])) for y, v in years.items()},
        initiatives,
        discipline,
        under_review,
        months,
    )


def naive(sample_ids: list[int], year: int, ruleset) -> tuple[float, Counter]:
    counts: Counter = Counter()
    started = time.perf_counter()
    for pk in sample_ids:
        person = Person.objects.get(pk=pk)
        for verdict in screen([naive_history(person, year)], year, ruleset, INDIVIDUAL_AWARDS):
            counts[(verdict.award, verdict.outcome.value)] += 1
    return time.perf_counter() - started, counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--year", type=int, default=2025, help="the review year (the last year of history)")
    parser.add_argument("--sample", type=int, default=1000, help="people screened by the naive path")
    parser.add_argument("--workers", type=int, default=None, help="processes (default: one per core)")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()

    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    with transaction.atomic():
        populate(args.people, args.years, args.year, args.seed)
    print(
        f"generated {args.people} people x {args.years} years in {time.perf_counter() - started:.1f} s",
        flush=True,
    )
    connection.close()  # start measuring with a fresh connection and a cold Python heap
    gc.collect()

    ruleset = ruleset_for_review_year(args.year)
    root = Unit.objects.get(code="ROOT")
    people = Person.objects.filter(
        subtree_q(root, "unit__"), archived=False
    )  # what the radar reads for a subtree
    started = time.perf_counter()
    result = screen_people(people, args.year, ruleset, awards=INDIVIDUAL_AWARDS, workers=args.workers)
    seconds = time.perf_counter() - started
    assert result.subjects == args.people, result.subjects
    for award in INDIVIDUAL_AWARDS:
        row = ", ".join(f"{o}={result.counts[(award, o)]}" for o in ("eligible", "ineligible", "manual_only"))
        print(f"  {award:10} {row}")
    rate = args.people / seconds
    phases = "; ".join(f"read {r:.2f} s, screen {c:.2f} s" for r, c in result.timings) or "in this process"
    print(f"  product path: {result.workers} process(es): {phases}")

    rng = random.Random(args.seed)
    sample = sorted(rng.sample(range(1, args.people + 1), min(args.sample, args.people)))
    naive_seconds, naive_counts = naive(sample, args.year, ruleset)
    naive_rate = len(sample) / naive_seconds
    check = screen_people(sample, args.year, ruleset, awards=INDIVIDUAL_AWARDS, workers=1)
    same = check.counts == naive_counts
    print(
        f"  naive: {len(sample)} people in {naive_seconds:.2f} s; same verdicts as the product path: {same}"
    )
    print(
        f"RESULT people={args.people} seconds={seconds:.2f} per_second={rate:.0f} "
        f"naive_per_second={naive_rate:.0f} speedup={rate / naive_rate:.1f}"
    )


if __name__ == "__main__":
    main()
