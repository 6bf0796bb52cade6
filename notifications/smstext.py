"""Vietnamese text as an SMS: either unaccented (the telecoms' convention for brandname SMS: diacritics
stripped by ``unidecode``, đ → d, sent as GSM-7, 160 characters a segment) or UCS-2 (diacritics kept, 70
a segment), as SMS_ENCODING says; and fitted into one segment where it can be, by shortening only the parts
that may be shortened (a procedure's name, a reason) — never a code, a date or an amount."""

from __future__ import annotations

from dataclasses import dataclass

from unidecode import unidecode

from notifications import gsm

UNACCENTED, UCS2 = "unaccented", "ucs2"
ELLIPSIS = {UNACCENTED: "...", UCS2: "…"}
MIN_KEPT = 8  # characters of a shortened value


def unaccented(text: str) -> str:
    """Vietnamese without diacritics, in the GSM-7 alphabet (what unidecode cannot map is dropped)."""
    plain = unidecode(text.replace("đ", "d").replace("Đ", "D"), errors="ignore")
    return "".join(c for c in plain if gsm.is_gsm7(c))


def encode(text: str, encoding: str) -> str:
    return unaccented(text) if encoding == UNACCENTED else text


@dataclass(frozen=True)
class Fitted:
    text: str
    segments: int


def fit(template: str, values: dict[str, str], *, shortenable: tuple[str, ...] = (), encoding: str) -> Fitted:
    """``template % values`` in ``encoding``, in one segment if shortening the ``shortenable`` values (longest
    first, down to a few characters each) gets it there; otherwise whole, over as many segments as it takes."""
    values = {k: encode(str(v), encoding) for k, v in values.items()}
    template = encode(template, encoding)
    text = template % values
    if gsm.segments(text) <= 1 or not shortenable:
        return Fitted(text, gsm.segments(text))
    ellipsis = ELLIPSIS[encoding]
    shortest = {**values, **{n: values[n][:MIN_KEPT] + ellipsis for n in shortenable if len(values[n]) > MIN_KEPT}}
    # As few segments as the shortest version needs, and within them as much of each value as fits.
    limit = gsm.capacity(gsm.units(template % shortest)[0], gsm.segments(template % shortest))
    cut = dict(values)
    for name in sorted(shortenable, key=lambda n: -len(values[n])):
        excess = gsm.units(template % cut)[1] - limit
        if excess <= 0:
            break
        value = cut[name]
        keep = max(MIN_KEPT, len(value) - excess - len(ellipsis))
        if keep < len(value):
            cut[name] = value[:keep].rstrip(" ,.;:-") + ellipsis
    text = template % cut
    return Fitted(text, gsm.segments(text))
