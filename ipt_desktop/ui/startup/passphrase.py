"""The passphrase strength hint shown while typing (length and variety, said plainly)."""

from __future__ import annotations

MIN_LENGTH = 8


def strength(passphrase: str) -> str:
    """"weak", "fair" or "strong".

    Length counts most (a long phrase of ordinary words is strong); variety of character kinds
    (lower case, capitals, digits, spaces/symbols) adds a little. Anything under MIN_LENGTH is weak.
    """
    if len(passphrase) < MIN_LENGTH or len(set(passphrase)) <= 3:
        # Too short, or long but trivially guessed ("aaaaaaaaaaaa", "abababab").
        return "weak"
    kinds = sum((any(c.islower() for c in passphrase), any(c.isupper() for c in passphrase),
                 any(c.isdigit() for c in passphrase), any(not c.isalnum() for c in passphrase)))
    length_points = 1 if len(passphrase) < 12 else 2 if len(passphrase) < 16 else 3
    points = length_points + kinds - 1
    if points <= 1:
        return "weak"
    return "fair" if points <= 3 else "strong"
