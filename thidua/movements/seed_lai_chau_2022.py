"""The seed movement: Lai Châu People's Committee directive launching the 2022 emulation movement.

Plain data, transcribed from ``data/chi-thi-phat-dong-thi-dua-2022.txt`` (a copy of the seed file). No
Django: ``load_demo`` reads ``DIRECTIVE`` and writes the models.

How the transcription was done
------------------------------
* Text is verbatim, with the PDF extract's line breaks and repeated spaces collapsed to one space. Paragraph
  breaks follow the original layout (a paragraph's first line is indented, so it is shorter in the extract).
  The seed's own spellings are kept, typos included: "chi tiêu" (for chỉ tiêu) in content 2, "đột phát" in
  content 1, both "Uỷ" and "Ủy", and the quotes ‘‘…” in content 6.
* ``Directive.as_plain_text()`` rebuilds the whole document from this data; a test proves that it equals the
  seed file once whitespace is collapsed, so nothing is missing or invented.
* The extract has **no header block**: no number, symbol, place or date of issue. Those fields are ``None``
  and listed in ``Directive.missing_from_seed``. (The same body's earlier directive is cited as
  "09/CT-UBND", so the real symbol is very likely "…/CT-UBND"; it is not filled in here.) The issuing body
  "Ủy ban nhân dân tỉnh Lai Châu" comes from issue 3; the text itself says "UBND tỉnh" and names Lai Châu.
* Contents 1 to 7 have no heading in the seed. Their ``title`` is their opening clause, verbatim, up to the
  first ";", ":" or "." (``title_source="opening_clause"``); content 8 has the heading "Tổ chức thực hiện"
  (``title_source="heading"``).
* The period (the year 2022) and the kind (thường xuyên / hằng năm, one year) are read from "phong trào thi
  đua yêu nước năm 2022"; the seed states no start or end date.
* Targets: every figure of content 2, with the value and unit as written. "Khoảng" gives ``about``; "đạt"
  gives ``at_least``; "mức giảm" gives ``decrease_by``; "giải quyết việc làm cho" gives ``at_least``. Budget
  revenue and jobs accumulate during the year (``cumulative``). The seed gives no baselines, so the
  decrease targets are reported as the fall itself (``measures_change``). "%" in the poverty targets is a
  fall in percentage points, written "%" as in the seed.
* Thematic movements: the seven names quoted in content 3. The seed does not say which are launched by the
  Prime Minister and which by the province, nor who leads each, so ``lead_unit`` is ``None``.
* Tasks: section 8 a) to e). ``assignees`` are the bodies named as doers, ``lead`` the one that "chủ trì"
  (or is "giao"), ``coordinating`` those it works with; b) is a request ("Đề nghị") to the Fatherland Front,
  which the province cannot order. The seed sets no deadlines.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from thidua.movements.achievement import Direction, TargetSpec

__all__ = [
    "DIRECTIVE",
    "SEED_PATH",
    "ClusterMembership",
    "Content",
    "Directive",
    "Reference",
    "SeedTarget",
    "SubItem",
    "Task",
    "ThematicMovement",
    "collapse_whitespace",
    "parse_vi_number",
    "seed_text",
]

SEED_PATH = Path(__file__).resolve().parent / "data" / "chi-thi-phat-dong-thi-dua-2022.txt"


def seed_text() -> str:
    """The seed file as stored in the repository (UTF-8)."""
    return SEED_PATH.read_text(encoding="utf-8")


def collapse_whitespace(text: str) -> str:
    """Join lines and collapse every run of whitespace to one space, as the transcription did."""
    return " ".join(text.split())


def parse_vi_number(text: str) -> Decimal:
    """Parse a number written the Vietnamese way: "2.250" → 2250, "7,7" → 7.7."""
    return Decimal(text.replace(".", "").replace(",", "."))


@dataclass(frozen=True, slots=True)
class SubItem:
    letter: str
    text: str


@dataclass(frozen=True, slots=True)
class Content:
    """A numbered content (nội dung). ``text`` is its paragraphs joined by newlines."""

    number: int
    title: str
    title_source: str  # "heading" (in the seed) or "opening_clause" (verbatim start of the text)
    paragraphs: tuple[str, ...] = ()
    sub_items: tuple[SubItem, ...] = ()

    @property
    def text(self) -> str:
        return "\n".join(self.paragraphs)


@dataclass(frozen=True, slots=True)
class ThematicMovement:
    """A thematic movement (phong trào chuyên đề) named by the directive. ``name`` is without quotes."""

    order: int
    name: str
    lead_unit: str | None = None

    @property
    def quoted(self) -> str:
        return f"“{self.name}”"


@dataclass(frozen=True, slots=True)
class SeedTarget:
    """A target (chỉ tiêu) as the seed writes it.

    ``value_text`` is the number as written ("2.250"), ``seed_phrase`` the verbatim phrase it stands in.
    ``parent`` is the key of the target this one details (poor districts under the poverty rate).
    """

    key: str
    name: str
    direction: Direction
    value: Decimal
    unit: str
    value_text: str
    seed_phrase: str
    parent: str | None = None
    cumulative: bool = False
    content_number: int = 2

    def spec(self, *, baseline: Decimal | None = None, tolerance: Decimal | None = None) -> TargetSpec:
        """A ``TargetSpec`` for ``evaluate``. Change targets are reported as the change unless a baseline is given."""
        return TargetSpec(
            target=self.value,
            direction=self.direction,
            unit=self.unit,
            baseline=baseline,
            tolerance=tolerance,
            cumulative=self.cumulative,
            measures_change=self.direction.is_change and baseline is None,
        )


@dataclass(frozen=True, slots=True)
class Task:
    """Work assigned by section 8. ``text`` is the sub-item's text; ``actions`` are verbatim fragments of it."""

    letter: str
    assignees: tuple[str, ...]
    lead: str | None
    coordinating: tuple[str, ...]
    actions: tuple[str, ...]
    text: str
    is_request: bool = False
    deadline: dt.date | None = None

    @property
    def title(self) -> str:
        """Short title for task lists: the first action, capitalised."""
        first = self.actions[0]
        return first[:1].upper() + first[1:]


