#pragma once

#include "common/result.h"

#include <QMap>
#include <QString>

namespace instant {

// Where an event store lives, parsed from its URL:
//   sqlite:///absolute/path/instant.db   sqlite:relative/path.db
//   postgresql://user@host:port/database[?sslmode=require&connect_timeout=5]
// A password is never part of the URL: it comes from the environment or the OS keychain.
struct StoreLocation
{
    enum class Backend { Sqlite, PostgreSql };

    Backend backend = Backend::Sqlite;
    QString path;     // SQLite file
    QString host;     // PostgreSQL
    int port = 5432;
    QString user;
    QString database;
    QMap<QString, QString> options; // libpq connection options from the query string

    static Result<StoreLocation> parse(const QString &url);
    // The embedded default: instant.db in the platform's app-data folder.
    static StoreLocation defaultLocation();

    // The URL, without any secret; parse(toUrl()) gives the same location.
    QString toUrl() const;
    // The key under which the keychain keeps this store's password.
    QString credentialKey() const;
};

} // namespace instant
