#!/usr/bin/env python3
"""Full-page screenshots of portal pages, desktop (1366x900) and phone (390x844), with Debian's Chromium.

    .venv/bin/python scripts/screenshot.py http://127.0.0.1:8765/ http://127.0.0.1:8765/procedures/ \
        --out test-artifacts/screens [--lang en]

Each URL gives <out>/<name>-desktop.png and <out>/<name>-phone.png, <name> being the URL's path
(and query) made file-safe, e.g. "procedures-q-dang-ky" ("home" for "/")."""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path
from urllib.parse import urlsplit

from playwright.sync_api import sync_playwright

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
VIEWPORTS = {"desktop": {"width": 1366, "height": 900}, "phone": {"width": 390, "height": 844}}


def shot_name(url: str) -> str:
    parts = urlsplit(url)
    raw = (parts.path.strip("/") + ("-" + parts.query if parts.query else "")) or "home"
    return re.sub(r"[^A-Za-z0-9.]+", "-", raw).strip("-")[:120] or "home"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("urls", nargs="+")
    parser.add_argument("--out", default="test-artifacts/screens", type=Path)
    parser.add_argument("--lang", choices=["vi", "en"], help="set the django_language cookie first")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)

    failures = 0
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        for device, viewport in VIEWPORTS.items():
            context = browser.new_context(viewport=viewport, device_scale_factor=1, is_mobile=device == "phone")
            if args.lang:
                origin = urlsplit(args.urls[0])
                context.add_cookies([{"name": "django_language", "value": args.lang,
                                      "url": f"{origin.scheme}://{origin.netloc}/"}])
            page = context.new_page()
            for url in args.urls:
                response = page.goto(url, wait_until="networkidle")
                status = response.status if response else "?"
                target = args.out / f"{shot_name(url)}{'-' + args.lang if args.lang else ''}-{device}.png"
                page.screenshot(path=str(target), full_page=True)
                print(f"{status} {url} -> {target}")
                failures += status not in (200, 404)
            context.close()
        browser.close()
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
