"""Writes of the awards app: loading the catalogue and rule sets into the database, and the province's
adjustments to a rule set (quotas, council vote thresholds, base salary, money rounding).

Every adjustment is validated by ``rulesets.with_overrides`` (the engine's own rules about what a province may
change), bumps the rule set's version and writes an audit entry with the values before and after.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from thidua.awards import loading
from thidua.awards.catalog import catalog
from thidua.awards.rulesets import ROUNDING_MODES, RuleSetError, with_overrides
from thidua.core import audit
from thidua.core.concurrency import bump_version, check_version
from thidua.core.services import service

from .models import AwardRecord, RuleSetRecord

ADJUSTMENT_FIELDS = ["quotas", "vote_thresholds", "base_salary", "money_rounding"]


def _reload(record, fields: dict, actor, action: str, summary: str) -> None:
    """Overwrite a record loaded from a data file whose content changed: a new version and its audit entry."""
    before = {"content_hash": record.content_hash, "version": record.version}
    for name, value in fields.items():
        setattr(record, name, value)
    bump_version(record)
    record.save()
    audit.record(
        action,
        record,
        actor=actor,
        before=before,
        after={"content_hash": record.content_hash, "version": record.version},
        summary=summary % {"name": record.name_vi},
    )


@service
def sync_catalogue(*, actor) -> tuple[int, int]:
    """Copy ``catalog.toml`` into ``AwardRecord`` rows: create new codes, update changed entries (version + 1).

    Side effects: audit ``awards.catalogue.load`` per created or changed entry, and ``awards.catalogue.sync``
    once. Returns (created, updated)."""
    existing = {record.code: record for record in AwardRecord.objects.all()}
    created = updated = 0
    last = None
    for row in loading.catalogue_rows():
        record = existing.get(row["code"])
        fields = {name: value for name, value in row.items() if name != "code"}
        if record is None:
            record = AwardRecord.objects.create(code=row["code"], **fields)
            audit.record(
                "awards.catalogue.load",
                record,
                actor=actor,
                after={"code": record.code, "content_hash": record.content_hash},
                summary=_("Nạp vào danh mục: %(name)s") % {"name": record.name_vi},
            )
            created += 1
        elif record.content_hash != row["content_hash"] or record.order != row["order"]:
            _reload(record, fields, actor, "awards.catalogue.load", _("Cập nhật danh mục từ tệp: %(name)s"))
            updated += 1
        last = record
    audit.record(
        "awards.catalogue.sync",
        last,
        actor=actor,
        after={"created": created, "updated": updated},
        summary=_("Nạp danh mục khen thưởng: %(created)s mục mới, %(updated)s mục thay đổi")
        % {"created": created, "updated": updated},
    )
    return created, updated


@service
def sync_rulesets(*, actor) -> tuple[int, int]:
    """Copy ``rulesets/*.toml`` into ``RuleSetRecord`` rows (content, dates); the province's adjustments are kept.

    Side effects: audit ``awards.ruleset.load`` per created or changed rule set (``awards.ruleset.check`` when
    none changed). Returns (created, updated)."""
    existing = {record.ruleset_id: record for record in RuleSetRecord.objects.all()}
    created = updated = 0
    for row in loading.ruleset_rows():
        record = existing.get(row["ruleset_id"])
        fields = {name: value for name, value in row.items() if name != "ruleset_id"}
        if record is None:
            record = RuleSetRecord.objects.create(ruleset_id=row["ruleset_id"], **fields)
            audit.record(
                "awards.ruleset.load",
                record,
                actor=actor,
                after={"ruleset_id": record.ruleset_id, "content_hash": record.content_hash},
                summary=_("Nạp bộ quy tắc %(name)s") % {"name": record.name_vi},
            )
            created += 1
        elif record.content_hash != row["content_hash"]:
            _reload(record, fields, actor, "awards.ruleset.load", _("Cập nhật bộ quy tắc %(name)s từ tệp"))
            updated += 1
    if not (created or updated):
        newest = RuleSetRecord.objects.order_by("-effective_from").first()
        audit.record(
            "awards.ruleset.check", newest, actor=actor, summary=_("Kiểm tra bộ quy tắc: không có thay đổi")
        )
    return created, updated


def rule_files_changed() -> bool:
    """Whether the catalogue or a rule-set file differs from what the database holds."""
    return loading.files_differ(
        dict(AwardRecord.objects.values_list("code", "content_hash")),
        dict(RuleSetRecord.objects.values_list("ruleset_id", "content_hash")),
    )


# --------------------------------------------------------------------------------------------- adjustments


def _snapshot(record: RuleSetRecord) -> dict:
    return audit.snapshot(record, ADJUSTMENT_FIELDS)


def _validate(record: RuleSetRecord, field: str) -> None:
    """Refuse adjustments the engine would refuse (``with_overrides``), naming the form field."""
    from .queries import file_ruleset

    try:
        with_overrides(file_ruleset(record.ruleset_id), **record.adjustments)
    except RuleSetError as error:
        raise ValidationError({field: str(error)}) from error


def _save_adjustment(record, *, actor, before, action, summary, field):
    _validate(record, field)
    bump_version(record)
    record.save(update_fields=[*ADJUSTMENT_FIELDS, "version", "updated_at"])
    audit.record(action, record, actor=actor, before=before, after=_snapshot(record), summary=summary)
    return record


def _award_code(code: str, field: str = "award_code") -> str:
    if code not in catalog():
        raise ValidationError(
            {field: _("Không có mã «%(code)s» trong danh mục khen thưởng.") % {"code": code}}
        )
    return code


def _percent(value, field: str) -> Decimal:
    value = Decimal(str(value))
    if not Decimal(0) < value <= Decimal(100):
        raise ValidationError({field: _("Tỷ lệ phải lớn hơn 0 và không quá 100%.")})
    return value


@service
def set_quota(
    record: RuleSetRecord,
    *,
    actor,
    award_code: str,
    percent: Decimal,
    of: str,
    expected_version: int | None = None,
) -> RuleSetRecord:
    """Cap ``award_code`` at ``percent`` % of the holders of ``of`` (e.g. CSTĐCS ≤ 15% of LĐTT).

    Side effects: version + 1; audit ``awards.ruleset.quota``."""
    check_version(record, expected_version)
    _award_code(award_code)
    _award_code(of, "of")
    if award_code == of:
        raise ValidationError({"of": _("Hạn mức phải tính trên một danh hiệu khác.")})
    before = _snapshot(record)
    quotas = dict(record.quotas)
    quotas[award_code] = {"percent": str(_percent(percent, "percent")), "of": of}
    record.quotas = quotas
    return _save_adjustment(
        record,
        actor=actor,
        before=before,
        action="awards.ruleset.quota",
        summary=_("Hạn mức %(award)s: không quá %(percent)s%% số %(of)s")
        % {"award": catalog().get(award_code).name_vi, "percent": percent, "of": catalog().get(of).name_vi},
        field="percent",
    )


@service
def remove_quota(
    record: RuleSetRecord, *, actor, award_code: str, expected_version: int | None = None
) -> RuleSetRecord:
    """Remove the cap on ``award_code`` (the file's own quota too). Side effects: audit ``awards.ruleset.quota``."""
    from .queries import file_ruleset

    check_version(record, expected_version)
    before = _snapshot(record)
    quotas = dict(record.quotas)
    in_file = award_code in file_ruleset(record.ruleset_id).quotas
    if award_code not in quotas and not in_file:
        raise ValidationError(_("Không có hạn mức nào cho mã «%(code)s».") % {"code": award_code})
    if in_file:
        quotas[award_code] = None
    else:
        quotas.pop(award_code)
    record.quotas = quotas
    return _save_adjustment(
        record,
        actor=actor,
        before=before,
        action="awards.ruleset.quota",
        summary=_("Bỏ hạn mức %(code)s") % {"code": award_code},
        field="award_code",
    )


@service
def set_vote_threshold(
    record: RuleSetRecord,
    *,
    actor,
    award_code: str,
    percent: Decimal,
    basis: str = "",
    expected_version: int | None = None,
) -> RuleSetRecord:
    """Set the council's secret-ballot threshold for ``award_code``, as a percentage of ALL council members.

    Side effects: version + 1; audit ``awards.ruleset.vote``."""
    check_version(record, expected_version)
    _award_code(award_code)
    before = _snapshot(record)
    votes = dict(record.vote_thresholds)
    votes[award_code] = {
        "percent": str(_percent(percent, "percent")),
        "basis": basis.strip() or _("Quy định của tỉnh"),
    }
    record.vote_thresholds = votes
    return _save_adjustment(
        record,
        actor=actor,
        before=before,
        action="awards.ruleset.vote",
        summary=_("Tỷ lệ phiếu %(award)s: từ %(percent)s%% tổng số thành viên Hội đồng")
        % {"award": catalog().get(award_code).name_vi, "percent": percent},
        field="percent",
    )


@service
def reset_vote_threshold(
    record: RuleSetRecord, *, actor, award_code: str, expected_version: int | None = None
) -> RuleSetRecord:
    """Go back to the rule set file's threshold for ``award_code``. Side effects: audit ``awards.ruleset.vote``."""
    check_version(record, expected_version)
    if award_code not in record.vote_thresholds:
        raise ValidationError(_("Tỉnh chưa điều chỉnh tỷ lệ phiếu của mã «%(code)s».") % {"code": award_code})
    before = _snapshot(record)
    votes = dict(record.vote_thresholds)
    votes.pop(award_code)
    record.vote_thresholds = votes
    return _save_adjustment(
        record,
        actor=actor,
        before=before,
        action="awards.ruleset.vote",
        summary=_("Trở lại tỷ lệ phiếu theo bộ quy tắc cho %(code)s") % {"code": award_code},
        field="award_code",
    )


def _salary_table(record: RuleSetRecord) -> list[dict]:
    from .queries import file_ruleset

    if record.base_salary is not None:
        return [dict(entry) for entry in record.base_salary]
    return [
        {
            "effective_from": entry.effective_from.isoformat(),
            "amount": entry.amount,
            "basis": entry.basis,
            "confirmed": entry.confirmed,
        }
        for entry in file_ruleset(record.ruleset_id).base_salary
    ]


@service
def add_base_salary(
    record: RuleSetRecord,
    *,
    actor,
    effective_from: datetime.date,
    amount: int,
    basis: str,
    expected_version: int | None = None,
) -> RuleSetRecord:
    """Add (or replace) the base salary in force from ``effective_from``. Side effects: audit
    ``awards.ruleset.base_salary``."""
    check_version(record, expected_version)
    if amount <= 0:
        raise ValidationError({"amount": _("Mức lương cơ sở phải lớn hơn 0.")})
    if not basis.strip():
        raise ValidationError({"basis": _("Hãy ghi văn bản quy định mức lương cơ sở.")})
    before = _snapshot(record)
    table = [
        entry for entry in _salary_table(record) if entry["effective_from"] != effective_from.isoformat()
    ]
    table.append(
        {
            "effective_from": effective_from.isoformat(),
            "amount": int(amount),
            "basis": basis.strip(),
            "confirmed": True,
        }
    )
    record.base_salary = sorted(table, key=lambda entry: entry["effective_from"])
    return _save_adjustment(
        record,
        actor=actor,
        before=before,
        action="awards.ruleset.base_salary",
        summary=_("Lương cơ sở từ %(day)s: %(amount)s đồng (%(basis)s)")
        % {
            "day": effective_from.strftime("%d/%m/%Y"),
            "amount": f"{amount:,}".replace(",", "."),
            "basis": basis,
        },
        field="amount",
    )


@service
def remove_base_salary(
    record: RuleSetRecord, *, actor, effective_from: datetime.date, expected_version: int | None = None
) -> RuleSetRecord:
    """Remove the base-salary entry in force from ``effective_from`` (at least one must remain).

    Side effects: audit ``awards.ruleset.base_salary``."""
    check_version(record, expected_version)
    before = _snapshot(record)
    table = _salary_table(record)
    kept = [entry for entry in table if entry["effective_from"] != effective_from.isoformat()]
    if len(kept) == len(table):
        raise ValidationError(_("Không có mức lương cơ sở nào từ ngày %(day)s.") % {"day": effective_from})
    if not kept:
        raise ValidationError(_("Bảng lương cơ sở phải còn ít nhất một mức."))
    record.base_salary = kept
    return _save_adjustment(
        record,
        actor=actor,
        before=before,
        action="awards.ruleset.base_salary",
        summary=_("Bỏ mức lương cơ sở từ %(day)s") % {"day": effective_from.strftime("%d/%m/%Y")},
        field="effective_from",
    )


@service
def set_money_rounding(
    record: RuleSetRecord, *, actor, unit: int, mode: str, expected_version: int | None = None
) -> RuleSetRecord:
    """How reward money is rounded: to a multiple of ``unit`` đồng, ``mode`` half_up | down | up.

    Side effects: audit ``awards.ruleset.rounding``."""
    check_version(record, expected_version)
    if mode not in ROUNDING_MODES:
        raise ValidationError({"mode": _("Cách làm tròn không hợp lệ.")})
    before = _snapshot(record)
    record.money_rounding = {
        "unit": int(unit),
        "mode": mode,
        "confirmed": True,
        "basis": _("Quy định của tỉnh"),
    }
    return _save_adjustment(
        record,
        actor=actor,
        before=before,
        action="awards.ruleset.rounding",
        summary=_("Làm tròn tiền thưởng đến %(unit)s đồng (%(mode)s)") % {"unit": unit, "mode": mode},
        field="unit",
    )
