"""The Spanish translation is whole: every string the window's source marks for translation is
in ``cashier_es.ts``, translated, and compiled into the ``cashier_es.qm`` the program loads.

The source is read the way ``pyside6-lupdate`` reads it: ``self.tr("…")`` belongs to the class
it is written in, ``QCoreApplication.translate("Context", "…")`` and
``QT_TRANSLATE_NOOP("Context", "…")`` name their context.
"""

from __future__ import annotations

import ast
import re
import xml.etree.ElementTree as ET
from pathlib import Path

from PySide6.QtCore import QTranslator

import cashier.ui

UI = Path(cashier.ui.__file__).parent
TS = UI / "i18n" / "cashier_es.ts"
QM = UI / "i18n" / "cashier_es.qm"
REFRESH = ("run .venv/bin/pyside6-lupdate src/cashier/ui/*.py -ts "
           "src/cashier/ui/i18n/cashier_es.ts, translate, then pyside6-lrelease (docs/ui.md)")

Key = tuple[str, str]  # (context, source text)


class _Marked(ast.NodeVisitor):
    """The (context, text) pairs of one module, and the tr() calls lupdate cannot read."""

    def __init__(self, module: str) -> None:
        self.module = module
        self.classes: list[str] = []
        self.found: set[Key] = set()
        self.unreadable: list[str] = []

    def visit_ClassDef(self, node: ast.ClassDef) -> None:
        self.classes.append(node.name)
        self.generic_visit(node)
        self.classes.pop()

    def visit_Call(self, node: ast.Call) -> None:
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
        texts = [a.value if isinstance(a, ast.Constant) and isinstance(a.value, str) else None
                 for a in node.args]
        where = f"{self.module}:{node.lineno}"
        if name in ("tr", "QT_TR_NOOP") and node.args:
            if texts[0] is None:
                self.unreadable.append(f"{where}: {name}() of a value lupdate cannot read")
            elif not self.classes:
                self.unreadable.append(f"{where}: {name}() outside a class has no context")
            else:
                self.found.add((self.classes[-1], texts[0]))
        elif name in ("translate", "QT_TRANSLATE_NOOP") and len(node.args) >= 2:
            if texts[0] is None:
                self.unreadable.append(f"{where}: {name}() with a context lupdate cannot read")
            elif texts[1] is not None:
                # A non-literal text is a lookup of a QT_TRANSLATE_NOOP-marked string.
                self.found.add((texts[0], texts[1]))
        self.generic_visit(node)


def source_messages() -> tuple[set[Key], list[str]]:
    found: set[Key] = set()
    unreadable: list[str] = []
    for path in sorted(UI.rglob("*.py")):
        visitor = _Marked(path.name)
        visitor.visit(ast.parse(path.read_text(encoding="utf-8"), str(path)))
        found |= visitor.found
        unreadable += visitor.unreadable
    return found, unreadable


def ts_messages() -> dict[Key, ET.Element]:
    messages = {}
    for context in ET.parse(TS).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            messages[(name, message.findtext("source") or "")] = message
    return messages


def translation(message: ET.Element) -> str:
    return message.findtext("translation") or ""


def test_every_message_is_translated() -> None:
    # type="unfinished" (new, or guessed by lupdate), "vanished" or "obsolete" (gone from the
    # source) are not a translation the program may show.
    unfinished = [key for key, message in ts_messages().items()
                  if message.find("translation[@type]") is not None
                  or not translation(message).strip()]
    assert unfinished == [], f"untranslated or obsolete in {TS.name}: {unfinished}; {REFRESH}"


def test_every_string_marked_in_the_source_is_in_the_ts_and_nothing_else() -> None:
    found, unreadable = source_messages()
    assert unreadable == []
    in_ts = set(ts_messages())
    assert sorted(found - in_ts) == [], f"missing from {TS.name}; {REFRESH}"
    assert sorted(in_ts - found) == [], f"no longer in the source; {REFRESH}"


def test_placeholders_and_mnemonics_survive_translation() -> None:
    broken = []
    for key, message in ts_messages().items():
        source, text = key[1], translation(message)
        if sorted(re.findall(r"%\d", source)) != sorted(re.findall(r"%\d", text)):
            broken.append((key, "placeholders"))
        if source.count("&") != text.count("&"):
            broken.append((key, "mnemonic"))
        keys = re.findall(r"\b(?:F\d+|Esc|Ctrl\+[A-Z]\b|Ctrl\+Shift\+[A-Z])", source)
        if [k for k in keys if k not in text]:
            broken.append((key, "keys"))
    assert broken == []


def test_the_compiled_qm_is_the_ts() -> None:
    translator = QTranslator()
    assert translator.load(str(QM))
    stale = [key for key, message in ts_messages().items()
             if translator.translate(key[0], key[1]) != translation(message)]
    assert stale == [], f"{QM.name} is older than {TS.name}; {REFRESH}"
