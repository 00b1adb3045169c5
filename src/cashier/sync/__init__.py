"""Offline-first sync with the central PostgreSQL database (SPEC §7).

A terminal pushes its operations journal (the outbox) to central's inbox and pulls reference
data back; central applies each pushed operation through the same service functions as the
counter, exactly once. Nothing here imports Qt.
"""
