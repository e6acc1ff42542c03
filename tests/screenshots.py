"""Refresh the README's screenshots: ``python -m tests.screenshots``.

Builds the example site as of the tests' fixed day into a temporary folder, serves it on
127.0.0.1 and has Debian's Chromium (launched as the browser tests launch it) take the
policy page, a "what changed" page, the home page (its policies in groups) and the what's
new page, light scheme, 1280 pixels wide, into ``docs/screenshots/<name>.png``.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from generator.commands.build import build

from .browser_support import launch_chromium, samples, serve, site_pages
from .conftest import AS_OF, ROOT

OUTPUT = ROOT / "docs" / "screenshots"
#: Each screenshot: the page of the example it shows (language, kind), and the element
#: scrolled to the top, if any (on the changes page, the first section with word edits).
SHOTS = {
    "policy": (("en", "policy"), None),
    "changes": (("en", "changes"), "section.ps-section.ps-changed"),
    "home-groups": (("en", "home"), None),
    "whats-new": (("en", "whats-new"), None),
    "policy-de": (("de", "policy"), None),
    "changes-ar": (("ar", "changes"), "section.ps-section.ps-changed"),
}
#: Height of mkdocs-material's fixed header, and some air below it.
HEADER = 72


def take(output: Path = OUTPUT) -> list[Path]:
    """Build the example site and write one PNG per entry of ``SHOTS``; returns the files."""
    output.mkdir(parents=True, exist_ok=True)
    written = []
    with tempfile.TemporaryDirectory(prefix="policy-site-shots-") as work:
        site = Path(work) / "site"
        build(ROOT / "site_config.yml", site, AS_OF)
        chosen = samples(site_pages(site))
        with serve(site) as base_url, launch_chromium() as browser:
            context = browser.new_context(
                viewport={"width": 1280, "height": 760}, color_scheme="light"
            )
            for name, (key, top) in SHOTS.items():
                page = context.new_page()
                page.goto(base_url + chosen[key].path, wait_until="networkidle")
                if top is not None:
                    page.evaluate(
                        "([selector, header]) => window.scrollTo(0, document.querySelector(selector)"
                        ".getBoundingClientRect().top + window.scrollY - header)",
                        [top, HEADER],
                    )
                target = output / f"{name}.png"
                page.screenshot(path=target, animations="disabled", caret="hide")
                page.close()
                written.append(target)
            context.close()
    return written


def main() -> None:
    """Write the screenshots and name them."""
    for path in take():
        sys.stdout.write(f"wrote {path.relative_to(ROOT)}\n")


if __name__ == "__main__":
    main()
