"""The one family of errors the extraction library raises for bad input."""

from __future__ import annotations


class ExtractionError(ValueError):
    """Base class: the input cannot be turned into claims. The message is meant for people."""


class EmptyInputError(ExtractionError):
    """The document is empty or holds only whitespace."""


class InputTooLargeError(ExtractionError):
    """The document is longer than the caller's limit."""


class BinaryInputError(ExtractionError):
    """The document looks like binary data rather than text."""


class UndecodableInputError(ExtractionError):
    """The bytes given are not valid UTF-8 text."""


class NoArticleTextError(ExtractionError):
    """An HTML page was given but no article text could be found in it."""
