"""Changing the practice passphrase (ChangePassphraseDialog)."""
