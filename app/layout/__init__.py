"""Qt-free presentation shared by the canvas and the PDF exporter.

`app.layout.geometry.compute_layout` turns a Journey into a `MapLayout`
(rectangles, wrapped lines, baselines, curves) using `app.layout.style`
(the theme as data) and `app.layout.text` (the bundled font's metrics).
Nothing in this package imports Qt.
"""
