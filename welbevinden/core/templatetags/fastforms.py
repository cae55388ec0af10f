"""``{{ field|fast_field }}`` and ``{{ form|fast_form }}``: crispy's Bootstrap 5 markup.

Drawn in Python rather than templates; see welbevinden/core/fastforms.py.
"""

from django import template

from welbevinden.core.fastforms import field_html, form_html

register = template.Library()

register.filter("fast_field", field_html)
register.filter("fast_form", form_html)
