"""The files as they are now, and past revisions that cannot be read exactly.

Rules: ``invalid-file``, ``effective-date`` (the text as it stands now of a file still
published), ``broken-history`` (past revisions, published as near as they can be read: one
warning per file, however many commits), ``unknown-language``, ``unknown-policy``,
``template-tags`` (the current text: one warning per file, however many commits held
them), ``same-policy-twice``, ``empty-policy``. A file deleted, or in a language that is not
published, never fails ``check``.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator

from generator.base.errors import DocumentError, PolicySiteError
from generator.check.context import CheckContext
from generator.check.model import Problem, Severity
from generator.config import DateSource, DateSourceKind, EffectiveDateRule
from generator.document import parse_document, split_front_matter, template_tags
from generator.history import Revision
from generator.versions import PastDamage, past_damage


def check_files(ctx: CheckContext) -> Iterator[Problem]:
    """Every revision that cannot be read, files in unpublished languages, and template
    tags in the files as they are now."""
    yield from check_template_tags(ctx)
    yield from check_variables(ctx)
    for overlap in ctx.history.overlaps:
        yield ctx.problem(
            "same-policy-twice",
            overlap.message,
            file=overlap.file,
            commit=overlap.commit,
            hint=overlap.hint,
        )
    for skipped in ctx.history.skipped:
        yield _unreadable_old(ctx, skipped, skipped.commit or "", skipped.file or "")
    for error in ctx.history.unreadable:
        yield _cannot_publish(ctx, "invalid-file", error, error.file or "", error.commit or "")
    for damage in past_damage(ctx.history, ctx.timelines):
        yield _kept_as_read(ctx, damage)
    for revision in sorted(ctx.current, key=lambda r: (r.path, r.sequence)):
        result = ctx.parse(revision)
        if isinstance(result, DocumentError):
            yield _broken_newest(ctx, revision, result)
        elif not result.sections:
            yield ctx.problem(
                "empty-policy",
                "this file has no text, so the policy is published as an empty page.",
                file=revision.path,
                commit=revision.commit,
                hint="Write the policy's text, or delete the file to withdraw the policy "
                "(its published versions stay).",
            )
    for setting, message, hint in _unused_settings(ctx):
        yield ctx.problem(
            "unknown-policy",
            message,
            file=ctx.config_file,
            line=ctx.config.lines.get(setting),
            hint=hint,
        )
    for (policy, lang), newest in sorted(ctx.newest.items()):
        if lang not in ctx.config.language_codes and not ctx.deleted((policy, lang)):
            yield ctx.problem(
                "unknown-language",
                f"this file is not published: its language '{lang}' is not listed in "
                f"'languages.available' of {ctx.config_file}.",
                file=newest.path,
                hint=f"Add '{lang}' to 'languages.available', or rename the file.",
            )


def _unused_settings(ctx: CheckContext) -> Iterator[tuple[str, str, str]]:
    """(key, message, hint) for each ``policies.<id>`` that names no policy file, and each
    alias no file ever had: settings that do nothing, most likely misspelt."""
    known = sorted({policy for policy, _lang in ctx.newest})
    for policy in sorted(set(ctx.config.policies) - set(known)):
        close = difflib.get_close_matches(policy, known, n=1)
        yield (
            f"policies.{policy}",
            f"'policies.{policy}' gives settings for a policy that has no file, so they are "
            "not used.",
            f"Did you mean '{close[0]}'?"
            if close
            else f"The policies are: {', '.join(known) or 'none yet'}.",
        )
    joined = {former for ids in ctx.history.former_ids.values() for former in ids}
    for policy, entry in sorted(ctx.config.policies.items()):
        for alias in entry.aliases if policy in known else ():
            if alias not in joined:
                yield (
                    f"policies.{policy}.aliases",
                    f"'policies.{policy}.aliases' names '{alias}', but no policy file ever "
                    "had that id, so it joins nothing.",
                    "An alias is the id of a former file (its name in addresses, like "
                    f"'{policy}'); check its spelling.",
                )


def check_variables(ctx: CheckContext) -> Iterator[Problem]:
    """Each ``{{ site.key }}`` in a file as it is now that no value fills in."""
    known = sorted(ctx.config.variables)
    for (_policy, _lang), newest in sorted(ctx.newest.items()):
        document = ctx.parse(newest)
        if isinstance(document, DocumentError):
            continue  # invalid-file says why
        for name, line in document.unknown_variables:
            close = difflib.get_close_matches(name, known, n=1)
            yield ctx.problem(
                "unknown-variable",
                f"'{{{{ site.{name} }}}}' has no value, so it is published as written "
                "(a link made of it leads nowhere).",
                file=newest.path,
                line=line,
                commit=newest.commit,
                hint=f"Did you mean 'site.{close[0]}'?"
                if close
                else f"Give '{name}' a value in _config.yml or under 'site.variables' in "
                f"{ctx.config_file}, or write the text itself.",
            )


def check_template_tags(ctx: CheckContext) -> Iterator[Problem]:
    """Files whose text as it is now holds Liquid/Jinja tags, which are never run."""
    keep = ctx.config.source.template_tags == "keep"
    for newest in sorted(ctx.current, key=lambda r: r.path):
        try:
            header = split_front_matter(newest.text, newest.path)
        except DocumentError:
            continue  # invalid-file says why
        tags = template_tags(header.body)
        if not tags:
            continue
        count = f"{len(tags)} template tags" if len(tags) > 1 else "a template tag"
        first = "the first, " if len(tags) > 1 else ""
        yield ctx.problem(
            "template-tags",
            f"this file holds {count} ({first}'{tags[0].text}', on line "
            f"{tags[0].line + header.offset}). They are never run: "
            + ("they are shown as written." if keep else "they are left out of the text."),
            file=newest.path,
            line=tags[0].line + header.offset,
            commit=newest.commit,
            hint="Replace each with the text it stood for, or set 'source.template_tags: "
            f"{'remove' if keep else 'keep'}' in {ctx.config_file} to "
            + ("leave them out." if keep else "show them as written."),
        )


def _date_is_the_problem(ctx: CheckContext, revision: Revision, error: DocumentError) -> bool:
    if error.line is not None and error.line == ctx.date_line(revision):
        return True
    # If the file parses once no date is asked for, the date is what is wrong.
    try:
        parse_document(
            revision.text,
            path=revision.path,
            lang=revision.lang,
            rule=EffectiveDateRule((DateSource(DateSourceKind.COMMIT_DATE),)),
            keep_template_tags=ctx.config.source.template_tags == "keep",
        )
    except DocumentError:
        return False
    return True


def _broken_newest(ctx: CheckContext, revision: Revision, error: DocumentError) -> Problem:
    rule = "effective-date" if _date_is_the_problem(ctx, revision, error) else "invalid-file"
    return _cannot_publish(ctx, rule, error, revision.path, revision.commit)


def _cannot_publish(
    ctx: CheckContext, rule: str, error: PolicySiteError, path: str, commit: str
) -> Problem:
    """A file as it is now cannot be read, so the site cannot be built."""
    return ctx.problem(
        rule,
        f"{error.message} The site cannot be built until this is fixed (the file was "
        f"last changed in commit {commit[:7]}).",
        file=path,
        line=error.line,
        commit=commit,
        hint=error.hint,
    )


def _kept_as_read(ctx: CheckContext, damage: PastDamage) -> Problem:
    """Past versions of one file published as near as they could be read: one warning for
    the file, an error only when one of them is a commit under review of a file that is
    still published (the pull request can still fix it)."""
    reviewed = ctx.since is not None and any(
        f.commit in ctx.since for f in damage.findings if f.commit
    )
    live = any(r.path == damage.file for r in ctx.current)
    severity = Severity.ERROR if reviewed and live else Severity.WARNING
    return ctx.problem(
        "broken-history",
        damage.message(),
        file=damage.file,
        line=damage.first.line if severity is Severity.ERROR else None,
        commit=damage.first.commit,
        hint="History cannot be changed: nothing needs doing about these versions."
        if severity is Severity.WARNING
        else "Fix the file in the commits under review before they are merged.",
        severity=severity,
    )


def _unreadable_old(ctx: CheckContext, error: PolicySiteError, commit: str, path: str) -> Problem:
    # Already skipped harmlessly, so an error only when it is among the reviewed commits.
    reviewed = ctx.since is not None and commit in ctx.since
    severity = Severity.ERROR if reviewed else Severity.WARNING
    return ctx.problem(
        "broken-history",
        f"the version of this file in commit {commit[:7]} cannot be read "
        f"({error.message.rstrip('.')}), so it is left out of the version history.",
        file=path,
        line=error.line if severity is Severity.ERROR else None,
        commit=commit,
        hint="Fix the file in a new commit. If the commit is already published and "
        f"cannot be changed, list it under 'source.ignore_commits' in {ctx.config_file}.",
        severity=severity,
    )
