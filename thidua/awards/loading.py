"""The repository's rule files as database rows: what ``AwardRecord`` and ``RuleSetRecord`` hold for each entry.

Used by migration 0002 (the first load, like any reference data) and by the services that reload a changed file
(``sync_catalogue``, ``sync_rulesets``, audited). Pure Python.
"""

from __future__ import annotations

import hashlib
import json
import tomllib

from thidua.awards import catalog as catalog_module
from thidua.awards import rulesets as rulesets_module


def _hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _plain(value):
    """TOML values (Decimal, date) as JSON values (strings)."""
    return json.loads(json.dumps(value, default=str))


def catalogue_rows() -> list[dict]:
    """One dict of ``AwardRecord`` fields per catalogue entry, in file order. The file must parse."""
    catalog_module.load_catalog()  # raises CatalogError for a malformed file
    raw_entries = tomllib.loads(catalog_module.CATALOG_PATH.read_text(encoding="utf-8")).get("award", [])
    rows = []
    for order, raw in enumerate(raw_entries, start=1):
        content = _plain(raw)
        rows.append(
            {
                "code": raw["code"],
                "name_vi": raw["name_vi"],
                "name_en": raw.get("name_en", ""),
                "kind": raw["kind"],
                "level": raw["level"],
                "content": content,
                "content_hash": _hash(json.dumps(content, sort_keys=True, ensure_ascii=False)),
                "order": order,
            }
        )
    return rows


def ruleset_rows() -> list[dict]:
    """One dict of ``RuleSetRecord`` fields per rule-set file. Every file must parse and none may overlap."""
    rulesets_module.load_rulesets()  # raises RuleSetError otherwise
    rows = []
    for path in sorted(rulesets_module.RULESETS_DIR.glob("*.toml")):
        text = path.read_text(encoding="utf-8")
        parsed = rulesets_module.parse_ruleset(text, source=path.name)
        rows.append(
            {
                "ruleset_id": parsed.id,
                "name_vi": parsed.name_vi,
                "effective_from": parsed.effective_from,
                "effective_to": parsed.effective_to,
                "content": _plain(tomllib.loads(text)),
                "content_hash": _hash(text),
            }
        )
    return rows


def files_differ(award_hashes: dict[str, str], ruleset_hashes: dict[str, str]) -> bool:
    """Whether the files differ from what the database holds ({code: hash}, {ruleset id: hash})."""
    if {row["code"]: row["content_hash"] for row in catalogue_rows()} != award_hashes:
        return True
    return {row["ruleset_id"]: row["content_hash"] for row in ruleset_rows()} != ruleset_hashes
