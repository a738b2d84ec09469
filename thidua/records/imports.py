"""Excel import of history: yearly ratings, titles and awards received, and initiatives (all-or-nothing).

One sheet, one line per person (or collective) and year. A line may carry a rating, an honour and an initiative
at once; it must carry at least one of them. A person is found by CCCD number, or by name within the unit.
An honour may be marked revoked (with its reason), and an initiative marked used for the honour on the same line
(the only way to lock one: ``Initiative.used_for``), so that neither counts for a later award.
Importing the same file twice changes nothing the second time: a rating is set again, an honour or an
initiative already recorded is recognised and skipped (revoked or locked only if it was not yet). An import
never undoes a revocation nor unlocks an initiative.
"""

from __future__ import annotations

from django.db.models.functions import Upper
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua.awards.catalog import catalog
from thidua.awards.terms import Rating, SubjectKind
from thidua.core import audit
from thidua.core.excel import Column, ParsedRow, SheetSpec, writing_row
from thidua.core.services import service
from thidua.core.vietnamese import fold
from thidua.org.models import Person, Unit
from thidua.org.queries import scope_for

from . import services
from .enums import HONOUR_TYPE_CHOICES, SCOPE_CHOICES
from .models import YEAR_MAX, YEAR_MIN, Honour, Initiative, PersonYear

INDIVIDUAL, COLLECTIVE = "ca_nhan", "tap_the"
REVOCATION_COLUMNS = ("revoked_reason", "revoked_decision_number", "revoked_decision_date")
# revoke_honour's field names -> this sheet's columns, so that its refusals name the right column
REVOKE_FIELDS = {"reason": "revoked_reason", "decision_date": "revoked_decision_date"}
# The code (HTT) or the words (Hoàn thành tốt nhiệm vụ) are accepted.
RATING_IMPORT_CHOICES = [(rating.value, rating.value) for rating in Rating] + [
    (rating.value, rating.label) for rating in Rating
]
# The code or the name is accepted; exports write the name.
AWARD_CHOICES = [(award.code, award.code) for award in catalog()] + [
    (award.code, award.name_vi) for award in catalog()
]

HISTORY_SPEC = SheetSpec(
    title=gettext_lazy("Quá trình khen thưởng"),
    instructions=gettext_lazy(
        "Mỗi dòng là một cá nhân (hoặc tập thể) trong một năm: có thể ghi xếp loại, một danh hiệu hoặc hình "
        "thức khen thưởng, và một sáng kiến trên cùng dòng. Khen thưởng đã bị thu hồi: ghi «có» ở cột «Đã thu "
        "hồi» và lý do thu hồi. Sáng kiến đã dùng để khen thưởng: ghi «có» ở cột «Đã dùng cho khen thưởng», trên "
        "cùng dòng với khen thưởng đã dùng nó. Nhập lại cùng một tệp không tạo bản ghi trùng."
    ),
    columns=[
        Column(
            "subject",
            gettext_lazy("Đối tượng"),
            kind="choice",
            choices=[(INDIVIDUAL, gettext_lazy("Cá nhân")), (COLLECTIVE, gettext_lazy("Tập thể"))],
            example=INDIVIDUAL,
            help=gettext_lazy("Để trống: cá nhân."),
            width=12,
        ),
        Column(
            "cccd",
            gettext_lazy("Số CCCD"),
            pattern=r"\d{12}",
            pattern_message=gettext_lazy("gồm đúng 12 chữ số"),
            example="012345678901",
            help=gettext_lazy("Cá nhân: tìm theo số CCCD; không có thì tìm theo họ tên trong đơn vị."),
            width=16,
        ),
        Column("full_name", gettext_lazy("Họ và tên"), max_length=120, example="Lò Thị Ánh", width=24),
        Column(
            "unit_code",
            gettext_lazy("Mã đơn vị"),
            required=True,
            max_length=40,
            example="SGDDT",
            help=gettext_lazy(
                "Cá nhân: đơn vị công tác trong năm đó (xếp loại được tính cho đơn vị này). "
                "Tập thể: mã của tập thể."
            ),
            width=14,
        ),
        Column("year", gettext_lazy("Năm"), kind="int", required=True, example=2024, width=8),
        Column(
            "rating",
            gettext_lazy("Xếp loại"),
            kind="choice",
            choices=RATING_IMPORT_CHOICES,
            example="HTXS",
            width=12,
        ),
        Column(
            "code",
            gettext_lazy("Danh hiệu, hình thức"),
            kind="choice",
            choices=AWARD_CHOICES,
            example="CSTDCS",
            width=36,
        ),
        Column(
            "honour_type",
            gettext_lazy("Loại hình khen thưởng"),
            kind="choice",
            choices=HONOUR_TYPE_CHOICES,
            help=gettext_lazy("Để trống: thường xuyên."),
            width=18,
        ),
        Column("decision_number", gettext_lazy("Số quyết định"), max_length=100, example="125/QĐ-SGDĐT"),
        Column("decision_date", gettext_lazy("Ngày quyết định"), kind="date", width=14),
        Column(
            "issuer",
            gettext_lazy("Cơ quan, người quyết định"),
            max_length=300,
            example="Giám đốc Sở Giáo dục và Đào tạo",
            help=gettext_lazy("Ghi đúng tên lúc quyết định, kể cả khi cơ quan đó nay không còn."),
            width=30,
        ),
        Column(
            "revoked",
            gettext_lazy("Đã thu hồi"),
            kind="bool",
            example=False,
            help=gettext_lazy(
                "«có» nếu danh hiệu, hình thức khen thưởng này đã bị thu hồi, hủy bỏ (khi đó không được tính "
                "làm điều kiện khen thưởng); để trống hoặc «không» nếu chưa."
            ),
            width=12,
        ),
        Column(
            "revoked_reason",
            gettext_lazy("Lý do thu hồi"),
            max_length=500,
            help=gettext_lazy("Bắt buộc khi đã thu hồi."),
            width=30,
        ),
        Column("revoked_decision_number", gettext_lazy("Số quyết định thu hồi"), max_length=100, width=20),
        Column("revoked_decision_date", gettext_lazy("Ngày quyết định thu hồi"), kind="date", width=14),
        Column("initiative_title", gettext_lazy("Tên sáng kiến"), max_length=500, width=36),
        Column(
            "initiative_scope",
            gettext_lazy("Phạm vi sáng kiến"),
            kind="choice",
            choices=SCOPE_CHOICES,
            width=14,
        ),
        Column("initiative_body", gettext_lazy("Cơ quan công nhận sáng kiến"), max_length=300, width=28),
        Column(
            "initiative_used",
            gettext_lazy("Đã dùng cho khen thưởng"),
            kind="bool",
            example=False,
            help=gettext_lazy(
                "«có» nếu sáng kiến đã được dùng làm căn cứ cho danh hiệu, hình thức khen thưởng ghi trên cùng "
                "dòng: sáng kiến đó không được tính cho lần khen thưởng khác."
            ),
            width=14,
        ),
    ],
)


