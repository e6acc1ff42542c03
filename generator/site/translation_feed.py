"""A translation's feed announces the amendments it has not caught up with.

While the authoritative text has versions the translation lacks, the translation's feed
(and its language's) carries an entry for each, leading to the authoritative text and
saying it is not yet translated. The entry has the address the translated version will have,
so that feed readers see it updated, not doubled, once the translation arrives.
"""

from __future__ import annotations

import datetime as dt

from markupsafe import escape

from generator.base import urls
from generator.site.atom import xml_attr, xml_stamp, xml_text
from generator.site.context import SiteContext, summary_html
from generator.versions import Timeline, Version


def untranslated(site: SiteContext, timeline: Timeline) -> list[Version]:
    """The authoritative versions a translation has not caught up with: those dated after
    its newest text (none in the authoritative language, or once the policy or the
    translation ended)."""
    authority = site.timelines.get((timeline.policy, site.default))
    if authority is None or authority is timeline or timeline.withdrawal_as_of(site.as_of):
        return []
    newest = timeline.latest.effective_date
    return [v for v in authority.versions if v.effective_date > newest and not v.is_draft]


def untranslated_entry(
    site: SiteContext, timeline: Timeline, version: Version, category: str
) -> tuple[dt.datetime, str]:
    """The feed entry of ``version`` (authoritative, not translated) in ``timeline``'s
    language, with the entry's ``category`` line (its group's, or "")."""
    lang, policy = timeline.lang, timeline.policy
    words = site.words(lang)
    public = site.config.public_url
    authority = site.timelines[(policy, site.default)]
    day = words.date(version.effective_date)
    heading = words("{policy}: version of {date}", policy=site.title(policy, lang), date=day)
    text = words("A new version takes effect on {date}.", date=day)
    text += words.space + words("It is not yet translated.")
    plain = summary_html(version, public=public)
    summary = f"<p>{escape(text)}</p>"
    if plain is not None:
        summary += f'<div lang="{escape(version.lang)}">{plain}</div>'
    page = urls.version if authority.previous(version) is None else urls.changes
    updated = version.last_change.revision.committed
    xml = (
        "  <entry>\n"
        f"    <id>{xml_text(public(urls.version(lang, policy, version.effective_date)))}</id>\n"
        f"    <title>{xml_text(heading)}</title>\n"
        f"    <updated>{xml_stamp(updated)}</updated>\n"
        f"    <published>{xml_stamp(version.adopted.committed)}</published>\n"
        f'    <link rel="alternate" type="text/html" hreflang={xml_attr(version.lang)} '
        f"href={xml_attr(public(page(version.lang, policy, version.effective_date)))}/>\n"
        + category
        + f'    <summary type="html">{xml_text(summary)}</summary>\n'
        + "  </entry>\n"
    )
    return updated, xml
