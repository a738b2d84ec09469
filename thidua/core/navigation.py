"""The main menu: each entry names the permission that shows it. Apps add their entries here as they land."""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class MenuItem:
    label: str
    url_name: str
    icon: str
    permission: str
    section: str  # the first path segment the entry stands for, to mark it active


MENU = [
    MenuItem(_("Tổng quan"), "core:home", "speedometer2", "core.use_app", ""),
    MenuItem(_("Đơn vị"), "org:unit_list", "diagram-3", "org.browse_units", "to-chuc/don-vi"),
    MenuItem(_("Cá nhân"), "org:person_list", "people", "org.browse_people", "to-chuc/ca-nhan"),
    MenuItem(_("Phong trào"), "movements:movement_list", "flag", "movements.browse", "phong-trao"),
    MenuItem(_("Hội đồng TĐKT"), "org:council_list", "bank", "org.browse_units", "to-chuc/hoi-dong"),
    MenuItem(_("Quản trị"), "accounts:user_list", "gear", "org.manage_accounts", "tai-khoan/nguoi-dung"),
    MenuItem(_("Nhật ký"), "core:audit_log", "journal-text", "core.view_audit_log", "nhat-ky"),
]


def menu_for(user, path: str) -> list[dict]:
    items = []
    for item in MENU:
        if not user.has_perm(item.permission):
            continue
        url = reverse(item.url_name)
        active = path == url if not item.section else path.startswith(f"/{item.section}")
        items.append({"label": item.label, "url": url, "icon": item.icon, "active": active})
    return items
