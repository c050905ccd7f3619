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
        message = one_line(message)
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


#: Longer messages are cut: they quote a value from the file, which may be huge.
MAX_MESSAGE = 1_000


def one_line(message: str) -> str:
    """``message`` on one line (line breaks in quoted values shown as ``\\n``), cut short."""
    if "\n" in message or "\r" in message:
        message = message.replace("\r", "\\r").replace("\n", "\\n")
    return message if len(message) <= MAX_MESSAGE else message[: MAX_MESSAGE - 1] + "\u2026"
