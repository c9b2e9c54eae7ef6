#pragma once

#include <QString>
#include <QStringList>

namespace instant {

// Light and dark themes: Fusion with a palette (crisp at any DPI), plus a few style rules.
QStringList themeNames();
bool applyTheme(const QString &name); // false for an unknown name
QString currentTheme();

// Languages with a translation: "en" (built in), "de", "ja". Installs the translator for `code`.
QStringList languageCodes();
bool applyLanguage(const QString &code);

} // namespace instant
