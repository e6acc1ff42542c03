"""The words of the theme's own parts in each language: the footer and the not-found page.

MkDocs renders these parts (``theme/partials/footer.html``, ``theme/404.html``) once per
language build, not from a page of the model; they read what they show from
``config.extra.policy_site``, made here, every text escaped (MkDocs' Jinja does not
autoescape) and every address relative to the language's folder, which the theme's ``url``
filter turns into a link that works from any page, the not-found page included (MkDocs
gives that page absolute addresses: a host serves it at any address).
"""

from __future__ import annotations

from typing import Any

from markupsafe import escape

from generator.base import urls
from generator.base.urls import relative
from generator.config import SiteConfig
from generator.render.i18n import words_for


def theme_words(config: SiteConfig, lang: str) -> dict[str, Any]:
    """What the footer and the not-found page of ``lang``'s build show."""
    words = words_for(config, lang)
    here = urls.home(lang)
    return {
        "footer_label": escape(words("About this site")),
        "site_title": escape(config.site_title(lang)),
        "whats_new": escape(words("What's new")),
        "whats_new_href": escape(relative(here, urls.whats_new(lang))),
        "feed": escape(words("Feed")),
        "feed_href": escape(relative(here, urls.feed(lang))),
        "api": escape(words("API (JSON)")),
        "api_href": escape(relative(here, urls.API_INDEX)),
        "not_found_title": escape(words("Page not found")),
        "not_found_text": escape(
            words(
                "There is no page at this address. Every version of every policy keeps its "
                "address, so the link may have been mistyped."
            )
        ),
        "home": escape(words("Home")),
        "other_languages": escape(words("In other languages:")),
        "languages": [
            {
                "lang": escape(code),
                "name": escape(config.language(code).name or code),
                "href": escape(relative(here, urls.home(code))),
            }
            for code in config.language_codes
            if code != lang
        ],
    }
