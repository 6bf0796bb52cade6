"""National codes of administrative procedures, as the national database assigns them:
``1.001234`` (kind digit, dot, six digits), optionally followed by the implementing agency's suffix in
full notation, e.g. ``1.001234.000.00.00.H27``."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

_CODE = re.compile(r"^[1-9]\.\d{6}(\.\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2})?$")


def validate_procedure_code(value: str) -> None:
    if not _CODE.match((value or "").strip()):
        raise ValidationError(
            _(
                "%(code)s is not a valid procedure code. Expected a digit, a dot and six digits "
                "(e.g. 1.001234), optionally followed by the agency suffix (e.g. 1.001234.000.00.00.H27)."
            ),
            code="procedure_code_invalid",
            params={"code": value},
        )
