"""The exceptions sayso raises for caller mistakes.

    SaysoError
    ├── InputError   the input cannot be analysed (empty, binary, not UTF-8, too big)
    ├── ModelError   the pinned spaCy model or a shipped artifact cannot be loaded
    └── StoreError   the database cannot be opened or written

A bad article inside a batch is data, not an exception: batch code records the
InputError's message against that article and goes on.
"""

from __future__ import annotations


class SaysoError(Exception):
    """Base class of every error sayso raises on purpose."""


class InputError(SaysoError):
    """The input text cannot be analysed; the message says why in one line."""


class ModelError(SaysoError):
    """The NLP model or a shipped model artifact is missing or unusable."""


class StoreError(SaysoError):
    """The store cannot be opened, migrated or written."""
