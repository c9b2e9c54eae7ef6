#include "store/storeurl.h"

#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QUrl>
#include <QUrlQuery>

namespace instant {
namespace {

// The URL as it may be shown: a password someone typed into it is masked.
QString redacted(QString url)
{
    static const QRegularExpression secret(QStringLiteral("(://[^/:@]*):[^@/]*@"));
    url.replace(secret, QStringLiteral("\\1:***@"));
    static const QRegularExpression option(QStringLiteral("([?&]password=)[^&]*"), QRegularExpression::CaseInsensitiveOption);
    url.replace(option, QStringLiteral("\\1***"));
    return url;
}

Error badUrl(const QString &url, const QString &why)
{
    return makeError(ErrorCode::InvalidArgument,
                     QStringLiteral("invalid store URL \"%1\": %2 (expected sqlite:///path/file.db or "
                                    "postgresql://user@host:port/database)")
                         .arg(redacted(url), why));
}

const QStringList &allowedPgOptions()
{
    static const QStringList options{QStringLiteral("sslmode"),       QStringLiteral("sslrootcert"),
                                     QStringLiteral("sslcert"),       QStringLiteral("sslkey"),
                                     QStringLiteral("connect_timeout"), QStringLiteral("application_name"),
                                     QStringLiteral("target_session_attrs")};
    return options;
}

} // namespace

Result<StoreLocation> StoreLocation::parse(const QString &input)
{
    const QString url = input.trimmed();
    if (url.isEmpty())
        return badUrl(url, QStringLiteral("it is empty"));

    const qsizetype colon = url.indexOf(u':');
    if (colon <= 0)
        return badUrl(url, QStringLiteral("it has no scheme"));
    const QString scheme = url.left(colon).toLower();

    StoreLocation loc;
    if (scheme == u"sqlite") {
        QString rest = url.mid(colon + 1);
        if (rest.startsWith(QStringLiteral("//"))) {
            rest = rest.mid(2);
            // sqlite:///abs/path keeps its slash; sqlite://host/... is not a thing for a file.
            if (!rest.startsWith(u'/'))
                return badUrl(url, QStringLiteral("a SQLite URL names a file: use three slashes for an "
                                                  "absolute path (sqlite:///home/me/instant.db)"));
        }
        rest = QUrl::fromPercentEncoding(rest.toUtf8());
        // sqlite:///C:/Users/me/instant.db on Windows
        static const QRegularExpression drive(QStringLiteral("^/[A-Za-z]:[/\\\\]"));
        if (drive.match(rest).hasMatch())
            rest = rest.mid(1);
        if (rest.isEmpty() || rest.endsWith(u'/'))
            return badUrl(url, QStringLiteral("it names no file"));
        if (rest.contains(u'?'))
            return badUrl(url, QStringLiteral("SQLite store URLs take no options"));
        loc.backend = Backend::Sqlite;
        loc.path = QDir::cleanPath(QFileInfo(rest).absoluteFilePath());
        return loc;
    }

    if (scheme == u"postgresql" || scheme == u"postgres") {
        const QUrl parsed(url, QUrl::StrictMode);
        if (!parsed.isValid())
            return badUrl(url, parsed.errorString());
        if (!parsed.password().isEmpty())
            return badUrl(url, QStringLiteral("passwords are not accepted in a store URL; set PGPASSWORD "
                                              "or save it in the keychain with `instant store password`"));
        loc.backend = Backend::PostgreSql;
        loc.host = parsed.host();
        if (loc.host.isEmpty())
            return badUrl(url, QStringLiteral("it names no host"));
        loc.port = parsed.port(5432);
        if (loc.port <= 0 || loc.port > 65535)
            return badUrl(url, QStringLiteral("the port is out of range"));
        loc.user = parsed.userName();
        if (loc.user.isEmpty())
            loc.user = qEnvironmentVariable("PGUSER", qEnvironmentVariable("USER", QStringLiteral("postgres")));
        loc.database = parsed.path().mid(1);
        if (loc.database.isEmpty())
            return badUrl(url, QStringLiteral("it names no database"));
        if (loc.database.contains(u'/'))
            return badUrl(url, QStringLiteral("the database name has a slash"));
        const QUrlQuery query(parsed);
        for (const auto &[key, value] : query.queryItems(QUrl::FullyDecoded)) {
            if (!allowedPgOptions().contains(key))
                return badUrl(url, QStringLiteral("unknown option \"%1\" (known: %2)")
                                       .arg(key, allowedPgOptions().join(QStringLiteral(", "))));
            if (key == u"password")
                return badUrl(url, QStringLiteral("passwords are not accepted in a store URL"));
            static const QStringList sslModes{QStringLiteral("disable"), QStringLiteral("allow"), QStringLiteral("prefer"),
                                              QStringLiteral("require"), QStringLiteral("verify-ca"), QStringLiteral("verify-full")};
            if (key == u"sslmode" && !sslModes.contains(value))
                return badUrl(url, QStringLiteral("sslmode \"%1\" is not one of %2").arg(value, sslModes.join(QStringLiteral(", "))));
            loc.options.insert(key, value);
        }
        return loc;
    }

    return badUrl(url, QStringLiteral("unknown scheme \"%1\"").arg(scheme));
}

StoreLocation StoreLocation::defaultLocation()
{
    StoreLocation loc;
    loc.backend = Backend::Sqlite;
    QString dir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    if (dir.isEmpty())
        dir = QDir::homePath() + QStringLiteral("/.instant");
    loc.path = QDir::cleanPath(dir + QStringLiteral("/instant.db"));
    return loc;
}

QString StoreLocation::toUrl() const
{
    if (backend == Backend::Sqlite) {
        QString p = path;
        if (!p.startsWith(u'/'))
            p.prepend(u'/');
        return QStringLiteral("sqlite://") + p;
    }
    QUrl url;
    url.setScheme(QStringLiteral("postgresql"));
    url.setUserName(user);
    url.setHost(host);
    url.setPort(port);
    url.setPath(u'/' + database);
    if (!options.isEmpty()) {
        QUrlQuery query;
        for (auto it = options.cbegin(); it != options.cend(); ++it)
            query.addQueryItem(it.key(), it.value());
        url.setQuery(query);
    }
    return url.toString();
}

QString StoreLocation::credentialKey() const
{
    if (backend == Backend::Sqlite)
        return {};
    return QStringLiteral("postgresql://%1@%2:%3/%4").arg(user, host).arg(port).arg(database);
}

} // namespace instant
