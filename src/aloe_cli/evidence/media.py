"""A record's media as every output shows them: where each is, whether a page may draw it, its words.

A page draws a picture (an image or a scan) only when it is a file beside the dataset, or when the
user asked for remote media (`--remote-media`): a page must not make a reader's browser call a host
they did not choose. Every other medium, and a remote picture not asked for, is a link.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from aloe_cli.model.models import Citation, Media


@dataclass(frozen=True)
class MediumView:
    """One medium of a record, as an output shows it."""

    kind: str
    href: str  # a web address, or a path relative to the dataset's folder
    alt: str
    caption: str
    credit: str
    remote: bool
    picture: bool  # an image or a scan
    sources: tuple[Citation, ...]

    def drawn(self, remote_media: bool) -> bool:
        """Whether a page draws it as an image: a picture, and local unless remote media were asked for."""
        return self.picture and (remote_media or not self.remote)

    @property
    def cited_words(self) -> str:
        """Its sources as 'id locator', separated by '; ' (a cell of the CSV and SQLite exports)."""
        return "; ".join(f"{c.source} {c.locator or ''}".strip() for c in self.sources)

    @property
    def words(self) -> str:
        """Its caption, else its alt text, else its kind: what a link to it says."""
        return self.caption or self.alt or self.kind


def media_views(media: list[Media]) -> list[MediumView]:
    """A record's media, in its order."""
    return [
        MediumView(
            kind=medium.kind,
            href=medium.location,
            alt=medium.alt or "",
            caption=medium.caption or "",
            credit=medium.credit or "",
            remote=medium.url is not None,
            picture=medium.is_picture,
            sources=tuple(medium.sources),
        )
        for medium in media
    ]
