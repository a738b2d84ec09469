"""The exchange format: histories as plain dicts / JSON in, verdicts as plain dicts / JSON out.

Documented in docs/eligibility-format.md. ``run(payload)`` is what ``manage.py eligibility`` and other systems
call. Bad input raises ExchangeError naming the subject and the field, with a Vietnamese message.
Pure Python: no Django, no database.
"""

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from thidua.awards.catalog import catalog
from thidua.awards.engine import (
    CollectiveHistory,
    CollectiveYear,
    Discipline,
    History,
    Honour,
    HouseholdHistory,
    Initiative,
    PersonHistory,
    Verdict,
    YearRecord,
    screen,
)
from thidua.awards.rulesets import RuleSet, ruleset_for_year
from thidua.awards.terms import HonourType, Rating, Scope, SubjectKind

RATING_ALIASES = {"KHONG_HT": "KHT"}


class ExchangeError(ValueError):
    def __init__(self, subject: str | None, field: str, message: str):
        self.subject, self.field, self.message = subject, field, message
        where = f"Đối tượng '{subject}', trường '{field}'" if subject else f"Trường '{field}'"
        super().__init__(f"{where}: {message}")


@dataclass(frozen=True)
class Request:
    year: int
    awards: tuple[str, ...] | None
    subjects: tuple[History, ...]


class _Reader:
    def __init__(self, subject: str | None):
        self.subject = subject

    def fail(self, field: str, message: str):
        raise ExchangeError(self.subject, field, message)

    def keys(self, data: Any, field: str, allowed: set[str]) -> Mapping:
        if not isinstance(data, dict):
            self.fail(field, "phải là một đối tượng JSON")
        unknown = sorted(set(data) - allowed)
        if unknown:
            self.fail(f"{field}.{unknown[0]}" if field else unknown[0], "trường không được hỗ trợ")
        return data

    def integer(self, value: Any, field: str, *, optional: bool = False, minimum: int = 0) -> int | None:
        if value is None and optional:
            return None
        if not isinstance(value, int) or isinstance(value, bool) or value < minimum:
            self.fail(field, f"phải là số nguyên từ {minimum} trở lên")
        return value

    def boolean(self, value: Any, field: str) -> bool:
        if not isinstance(value, bool):
            self.fail(field, "phải là true hoặc false")
        return value

    def year(self, value: Any, field: str) -> int:
        try:
            year = int(value) if isinstance(value, str) else value
        except ValueError:
            year = None
        if not isinstance(year, int) or isinstance(year, bool) or not 1900 <= year <= 2100:
            self.fail(field, f"năm '{value}' không hợp lệ")
        return year

    def day(self, value: Any, field: str, *, optional: bool = False) -> date | None:
        if value is None and optional:
            return None
        try:
            return date.fromisoformat(value)
        except (TypeError, ValueError):
            self.fail(field, f"ngày '{value}' không hợp lệ (dạng YYYY-MM-DD)")

    def choice(self, value: Any, field: str, enum, aliases: Mapping[str, str] | None = None):
        value = (aliases or {}).get(value, value)
        try:
            return enum(value)
        except ValueError:
            allowed = ", ".join(m.value for m in enum)
            self.fail(field, f"giá trị '{value}' không hợp lệ (dùng một trong: {allowed})")

    def code(self, value: Any, field: str) -> str:
        if not isinstance(value, str) or value not in catalog():
            self.fail(field, f"mã '{value}' không có trong danh mục")
        return value

    def honours(self, items: Any, field: str) -> tuple[Honour, ...]:
        if items is None:
            return ()
        if not isinstance(items, list):
            self.fail(field, "phải là một danh sách")
        result = []
        for n, item in enumerate(items):
            where = f"{field}[{n}]"
            if isinstance(item, str):
                result.append(Honour(self.code(item, where)))
                continue
            item = self.keys(
                item, where, {"code", "type", "revoked", "decision_number", "decision_date", "issuer"}
            )
            result.append(
                Honour(
                    code=self.code(item.get("code"), f"{where}.code"),
                    type=self.choice(item.get("type", "thuong_xuyen"), f"{where}.type", HonourType),
                    revoked=self.boolean(item.get("revoked", False), f"{where}.revoked"),
                    decision_number=str(item.get("decision_number") or ""),
                    decision_date=self.day(
                        item.get("decision_date"), f"{where}.decision_date", optional=True
                    ),
                    issuer=str(item.get("issuer") or ""),
                )
            )
        return tuple(result)

    def rating(self, value: Any, field: str) -> Rating | None:
        return None if value is None else self.choice(value, field, Rating, RATING_ALIASES)