@dataclass(frozen=True, slots=True)
class Reference:
    """A document or resolution the directive cites. ``citation`` is the verbatim words in the seed."""

    kind: str
    number_symbol: str | None
    issued_on: dt.date | None
    issuer: str | None
    citation: str
    cited_in: tuple[str, ...]  # "preamble" or content numbers as strings


@dataclass(frozen=True, slots=True)
class ClusterMembership:
    """An emulation cluster outside the province that the province belongs to (content 5)."""

    name: str
    year: int
    role: str
    seed_phrase: str
    members: tuple[str, ...] | None = None  # not listed in the seed


@dataclass(frozen=True, slots=True)
class Directive:
    issuing_body: str
    issuing_body_short: str
    document_type: str
    document_type_heading: str
    number: str | None
    symbol: str | None
    issued_on: dt.date | None
    place: str | None
    subject: str
    signer_name: str
    signer_position: str
    signer_position_heading: str
    movement_name: str
    theme: str
    audience: str
    kind: str
    kind_label: str
    duration: str
    duration_label: str
    period_start: dt.date
    period_end: dt.date
    units_in_scope: tuple[str, ...]
    preamble: str
    contents: tuple[Content, ...]
    closing: str
    thematic_movements: tuple[ThematicMovement, ...]
    targets: tuple[SeedTarget, ...]
    tasks: tuple[Task, ...]
    recipients: tuple[str, ...]
    references: tuple[Reference, ...]
    clusters: tuple[ClusterMembership, ...]
    missing_from_seed: tuple[str, ...] = field(default=())

    @property
    def theme_quoted(self) -> str:
        return f"“{self.theme}”"

    def content(self, number: int) -> Content:
        return next(item for item in self.contents if item.number == number)

    def target(self, key: str) -> SeedTarget:
        return next(item for item in self.targets if item.key == key)

    def as_plain_text(self) -> str:
        """The document body rebuilt from the data, one paragraph a line, in the seed's order."""
        lines = [self.document_type_heading, self.subject, self.preamble]
        for item in self.contents:
            if item.title_source == "heading":
                lines.append(f"{item.number}. {item.title}")
                lines.extend(item.paragraphs)
            else:
                lines.append(f"{item.number}. {item.paragraphs[0]}")
                lines.extend(item.paragraphs[1:])
            lines.extend(f"{sub.letter}) {sub.text}" for sub in item.sub_items)
        lines.append(self.closing)
        lines.append("Nơi nhận:")
        last = len(self.recipients) - 1
        lines.extend(f"- {name}{'.' if i == last else ';'}" for i, name in enumerate(self.recipients))
        lines.extend([self.signer_position_heading, self.signer_name])
        return "\n".join(lines)


THEME = (
    "Bảo đảm thích ứng an toàn, linh hoạt, kiểm soát hiệu quả dịch Covid-19, góp phần thực hiện thắng lợi "
    "nhiệm vụ phát triển kinh tế - xã hội năm 2022"
)

