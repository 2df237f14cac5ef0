"""Which records rest only on an imported file: what `aloe gaps` and the web page list as open."""

from __future__ import annotations

from typing import TYPE_CHECKING

from aloe_cli.model.models import RECORD_KINDS, Citation, Gap, citations_of

if TYPE_CHECKING:
    from aloe_cli.model.models import Dataset


def import_gaps(dataset: Dataset) -> list[Gap]:
    """One gap per imported file that some records cite and nothing else: those records are its `about`.

    Worked out on each run, not stored: once a record cites a source of its own, it leaves the list.
    """
    imported = {source.id: source for source in dataset.sources if source.kind == "import"}
    if not imported:
        return []
    resting: dict[str, list[str]] = {source_id: [] for source_id in imported}
    for list_name in RECORD_KINDS:
        if list_name == "sources":
            continue
        for record in getattr(dataset, list_name):
            cited = {citation.source for citation in citations_of(record)}
            if cited and cited <= imported.keys():
                for source_id in sorted(cited):
                    resting[source_id].append(record.id)
    gaps = []
    for source_id, about in resting.items():
        if about:
            count = f"{len(about)} record{'s' if len(about) > 1 else ''} rest{'' if len(about) > 1 else 's'}"
            gaps.append(
                Gap(
                    id=f"{source_id}-only",
                    summary=(
                        f"{count} only on the imported file '{imported[source_id].display_title}', whose own "
                        "sources are not known: add the sources each rests on as you check it."
                    ),
                    about=about,
                    sources=[Citation(source=source_id)],
                )
            )
    return gaps
