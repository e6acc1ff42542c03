"""Stage 8, output: the site's parts → files on disk.

Takes the site context and the parts; gives ``write_parts`` (each part's pages made and
rendered by MkDocs in a worker of its own, behind the one escaping boundary), the PDFs,
the sitemaps, the pages kept from the last build, the shards' manifests and ``assemble``'s
checks, and the output folder that is refused when not ours, locked, and swapped in whole.
"""

from generator.output.folder import (
    DEFAULT_LOCK_TIMEOUT,
    check_output,
    check_replaceable,
    fault_point,
    staged,
)
from generator.output.fonts import require_fonts
from generator.output.names import check_names
from generator.output.page_reuse import PageReuse
from generator.output.part_plan import PartsRun, write_files
from generator.output.part_writer import PartWritten, write_parts
from generator.output.pdf import PdfPrinter, require_weasyprint
from generator.output.shards import Manifest, check_parts, copy_parts, write_manifest
from generator.output.writer import shared_inputs, source_date_epoch

__all__ = [
    "DEFAULT_LOCK_TIMEOUT",
    "Manifest",
    "PageReuse",
    "PartWritten",
    "PartsRun",
    "PdfPrinter",
    "check_names",
    "check_output",
    "check_parts",
    "check_replaceable",
    "copy_parts",
    "fault_point",
    "require_fonts",
    "require_weasyprint",
    "shared_inputs",
    "source_date_epoch",
    "staged",
    "write_files",
    "write_manifest",
    "write_parts",
]
