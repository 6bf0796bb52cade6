"""How dates and times read in each language (settings.FORMAT_MODULE_PATH): the one place that decides.

Vietnamese: 07/12/2026 and 14:05 07/12/2026 (day first, as Vietnamese documents write it); English:
7 Dec 2026 and 7 Dec 2026, 14:05 (the month in letters, so it cannot be read the US way, and never ISO in a
sentence). Templates name the format, ``{{ dossier.due_at|date:"SHORT_DATETIME_FORMAT" }}``; Python code
that writes a date into a message uses portal.dates. DATETIME_FORMAT is the moment with seconds (a
signature's time, a retry's next attempt). ISO 8601 stays for machines: the API, event data and
``<time datetime>``. The slips (templates/dossiers/slips/) are Vietnamese documents and write their own
"ngày 07 tháng 12 năm 2026"."""
