import logging

from django.conf import settings
from django.core.checks import Error, register

from welbevinden.syscheck import PANGO_HINT, weasyprint_problem

log = logging.getLogger("welbevinden")

# Backends that write mail where people can read it instead of sending it:
# fine for the demo and development, but in production the working links in
# password-reset and invitation mails would land in the logs.
UNSENT_MAIL_BACKENDS = {
    "django.core.mail.backends.console.EmailBackend",
    "django.core.mail.backends.filebased.EmailBackend",
}
MAIL_HINT = (
    "Set EMAIL_BACKEND=django.core.mail.backends.smtp.EmailBackend with EMAIL_HOST, EMAIL_PORT, "
    "EMAIL_HOST_USER, EMAIL_HOST_PASSWORD and DEFAULT_FROM_EMAIL (see the README's settings)."
)


@register()
def weasyprint_libraries(app_configs, **kwargs):
    if weasyprint_problem() is None:
        return []
    return [Error("WeasyPrint cannot load its system libraries.", hint=PANGO_HINT, id="core.E001")]


def mail_goes_unsent() -> bool:
    return not settings.DEBUG and settings.EMAIL_BACKEND in UNSENT_MAIL_BACKENDS


@register(deploy=True)
def mail_is_sent(app_configs, **kwargs):
    if not mail_goes_unsent():
        return []
    return [
        Error(
            "Mail is written to the console or a file, not sent: password-reset and "
            "invitation links would land in the logs.",
            hint=MAIL_HINT,
            id="core.E002",
        )
    ]


def warn_if_mail_goes_unsent() -> None:
    """Said at start, for a server started without running check --deploy."""
    if mail_goes_unsent():
        log.warning(
            "Mail is not sent but written to %s; password-reset and invitation links end up "
            "in the logs. %s",
            settings.EMAIL_BACKEND,
            MAIL_HINT,
        )
