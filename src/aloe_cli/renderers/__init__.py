"""Renderers: pure functions from views to text or Rich renderables; nothing here prints."""

from aloe_cli.renderers.listing import RENDERERS, Format

__all__ = ["RENDERERS", "Format"]
