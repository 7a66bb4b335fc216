"""Dereferenceable IRIs: every /id/... IRI answered as a page or as RDF, from one description."""

from .render import init_app
from .routes import bp

__all__ = ["bp", "init_app"]