PREAMBLE = "Năm 2022 là năm có ý nghĩa rất quan trọng đối với việc đẩy mạnh thực hiện Kế hoạch phát triển kinh tế - xã hội 5 năm 2021-2025. Trên địa bàn tỉnh, các chính sách, đề án, chương trình trọng điểm trong giai đoạn 2021-2025 tỉnh đã ban hành và bắt đầu tổ chức thực hiện, tạo điều kiện thuận lợi để thúc đẩy sản xuất, thu hút đầu tư vào địa bàn tỉnh; những kết quả đạt được về phát triển kinh tế - xã hội và đầu tư phát triển trong những năm qua, đặc biệt là Kế hoạch đầu tư công trung hạn 5 năm 2021-2025 được triển khai, một số dự án đầu tư ngoài ngân sách hoàn thành là yếu tố tích cực, thúc đẩy tăng trưởng kinh tế, gia tăng khả năng huy động nguồn lực cho đầu tư phát triển. Bên cạnh những thuận lợi, dự báo có những khó khăn, như: Diễn biến tình hình dịch Covid-19 còn phức tạp, khó lường; thời tiết diễn biến bất thường; những khó khăn nội tại của tỉnh về điều kiện kinh tế - xã hội, về nguồn lực phát triển,... sẽ tiếp tục là những thách thức không nhỏ trong việc thực hiện nhiệm vụ phát triển kinh tế - xã hội của tỉnh năm 2022. Phát huy những thành tích đã đạt được trong năm 2021 và thực hiện thắng lợi các mục tiêu, nhiệm vụ và chương trình, kế hoạch công tác trọng tâm của tỉnh năm 2022, góp phần hoàn thành các chỉ tiêu kinh tế - xã hội giai đoạn (2021-2025). UBND tỉnh phát động phong trào thi đua yêu nước năm 2022 với chủ đề “Bảo đảm thích ứng an toàn, linh hoạt, kiểm soát hiệu quả dịch Covid-19, góp phần thực hiện thắng lợi nhiệm vụ phát triển kinh tế - xã hội năm 2022” tới toàn thể các tầng lớp Nhân dân, cán bộ, công chức, viên chức và lực lượng vũ trang trong toàn tỉnh với các nội dung chủ yếu sau:"

CONTENT_1 = "Tiếp tục quán triệt, tuyên truyền, phổ biến và triển khai sâu rộng về đường lối, chủ trương của Đảng, tư tưởng thi đua yêu nước của Chủ tịch Hồ Chí Minh; Luật Thi đua, khen thưởng và các văn bản hướng dẫn thi hành; triển khai thực hiện hiệu quả Chỉ thị số 19/CT-TTg ngày 16/7/2021 của Thủ tướng Chính phủ về việc phát động thi đua thực hiện thắng lợi nhiệm vụ phát triển kinh tế - xã hội năm 2021 và Kế hoạch 05 năm (2021-2025) theo Nghị quyết Đại hội Đại biểu toàn quốc lần thứ XIII, Chỉ thị số 09/CT-UBND ngày 11/8/2021 của Uỷ ban nhân dân tỉnh về phát động phong trào thi đua thực hiện thắng lợi nhiệm vụ phát triển kinh tế - xã hội hàng năm và Kế hoạch 5 năm (2021-2025) theo Nghị quyết Đại hội Đảng bộ tỉnh lần thứ XIV; 05 nội dung thi đua do Thủ tướng Chính phủ phát động tại Đại hội Thi đua yêu nước toàn quốc lần thứ X với chủ đề “Đoàn kết, sáng tạo, thi đua xây dựng và bảo vệ Tổ quốc”; đồng thời, tiếp tục triển khai thực hiện các chương trình, kế hoạch công tác, bám sát các nhiệm vụ trọng tâm, trọng điểm, tạo ra những đột phát, tháo gỡ khó khăn, hoàn thành xuất sắc nhiệm vụ của từng ngành, cơ quan, đơn vị, địa phương, góp phần thực hiện thắng lợi nhiệm vụ phát triển kinh tế - xã hội năm 2022 và các năm tiếp theo của tỉnh."

CONTENT_2A = "Thích ứng an toàn, linh hoạt, kiểm soát hiệu quả dịch Covid-19, bảo vệ tối đa sức khỏe, tính mạng Nhân dân; nâng cao chất lượng tăng trưởng kinh tế; tạo chuyển biến mạnh mẽ trong cải cách hành chính, cải thiện môi trường đầu tư, kinh doanh, nâng cao năng lực cạnh tranh của tỉnh, hỗ trợ doanh nghiệp phát triển, khởi nghiệp. Tập trung đẩy mạnh sản xuất nông nghiệp theo hướng sản xuất hàng hóa chất lượng cao, liên kết sản xuất theo chuỗi giá trị gắn với xây dựng nông thôn mới; phát triển lĩnh vực công nghiệp có tiềm năng, lợi thế; phát huy lợi thế cửa khẩu quốc tế, mở rộng thị trường thúc đẩy xuất khẩu hàng hóa; đẩy mạnh phát triển du lịch gắn với bảo tồn bản sắc văn hóa các dân tộc. Huy động và sử dụng có hiệu quả các nguồn lực để đầu tư phát triển hệ thống kết cấu hạ tầng kinh tế - xã hội, nhất là hạ tầng giao thông liên kết vùng. Tiếp tục nâng cao chất lượng giáo dục, đào tạo nghề cho lao động, chăm sóc sức khỏe Nhân dân và chất lượng dân số. Thực hiện tốt các chính sách an sinh xã hội, phúc lợi xã hội, bảo vệ môi trường và cải thiện đời sống Nhân dân. Đảm bảo quốc phòng, giữ vững an ninh chính trị, trật tự an toàn xã hội, mở rộng và nâng cao hiệu quả hoạt động công tác đối ngoại."

