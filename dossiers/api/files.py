"""Component files over the API. Clients know a procedure's required components by their position (as
the catalogue API lists them), so a file is sent as ``component_<position>``; the services key uploads by
the component's row, and their field errors are renamed back to what the client sent."""

from __future__ import annotations

import re
from contextlib import contextmanager

from django.utils.translation import gettext as _

from dossiers.errors import DossierError, DossierErrorCode
from procedures.models import ProcedureVersion

_FIELD = re.compile(r"^component_(\d+)$")


def component_uploads(version: ProcedureVersion, files) -> dict:
    """``request.FILES`` as the services' uploads (keyed by component pk). Raises DossierError (400) for a
    file under any other name or for a position the procedure does not have."""
    by_position = {c.position: c.pk for c in version.components.all()}
    uploads, errors = {}, {}
    for name in files:
        match = _FIELD.match(name)
        if match and int(match.group(1)) in by_position:
            uploads[by_position[int(match.group(1))]] = files[name]
        else:
            errors[name] = [_("The procedure has no such component; send files as component_<position>.")]
    if errors:
        raise DossierError(_("Some files were not accepted; nothing was changed."),
                           code=DossierErrorCode.BAD_FILES,
                           extra={"errors": errors})
    return uploads


@contextmanager
def public_component_keys(version: ProcedureVersion):
    """Rename ``component_<pk>`` keys in a service error's field errors to ``component_<position>``."""
    try:
        yield
    except DossierError as error:
        errors = error.extra.get("errors") if isinstance(error.extra, dict) else None
        if errors:
            positions = {f"component_{c.pk}": f"component_{c.position}" for c in version.components.all()}
            error.extra["errors"] = {positions.get(key, key): value for key, value in errors.items()}
        raise