class HistoryImporter:
    """Check every line (people and units found, in the user's scope, nothing contradictory), then write."""

    spec = HISTORY_SPEC

    def check(self, rows: list[ParsedRow], *, actor) -> None:
        scope = scope_for(actor)
        codes = {(row.values.get("unit_code") or "").upper() for row in rows} - {""}
        units = {
            unit.code.upper(): unit
            for unit in Unit.objects.annotate(code_upper=Upper("code")).filter(code_upper__in=sorted(codes))
        }
        by_cccd = {
            person.cccd: person
            for person in Person.objects.filter(
                cccd__in=[r.values["cccd"] for r in rows if r.values.get("cccd")]
            )
        }
        names: dict[tuple[int, str], list[Person]] = {}
        wanted_units = [unit.pk for unit in units.values()]
        for person in Person.objects.filter(unit_id__in=wanted_units, archived=False):
            names.setdefault((person.unit_id, person.name_folded), []).append(person)
        ratings_seen: dict[tuple[int, int], int] = {}
        for row in rows:
            values = row.values
            subject = values.get("subject") or INDIVIDUAL
            values["subject"] = subject
            unit = units.get((values.get("unit_code") or "").upper())
            values["unit_obj"] = unit
            if values.get("unit_code") and unit is None:
                row.error(
                    "unit_code", _("không có đơn vị mã «%(code)s»") % {"code": values["unit_code"]}, self.spec
                )
            year = values.get("year")
            if year is not None and not YEAR_MIN <= year <= YEAR_MAX:
                row.error("year", _("năm phải nằm trong khoảng 1945 đến 2100"), self.spec)
            if not row.errors and not (
                values.get("rating") or values.get("code") or values.get("initiative_title")
            ):
                row.error("", _("dòng không có xếp loại, danh hiệu hay sáng kiến nào"))
            if subject == COLLECTIVE:
                self._check_collective(row, unit, scope)
            else:
                self._check_person(row, unit, scope, by_cccd, names)
            self._check_honour(row, subject)
            self._check_initiative(row, subject)
            person = values.get("person_obj")
            if person is not None and values.get("rating") and year is not None:
                key = (person.pk, year)
                if key in ratings_seen:
                    row.error(
                        "rating",
                        _("xếp loại năm %(year)s của người này đã có ở dòng %(row)s")
                        % {"year": year, "row": ratings_seen[key]},
                        self.spec,
                    )
                else:
                    ratings_seen[key] = row.number

    def _check_person(self, row, unit, scope, by_cccd, names) -> None:
        values = row.values
        person = None
        if values.get("cccd"):
            person = by_cccd.get(values["cccd"])
            if person is None:
                row.error("cccd", _("không có cá nhân nào mang số CCCD này"), self.spec)
            elif values.get("full_name") and fold(values["full_name"]) != person.name_folded:
                row.error(
                    "full_name",
                    _("số CCCD này là của «%(name)s», không phải «%(typed)s»")
                    % {"name": person.full_name, "typed": values["full_name"]},
                    self.spec,
                )
        elif not values.get("full_name"):
            row.error("full_name", _("cần họ và tên hoặc số CCCD của cá nhân"), self.spec)
        elif unit is not None:
            found = names.get((unit.pk, fold(values["full_name"])), [])
            if not found:
                row.error(
                    "full_name",
                    _("không có «%(name)s» trong đơn vị «%(code)s»")
                    % {"name": values["full_name"], "code": unit.code},
                    self.spec,
                )
            elif len(found) > 1:
                row.error(
                    "full_name",
                    _("đơn vị có %(n)s người tên «%(name)s»: hãy ghi số CCCD")
                    % {"n": len(found), "name": values["full_name"]},
                    self.spec,
                )
            else:
                person = found[0]
        if person is not None and not scope.can_edit_in_unit(person.unit_id):
            row.error(
                "cccd" if values.get("cccd") else "full_name",
                _("bạn không quản lý hồ sơ của người này"),
                self.spec,
            )
            person = None
        if unit is not None and not scope.can_see_unit(unit.pk):
            row.error(
                "unit_code", _("đơn vị «%(code)s» ngoài phạm vi của bạn") % {"code": unit.code}, self.spec
            )
        values["person_obj"] = person

    def _check_collective(self, row, unit, scope) -> None:
        values = row.values
        values["person_obj"] = None
        if unit is not None and not scope.can_edit_in_unit(unit.pk):
            row.error(
                "unit_code",
                _("bạn không quản lý hồ sơ của đơn vị «%(code)s»") % {"code": unit.code},
                self.spec,
            )
        if values.get("initiative_title"):
            row.error("initiative_title", _("sáng kiến chỉ ghi cho cá nhân"), self.spec)

    def _check_honour(self, row, subject) -> None:
        values = row.values
        code = values.get("code")
        revocation = [name for name in REVOCATION_COLUMNS if values.get(name)]
        if not code:
            if any(
                values.get(name) for name in ("honour_type", "decision_number", "decision_date", "issuer")
            ):
                row.error("code", _("có thông tin quyết định nhưng thiếu danh hiệu, hình thức"), self.spec)
            elif values.get("revoked") or revocation:
                row.error(
                    "code", _("có thông tin thu hồi nhưng thiếu danh hiệu, hình thức bị thu hồi"), self.spec
                )
            return
        kind = SubjectKind.COLLECTIVE if subject == COLLECTIVE else SubjectKind.INDIVIDUAL
        award = catalog().get(code)
        if not award.applies_to(kind):
            row.error(
                "code",
                _("«%(award)s» không dùng cho %(kind)s") % {"award": award.name_vi, "kind": kind.label},
                self.spec,
            )
        date, year = values.get("decision_date"), values.get("year")
        if date is not None and year is not None and date.year < year:
            row.error("decision_date", _("ngày quyết định trước năm được khen thưởng"), self.spec)
        if values.get("revoked"):
            if not values.get("revoked_reason"):
                row.error("revoked_reason", _("khen thưởng đã thu hồi phải ghi lý do thu hồi"), self.spec)
            revoked_on = values.get("revoked_decision_date")
            if revoked_on is not None and date is not None and revoked_on < date:
                row.error(
                    "revoked_decision_date",
                    _("ngày quyết định thu hồi trước ngày quyết định khen thưởng"),
                    self.spec,
                )
            elif revoked_on is not None and year is not None and revoked_on.year < year:
                row.error(
                    "revoked_decision_date",
                    _("ngày quyết định thu hồi trước năm được khen thưởng"),
                    self.spec,
                )
        elif revocation:
            row.error(
                "revoked", _("có lý do hoặc quyết định thu hồi nhưng cột này không ghi «có»"), self.spec
            )

    def _check_initiative(self, row, subject) -> None:
        values = row.values
        if values.get("initiative_title") and not values.get("initiative_scope"):
            row.error("initiative_scope", _("cần phạm vi công nhận của sáng kiến"), self.spec)
        elif values.get("initiative_scope") and not values.get("initiative_title"):
            row.error("initiative_title", _("có phạm vi nhưng thiếu tên sáng kiến"), self.spec)
        if values.get("initiative_used"):
            # An initiative is locked only by the honour that used it (Initiative.used_for): it must be on the line.
            if not values.get("initiative_title"):
                row.error("initiative_used", _("ghi «có» nhưng dòng không có sáng kiến"), self.spec)
            elif not values.get("code"):
                row.error(
                    "initiative_used",
                    _("sáng kiến đã dùng phải ghi cùng dòng với khen thưởng đã dùng nó"),
                    self.spec,
                )

    def write(self, rows: list[ParsedRow], *, actor) -> tuple[int, int]:
        return import_history(rows, actor=actor)