CONTENT_2B = "Phấn đấu hoàn thành, hoàn thành vượt mức một số chi tiêu chủ yếu năm 2022: Tốc độ tăng trưởng tổng sản phẩm trên địa bàn khoảng 7,7%. GRDP bình quân đầu người khoảng 47,9 triệu đồng; thu ngân sách trên địa bàn đạt 2.250 tỷ đồng; tỷ lệ trường chuẩn quốc gia đạt 56,3%; mức giảm tỷ suất sinh 0,4‰; mức giảm tỷ lệ hộ nghèo 3,1%, riêng các huyện nghèo giảm 4,8%; giải quyết việc làm cho 8.030 lao động..."

CONTENT_3 = "Đẩy mạnh các phong trào thi đua trọng tâm do Thủ tướng Chính phủ phát động và các phong trào thi đua chuyên đề của tỉnh như: Phong trào thi đua “Dân vận khéo”; “Toàn dân đoàn kết xây dựng nông thôn mới và đô thị văn minh”; “Xây dựng nông thôn mới và giảm nghèo bền vững”; “Lai Châu chung tay vì người nghèo - Không để ai bị bỏ lại phía sau”; “Doanh nghiệp Lai Châu hội nhập và phát triển”; “Cán bộ, công chức, viên chức tỉnh Lai Châu thi đua thực hiện văn hóa công sở”; “Lai Châu đoàn kết, chung sức, đồng lòng thi đua phòng, chống và chiến thắng đại dịch Covid-19”. Tiếp tục đổi mới công tác thi đua, khen thưởng theo tinh thần Chỉ thị số 34-CT/TW ngày 07/4/2014 của Bộ Chính trị về đổi mới công tác thi đua, khen thưởng, thực hiện có hiệu quả phong trào thi đua trên mọi lĩnh vực của đời sống xã hội như: Lao động giỏi, lao động sáng tạo, nâng cao hiệu quả công tác; thực hiện cải cách hành chính, cải tiến lề lối làm việc; thi đua đấu tranh phòng, chống tham nhũng, thực hành tiết kiệm chống lãng phí; xây dựng tổ chức Đảng, chính quyền và các tổ chức đoàn thể chính trị - xã hội trong sạch, vững mạnh, phát huy vai trò làm chủ của cộng đồng dân cư; thi đua bảo vệ an ninh tổ quốc, giữ gìn trật tự, an toàn xã hội, an toàn giao thông và thi đua xây dựng nông thôn mới... gắn phong trào thi đua với việc thực hiện “Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh” theo tinh thần Chỉ thị số 05-CT/TW, ngày 15/5/2016 của Bộ Chính trị."

CONTENT_4 = "Nâng cao hơn nữa vai trò, trách nhiệm của cấp uỷ đảng, chính quyền, đoàn thể và Thủ trưởng cơ quan, đơn vị trong tổ chức triển khai phong trào thi đua và công tác khen thưởng, tiếp tục củng cố kiện toàn tổ chức và hoạt động của các khối thi đua trong toàn tỉnh theo hướng dẫn của Ban Thi đua, khen thưởng Trung ương. Các khối thi đua tiếp tục hoàn chỉnh, xây dựng kế hoạch, quy chế hoạt động sát thực, phù hợp với đặc điểm của từng khối, đơn vị đảm bảo các nội dung, các tiêu chí thi đua theo đúng quy định."

CONTENT_5A = "Nâng cao vai trò quản lý nhà nước về công tác thi đua, khen thưởng. Tăng cường công tác kiểm tra, đôn đốc, hướng dẫn việc thực hiện các chủ trương, đường lối của Đảng, chính sách, pháp luật của Nhà nước về công tác thi đua, khen thưởng tại các cơ quan, đơn vị, địa phương trên địa bàn tỉnh; các thành viên Hội đồng Thi đua, khen thưởng tỉnh phát huy tinh thần trách nhiệm, chủ động, sáng tạo phối hợp chỉ đạo điều hành theo sự phân công của Chủ tịch Hội đồng Thi đua, khen thưởng tỉnh."

CONTENT_5B = "Thực hiện tốt nhiệm vụ thành viên Cụm Thi đua 7 tỉnh miền núi biên giới phía Bắc năm 2022. Tiếp tục tăng cường tập huấn, bồi dưỡng nghiệp vụ về công tác thi đua, khen thưởng cho đối tượng là lãnh đạo các sở, ngành, các phòng, ban, xã, phường, thị trấn; Trưởng phòng Tổ chức hành chính (hoặc Chánh Văn phòng) và cán bộ làm công tác thi đua, khen thưởng tại các huyện, thành phố."

CONTENT_6 = "Thi đua xây dựng đội ngũ cán bộ đủ năng lực, phẩm chất, thạo chuyên môn; ngăn chặn, đẩy lùi sự suy thoái về tư tưởng chính trị, đạo đức, lối sống và những biểu hiện ‘‘tự diễn biến”, ‘‘tự chuyển hóa” trong nội bộ, góp phần xây dựng Đảng, chính quyền và các đoàn thể chính trị vững mạnh. Nêu cao tinh thần trách nhiệm ‘‘xây dựng ý thức tôn trọng Nhân dân, phát huy quyền làm chủ của Nhân dân, chăm lo đời sống Nhân dân” trong mỗi cán bộ, công chức, viên chức."