_PERSON_YEAR = {"rating", "titles", "awards"}
_COLLECTIVE_YEAR = {
    "rating",
    "members",
    "members_ldtt",
    "members_completed",
    "members_cstdcs",
    "members_disciplined",
    "block_rank",
    "titles",
    "awards",
}


def parse_history(data: Any) -> History:
    """One subject of the exchange format as a PersonHistory, CollectiveHistory or HouseholdHistory."""
    if not isinstance(data, dict):
        raise ExchangeError(None, "subjects", "mỗi đối tượng phải là một đối tượng JSON")
    sid = data.get("id")
    if not isinstance(sid, str | int) or isinstance(sid, bool) or str(sid) == "":
        raise ExchangeError(None, "subjects.id", "thiếu mã đối tượng")
    sid = str(sid)
    r = _Reader(sid)
    kind = r.choice(data.get("kind"), "kind", SubjectKind)
    allowed = {"id", "kind", "years", "under_review"}
    if kind is SubjectKind.INDIVIDUAL:
        allowed |= {"service_months", "initiatives", "discipline"}
    r.keys(data, "", allowed)
    under_review = r.boolean(data.get("under_review", False), "under_review")
    raw_years = data.get("years") or {}
    if not isinstance(raw_years, dict):
        r.fail("years", "phải là đối tượng năm -> dữ liệu năm")
    years = {}
    for key, raw in raw_years.items():
        year = r.year(key, f"years.{key}")
        where = f"years.{key}"
        if kind is SubjectKind.COLLECTIVE:
            raw = r.keys(raw, where, _COLLECTIVE_YEAR)
            counts = {
                name: r.integer(raw.get(name), f"{where}.{name}", optional=True)
                for name in _COLLECTIVE_YEAR - {"rating", "titles", "awards", "block_rank"}
            }
            years[year] = CollectiveYear(
                rating=r.rating(raw.get("rating"), f"{where}.rating"),
                block_rank=r.integer(raw.get("block_rank"), f"{where}.block_rank", optional=True, minimum=1),
                titles=r.honours(raw.get("titles"), f"{where}.titles"),
                awards=r.honours(raw.get("awards"), f"{where}.awards"),
                **counts,
            )
            members = counts["members"]
            for name in ("members_ldtt", "members_completed", "members_cstdcs", "members_disciplined"):
                if members is not None and counts[name] is not None and counts[name] > members:
                    r.fail(f"{where}.{name}", f"không được lớn hơn số thành viên ({members})")
        else:
            raw = r.keys(raw, where, _PERSON_YEAR)
            years[year] = YearRecord(
                rating=r.rating(raw.get("rating"), f"{where}.rating"),
                titles=r.honours(raw.get("titles"), f"{where}.titles"),
                awards=r.honours(raw.get("awards"), f"{where}.awards"),
            )
    if kind is SubjectKind.COLLECTIVE:
        return CollectiveHistory(sid, years, under_review)
    if kind is SubjectKind.HOUSEHOLD:
        return HouseholdHistory(sid, years, under_review)
    initiatives = []
    seen = set()
    for n, raw in enumerate(data.get("initiatives") or []):
        where = f"initiatives[{n}]"
        raw = r.keys(raw, where, {"id", "scope", "year", "used", "recognised_by"})
        iid = raw.get("id")
        if not isinstance(iid, str) or not iid:
            r.fail(f"{where}.id", "thiếu mã sáng kiến")
        if iid in seen:
            r.fail(f"{where}.id", f"mã sáng kiến '{iid}' bị trùng")
        seen.add(iid)
        initiatives.append(
            Initiative(
                id=iid,
                scope=r.choice(raw.get("scope"), f"{where}.scope", Scope),
                year=r.year(raw.get("year"), f"{where}.year"),
                used=r.boolean(raw.get("used", False), f"{where}.used"),
                recognised_by=str(raw.get("recognised_by") or ""),
            )
        )
    discipline = []
    for n, raw in enumerate(data.get("discipline") or []):
        where = f"discipline[{n}]"
        raw = r.keys(raw, where, {"form", "from", "to"})
        form = raw.get("form")
        if not isinstance(form, str) or not form:
            r.fail(f"{where}.form", "thiếu hình thức kỷ luật")
        start = r.day(raw.get("from"), f"{where}.from")
        end = r.day(raw.get("to"), f"{where}.to", optional=True)
        if end is not None and end < start:
            r.fail(f"{where}.to", "ngày kết thúc trước ngày bắt đầu")
        discipline.append(Discipline(form, start, end))
    return PersonHistory(
        id=sid,
        years=years,
        initiatives=tuple(initiatives),
        discipline=tuple(discipline),
        under_review=under_review,
        service_months=r.integer(data.get("service_months"), "service_months", optional=True),
    )


