"""Refresh the README's screenshots: ``python -m tests.screenshots``.

Builds the example site as of the tests' fixed day into a temporary folder, serves it on
127.0.0.1 and has Debian's Chromium (launched as the browser tests launch it) take each
page of ``SHOTS``, light scheme, into ``docs/screenshots/<name>.png``: the first screen,
as a reader first sees it.
"""

from __future__ import annotations

import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from generator.commands.build import build

from .browser_support import launch_chromium, serve
from .conftest import AS_OF, ROOT

OUTPUT = ROOT / "docs" / "screenshots"


@dataclass(frozen=True)
class Shot:
    """One screenshot: the page of the example it shows, and the screen it is taken on."""

    path: str
    width: int = 1280
    height: int = 800

    @property
    def phone(self) -> bool:
        """A phone's screen (a touch device, as the browser tests' phone)."""
        return self.width < 500


SHOTS = {
    "policy": Shot("en/privacy/"),
    "changes": Shot("en/privacy/2026-06-01/changes/"),
    "changes-phone": Shot("en/privacy/2026-06-01/changes/", 390, 844),
    "history": Shot("en/privacy/history/"),
    "translation-outdated": Shot("zh/privacy/2025-10-01/"),
    "home-groups": Shot("en/"),
    "whats-new": Shot("en/changes/"),
    "policy-de": Shot("de/privacy/"),
    "changes-ar": Shot("ar/privacy/2028-01-15/changes/"),
}


def take(output: Path = OUTPUT) -> list[Path]:
    """Build the example site and write one PNG per entry of ``SHOTS``; returns the files."""
    output.mkdir(parents=True, exist_ok=True)
    written = []
    with tempfile.TemporaryDirectory(prefix="policy-site-shots-") as work:
        site = Path(work) / "site"
        build(ROOT / "site_config.yml", site, AS_OF, cache=False)
        with serve(site) as base_url, launch_chromium() as browser:
            for name, shot in SHOTS.items():
                context = browser.new_context(
                    viewport={"width": shot.width, "height": shot.height},
                    color_scheme="light",
                    is_mobile=shot.phone,
                    has_touch=shot.phone,
                )
                page = context.new_page()
                page.goto(base_url + shot.path, wait_until="networkidle")
                target = output / f"{name}.png"
                page.screenshot(path=target, animations="disabled", caret="hide")
                context.close()
                written.append(target)
    return written


def main() -> None:
    """Write the screenshots and name them."""
    for path in take():
        sys.stdout.write(f"wrote {path.relative_to(ROOT)}\n")


if __name__ == "__main__":
    main()