CONTENT_7 = "Tiếp tục thực hiện có hiệu quả chương trình phối hợp giữa cơ quan làm công tác thi đua, khen thưởng với các cơ quan thông tin, truyền thông. Các cơ quan thông tin đại chúng trên địa bàn tỉnh tiếp tục đẩy mạnh công tác tuyên truyền các chủ trương, chính sách của Đảng, pháp luật của Nhà nước về thi đua, khen thưởng; đưa tin bài về những thành quả đạt được qua các phong trào thi đua; xây dựng các chuyên trang, chuyên mục và dành thời lượng phát sóng đáng kể để biểu dương kịp thời gương người tốt, việc tốt, các điển hình và nhân tố mới, tạo không khí thi đua sôi nổi, góp phần hoàn thành xuất sắc các chỉ tiêu, nhiệm vụ phát triển kinh tế - xã hội, đảm bảo quốc phòng - an ninh giai đoạn 2021-2025."

ITEM_8A = "Thủ trưởng các sở, ban, ngành, đoàn thể tỉnh; Chủ tịch Ủy ban nhân dân các huyện, thành phố; Giám đốc các doanh nghiệp trên địa bàn tỉnh xây dựng kế hoạch, phát động phong trào thi đua trên tinh thần cụ thể hóa những nội dung của Chỉ thị này. Tổ chức kiểm tra, sơ kết, tổng kết và tuyên dương khen thưởng kịp thời để động viên các nhân tố mới, những tập thể, cá nhân lập được thành tích xuất sắc trong phong trào thi đua, tạo sự phấn khởi và động viên tinh thần hăng hái thi đua lao động sản xuất, học tập và công tác của các đối tượng tham gia thi đua; chỉ đạo thực hiện các nhiệm vụ, quan tâm đến Chỉ số cải cách hành chính, Chỉ số năng lực cạnh tranh cấp tỉnh."

ITEM_8B = "Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh, các đoàn thể chính trị xã hội và các tổ chức xã hội nghề nghiệp chỉ đạo và phối hợp chặt chẽ với cấp ủy, chính quyền các cấp, phát huy sức mạnh khối đại đoàn kết toàn dân để tham gia thực hiện các phong trào thi đua của tỉnh. Tăng cường công tác tuyên truyền, vận động quần chúng Nhân dân; sự phối hợp và giám sát, phản biện xã hội của Mặt trận Tổ quốc và các đoàn thể chính trị đối với công tác thi đua, khen thưởng trong giai đoạn mới."

ITEM_8C = "Giao Sở Thông tin và Truyền thông chủ trì, phối hợp với Sở Văn hóa - Thể thao và Du lịch với các cơ quan có liên quan hướng dẫn, chỉ đạo các cơ quan thông tin đại chúng của tỉnh và địa phương đẩy mạnh công tác tuyên truyền về phong trào thi đua yêu nước, kịp thời nêu gương “Người tốt, việc tốt”, gương điển hình tiên tiến và nhân tố mới trong phong trào thi đua yêu nước của tỉnh."

ITEM_8D = "Trưởng khối các Khối thi đua thuộc tỉnh, xây dựng kế hoạch tổ chức các hoạt động khối; bảng tiêu chí chấm điểm thi đua; đồng thời tổ chức tốt các phong trào chuyên đề, các hoạt động giao lưu văn hóa, văn nghệ, thể thao để tạo không khí thi đua sôi nổi, rộng khắp ở các cấp, các ngành và các tầng lớp Nhân dân trong tỉnh."

ITEM_8E = "Giao Sở Nội vụ (Ban Thi đua, khen thưởng tỉnh) tổ chức triển khai và theo dõi việc thực hiện Chỉ thị này; đồng thời, phối hợp với các đồng chí thành viên Hội đồng Thi đua, khen thưởng tỉnh tổ chức kiểm tra, đôn đốc, sơ kết, tổng kết và báo cáo kịp thời tình hình, tiến độ triển khai và kết quả thực hiện phong trào thi đua của các cơ quan, đơn vị, địa phương; giúp Hội đồng Thi đua, khen thưởng tỉnh thẩm định thành tích để xem xét biểu dương, khen thưởng và đề nghị cấp trên khen thưởng chính xác, kịp thời đối với những tập thể, cá nhân có thành tích xuất sắc đóng góp tích cực trong phong trào thi đua của tỉnh."

CLOSING = "Chủ tịch Ủy ban nhân dân tỉnh yêu cầu Thủ trưởng các cơ quan, đơn vị, địa phương tổ chức thực hiện Chỉ thị này; báo cáo Ủy ban nhân dân tỉnh (qua Ban Thi đua, khen thưởng, Sở Nội vụ) kết quả triển khai thực hiện theo quy định./."

