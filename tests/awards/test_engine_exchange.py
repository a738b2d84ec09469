"""The exchange format: the issue's example request, and bad input naming subject and field."""

import json

import pytest

from thidua.awards.exchange import ExchangeError, parse_history, run, run_json
from thidua.awards.terms import HonourType

EXAMPLE = {
    "year": 2025,
    "awards": ["LDTT", "BK_TINH"],
    "subjects": [
        {
            "id": "p1",
            "kind": "individual",
            "service_months": 30,
            "under_review": False,
            "years": {
                "2024": {
                    "rating": "HTXS",
                    "titles": ["LDTT", "CSTDCS"],
                    "awards": ["BK_TINH", {"code": "BK_TINH", "type": "dot_xuat", "revoked": False}],
                },
                "2025": {"rating": "HTT"},
            },
            "initiatives": [{"id": "SK-1", "scope": "co_so", "year": 2025, "used": False}],
            "discipline": [{"form": "khien_trach", "from": "2023-03-01", "to": "2024-02-28"}],
        },
        {
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
        },
    ],
}


def test_issue_example():
    out = run(EXAMPLE)
    assert out["year"] == 2025
    assert out["ruleset"] == "luat-06-2022_nd-152-2025"
    # Codes that do not apply to a subject's kind produce no row; BK_TINH is manual-only for collectives.
    assert [(r["subject"], r["award"], r["verdict"]) for r in out["results"]] == [
        ("p1", "LDTT", "eligible"),
        ("p1", "BK_TINH", "ineligible"),  # the discipline reaches into 2024, so 2024 does not count
        ("u1", "BK_TINH", "manual_only"),
    ]
    first = out["results"][0]
    assert first["criteria"][2] == {
        "rule": "rating",
        "met": True,
        "text": "Năm 2025: xếp loại Hoàn thành tốt nhiệm vụ (yêu cầu từ Hoàn thành tốt nhiệm vụ trở lên).",
        "basis": "khoản 1 Điều 24 Luật Thi đua, khen thưởng năm 2022",
        "year": 2025,
        "route": None,
    }
    assert json.loads(json.dumps(out)) == out


def test_run_json_round_trip():
    assert json.loads(run_json(json.dumps(EXAMPLE))) == run(EXAMPLE)


def test_no_ruleset_year():
    out = run({"year": 2023, "subjects": [{"id": "p1", "kind": "individual"}]})
    assert out["ruleset"] is None
    assert out["message"] == "Chưa nạp bộ quy tắc xét thi đua, khen thưởng áp dụng cho năm 2023."
    assert {r["verdict"] for r in out["results"]} == {"no_ruleset"}


def test_honours_parse_type_and_revocation():
    h = parse_history(EXAMPLE["subjects"][0])
    assert [(a.code, a.type, a.revoked) for a in h.years[2024].awards] == [
        ("BK_TINH", HonourType.THUONG_XUYEN, False),
        ("BK_TINH", HonourType.DOT_XUAT, False),
    ]


@pytest.mark.parametrize(
    ("subject", "message"),
    [
        ({"id": "p9", "kind": "robot"}, "Đối tượng 'p9', trường 'kind': giá trị 'robot' không hợp lệ"),
        (
            {"id": "p9", "kind": "individual", "years": {"20x5": {}}},
            "Đối tượng 'p9', trường 'years.20x5': năm",
        ),
        (
            {"id": "p9", "kind": "individual", "years": {"2025": {"rating": "GOOD"}}},
            "Đối tượng 'p9', trường 'years.2025.rating': giá trị 'GOOD' không hợp lệ (dùng một trong: KHT, HT, HTT, HTXS)",
        ),
        (
            {"id": "p9", "kind": "individual", "years": {"2025": {"titles": ["NOPE"]}}},
            "Đối tượng 'p9', trường 'years.2025.titles[0]': mã 'NOPE' không có trong danh mục",
        ),
        (
            {"id": "p9", "kind": "individual", "discipline": [{"form": "canh_cao", "from": "2025-13-01"}]},
            "Đối tượng 'p9', trường 'discipline[0].from': ngày '2025-13-01' không hợp lệ",
        ),
        (
            {"id": "p9", "kind": "individual", "initiatives": [{"id": "A", "scope": "huyen", "year": 2025}]},
            "Đối tượng 'p9', trường 'initiatives[0].scope'",
        ),
        (
            {"id": "u9", "kind": "collective", "years": {"2025": {"members": 10, "members_ldtt": 11}}},
            "Đối tượng 'u9', trường 'years.2025.members_ldtt': không được lớn hơn số thành viên (10)",
        ),
        (
            {"id": "p9", "kind": "individual", "salary": 5},
            "Đối tượng 'p9', trường 'salary': trường không được hỗ trợ",
        ),
        ({"id": "u9", "kind": "collective", "service_months": 5}, "Đối tượng 'u9', trường 'service_months'"),
    ],
)
def test_bad_subject_names_subject_and_field(subject, message):
    with pytest.raises(ExchangeError) as info:
        run({"year": 2025, "subjects": [subject]})
    assert str(info.value).startswith(message)


def test_bad_request_level_fields():
    with pytest.raises(ExchangeError, match="Trường 'awards\\[0\\]': mã 'X' không có trong danh mục"):
        run({"year": 2025, "awards": ["X"], "subjects": []})
    with pytest.raises(ExchangeError, match="Trường 'year': bắt buộc"):
        run({"subjects": []})
    with pytest.raises(ExchangeError, match="Đối tượng 'a', trường 'id': mã đối tượng bị trùng"):
        run({"year": 2025, "subjects": [{"id": "a", "kind": "household"}, {"id": "a", "kind": "household"}]})
    with pytest.raises(ExchangeError, match="Trường '\\(json\\)': không phải JSON hợp lệ"):
        run_json("{")
    error = ExchangeError("p1", "years", "x")
    assert (error.subject, error.field, error.message) == ("p1", "years", "x")
