"""The one error type users see: a clear message naming the file and the place."""

from __future__ import annotations


class JourneyError(Exception):
    """Bad input (file, CSV, argument) described in one line for a user.

    The message already names the file and, where known, the line or JSON path
    (``cards[12].owner``) and what was expected.  The command line prints it as
    ``journeymap: error: <message>`` and exits with status 2; the editor shows
    it in a dialog.
    """

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message
