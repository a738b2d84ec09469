"""manage.py eligibility: JSON in (a file or stdin), JSON verdicts out, clear errors and exit codes."""

import json
import subprocess
import sys
from pathlib import Path

MANAGE = Path(__file__).resolve().parents[2] / "manage.py"

PERSON = {
    "id": "p1",
    "kind": "individual",
    "service_months": 30,
    "years": {"2024": {"rating": "HTXS", "titles": ["LDTT", "CSTDCS"]}, "2025": {"rating": "HTXS"}},
    "initiatives": [{"id": "SK-1", "scope": "co_so", "year": 2025, "used": False}],
}
COLLECTIVE = {
    "id": "u1",
    "kind": "collective",
    "years": {
        "2025": {
            "rating": "HTXS",
            "members": 40,
            "members_ldtt": 30,
            "members_completed": 40,
            "members_cstdcs": 2,
            "members_disciplined": 0,
            "block_rank": 1,
        }
    },
}


def run_command(*args, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(MANAGE), "eligibility", *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_verdicts_for_a_file_only_for_awards_that_apply_to_each_subject(tmp_path):
    source = tmp_path / "ho-so.json"
    payload = {
        "year": 2025,
        "awards": ["LDTT", "CSTDCS", "BK_TINH", "TTLDXS"],
        "subjects": [PERSON, COLLECTIVE],
    }
    source.write_text(json.dumps(payload), encoding="utf-8")
    result = run_command("--input", str(source))
    assert (result.returncode, result.stderr) == (0, "")
    output = json.loads(result.stdout)
    assert output["year"] == 2025
    assert output["ruleset"] == "luat-06-2022_nd-152-2025"
    assert [(row["subject"], row["award"], row["verdict"]) for row in output["results"]] == [
        ("p1", "LDTT", "eligible"),
        ("p1", "CSTDCS", "eligible"),
        ("p1", "BK_TINH", "eligible"),
        ("u1", "TTLDXS", "eligible"),
        ("u1", "BK_TINH", "manual_only"),  # a collective's Bằng khen has no machine-checkable route yet
    ]
    assert all(
        criterion["text"] and criterion["basis"] for row in output["results"] for criterion in row["criteria"]
    )


def test_reads_standard_input():
    payload = {"year": 2025, "awards": ["LDTT"], "subjects": [PERSON]}
    result = run_command("--input", "-", stdin=json.dumps(payload))
    assert result.returncode == 0
    assert [row["verdict"] for row in json.loads(result.stdout)["results"]] == ["eligible"]


def test_bad_input_names_the_subject_and_field_and_exits_2():
    broken = dict(PERSON, years={"2025": {"rating": "XUAT_SAC"}})
    result = run_command("--input", "-", stdin=json.dumps({"year": 2025, "subjects": [broken]}))
    assert result.returncode == 2
    assert result.stdout == ""
    assert "Đối tượng 'p1'" in result.stderr
    assert "rating" in result.stderr


def test_invalid_json_exits_2_with_the_line():
    result = run_command("--input", "-", stdin='{"year": 2025,\n "subjects": [}')
    assert result.returncode == 2
    assert "không phải JSON hợp lệ: dòng 2" in result.stderr


def test_a_year_no_rule_set_governs_says_so_and_exits_3():
    result = run_command(
        "--input", "-", stdin=json.dumps({"year": 2023, "awards": ["LDTT"], "subjects": [PERSON]})
    )
    assert result.returncode == 3
    output = json.loads(result.stdout)
    assert output["ruleset"] is None
    assert output["message"] == "Chưa nạp bộ quy tắc xét thi đua, khen thưởng áp dụng cho năm 2023."
    assert [row["verdict"] for row in output["results"]] == ["no_ruleset"]
    assert "Chưa nạp bộ quy tắc" in result.stderr


def test_missing_file_exits_2():
    result = run_command("--input", "/khong/co/tep.json")
    assert result.returncode == 2
    assert "Không đọc được tệp /khong/co/tep.json" in result.stderr