CONTENTS = (
    Content(
        1,
        "Tiếp tục quán triệt, tuyên truyền, phổ biến và triển khai sâu rộng về đường lối, chủ trương của Đảng, tư tưởng thi đua yêu nước của Chủ tịch Hồ Chí Minh",
        "opening_clause",
        (CONTENT_1,),
    ),
    Content(
        2,
        "Thích ứng an toàn, linh hoạt, kiểm soát hiệu quả dịch Covid-19, bảo vệ tối đa sức khỏe, tính mạng Nhân dân",
        "opening_clause",
        (CONTENT_2A, CONTENT_2B),
    ),
    Content(
        3,
        "Đẩy mạnh các phong trào thi đua trọng tâm do Thủ tướng Chính phủ phát động và các phong trào thi đua chuyên đề của tỉnh như",
        "opening_clause",
        (CONTENT_3,),
    ),
    Content(
        4,
        "Nâng cao hơn nữa vai trò, trách nhiệm của cấp uỷ đảng, chính quyền, đoàn thể và Thủ trưởng cơ quan, đơn vị trong tổ chức triển khai phong trào thi đua và công tác khen thưởng, tiếp tục củng cố kiện toàn tổ chức và hoạt động của các khối thi đua trong toàn tỉnh theo hướng dẫn của Ban Thi đua, khen thưởng Trung ương",
        "opening_clause",
        (CONTENT_4,),
    ),
    Content(
        5,
        "Nâng cao vai trò quản lý nhà nước về công tác thi đua, khen thưởng",
        "opening_clause",
        (CONTENT_5A, CONTENT_5B),
    ),
    Content(
        6,
        "Thi đua xây dựng đội ngũ cán bộ đủ năng lực, phẩm chất, thạo chuyên môn",
        "opening_clause",
        (CONTENT_6,),
    ),
    Content(
        7,
        "Tiếp tục thực hiện có hiệu quả chương trình phối hợp giữa cơ quan làm công tác thi đua, khen thưởng với các cơ quan thông tin, truyền thông",
        "opening_clause",
        (CONTENT_7,),
    ),
    Content(
        8,
        "Tổ chức thực hiện",
        "heading",
        (),
        (
            SubItem("a", ITEM_8A),
            SubItem("b", ITEM_8B),
            SubItem("c", ITEM_8C),
            SubItem("d", ITEM_8D),
            SubItem("e", ITEM_8E),
        ),
    ),
)

THEMATIC_MOVEMENTS = tuple(
    ThematicMovement(order, name)
    for order, name in enumerate(
        (
            "Dân vận khéo",
            "Toàn dân đoàn kết xây dựng nông thôn mới và đô thị văn minh",
            "Xây dựng nông thôn mới và giảm nghèo bền vững",
            "Lai Châu chung tay vì người nghèo - Không để ai bị bỏ lại phía sau",
            "Doanh nghiệp Lai Châu hội nhập và phát triển",
            "Cán bộ, công chức, viên chức tỉnh Lai Châu thi đua thực hiện văn hóa công sở",
            "Lai Châu đoàn kết, chung sức, đồng lòng thi đua phòng, chống và chiến thắng đại dịch Covid-19",
        ),
        start=1,
    )
)

TARGETS = (
    SeedTarget(
        key="grdp_growth",
        name="Tốc độ tăng trưởng tổng sản phẩm trên địa bàn",
        direction=Direction.ABOUT,
        value=Decimal("7.7"),
        unit="%",
        value_text="7,7",
        seed_phrase="Tốc độ tăng trưởng tổng sản phẩm trên địa bàn khoảng 7,7%",
    ),
    SeedTarget(
        key="grdp_per_capita",
        name="GRDP bình quân đầu người",
        direction=Direction.ABOUT,
        value=Decimal("47.9"),
        unit="triệu đồng",
        value_text="47,9",
        seed_phrase="GRDP bình quân đầu người khoảng 47,9 triệu đồng",
    ),
    SeedTarget(
        key="budget_revenue",
        name="Thu ngân sách trên địa bàn",
        direction=Direction.AT_LEAST,
        value=Decimal("2250"),
        unit="tỷ đồng",
        value_text="2.250",
        seed_phrase="thu ngân sách trên địa bàn đạt 2.250 tỷ đồng",
        cumulative=True,
    ),
    SeedTarget(
        key="national_standard_schools",
        name="Tỷ lệ trường chuẩn quốc gia",
        direction=Direction.AT_LEAST,
        value=Decimal("56.3"),
        unit="%",
        value_text="56,3",
        seed_phrase="tỷ lệ trường chuẩn quốc gia đạt 56,3%",
    ),
    SeedTarget(
        key="birth_rate_reduction",
        name="Mức giảm tỷ suất sinh",
        direction=Direction.DECREASE_BY,
        value=Decimal("0.4"),
        unit="‰",
        value_text="0,4",
        seed_phrase="mức giảm tỷ suất sinh 0,4‰",
    ),
    SeedTarget(
        key="poverty_rate_reduction",
        name="Mức giảm tỷ lệ hộ nghèo",
        direction=Direction.DECREASE_BY,
        value=Decimal("3.1"),
        unit="%",
        value_text="3,1",
        seed_phrase="mức giảm tỷ lệ hộ nghèo 3,1%",
    ),
    SeedTarget(
        key="poverty_rate_reduction_poor_districts",
        name="Mức giảm tỷ lệ hộ nghèo, riêng các huyện nghèo",
        direction=Direction.DECREASE_BY,
        value=Decimal("4.8"),
        unit="%",
        value_text="4,8",
        seed_phrase="riêng các huyện nghèo giảm 4,8%",
        parent="poverty_rate_reduction",
    ),
    SeedTarget(
        key="jobs",
        name="Giải quyết việc làm",
        direction=Direction.AT_LEAST,
        value=Decimal("8030"),
        unit="lao động",
        value_text="8.030",
        seed_phrase="giải quyết việc làm cho 8.030 lao động",
        cumulative=True,
    ),
)

