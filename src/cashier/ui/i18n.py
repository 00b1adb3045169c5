"""English and Spanish, switchable while the program runs.

Our strings are translated by ``i18n/cashier_<lang>.qm`` (compiled from the ``.ts`` source
with ``pyside6-lrelease``) and Qt's own buttons by Qt's shipped ``qtbase_<lang>.qm``. A switch
installs the translators and Qt sends every widget a LanguageChange event; the main window
answers it by calling each screen's ``retranslate``.
"""

from __future__ import annotations

from importlib import resources

from PySide6.QtCore import QLibraryInfo, QLocale, QObject, QTranslator
from PySide6.QtWidgets import QApplication

LANGUAGES = ("en", "es")


class Language(QObject):
    def __init__(self, app: QApplication) -> None:
        super().__init__(app)
        self.app = app
        self.current = "en"
        self._translators: list[QTranslator] = []

    def set(self, language: str) -> bool:
        """Switch to ``language``; False when its translation file is missing (stays put)."""
        if language not in LANGUAGES:
            return False
        loaded: list[QTranslator] = []
        if language != "en":
            ours = QTranslator(self)
            path = resources.files("cashier.ui") / "i18n" / f"cashier_{language}.qm"
            if not ours.load(str(path)):
                return False
            loaded.append(ours)
            qt = QTranslator(self)
            if qt.load(QLocale(language), "qtbase", "_",
                       QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
                loaded.append(qt)
        for old in self._translators:
            self.app.removeTranslator(old)
        for new in loaded:
            self.app.installTranslator(new)
        self._translators = loaded
        self.current = language
        return True

    def toggle(self) -> bool:
        return self.set("es" if self.current == "en" else "en")
