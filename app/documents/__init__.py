"""Documents and files: the open map of a window, the File menu's commands,
the recent-files list and where the bundled resources are.

The package itself imports nothing, so that Qt-free code (the model's
templates, the layout's fonts) can use `app.documents.resources` without
pulling in Qt.
"""
