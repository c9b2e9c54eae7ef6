#include "common/diagnostics.h"

#include "common/clock.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QMutex>
#include <QRegularExpression>
#include <QSaveFile>
#include <QSettings>
#include <QSysInfo>

#include <openssl/crypto.h>
#include <sqlite3.h>

#include <deque>

namespace instant::diagnostics {

namespace {

QMutex logMutex;
std::deque<QString> lines;
int capacity = 500;
QtMessageHandler previous = nullptr;

const char *levelName(QtMsgType type)
{
    switch (type) {
    case QtDebugMsg: return "debug";
    case QtInfoMsg: return "info";
    case QtWarningMsg: return "warning";
    case QtCriticalMsg: return "critical";
    case QtFatalMsg: return "fatal";
    }
    return "log";
}

void handler(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    {
        QMutexLocker lock(&logMutex);
        lines.push_back(QStringLiteral("%1 %2 %3").arg(formatUtcMicros(nowUtcMicros()), QLatin1String(levelName(type)), message));
        while (int(lines.size()) > capacity)
            lines.pop_front();
    }
    if (previous)
        previous(type, context, message);
}

// Bearer tokens, API keys of the usual shapes, and password=... in connection strings.
QString withoutSecrets(QString text)
{
    static const QRegularExpression patterns(QStringLiteral(
        R"((Bearer\s+)\S+|\b(sk|pk|rk)-[A-Za-z0-9_-]{8,}|((?:password|passwd|pwd|secret|token|api[_-]?key)\s*[=:]\s*)\S+)"),
        QRegularExpression::CaseInsensitiveOption);
    QString out;
    qsizetype from = 0;
    auto it = patterns.globalMatch(text);
    while (it.hasNext()) {
        const auto m = it.next();
        out += text.mid(from, m.capturedStart() - from);
        if (m.capturedLength(1))
            out += m.captured(1) + QStringLiteral("[removed]");
        else if (m.capturedLength(3))
            out += m.captured(3) + QStringLiteral("[removed]");
        else
            out += QStringLiteral("[removed]");
        from = m.capturedEnd();
    }
    return out + text.mid(from);
}

} // namespace

void startRecentLog(int keep)
{
    QMutexLocker lock(&logMutex);
    capacity = std::max(1, keep);
    if (!previous)
        previous = qInstallMessageHandler(handler);
}

QStringList recentLog()
{
    QMutexLocker lock(&logMutex);
    return QStringList(lines.cbegin(), lines.cend());
}

QJsonObject versions()
{
    return {{QStringLiteral("instant"), QStringLiteral(INSTANT_VERSION)},
            {QStringLiteral("commit"), QStringLiteral(INSTANT_GIT_COMMIT)},
            {QStringLiteral("qt"), QString::fromLatin1(qVersion())},
            {QStringLiteral("openssl"), QString::fromLatin1(OpenSSL_version(OPENSSL_VERSION))},
            {QStringLiteral("sqlite"), QString::fromLatin1(sqlite3_libversion())},
            {QStringLiteral("os"), QSysInfo::prettyProductName()},
            {QStringLiteral("kernel"), QString(QSysInfo::kernelType() + u' ' + QSysInfo::kernelVersion())},
            {QStringLiteral("cpu"), QSysInfo::currentCpuArchitecture()}};
}

bool isSecretKey(const QString &key)
{
    static const QRegularExpression secret(QStringLiteral("password|passwd|secret|token|api[_-]?key|credential|private"),
                                           QRegularExpression::CaseInsensitiveOption);
    return secret.match(key).hasMatch();
}

Status writeReport(const QString &path, const QJsonObject &context)
{
    QJsonObject settings;
    QSettings s;
    for (const QString &key : s.allKeys()) {
        if (isSecretKey(key)) {
            settings.insert(key, QStringLiteral("[removed]"));
            continue;
        }
        const QVariant v = s.value(key);
        // Window geometry and dock state are bytes nobody can read: their size says enough.
        settings.insert(key, v.typeId() == QMetaType::QByteArray ? QStringLiteral("(%1 bytes)").arg(v.toByteArray().size())
                                                                 : withoutSecrets(v.toString()));
    }
    QJsonArray log;
    for (const QString &line : recentLog())
        log.append(withoutSecrets(line));
    QJsonObject cleanContext;
    for (auto it = context.begin(); it != context.end(); ++it)
        cleanContext.insert(it.key(), isSecretKey(it.key()) ? QJsonValue(QStringLiteral("[removed]"))
                                      : it->isString()      ? QJsonValue(withoutSecrets(it->toString()))
                                                            : *it);
    const QJsonObject report{{QStringLiteral("made"), formatUtcMicros(nowUtcMicros())},
                             {QStringLiteral("versions"), versions()},
                             {QStringLiteral("application"), QCoreApplication::applicationName()},
                             {QStringLiteral("arguments"), withoutSecrets(QCoreApplication::arguments().join(u' '))},
                             {QStringLiteral("settings"), settings},
                             {QStringLiteral("context"), cleanContext},
                             {QStringLiteral("recent_log"), log}};
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return makeError(ErrorCode::Io, QStringLiteral("cannot write %1: %2").arg(path, file.errorString()));
    file.write(QJsonDocument(report).toJson(QJsonDocument::Indented));
    if (!file.commit())
        return makeError(ErrorCode::Io, QStringLiteral("cannot write %1: %2").arg(path, file.errorString()));
    return Done{};
}

} // namespace instant::diagnostics
