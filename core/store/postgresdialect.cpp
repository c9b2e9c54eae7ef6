#include "store/sqldialect.h"

#include "events/readevents.h"

#include <QSqlError>
#include <QSqlQuery>

namespace instant::detail {
namespace {

// 'RecordsRead', 'WorkstationSessionStarted', ...: the types a compliance role may insert.
QString accessRecordList()
{
    QStringList quoted;
    for (const QString &type : {events::RecordsRead, events::WorkstationSessionStarted, events::WorkstationSessionEnded}) {
        Q_ASSERT(events::isAccessRecord(type));
        quoted << u'\'' + type + u'\'';
    }
    return quoted.join(QStringLiteral(", "));
}

// pg_advisory_xact_lock keys: the chain (every append) and schema migrations.
constexpr qint64 ChainLockKey = 0x496E737401;
constexpr qint64 SchemaLockKey = 0x496E737402;

class PostgresDialect final : public SqlDialect
{
public:
    QString driverName() const override { return QStringLiteral("QPSQL"); }

    Status open(QSqlDatabase &db, const StoreLocation &location, const QString &password, ConnectionRole,
                OpenOptions::Mode, const OpenPlan &) const override
    {
        db.setHostName(location.host);
        db.setPort(location.port);
        db.setUserName(location.user);
        db.setDatabaseName(location.database);
        if (!password.isEmpty())
            db.setPassword(password);
        QStringList options;
        bool hasTimeout = false;
        for (auto it = location.options.cbegin(); it != location.options.cend(); ++it) {
            options << it.key() + u'=' + it.value();
            hasTimeout = hasTimeout || it.key() == u"connect_timeout";
        }
        if (!hasTimeout)
            options << QStringLiteral("connect_timeout=10");
        if (!location.options.contains(QStringLiteral("application_name")))
            options << QStringLiteral("application_name=instant");
        db.setConnectOptions(options.join(u';'));
        if (!db.open()) {
            const QString why = db.lastError().text().trimmed();
            return makeError(ErrorCode::Unavailable,
                             QStringLiteral("cannot connect to %1: %2").arg(location.toUrl(), why));
        }
        QSqlQuery q(db);
        q.exec(QStringLiteral("SET TIME ZONE 'UTC'"));
        return Done{};
    }

    QString probeStatement() const override { return QStringLiteral("SELECT 1"); }

    QStringList beginWriteStatements() const override
    {
        // Appends are serialised on the chain lock, held until commit: sequences are handed out
        // in commit order, so a reader never sees sequence n+1 before n (no gaps, ever).
        return {QStringLiteral("BEGIN"),
                QStringLiteral("SELECT pg_advisory_xact_lock(%1)").arg(ChainLockKey)};
    }

    QString notifyStatement() const override
    {
        return QStringLiteral("SELECT pg_notify('instant_events', ?)");
    }
    QString notificationChannel() const override { return QStringLiteral("instant_events"); }

    QString changeProbeStatement() const override
    {
        return QStringLiteral("SELECT COALESCE(MAX(seq), 0) FROM events");
    }
    int pollIntervalMs() const override { return 2000; }

