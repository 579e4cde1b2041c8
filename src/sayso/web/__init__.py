"""sayso's web UI and HTTP API (``sayso serve``): ``create_app`` builds the ASGI application."""

from sayso.web.app import DEFAULT_MAX_UPLOAD_BYTES, create_app

__all__ = ["DEFAULT_MAX_UPLOAD_BYTES", "create_app"]
