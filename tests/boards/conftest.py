# The handreiking loaded and the report cache empty, as for the reports' tests.
from tests.reports.conftest import _empty_report_cache, handreiking  # noqa: F401