TASKS = (
    Task(
        letter="a",
        assignees=(
            "Thủ trưởng các sở, ban, ngành, đoàn thể tỉnh",
            "Chủ tịch Ủy ban nhân dân các huyện, thành phố",
            "Giám đốc các doanh nghiệp trên địa bàn tỉnh",
        ),
        lead=None,
        coordinating=(),
        actions=(
            "xây dựng kế hoạch, phát động phong trào thi đua trên tinh thần cụ thể hóa những nội dung của Chỉ thị này",
            "Tổ chức kiểm tra, sơ kết, tổng kết và tuyên dương khen thưởng kịp thời",
            "chỉ đạo thực hiện các nhiệm vụ, quan tâm đến Chỉ số cải cách hành chính, Chỉ số năng lực cạnh tranh cấp tỉnh",
        ),
        text=ITEM_8A,
    ),
    Task(
        letter="b",
        assignees=(
            "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh",
            "các đoàn thể chính trị xã hội",
            "các tổ chức xã hội nghề nghiệp",
        ),
        lead=None,
        coordinating=("cấp ủy, chính quyền các cấp",),
        actions=(
            "chỉ đạo và phối hợp chặt chẽ với cấp ủy, chính quyền các cấp",
            "Tăng cường công tác tuyên truyền, vận động quần chúng Nhân dân",
        ),
        text=ITEM_8B,
        is_request=True,
    ),
    Task(
        letter="c",
        assignees=("Sở Thông tin và Truyền thông",),
        lead="Sở Thông tin và Truyền thông",
        coordinating=("Sở Văn hóa - Thể thao và Du lịch", "các cơ quan có liên quan"),
        actions=(
            "hướng dẫn, chỉ đạo các cơ quan thông tin đại chúng của tỉnh và địa phương đẩy mạnh công tác tuyên truyền về phong trào thi đua yêu nước",
        ),
        text=ITEM_8C,
    ),
    Task(
        letter="d",
        assignees=("Trưởng khối các Khối thi đua thuộc tỉnh",),
        lead=None,
        coordinating=(),
        actions=(
            "xây dựng kế hoạch tổ chức các hoạt động khối",
            "bảng tiêu chí chấm điểm thi đua",
            "tổ chức tốt các phong trào chuyên đề, các hoạt động giao lưu văn hóa, văn nghệ, thể thao",
        ),
        text=ITEM_8D,
    ),
    Task(
        letter="e",
        assignees=("Sở Nội vụ (Ban Thi đua, khen thưởng tỉnh)",),
        lead="Sở Nội vụ (Ban Thi đua, khen thưởng tỉnh)",
        coordinating=("các đồng chí thành viên Hội đồng Thi đua, khen thưởng tỉnh",),
        actions=(
            "tổ chức triển khai và theo dõi việc thực hiện Chỉ thị này",
            "tổ chức kiểm tra, đôn đốc, sơ kết, tổng kết và báo cáo kịp thời tình hình, tiến độ triển khai và kết quả thực hiện phong trào thi đua",
            "thẩm định thành tích để xem xét biểu dương, khen thưởng và đề nghị cấp trên khen thưởng",
        ),
        text=ITEM_8E,
    ),
)

RECIPIENTS = (
    "Ban TĐKT TW (B/c)",
    "TT. Tỉnh ủy (B/c)",
    "TT. HĐND tỉnh (B/c)",
    "UBND tỉnh: U",
    "Thành viên Hội đồng TĐKT tỉnh",
    "Các Ban HĐND tỉnh",
    "Các sở, ban, ngành, đoàn thể tỉnh",
    "UBND các huyện, thành phố",
    "Các doanh nghiệp trên địa bàn tỉnh",
    "Trưởng các Khối thi đua năm 2021",
    "Ban TĐKT tỉnh",
    "Văn phòng UBND tỉnh: V, HC, CB",
    "Báo Lai Châu, Đài PTTH tỉnh",
    "Lưu: VT, Th3",
)

