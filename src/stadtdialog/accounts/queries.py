def home_context(user) -> dict:
    """What the staff start page shows: the user's roles and the sections open to them."""
    from django.urls import reverse

    links = [link for link in _staff_links() if link["perm"] is None or user.has_perm(link["perm"])]
    return {"roles": user.roles, "links": [{"url": reverse(l["url"]), "label": l["label"]} for l in links]}


def _staff_links():
    from django.utils.translation import gettext_lazy as _

    return [
        {"url": "plans:staff_list", "label": _("Plans and processes"), "perm": "plans.access_staff_plans"},
        {"url": "core:pages", "label": _("Site pages"), "perm": "core.edit_page"},
    ]
