"""Counter devices: receipt printer, cash drawer, coin sorter, card terminal, bill-stub
scanner, MICR check reader and pole display. One protocol per kind, one real adapter, one
simulator speaking the same bytes; nothing here imports Qt or the database (docs/devices.md).
"""

from cashier.devices.printer import escpos_cache

escpos_cache.prepare()  # before any module here imports python-escpos
