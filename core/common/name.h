#pragma once

// A text that a million records repeat (an order's account, instrument, workstation, user and
// reason), held once for the whole process and named by its address: 8 bytes in a record where
// a QString takes 24. Read as the QString it stands for; two names are equal when they are the
// same text, which is when they are the same address. The texts are kept for the life of the
// process (a trading state keeps every one it meets anyway).

#include <QHashFunctions>
#include <QString>
#include <QStringBuilder>

#include <string>
#include <utility>

namespace instant {

class Name
{
public:
    Name() noexcept : m_text(&none()) {}
    Name(const QString &text) : m_text(text.isEmpty() ? &none() : &intern(text)) {} // implicit: read as a text
    explicit Name(const char *text) : Name(QString::fromUtf8(text)) {} // UTF-8, said where it is meant (QT_NO_CAST_FROM_ASCII)

    const QString &text() const noexcept { return *m_text; }
    operator const QString &() const noexcept { return *m_text; }

    bool isEmpty() const noexcept { return m_text->isEmpty(); }
    qsizetype size() const noexcept { return m_text->size(); }
    QByteArray toUtf8() const { return m_text->toUtf8(); }
    std::string toStdString() const { return m_text->toStdString(); }
    template <typename... Args>
    bool contains(Args &&...args) const
    {
        return m_text->contains(std::forward<Args>(args)...);
    }
    template <typename... Args>
    bool startsWith(Args &&...args) const
    {
        return m_text->startsWith(std::forward<Args>(args)...);
    }

    friend bool operator==(const Name &a, const Name &b) noexcept { return a.m_text == b.m_text; }
    friend bool operator==(const Name &a, const QString &b) noexcept { return *a.m_text == b; }
    friend bool operator==(const Name &a, QStringView b) noexcept { return QStringView(*a.m_text) == b; }
    friend bool operator==(const Name &a, QLatin1StringView b) noexcept { return *a.m_text == b; }
    friend bool operator<(const Name &a, const Name &b) noexcept { return *a.m_text < *b.m_text; }
    friend size_t qHash(const Name &name, size_t seed = 0) noexcept { return qHash(*name.m_text, seed); }

private:
    static const QString &none() noexcept;
    static const QString &intern(const QString &text); // thread-safe; the same address for the same text
    const QString *m_text;
};

} // namespace instant

Q_DECLARE_TYPEINFO(instant::Name, Q_RELOCATABLE_TYPE);

// A name in a built text (account + '|' + instrument) is its text.
template <>
struct QConcatenable<instant::Name> : private QAbstractConcatenable
{
    typedef instant::Name type;
    typedef QString ConvertTo;
    enum { ExactSize = true };
    static qsizetype size(const instant::Name &name) { return name.size(); }
    static void appendTo(const instant::Name &name, QChar *&out) { QConcatenable<QString>::appendTo(name.text(), out); }
};
