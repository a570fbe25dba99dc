from stadtdialog.core.extensions import links_for


def home_context(user) -> dict:
    """What the start page after login shows: the user's roles and the sections open to them."""
    return {"roles": user.roles, "links": links_for("staff_home", user)}
