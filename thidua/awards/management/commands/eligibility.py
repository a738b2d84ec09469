"""manage.py eligibility --input FILE|-: verdicts for histories in the exchange format (docs/eligibility-format.md).

Needs nothing in the database: the catalogue and rule sets are read from the repository's data files.
Exit status: 0 verdicts printed; 2 bad input (the message names the subject and the field); 3 no rule set is
loaded for the review year (the JSON is still printed, with its message).
"""

import json
import sys

from django.core.management.base import BaseCommand, CommandError

from thidua.awards.exchange import ExchangeError, run

BAD_INPUT = 2
NO_RULESET = 3


class Command(BaseCommand):
    help = "In kết quả xét điều kiện khen thưởng (JSON) cho hồ sơ theo định dạng trao đổi."

    def add_arguments(self, parser):
        parser.add_argument("--input", required=True, help="Tệp JSON đầu vào, hoặc - để đọc từ stdin.")

    def handle(self, *args, **options):
        text = self._read(options["input"])
        try:
            payload = json.loads(text)
        except json.JSONDecodeError as exc:
            raise CommandError(
                f"Trường '(json)': không phải JSON hợp lệ: dòng {exc.lineno}, cột {exc.colno}",
                returncode=BAD_INPUT,
            ) from exc
        try:
            output = run(payload)
        except ExchangeError as exc:
            raise CommandError(str(exc), returncode=BAD_INPUT) from exc
        self.stdout.write(json.dumps(output, ensure_ascii=False, indent=2))
        if output["ruleset"] is None:
            self.stderr.write(output["message"])
            sys.exit(NO_RULESET)

    def _read(self, source: str) -> str:
        if source == "-":
            return sys.stdin.read()
        try:
            with open(source, encoding="utf-8") as handle:
                return handle.read()
        except OSError as exc:
            raise CommandError(f"Không đọc được tệp {source}: {exc.strerror}", returncode=BAD_INPUT) from exc
