"""The main menu of the whole product. Each entry names the permission that shows it.

Entries whose feature is not built yet point at the "chưa có" page (``core:coming_soon``), never at a broken link.
When an app lands, replace its placeholder's ``url_name`` with the app's own page.
"""

from dataclasses import dataclass, field

from django.urls import reverse
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class MenuItem:
    label: str
    url_name: str
    icon: str
    permission: str
    section: str = ""  # the path prefix the entry stands for, to mark it active
    url_args: tuple = ()
    children: tuple = field(default_factory=tuple)


def _soon(label, slug, icon, permission="core.use_app"):
    return MenuItem(label, "core:coming_soon", icon, permission, f"/chua-co/{slug}/", (slug,))


MENU = [
    MenuItem(_("Tổng quan"), "core:home", "speedometer2", "core.use_app"),
    MenuItem(_("Phong trào"), "movements:movement_list", "flag", "movements.browse", "/phong-trao/"),
    MenuItem(_("Khối thi đua"), "blocks:block_list", "grid-3x3-gap", "blocks.browse", "/khoi-thi-dua/"),
    MenuItem(
        _("Hồ sơ khen thưởng"),
        "",
        "folder2-open",
        "core.use_app",
        children=(
            MenuItem(
                _("Xét điều kiện khen thưởng"), "awards:radar", "award", "awards.view_radar", "/khen-thuong/"
            ),
            _soon(_("Đề nghị, thẩm định hồ sơ"), "ho-so-khen-thuong", "folder2-open"),
        ),
    ),
    MenuItem(_("Hội đồng"), "org:council_list", "bank", "org.browse_units", "/to-chuc/hoi-dong/"),
    _soon(_("Quyết định"), "quyet-dinh", "file-earmark-text"),
    MenuItem(_("Tra cứu"), "core:lookup", "search", "core.use_app", "/tra-cuu/"),
    _soon(_("Báo cáo"), "bao-cao", "bar-chart"),
    MenuItem(
        _("Danh mục"),
        "",
        "list-ul",
        "core.use_app",
        children=(
            MenuItem(_("Đơn vị"), "org:unit_list", "diagram-3", "org.browse_units", "/to-chuc/don-vi/"),
            MenuItem(_("Cá nhân"), "org:person_list", "people", "org.browse_people", "/to-chuc/ca-nhan/"),
            MenuItem(_("Dân tộc"), "core:ethnicities", "translate", "core.use_app", "/danh-muc/dan-toc/"),
        ),
    ),
    MenuItem(
        _("Quản trị"),
        "",
        "gear",
        "core.view_audit_log",
        children=(
            MenuItem(
                _("Tài khoản"),
                "accounts:user_list",
                "person-gear",
                "org.manage_accounts",
                "/tai-khoan/nguoi-dung/",
            ),
            MenuItem(
                _("Nhật ký thay đổi"), "core:audit_log", "journal-text", "core.view_audit_log", "/nhat-ky/"
            ),
        ),
    ),
]


def _entry(item: MenuItem, user, path: str) -> dict | None:
    if not user.has_perm(item.permission):
        return None
    if item.children:
        children = [entry for child in item.children if (entry := _entry(child, user, path))]
        if not children:
            return None
        return {
            "label": item.label,
            "icon": item.icon,
            "children": children,
            "active": any(child["active"] for child in children),
        }
    url = reverse(item.url_name, args=item.url_args)
    active = path.startswith(item.section) if item.section else path == url
    return {"label": item.label, "url": url, "icon": item.icon, "active": active, "children": []}


def menu_for(user, path: str) -> list[dict]:
    return [entry for item in MENU if (entry := _entry(item, user, path))]
