"""Diff presentation: a :class:`~generator.diff.Diff` as readers and tools see it.

``diff/`` only computes; everything here only presents. :mod:`.summary` holds the words all
renderings share; :mod:`.html` is the changes pages' redline, :mod:`.text` the terminal,
:mod:`.markdown` the pull-request comment, :mod:`.json_format` the stable JSON.
"""

from generator.render.html import render_changes, render_section, section_anchors, view_switch
from generator.render.json_format import JSON_FORMAT_VERSION, SCHEMA_PATH, diff_json, format_json
from generator.render.markdown import format_markdown
from generator.render.text import format_text

__all__ = [
    "JSON_FORMAT_VERSION",
    "SCHEMA_PATH",
    "diff_json",
    "format_json",
    "format_markdown",
    "format_text",
    "render_changes",
    "render_section",
    "section_anchors",
    "view_switch",
]
