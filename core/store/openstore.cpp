#include "store/credentials.h"
#include "store/eventstore.h"
#include "store/sqleventstore.h"

namespace instant {

Result<std::unique_ptr<EventStore>> openEventStore(const StoreLocation &location, const OpenOptions &options)
{
    std::unique_ptr<detail::SqlDialect> dialect;
    QString password = options.password;
    switch (location.backend) {
    case StoreLocation::Backend::Sqlite:
        dialect = detail::makeSqliteDialect();
        break;
    case StoreLocation::Backend::PostgreSql:
        dialect = detail::makePostgresDialect();
        if (password.isEmpty())
            password = StoreCredentials::passwordFor(location);
        break;
    }
    auto store = std::make_unique<detail::SqlEventStore>(std::move(dialect), location, options, password);
    if (Status status = store->start(); !status)
        return status.error();
    return std::unique_ptr<EventStore>(std::move(store));
}

Result<std::unique_ptr<EventStore>> openEventStore(const QString &url, const OpenOptions &options)
{
    auto location = StoreLocation::parse(url);
    if (!location)
        return location.error();
    return openEventStore(*location, options);
}

} // namespace instant
