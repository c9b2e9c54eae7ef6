#pragma once

#include "common/result.h"
#include "store/eventstore.h"
#include "store/storeurl.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QStringList>

#include <memory>
#include <optional>

namespace instant::detail {

enum class ConnectionRole { Writer, Reader, Feed, Maintenance };

// `what`, then what the database said.
Error sqlError(ErrorCode code, const QString &what, const QSqlError &error);

// How a store's connections are opened, decided by a look at it that changes nothing.
struct OpenPlan
{
    bool readOnly = false;  // only reading was asked for and the store cannot be written here
    bool immutable = false; // SQLite: nobody can be writing it either (no write-ahead log beside it):
                            // read without locks and without creating files beside it
    QString readOnlyReason; // why it cannot be written, for the messages
};

// What differs between the SQL backends; everything else is shared by SqlEventStore.
class SqlDialect
{
public:
    virtual ~SqlDialect() = default;

    virtual QString driverName() const = 0;
    // Configures and opens `db` (already added with driverName()) on the calling thread.
    // CreateIfMissing: a SQLite file may be created (only ever under a name of its own, see
    // SqlEventStore::start()); OpenExisting: it must be there.
    virtual Status open(QSqlDatabase &db, const StoreLocation &location, const QString &password,
                        ConnectionRole role, OpenOptions::Mode mode, const OpenPlan &plan) const = 0;
    // A query that fails when the database is not a database at all (e.g. a random file).
    virtual QString probeStatement() const = 0;
    // Starts a write transaction that holds the chain for the whole transaction.
    virtual QStringList beginWriteStatements() const = 0;
    // Sent inside the write transaction after the inserts, with the last sequence bound to it.
    virtual QString notifyStatement() const { return {}; }
    virtual QString notificationChannel() const { return {}; }
    // A cheap query whose single value changes whenever another connection commits; the feed
    // polls it when the backend has no notifications (and as a safety net when it has).
    virtual QString changeProbeStatement() const = 0;
    virtual int pollIntervalMs() const = 0;
    // Inside a write transaction: a number that changes whenever the database changed, by this
    // connection or any other, read without a statement. The writer keeps the chain head and the
    // stream versions it wrote while it is unchanged. None: read them each time.
    virtual std::optional<qint64> dataVersion(QSqlDatabase &) const { return std::nullopt; }
    // Statements creating schema version N (1-based); the last entry is the newest schema.
    virtual QList<QStringList> migrations() const = 0;
    // One row: may insert into events (bool), the database user, the desk role ('' for none).
    virtual QString accessStatement() const = 0;
    // Whether this database holds tables of its own that rule out creating a store in it.
    virtual bool isForeignDatabase(const QStringList &tables) const = 0;
};

std::unique_ptr<SqlDialect> makeSqliteDialect();
std::unique_ptr<SqlDialect> makePostgresDialect();

} // namespace instant::detail