    QList<QStringList> migrations() const override
    {
        return {{
            QStringLiteral("SELECT pg_advisory_xact_lock(%1)").arg(SchemaLockKey),
            QStringLiteral("CREATE TABLE events ("
                           " seq BIGINT PRIMARY KEY,"
                           " stream_id TEXT NOT NULL,"
                           " stream_version BIGINT NOT NULL,"
                           " type TEXT NOT NULL,"
                           " schema_version INTEGER NOT NULL,"
                           " recorded_us BIGINT NOT NULL,"
                           " actor_user TEXT NOT NULL,"
                           " actor_role TEXT NOT NULL,"
                           " correlation_id TEXT NOT NULL,"
                           " causation_id TEXT NOT NULL,"
                           " payload TEXT NOT NULL,"
                           " prev_hash BYTEA NOT NULL,"
                           " hash BYTEA NOT NULL,"
                           " UNIQUE (stream_id, stream_version))"),
            QStringLiteral("CREATE TABLE idempotency ("
                           " key TEXT PRIMARY KEY,"
                           " request_hash BYTEA NOT NULL,"
                           " first_seq BIGINT NOT NULL,"
                           " last_seq BIGINT NOT NULL,"
                           " stream_version BIGINT NOT NULL)"),
            QStringLiteral("CREATE FUNCTION instant_append_only() RETURNS trigger LANGUAGE plpgsql AS $$"
                           " BEGIN RAISE EXCEPTION 'instant: % is append-only: % refused', TG_TABLE_NAME, TG_OP;"
                           " END $$"),
            QStringLiteral("CREATE TRIGGER events_append_only BEFORE UPDATE OR DELETE ON events"
                           " FOR EACH ROW EXECUTE FUNCTION instant_append_only()"),
            QStringLiteral("CREATE TRIGGER events_no_truncate BEFORE TRUNCATE ON events"
                           " FOR EACH STATEMENT EXECUTE FUNCTION instant_append_only()"),
            QStringLiteral("CREATE TRIGGER idempotency_append_only BEFORE UPDATE OR DELETE ON idempotency"
                           " FOR EACH ROW EXECUTE FUNCTION instant_append_only()"),
            QStringLiteral("CREATE TRIGGER idempotency_no_truncate BEFORE TRUNCATE ON idempotency"
                           " FOR EACH STATEMENT EXECUTE FUNCTION instant_append_only()"),
            QStringLiteral("REVOKE UPDATE, DELETE, TRUNCATE ON events, idempotency FROM PUBLIC"),
        }, {
            QStringLiteral("SELECT pg_advisory_xact_lock(%1)").arg(SchemaLockKey),
            QStringLiteral("CREATE TABLE snapshots ("
                           " name TEXT NOT NULL,"
                           " sequence BIGINT NOT NULL,"
                           " chain_hash BYTEA NOT NULL,"
                           " recorded_us BIGINT NOT NULL,"
                           " payload BYTEA NOT NULL,"
                           " digest BYTEA NOT NULL,"
                           " PRIMARY KEY (name, sequence))"),
        }, {
            // Desk roles: a trader appends, compliance reads; nobody updates or deletes. The
            // DBA grants them to people (GRANT instant_trader TO alice). Creating a role needs
            // CREATEROLE: without it the roles are left for the DBA, and granted when they exist.
            // Roles belong to the whole server while the schema lock is per database: a store
            // being set up in another database at the same moment may create a role first, so
            // "already there" is what was wanted (duplicate_object, or unique_violation when the
            // other transaction commits while this one waits on it).
            QStringLiteral("SELECT pg_advisory_xact_lock(%1)").arg(SchemaLockKey),
            QStringLiteral("DO $$ BEGIN"
                           " IF (SELECT rolcreaterole OR rolsuper FROM pg_roles WHERE rolname = current_user) THEN"
                           "  BEGIN CREATE ROLE instant_trader NOLOGIN;"
                           "  EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END;"
                           "  BEGIN CREATE ROLE instant_compliance NOLOGIN;"
                           "  EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END;"
                           " END IF;"
                           " IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'instant_trader') THEN"
                           "  GRANT SELECT, INSERT ON events, idempotency, snapshots TO instant_trader;"
                           "  GRANT SELECT ON schema_version TO instant_trader;"
                           " END IF;"
                           " IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'instant_compliance') THEN"
                           "  GRANT SELECT ON events, idempotency, snapshots, schema_version TO instant_compliance;"
                           " END IF;"
                           " END $$"),
            QStringLiteral("REVOKE ALL ON events, idempotency, snapshots FROM PUBLIC"),
        }, {
            // 4: each batch's writer signature (events/batchsignature.h), on the batch's last event,
            // outside the hash (the desk roles' grants on events cover the columns).
            QStringLiteral("SELECT pg_advisory_xact_lock(%1)").arg(SchemaLockKey),
            QStringLiteral("ALTER TABLE events ADD COLUMN IF NOT EXISTS batch_first_seq BIGINT,"
                           " ADD COLUMN IF NOT EXISTS batch_key_id TEXT, ADD COLUMN IF NOT EXISTS batch_signature BYTEA,"
                           " ADD COLUMN IF NOT EXISTS batch_clock TEXT"),
        }, {
            // 5: compliance records what it reads (events/readevents.h): instant_compliance may
            // insert access records and nothing else. A member of instant_trader (or the owner)
            // inserts anything; the trigger runs for every insert, whoever holds the table.
            QStringLiteral("SELECT pg_advisory_xact_lock(%1)").arg(SchemaLockKey),
            QStringLiteral("CREATE OR REPLACE FUNCTION instant_compliance_records_reads() RETURNS trigger LANGUAGE plpgsql AS $$"
                           " BEGIN"
                           "  IF NEW.type NOT IN (%1)"
                           "   AND COALESCE(pg_has_role(current_user, to_regrole('instant_compliance'), 'MEMBER'), false)"
                           "   AND NOT COALESCE(pg_has_role(current_user, to_regrole('instant_trader'), 'MEMBER'), false)"
                           "   AND NOT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) THEN"
                           "   RAISE EXCEPTION 'permission denied: instant_compliance records only what it reads, not %', NEW.type"
                           "    USING ERRCODE = 'insufficient_privilege';"
                           "  END IF;"
                           "  RETURN NEW;"
                           " END $$").arg(accessRecordList()),
            QStringLiteral("SET LOCAL client_min_messages = warning"), // no NOTICE for a trigger not there yet
            QStringLiteral("DROP TRIGGER IF EXISTS events_compliance_records_reads ON events"),
            QStringLiteral("CREATE TRIGGER events_compliance_records_reads BEFORE INSERT ON events"
                           " FOR EACH ROW EXECUTE FUNCTION instant_compliance_records_reads()"),
            QStringLiteral("DO $$ BEGIN"
                           " IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'instant_compliance') THEN"
                           "  GRANT INSERT ON events TO instant_compliance;"
                           " END IF;"
                           " END $$"),
        }, {
            // 6: a snapshot in pieces (store/sqlsnapshots.cpp): the first in its header row in
            // `snapshots`, the others here, granted as snapshots are. A trader's workstation lets
            // old snapshots go (derived data: deleting one costs a replay, never an event).
            QStringLiteral("SELECT pg_advisory_xact_lock(%1)").arg(SchemaLockKey),
            QStringLiteral("CREATE TABLE snapshot_pieces ("
                           " name TEXT NOT NULL,"
                           " sequence BIGINT NOT NULL,"
                           " piece BIGINT NOT NULL,"
                           " payload BYTEA NOT NULL,"
                           " PRIMARY KEY (name, sequence, piece))"),
            QStringLiteral("DO $$ BEGIN"
                           " IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'instant_trader') THEN"
                           "  GRANT SELECT, INSERT, DELETE ON snapshots, snapshot_pieces TO instant_trader;"
                           " END IF;"
                           " IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'instant_compliance') THEN"
                           "  GRANT SELECT ON snapshot_pieces TO instant_compliance;"
                           " END IF;"
                           " END $$"),
            QStringLiteral("REVOKE ALL ON snapshot_pieces FROM PUBLIC"),
        }};
    }

