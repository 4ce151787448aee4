"""Backups in the GUI: the Backups dialog, its table model, and the automatic BackupScheduler."""
