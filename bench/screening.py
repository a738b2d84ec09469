"""Screen N synthetic people (default 100,000) with 10-year histories for every individual award, using the
pure eligibility engine (no database: this measures the evaluation alone). Prints the generation time, the
screening time and a last line:

    RESULT people=N verdicts=V seconds=S per_second=R

Usage: python bench/screening.py [--people N] [--years 10] [--year 2025] [--seed 1]
"""

import argparse
import gc
import pathlib
import random
import sys
import time
from collections import Counter
from datetime import date

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent))

from thidua.awards.engine import Discipline, Honour, Initiative, PersonHistory, YearRecord, screen
from thidua.awards.rulesets import ruleset_for_year
from thidua.awards.terms import HonourType, Rating, Scope

RATINGS = [Rating.HT] * 1 + [Rating.HTT] * 6 + [Rating.HTXS] * 3
SCOPES = [Scope.CO_SO] * 6 + [Scope.TINH] * 3 + [Scope.TOAN_QUOC]


def person(rng: random.Random, n: int, first: int, last: int) -> PersonHistory:
    years = {}
    for year in range(first, last + 1):
        if rng.random() < 0.03:
            continue  # a missing year
        rating = rng.choice(RATINGS)
        titles, awards = [], []
        if rating is not Rating.HT and year < last:
            titles.append(Honour("LDTT"))
            if rating is Rating.HTXS or rng.random() < 0.2:
                titles.append(Honour("CSTDCS", revoked=rng.random() < 0.02))
            if rng.random() < 0.03:
                titles.append(Honour("CSTD_TINH"))
            if rng.random() < 0.08:
                awards.append(
                    Honour("BK_TINH", type=rng.choice([HonourType.THUONG_XUYEN] * 4 + [HonourType.DOT_XUAT]))
                )
            if rng.random() < 0.02:
                awards.append(Honour("BK_TTG"))
        years[year] = YearRecord(rating, tuple(titles), tuple(awards))
    initiatives = tuple(
        Initiative(f"SK-{n}-{k}", rng.choice(SCOPES), rng.randint(last - 3, last), used=rng.random() < 0.3)
        for k in range(rng.choice([0, 0, 0, 1, 1, 2, 3]))
    )
    discipline = ()
    if rng.random() < 0.02:
        start = date(rng.randint(first, last), rng.randint(1, 12), 1)
        discipline = (Discipline("khien_trach", start, date(start.year + 1, start.month, 1)),)
    return PersonHistory(
        f"P{n}",
        years,
        initiatives,
        discipline,
        under_review=rng.random() < 0.005,
        service_months=rng.randint(3, 400),
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--year", type=int, default=2025)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()

    rng = random.Random(args.seed)
    started = time.perf_counter()
    people = [person(rng, n, args.year - args.years + 1, args.year) for n in range(args.people)]
    generated = time.perf_counter() - started
    print(f"generated {args.people} people x {args.years} years in {generated:.2f} s", flush=True)

    # The histories are long-lived input: move them out of the collector's way, as a worker holding them would.
    gc.collect()
    gc.freeze()
    ruleset = ruleset_for_year(args.year)
    started = time.perf_counter()
    verdicts = screen(people, args.year, ruleset)
    seconds = time.perf_counter() - started
    outcomes = Counter((v.award, v.outcome.value) for v in verdicts)
    for award in dict.fromkeys(v.award for v in verdicts[:20]):
        counts = ", ".join(f"{o}={outcomes[(award, o)]}" for o in ("eligible", "ineligible", "manual_only"))
        print(f"  {award:10} {counts}")
    rate = args.people / seconds if seconds else float("inf")
    print(f"RESULT people={args.people} verdicts={len(verdicts)} seconds={seconds:.2f} per_second={rate:.0f}")


if __name__ == "__main__":
    main()
