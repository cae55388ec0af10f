from welbevinden.accounts.models import normalise_email


def axes_username(request, credentials=None) -> str:
    """The e-mail address as axes should count it: one lock whatever its case."""
    if credentials:
        raw = credentials.get("username") or credentials.get("email")
    else:
        raw = getattr(request, "POST", {}).get("username")
    return normalise_email(raw or "")
