from django.core.checks import Error, register

from welbevinden.syscheck import PANGO_HINT, weasyprint_problem


@register()
def weasyprint_libraries(app_configs, **kwargs):
    if weasyprint_problem() is None:
        return []
    return [Error("WeasyPrint cannot load its system libraries.", hint=PANGO_HINT, id="core.E001")]
