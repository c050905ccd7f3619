"""Mime types of the palette's drag sources, accepted by the canvas.

The palette (`app.panels`) puts one of these on a QMimeData when a drag
starts; the canvas's drop handlers (`app.canvas.drop`) accept them.
"""

from __future__ import annotations

#: A new card; the payload is the card kind (``touchpoint``, ``pain``...) in UTF-8.
MIME_CARD_KIND = "application/x-journeymap-card-kind"
#: A new stage, dropped between two stages (payload ignored).
MIME_NEW_STAGE = "application/x-journeymap-new-stage"
#: A new lane, dropped between two lanes; an optional payload is the lane kind in UTF-8.
MIME_NEW_LANE = "application/x-journeymap-new-lane"

ALL_MIME_TYPES = (MIME_CARD_KIND, MIME_NEW_STAGE, MIME_NEW_LANE)
