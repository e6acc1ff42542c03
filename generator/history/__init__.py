"""Stage 2, history: the git repository → ``Revision``s, one per commit of each policy file.

Takes a ``SiteConfig``; gives ``read_history`` (one ``git log`` pass, one ``cat-file`` process,
renames followed) and the lineage that says which files make which policy. The only stage
that runs git.
"""

from generator.config import identify
from generator.history.blobs import TextReader
from generator.history.commit_titles import commit_title
from generator.history.drafts import read_drafts, read_working_copy
from generator.history.reading import Progress, TextSink
from generator.history.repository import (
    FileEvent,
    History,
    Removal,
    Revision,
    commits_since,
    nothing_found,
    path_in_repo,
    read_history,
)
from generator.history.tree import committed_links, tracked_files

__all__ = [
    "FileEvent",
    "History",
    "Progress",
    "Removal",
    "Revision",
    "TextReader",
    "TextSink",
    "commit_title",
    "commits_since",
    "committed_links",
    "identify",
    "nothing_found",
    "path_in_repo",
    "read_drafts",
    "read_history",
    "read_working_copy",
    "tracked_files",
]