def parse_request(payload: Any) -> Request:
    r = _Reader(None)
    payload = r.keys(payload, "", {"year", "awards", "subjects"})
    if "year" not in payload:
        r.fail("year", "bắt buộc")
    year = r.year(payload["year"], "year")
    awards = payload.get("awards")
    if awards is not None:
        if not isinstance(awards, list):
            r.fail("awards", "phải là danh sách mã")
        awards = tuple(r.code(code, f"awards[{n}]") for n, code in enumerate(awards))
    subjects = payload.get("subjects")
    if not isinstance(subjects, list):
        r.fail("subjects", "phải là một danh sách")
    histories = tuple(parse_history(s) for s in subjects)
    ids = [h.id for h in histories]
    duplicate = next((i for i in ids if ids.count(i) > 1), None)
    if duplicate is not None:
        raise ExchangeError(duplicate, "id", "mã đối tượng bị trùng")
    return Request(year, awards, histories)


def verdict_to_dict(verdict: Verdict) -> dict:
    return {
        "subject": verdict.subject,
        "award": verdict.award,
        "verdict": verdict.outcome.value,
        "route": verdict.route,
        "initiatives": list(verdict.initiatives),
        "criteria": [
            {"rule": c.rule, "met": c.met, "text": c.text, "basis": c.basis, "year": c.year, "route": c.route}
            for c in verdict.criteria
        ],
        "manual_checks": list(verdict.manual_checks),
    }


def run(payload: Any, ruleset: RuleSet | None = None) -> dict:
    """Verdicts for an exchange-format request (a parsed JSON object), as a JSON-ready dict."""
    request = parse_request(payload)
    rs = ruleset if ruleset is not None else ruleset_for_year(request.year)
    verdicts = screen(request.subjects, request.year, rs, request.awards)
    output = {
        "year": request.year,
        "ruleset": rs.id if rs is not None and rs.covers_year(request.year) else None,
    }
    if output["ruleset"] is None:
        output["message"] = f"Chưa nạp bộ quy tắc xét thi đua, khen thưởng áp dụng cho năm {request.year}."
    output["results"] = [verdict_to_dict(v) for v in verdicts]
    return output


def run_json(text: str, ruleset: RuleSet | None = None) -> str:
    """``run`` on JSON text. Invalid JSON raises ExchangeError on field '(json)'."""
    try:
        payload = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ExchangeError(
            None, "(json)", f"không phải JSON hợp lệ: dòng {exc.lineno}, cột {exc.colno}"
        ) from exc
    return json.dumps(run(payload, ruleset), ensure_ascii=False, indent=2)
