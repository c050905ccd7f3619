"""Makes docs/screenshot.png: run inside a real editor window under Xvfb.

    Xvfb :99 -screen 0 1920x1080x24 &
    DISPLAY=:99 QT_QPA_PLATFORM=xcb JOURNEYMAP_TEST_SCRIPT=docs/make_screenshot.py \
        .venv/bin/journeymap resources/sample.journey

`window` and `app` are given by the test hook (app/workshop/hooks.py).
"""

from PySide6.QtCore import QTimer
def grab():
    window.setGeometry(0, 0, 1920, 1080)
    journey = window.document.journey
    card = next(c for c in journey.cards if c.title.startswith("Account comparison"))
    window.view.set_zoom(0.8)
    window.view.horizontalScrollBar().setValue(0)
    window.view.verticalScrollBar().setValue(0)
    window.scene.select_cards([card.id])
    app.processEvents()
    def g():
        app.primaryScreen().grabWindow(window.winId()).save("docs/screenshot.png")
        app.exit(0)
    QTimer.singleShot(1200, g)
QTimer.singleShot(1500, grab)
