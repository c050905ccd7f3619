"""The editor window and what hangs off it: actions, menus and toolbar, the
export menu, the insights docks, the clipboard and the application's look."""