    QString accessStatement() const override
    {
        // May append anything (not a member of instant_compliance alone: see migration 5), who,
        // in which desk roles, and may record reads (any INSERT on events).
        return QStringLiteral("SELECT has_table_privilege('events', 'INSERT')"
                              "  AND (NOT COALESCE(pg_has_role(current_user, to_regrole('instant_compliance'), 'MEMBER'), false)"
                              "   OR COALESCE(pg_has_role(current_user, to_regrole('instant_trader'), 'MEMBER'), false)"
                              "   OR (SELECT rolsuper FROM pg_roles WHERE rolname = current_user)),"
                              " current_user::text,"
                              " COALESCE((SELECT string_agg(r.rolname, ',' ORDER BY r.rolname) FROM pg_roles r"
                              "  WHERE r.rolname IN ('instant_trader', 'instant_compliance')"
                              "  AND pg_has_role(current_user, r.oid, 'MEMBER')), ''),"
                              " has_table_privilege('events', 'INSERT')");
    }

    bool isForeignDatabase(const QStringList &tables) const override
    {
        // A desk database may hold other tables; only ours under another schema rule it out.
        return tables.contains(QStringLiteral("events")) || tables.contains(QStringLiteral("idempotency"))
               || tables.contains(QStringLiteral("snapshots"));
    }
};

} // namespace

std::unique_ptr<SqlDialect> makePostgresDialect()
{
    return std::make_unique<PostgresDialect>();
}

} // namespace instant::detail
