"""Renames that a merge hides: a branch that moved ``terms.md`` to ``terms/index.md`` and
changed it much, merged with a merge commit, shows in the first-parent log as one file
deleted and another added. The branch's own log holds the rename; joined across the merge,
the policy keeps its whole history, and its newest file gives its address.

:func:`merge_branches` runs one ``git log`` for each merge that may hide a rename (with
:mod:`generator.history.repository` and :mod:`generator.history.blobs`, the only modules
that run git); the rest is pure.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

import git

from generator.history.git_log import FORMAT, parse_log
from generator.history.lineage import Change


def hidden_renames(changes: list[Change]) -> set[str]:
    """The commits of ``changes`` that delete one file and add another: the merges among
    them may hide a rename."""
    deleting = {c.commit for c in changes if c.status == "D"}
    return {c.commit for c in changes if c.status == "A" and c.commit in deleting}


def followed(deleted: str, branch: list[Change]) -> str:
    """Where the branch's renames took the file ``deleted`` ("" when it did not)."""
    path = deleted
    for change in branch:
        if change.status == "R" and change.old_path == path:
            path = change.path
        elif change.status == "D" and change.path == path:
            return ""
    return path if path != deleted else ""


def join_merge_renames(changes: list[Change], branches: Mapping[str, list[Change]]) -> list[Change]:
    """``changes`` with each merge's deletion and addition that its branch (``branches``,
    by merge commit) shows as a rename made one rename."""
    out: list[Change] = []
    replaced: dict[tuple[str, str], Change] = {}
    for merge, branch in branches.items():
        added = {c.path: c for c in changes if c.commit == merge and c.status == "A"}
        for change in changes:
            if change.commit != merge or change.status != "D":
                continue
            target = added.get(followed(change.path, branch))
            if target is not None and (merge, target.path) not in replaced:
                replaced[(merge, target.path)] = replace(target, status="R", old_path=change.path)
                replaced[(merge, change.path)] = target  # the deletion goes
    for change in changes:
        found = replaced.get((change.commit, change.path))
        if found is None:
            out.append(change)
        elif found.status == "R" and found.path == change.path:
            out.append(found)
    return out


def merge_branches(repo: git.Repo, changes: list[Change], folder: str) -> dict[str, list[Change]]:
    """For each merge commit that deletes a file and adds another, the changes of the
    branch it brought in (its second parent's commits since the first), oldest first."""
    candidates = sorted(hidden_renames(changes))
    if not candidates:
        return {}
    branches: dict[str, list[Change]] = {}
    for line in repo.git.log("--no-walk=unsorted", "--format=%H %P", *candidates).splitlines():
        sha, *parents = line.split()
        if len(parents) < 2:
            continue
        raw = repo.git.log(
            "--reverse", "--topo-order", "--raw", "-M", "--no-abbrev", "-z", "--no-color",
            f"--format={FORMAT}", f"{parents[0]}..{parents[1]}", "--", folder or ".",
        )  # fmt: skip
        branches[sha] = parse_log(raw)
    return branches
