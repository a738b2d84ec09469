"""The block vote in the browser: the head records the meeting and opens the secret ballot, three members vote,
the tally stays hidden until the ballot closes, and the minutes PDF lists the result."""

import io

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from thidua.blocks.models import Ballot, BallotVoter, Vote
from thidua.blocks.testing import build_world, run_round


@pytest.fixture
def world(transactional_db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    world = build_world()
    run_round(world)
    return world


@pytest.fixture
def as_user(page, login):
    def switch(username):
        page.context.clear_cookies()
        login(username)
        expect(page.get_by_test_id("current-user")).to_have_text(username)

    return switch


def test_three_members_vote_tally_hidden_until_close_minutes_list_result(page, live_server, world, as_user):
    block = world["block"]
    ranking = list(block.results.select_related("member__unit").order_by("rank"))
    leader, second, third = (result.member.unit.full_name for result in ranking[:3])

    # The head records the meeting, the attendance, and opens the ballot.
    as_user("truongkhoi")
    page.goto(f"{live_server.url}/khoi-thi-dua/{block.pk}/")
    page.get_by_role("link", name="Ghi cuộc họp").click()
    page.get_by_label("Ngày họp").fill("20/12/2022")
    page.get_by_label("Địa điểm").fill("Hội trường Sở Y tế")
    page.get_by_label("Chủ trì").fill("Nguyễn Văn Trưởng")
    page.get_by_label("Thư ký").fill("Lò Thị Thư")
    page.get_by_role("button", name="Lưu").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Cuộc họp ngày 20/12/2022")
    attendance = page.get_by_test_id("attendance-form")
    for name in ("Sở Y tế", "Sở Giáo dục và Đào tạo", "Sở Nội vụ"):
        attendance.get_by_label(name, exact=True).check()
    attendance.get_by_role("button", name="Lưu điểm danh").click()
    expect(page.get_by_role("heading", level=2).first).to_have_text("Điểm danh: 3/4 đơn vị có mặt")
    page.get_by_role("button", name="Mở bỏ phiếu").click()
    expect(page.get_by_test_id("ballot-status")).to_have_text("Đang bỏ phiếu")
    meeting_url = page.url

    # Three members vote; after each vote the count stays hidden.
    votes = {
        "vanthu.syt": [leader, second],
        "vanthu.sgd": [leader],
        "vanthu.snv": [leader, second],
    }
    for number, (username, approved) in enumerate(votes.items(), start=1):
        as_user(username)
        page.goto(meeting_url)
        form = page.get_by_test_id("vote-form")
        for name in approved:
            form.get_by_label(name, exact=False).first.check()
        form.get_by_role("button", name="Bỏ phiếu").click()
        expect(page.get_by_role("alert").first).to_contain_text("Đã ghi nhận phiếu")
        expect(page.get_by_test_id("voters")).to_contain_text(f"Đã có {number} đơn vị bỏ phiếu")
        expect(page.get_by_test_id("tally-hidden")).to_be_visible()
        expect(page.get_by_test_id("tally")).to_have_count(0)
        expect(page.get_by_test_id("vote-form")).to_have_count(0)

    # The system knows who voted, never how.
    assert BallotVoter.objects.count() == 3
    assert {field.name for field in Vote._meta.get_fields()} == {"id", "ballot", "approved"}

    # The outsider's clerk cannot open the meeting; the head closes the ballot and the tally appears.
    as_user("vanthu.stp")
    assert page.goto(meeting_url).status == 403
    as_user("truongkhoi")
    page.goto(meeting_url)
    expect(page.get_by_test_id("tally")).to_have_count(0)
    page.get_by_role("button", name="Đóng bỏ phiếu và kiểm phiếu").click()
    expect(page.get_by_test_id("ballot-status")).to_have_text("Đã đóng")
    tally = page.get_by_test_id("tally").locator("tbody tr")
    expect(tally).to_have_count(3)
    expect(tally.nth(0)).to_contain_text(leader)
    expect(tally.nth(0)).to_contain_text("3")
    expect(tally.nth(0)).to_contain_text("Đạt")
    expect(tally.nth(1)).to_contain_text("2")
    expect(tally.nth(2)).to_contain_text("Không đạt")

    # The minutes PDF lists the result.
    ballot = Ballot.objects.get()
    response = page.request.get(f"{live_server.url}/khoi-thi-dua/bo-phieu/{ballot.pk}/bien-ban.pdf")
    assert response.status == 200
    assert response.headers["content-type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.body()))
    text = " ".join(" ".join(p.extract_text().split()) for p in reader.pages)
    assert "BIÊN BẢN KIỂM PHIẾU" in text
    assert "Số phiếu phát ra: 3; số phiếu thu về: 3; số phiếu hợp lệ: 3." in text
    assert f"1 {leader} Cờ thi đua của UBND tỉnh 1 3 100 Đạt" in text
    assert f"{third} Bằng khen của Chủ tịch UBND tỉnh 3 0 0 Không đạt" in text
    assert f"Các đơn vị được đề nghị: {leader} (Cờ thi đua của UBND tỉnh); {second} (Bằng khen" in text
