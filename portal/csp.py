"""Where browsers report what the Content-Security-Policy blocked (``report-uri``): each report is logged
as a warning, at most ``CSP_REPORT_RATE`` per client address, so an injected script or a page that needs a
missing nonce shows in the log instead of failing silently in someone's browser."""

from __future__ import annotations

import json
import logging

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from portal.ratelimit import usage as rate_usage

logger = logging.getLogger("portal.csp")

# A report is a few hundred bytes; anything longer is cut before it is parsed.
MAX_REPORT_BYTES = 16 * 1024
# What of a report goes to the log (report-uri's "csp-report" object, or the Reporting API's "body").
FIELDS = ("document-uri", "violated-directive", "effective-directive", "blocked-uri", "source-file", "line-number",
          "documentURL", "effectiveDirective", "blockedURL", "sourceFile", "lineNumber")


def _rate(group: str, request: HttpRequest) -> str:
    return settings.CSP_REPORT_RATE


@csrf_exempt  # browsers send reports without a session or token; nothing is changed
@require_POST
def report(request: HttpRequest) -> HttpResponse:
    limited = rate_usage(request, group="portal.csp_report", key="ip", rate=_rate, increment=True)
    if limited is not None and limited["should_limit"]:
        return HttpResponse(status=204)
    body = request.read(MAX_REPORT_BYTES + 1)
    if len(body) > MAX_REPORT_BYTES:
        return HttpResponse(status=413)
    try:
        data = json.loads(body)
    except ValueError:
        return HttpResponse(status=400)
    reports = data if isinstance(data, list) else [data]
    for item in reports:
        if not isinstance(item, dict):
            continue
        details = item.get("csp-report") or item.get("body") or {}
        if isinstance(details, dict):
            logger.warning("CSP violation: %s", {k: str(details[k])[:300] for k in FIELDS if k in details})
    return HttpResponse(status=204)