@service
def import_history(rows: list[ParsedRow], *, actor) -> tuple[int, int]:
    """Write checked history lines (see ``HistoryImporter``): ratings set, honours and initiatives recorded
    unless already there; an initiative marked used is locked to the line's honour, then an honour marked revoked
    is revoked (its initiatives stay used). A service refusing a line names it (``writing_row``) and nothing is
    written. Side effects: the services' audit entries, and ``records.history.import`` once.
    Returns (records created, records updated or already present)."""
    created = updated = 0
    last = None
    for row in rows:
        with writing_row(row, HISTORY_SPEC):
            counts, touched = _write_line(row, actor=actor)
        created, updated = created + counts[0], updated + counts[1]
        last = touched or last
    audit.record(
        "records.history.import",
        last,
        actor=actor,
        after={"rows": len(rows), "created": created, "updated": updated},
        summary=_("Nhập quá trình thi đua, khen thưởng từ Excel: %(n)s dòng") % {"n": len(rows)},
    )
    return created, updated


def _write_line(row: ParsedRow, *, actor) -> tuple[tuple[int, int], object]:
    """One checked line, inside ``import_history``: ((created, updated or present), the last record touched)."""
    created = updated = 0
    last = None
    values = row.values
    person, unit, year = values["person_obj"], values["unit_obj"], values["year"]
    if values.get("rating"):
        if person is not None:
            exists = PersonYear.objects.filter(person=person, year=year).exists()
            last = services.set_rating(person, actor=actor, year=year, rating=values["rating"], unit=unit)
        else:
            record = unit.yearly_records.filter(year=year).first()
            exists = record is not None
            kept = {} if record is None else {
                name: getattr(record, name)
                for name in ("members", "members_ldtt", "members_completed", "members_cstdcs",
                             "members_disciplined", "block_rank", "note")
            }  # fmt: skip
            last = services.record_collective_year(
                unit, actor=actor, year=year, rating=values["rating"], **kept
            )
        updated, created = (updated + 1, created) if exists else (updated, created + 1)
    honour = None
    if values.get("code"):
        subject = {"person": person} if person is not None else {"unit": unit}
        honour_type = values.get("honour_type") or "thuong_xuyen"
        number = (values.get("decision_number") or "").strip()
        honour = Honour.objects.filter(
            year=year, code=values["code"], honour_type=honour_type, decision_number=number, **subject
        ).first()
        if honour is not None:
            updated += 1
        else:
            honour = services.record_honour(
                actor=actor,
                year=year,
                code=values["code"],
                honour_type=honour_type,
                decision_number=number,
                decision_date=values.get("decision_date"),
                issuer=values.get("issuer") or "",
                **subject,
            )
            created += 1
        last = honour
    if values.get("initiative_title"):
        initiative = Initiative.objects.filter(
            person=person, year=year, title=" ".join(values["initiative_title"].split())
        ).first()
        if initiative is not None:
            updated += 1
        else:
            initiative = services.add_initiative(
                person,
                actor=actor,
                title=values["initiative_title"],
                scope=values["initiative_scope"],
                year=year,
                recognised_by=values.get("initiative_body") or "",
            )
            created += 1
        if values.get("initiative_used") and not initiative.locked:
            # Before the revocation below; an honour revoked by an earlier import keeps what it used.
            initiative = services.use_initiative(
                initiative, actor=actor, honour=honour, before_revocation=honour.revoked
            )
        last = initiative
    if honour is not None and values.get("revoked") and not honour.revoked:
        with writing_row(row, HISTORY_SPEC, fields=REVOKE_FIELDS):
            honour = services.revoke_honour(
                honour,
                actor=actor,
                reason=values["revoked_reason"],
                decision_number=values.get("revoked_decision_number") or "",
                decision_date=values.get("revoked_decision_date"),
            )
        last = honour
    return (created, updated), last
