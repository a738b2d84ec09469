from django.db import models
from django.utils.translation import gettext_lazy as _


class UnitType(models.TextChoices):
    PROVINCE = "tinh", _("UBND tỉnh")
    PROVINCE_OFFICE = "van_phong", _("Văn phòng, cơ quan thuộc UBND tỉnh")
    DEPARTMENT = "so_nganh", _("Sở, ban, ngành")
    DIVISION = "phong_ban", _("Phòng, ban, chi cục thuộc sở")
    DISTRICT = "huyen", _("Huyện, thị xã, thành phố thuộc tỉnh")
    COMMUNE = "xa", _("Xã, phường, thị trấn, đặc khu")
    MASS_ORGANISATION = "doan_the", _("Mặt trận Tổ quốc, đoàn thể, hội")
    PRESS = "bao_chi", _("Báo, đài")
    ENTERPRISE = "doanh_nghiep", _("Doanh nghiệp")
    SCHOOL = "truong_hoc", _("Trường học")
    HOSPITAL = "benh_vien", _("Bệnh viện, trung tâm y tế")
    PUBLIC_SERVICE = "su_nghiep", _("Đơn vị sự nghiệp khác")
    CENTRAL_AGENCY = "trung_uong", _("Cơ quan Trung ương đóng trên địa bàn")
    ARMED_FORCES = "luc_luong_vu_trang", _("Lực lượng vũ trang")
    EXTERNAL = "ngoai_tinh", _("Đơn vị ngoài tỉnh")
    OTHER = "khac", _("Khác")


class UnitEventKind(models.TextChoices):
    ESTABLISHED = "thanh_lap", _("Thành lập")
    RENAMED = "doi_ten", _("Đổi tên")
    MERGED = "sap_nhap", _("Sáp nhập, hợp nhất")
    SPLIT = "chia_tach", _("Chia, tách")
    MOVED = "chuyen_cap", _("Chuyển cấp quản lý")
    DISSOLVED = "giai_the", _("Giải thể")


class LinkSide(models.TextChoices):
    BEFORE = "truoc", _("Đơn vị trước")
    AFTER = "sau", _("Đơn vị sau")


class Gender(models.TextChoices):
    MALE = "nam", _("Nam")
    FEMALE = "nu", _("Nữ")


class PositionLevel(models.TextChoices):
    """The leadership class a position belongs to: contribution-based awards count years in these classes."""

    PROVINCE_LEADER = "lanh_dao_tinh", _("Lãnh đạo tỉnh")
    DEPARTMENT_HEAD = "truong_so", _("Giám đốc sở và tương đương")
    DEPARTMENT_DEPUTY = "pho_so", _("Phó Giám đốc sở và tương đương")
    DISTRICT_HEAD = "truong_huyen", _("Chủ tịch UBND cấp huyện và tương đương")
    DIVISION_HEAD = "truong_phong", _("Trưởng phòng và tương đương")
    DIVISION_DEPUTY = "pho_phong", _("Phó Trưởng phòng và tương đương")
    COMMUNE_LEADER = "lanh_dao_xa", _("Lãnh đạo cấp xã")
    STAFF = "chuyen_vien", _("Công chức, viên chức, người lao động")
    WORKER = "lao_dong_truc_tiep", _("Người lao động trực tiếp")


class Role(models.TextChoices):
    ADMIN = "admin", _("Quản trị hệ thống")
    OFFICER = "officer", _("Cán bộ Ban Thi đua – Khen thưởng tỉnh")
    CLERK = "clerk", _("Cán bộ làm công tác TĐKT của đơn vị")
    LEADER = "leader", _("Thủ trưởng đơn vị")
    BLOCK_HEAD = "block_head", _("Trưởng khối, cụm thi đua")
    COUNCIL_MEMBER = "council_member", _("Thành viên Hội đồng TĐKT")
    VIEWER = "viewer", _("Người xem")


# Roles that may change a unit's people and records.
EDITOR_ROLES = (Role.ADMIN, Role.OFFICER, Role.CLERK)
# Roles that manage the organisation itself (units, lineage, accounts).
ORGANISATION_ROLES = (Role.ADMIN, Role.OFFICER)


class CouncilRole(models.TextChoices):
    CHAIR = "chu_tich", _("Chủ tịch Hội đồng")
    VICE_CHAIR = "pho_chu_tich", _("Phó Chủ tịch Hội đồng")
    STANDING = "uy_vien_thuong_truc", _("Ủy viên thường trực")
    MEMBER = "uy_vien", _("Ủy viên")
    SECRETARY = "thu_ky", _("Thư ký")
