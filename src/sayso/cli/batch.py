"""Commands registered on sayso.cli.app.app (to be written)."""