REFERENCES = (
    Reference(
        kind="Kế hoạch",
        number_symbol=None,
        issued_on=None,
        issuer=None,
        citation="Kế hoạch phát triển kinh tế - xã hội 5 năm 2021-2025",
        cited_in=("preamble",),
    ),
    Reference(
        kind="Luật",
        number_symbol=None,
        issued_on=None,
        issuer=None,
        citation="Luật Thi đua, khen thưởng và các văn bản hướng dẫn thi hành",
        cited_in=("1",),
    ),
    Reference(
        kind="Chỉ thị",
        number_symbol="19/CT-TTg",
        issued_on=dt.date(2021, 7, 16),
        issuer="Thủ tướng Chính phủ",
        citation="Chỉ thị số 19/CT-TTg ngày 16/7/2021 của Thủ tướng Chính phủ về việc phát động thi đua thực hiện thắng lợi nhiệm vụ phát triển kinh tế - xã hội năm 2021 và Kế hoạch 05 năm (2021-2025) theo Nghị quyết Đại hội Đại biểu toàn quốc lần thứ XIII",
        cited_in=("1",),
    ),
    Reference(
        kind="Chỉ thị",
        number_symbol="09/CT-UBND",
        issued_on=dt.date(2021, 8, 11),
        issuer="Uỷ ban nhân dân tỉnh",
        citation="Chỉ thị số 09/CT-UBND ngày 11/8/2021 của Uỷ ban nhân dân tỉnh về phát động phong trào thi đua thực hiện thắng lợi nhiệm vụ phát triển kinh tế - xã hội hàng năm và Kế hoạch 5 năm (2021-2025) theo Nghị quyết Đại hội Đảng bộ tỉnh lần thứ XIV",
        cited_in=("1",),
    ),
    Reference(
        kind="Đại hội",
        number_symbol=None,
        issued_on=None,
        issuer="Thủ tướng Chính phủ",
        citation="05 nội dung thi đua do Thủ tướng Chính phủ phát động tại Đại hội Thi đua yêu nước toàn quốc lần thứ X với chủ đề “Đoàn kết, sáng tạo, thi đua xây dựng và bảo vệ Tổ quốc”",
        cited_in=("1",),
    ),
    Reference(
        kind="Chỉ thị",
        number_symbol="34-CT/TW",
        issued_on=dt.date(2014, 4, 7),
        issuer="Bộ Chính trị",
        citation="Chỉ thị số 34-CT/TW ngày 07/4/2014 của Bộ Chính trị về đổi mới công tác thi đua, khen thưởng",
        cited_in=("3",),
    ),
    Reference(
        kind="Chỉ thị",
        number_symbol="05-CT/TW",
        issued_on=dt.date(2016, 5, 15),
        issuer="Bộ Chính trị",
        citation="“Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh” theo tinh thần Chỉ thị số 05-CT/TW, ngày 15/5/2016 của Bộ Chính trị",
        cited_in=("3",),
    ),
)

CLUSTERS = (
    ClusterMembership(
        name="Cụm Thi đua 7 tỉnh miền núi biên giới phía Bắc",
        year=2022,
        role="thành viên",
        seed_phrase="Thực hiện tốt nhiệm vụ thành viên Cụm Thi đua 7 tỉnh miền núi biên giới phía Bắc năm 2022",
    ),
)

DIRECTIVE = Directive(
    issuing_body="Ủy ban nhân dân tỉnh Lai Châu",
    issuing_body_short="UBND tỉnh Lai Châu",
    document_type="Chỉ thị",
    document_type_heading="CHỈ THỊ",
    number=None,
    symbol=None,
    issued_on=None,
    place=None,
    subject="Về việc phát động phong trào thi đua thực hiện thắng lợi nhiệm vụ phát triển kinh tế - xã hội năm 2022",
    signer_name="Trần Tiến Dũng",
    signer_position="Chủ tịch",
    signer_position_heading="CHỦ TỊCH",
    movement_name="phong trào thi đua yêu nước năm 2022",
    theme=THEME,
    audience="toàn thể các tầng lớp Nhân dân, cán bộ, công chức, viên chức và lực lượng vũ trang trong toàn tỉnh",
    kind="regular_annual",
    kind_label="Thường xuyên / hằng năm",
    duration="one_year",
    duration_label="1 năm",
    period_start=dt.date(2022, 1, 1),
    period_end=dt.date(2022, 12, 31),
    units_in_scope=(
        "các sở, ban, ngành, đoàn thể tỉnh",
        "Ủy ban nhân dân các huyện, thành phố",
        "các doanh nghiệp trên địa bàn tỉnh",
    ),
    preamble=PREAMBLE,
    contents=CONTENTS,
    closing=CLOSING,
    thematic_movements=THEMATIC_MOVEMENTS,
    targets=TARGETS,
    tasks=TASKS,
    recipients=RECIPIENTS,
    references=REFERENCES,
    clusters=CLUSTERS,
    missing_from_seed=("number", "symbol", "issued_on", "place"),
)
