"""The audit log window (AuditLogDialog) and the menu action that opens it."""
