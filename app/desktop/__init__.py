"""Journeymap as an installed desktop application.

* `identity`: the application id, name, version and icon names every piece shares;
* `xdg`: the freedesktop files (desktop entry, AppStream metainfo, MIME type)
  and ``journeymap desktop install`` / ``uninstall`` into the user's XDG folders;
* `icons`: the application icon for Qt windows, and the PNG sizes rendered
  from the SVG sources;
* `about`: what Help > About shows (versions and licences, read at run time).

Everything here but `icons` is plain Python: ``journeymap desktop install``
never loads Qt.
"""
