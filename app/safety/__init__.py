"""The workshop's safety net: the recovery store and its autosave, the offer
to recover after a crash, and saving that keeps a backup and notices changes
made on disk by others."""
