"""Translations against the authoritative language, and the site's own words.

Rules: ``translation-lag``, ``-missing``, ``-upcoming``, ``-date``, ``-orphan``,
``catalogue-missing``, ``catalogue-unused``, ``site-text-missing``.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from pathlib import Path

from generator.base.catalogues import folder_catalogues, interface_messages, read_catalogue
from generator.check.context import CheckContext
from generator.check.model import Problem
from generator.render.i18n import used_messages, words_for
from generator.versions import Timeline


def check_translations(ctx: CheckContext) -> Iterator[Problem]:
    """Each policy in each translated language, compared with the authoritative text."""
    default = ctx.config.languages.default
    policies = sorted({p for p, _ in ctx.timelines} | {p for p, _ in ctx.newest})
    for policy in policies:
        authority = ctx.timelines.get((policy, default))
        for lang in ctx.config.language_codes[1:]:
            translation = ctx.timelines.get((policy, lang))
            if authority is None:
                if translation is not None:
                    yield _orphan(ctx, translation)
            elif translation is not None:
                yield from _compare(ctx, authority, translation)
            elif ctx.config.source.has_lang and (policy, lang) not in ctx.newest:
                yield _missing(ctx, authority, lang)


def _orphan(ctx: CheckContext, translation: Timeline) -> Problem:
    default = ctx.config.languages.default
    return ctx.problem(
        "translation-orphan",
        f"this {ctx.language_name(translation.lang)} text has no "
        f"{ctx.language_name(default)} (authoritative) version at "
        f"{ctx.config.policy_path(ctx.history.names.get(translation.policy, translation.policy), default)}.",
        file=translation.path,
    )


def _missing(ctx: CheckContext, authority: Timeline, lang: str) -> Problem:
    name, default_name = ctx.language_name(lang), ctx.language_name(authority.lang)
    path = ctx.config.policy_path(ctx.history.names.get(authority.policy, authority.policy), lang)
    return ctx.problem(
        "translation-missing",
        f"the {ctx.policy_name(authority.policy)} has no {name} translation; {name} readers "
        f"are shown a page that sends them to the {default_name} text.",
        file=path,
        hint=f"Add {path}, translated from {authority.path}.",
    )


def _compare(ctx: CheckContext, authority: Timeline, translation: Timeline) -> Iterator[Problem]:
    name, default_name = ctx.language_name(translation.lang), ctx.language_name(authority.lang)
    newest = ctx.newest.get((translation.policy, translation.lang))
    line = ctx.date_line(newest) if newest else None
    in_force = authority.current(ctx.as_of)
    shown = translation.current(ctx.as_of)
    lags = shown is None or (in_force and shown.effective_date < in_force.effective_date)
    if in_force is not None and lags:
        reflects = f"the version of {shown.effective_date}" if shown else "no version in force"
        yield ctx.problem(
            "translation-lag",
            f"the {name} translation reflects {reflects}, but the {default_name} version "
            f"in force on {ctx.as_of} is that of {in_force.effective_date}. {name} readers "
            f"see a notice that points them to the {default_name} text.",
            file=translation.path,
            line=line,
            hint=f"Translate the {in_force.effective_date} version of {authority.path} and "
            f"commit it with the same effective date.",
        )
    translated = {v.effective_date for v in translation.versions}
    for version in authority.upcoming(ctx.as_of):
        if version.effective_date not in translated:
            yield ctx.problem(
                "translation-upcoming",
                f"the {default_name} version taking effect on {version.effective_date} has "
                f"no {name} translation yet.",
                file=translation.path,
                line=line,
            )
    latest = translation.latest.effective_date
    if authority.find(latest) is None:
        yield ctx.problem(
            "translation-date",
            f"this {name} translation takes effect on {latest}, but no {default_name} "
            f"version has that date.",
            file=translation.path,
            line=line,
            hint="A translation should use the effective date of the version it translates: "
            + ", ".join(v.slug for v in authority.versions)
            + ".",
        )


def _site_catalogue(ctx: CheckContext, lang: str) -> str:
    """The site's own catalogue for ``lang`` as the user writes its path: the one it
    reads already, else the one to create (``locales/fr.po`` beside the configuration)."""
    config = ctx.config
    folder = Path(ctx.config_file).parent / config.languages.catalogues
    read = [
        c for c in words_for(config, lang).catalogues if c.path.parent == config.catalogue_folder
    ]
    name = read[0].path.name if read else f"{lang}.po"
    return (folder / name).as_posix()


def check_catalogues(ctx: CheckContext) -> Iterator[Problem]:
    """The site's own words (headings, labels) lacking a translation in some language,
    named, with the site's catalogue to add them to; and entries of the site's catalogues
    that translate no word of the site (a misspelt message id)."""
    used = used_messages()
    for lang in ctx.config.language_codes:
        missing = words_for(ctx.config, lang).missing(used)
        if not missing:
            continue
        name = ctx.language_name(lang)
        shown = 8
        listed = "; ".join(f"'{m}'" for m in missing[:shown])
        more = f" and {len(missing) - shown} more" if len(missing) > shown else ""
        count = (
            f"none of the site's own {len(used)} phrases has a translation"
            if len(missing) == len(used)
            else f"{len(missing)} of the site's own {len(used)} phrases ({listed}{more}) have "
            "no translation"
        )
        target = _site_catalogue(ctx, lang)
        yield ctx.problem(
            "catalogue-missing",
            f"{count} in {name}, so {name} pages show them in English.",
            file=ctx.config_file,
            hint=f"Add them to {target} (run 'policy-site words {lang}' to write every "
            "phrase there, ready to translate).",
        )
    yield from _unknown_entries(ctx, used)


def check_site_texts(ctx: CheckContext) -> Iterator[Problem]:
    """``site.title`` and ``site.description`` given per language, without a text for some
    published language (its pages show the authoritative language's)."""
    config = ctx.config
    default = config.languages.default
    for key, texts in (("title", config.site.title), ("description", config.site.description)):
        if not texts.by_language:
            continue
        for lang in config.language_codes:
            if texts.own(lang):
                continue
            name = ctx.language_name(lang)
            yield ctx.problem(
                "site-text-missing",
                f"'site.{key}' has no text in {name} ({lang}); {name} pages show "
                f"'{texts.get(lang, default)}'.",
                file=ctx.config_file,
                line=config.lines.get(f"site.{key}"),
                hint=f"Add '{lang}: …' under 'site.{key}'.",
            )


def _unknown_entries(ctx: CheckContext, used: frozenset[str]) -> Iterator[Problem]:
    folder = Path(ctx.config_file).parent / ctx.config.languages.catalogues
    for path in folder_catalogues(ctx.config.catalogue_folder).values():
        catalogue = read_catalogue(path)
        for message in interface_messages(catalogue.catalog):
            msgid = str(message.id[0] if isinstance(message.id, tuple | list) else message.id)
            if msgid in used:
                continue
            close = difflib.get_close_matches(msgid, sorted(used), n=1, cutoff=0.7)
            yield ctx.problem(
                "catalogue-unused",
                f"'{msgid}' is not a phrase of the site, so its translation is never shown.",
                file=(folder / path.name).as_posix(),
                line=message.lineno,
                hint=f"Did you mean '{close[0]}'?" if close else "Remove the entry.",
            )
