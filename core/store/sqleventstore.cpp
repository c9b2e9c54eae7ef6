#include "store/sqleventstore.h"

#include "common/clockquality.h"
#include "common/threadwatch.h"

#include "events/eventhash.h"
#include "events/signingkey.h"
#include "store/appendstatements.h"
#include "store/sqlitereader.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLocale>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QStorageInfo>
#include <QTimer>
#include <QUuid>

#include <chrono>
#include <future>
#include <limits>
#include <optional>
#include <thread>

namespace instant::detail {

Error sqlError(ErrorCode code, const QString &what, const QSqlError &error)
{
    QString text = error.databaseText().trimmed();
    if (text.isEmpty())
        text = error.text().trimmed();
    return makeError(code, what + QStringLiteral(": ") + text);
}

namespace {

constexpr int KnownSchemaVersion = 6;
constexpr qint64 ReadChunk = 5000;

const QString EventColumns = QLatin1String(EventColumnList);

RecordedEvent eventFromRow(const QSqlQuery &q)
{
    RecordedEvent e;
    e.sequence = q.value(0).toLongLong();
    e.streamId = q.value(1).toString();
    e.streamVersion = q.value(2).toLongLong();
    e.type = q.value(3).toString();
    e.schemaVersion = q.value(4).toInt();
    e.recordedUs = q.value(5).toLongLong();
    e.actor.user = q.value(6).toString();
    e.actor.role = q.value(7).toString();
    e.correlationId = q.value(8).toString();
    e.causationId = q.value(9).toString();
    e.payload = q.value(10).toString().toUtf8();
    e.prevHash = q.value(11).toByteArray();
    e.hash = q.value(12).toByteArray();
    return e;
}

// Streams [from, to] in chunks (keyset pagination), so neither backend loads a whole table.
Status readRange(QSqlDatabase &db, const QString &streamId, Sequence from, Sequence to, qint64 limit,
                 const EventStore::Visitor &visit)
{
    QSqlQuery q(db);
    q.setForwardOnly(true);
    const QString sql = QStringLiteral("SELECT %1 FROM events WHERE seq >= ? AND seq <= ?%2 ORDER BY seq LIMIT ?")
                            .arg(EventColumns, streamId.isEmpty() ? QString() : QStringLiteral(" AND stream_id = ?"));
    if (!q.prepare(sql))
        return sqlError(ErrorCode::Io, QStringLiteral("cannot read events"), q.lastError());
    const Sequence upper = to < 0 ? std::numeric_limits<qint64>::max() : to;
    qint64 remaining = limit < 0 ? std::numeric_limits<qint64>::max() : limit;
    Sequence next = from;
    while (remaining > 0 && next <= upper) {
        const qint64 chunk = std::min(remaining, ReadChunk);
        q.addBindValue(next);
        q.addBindValue(upper);
        if (!streamId.isEmpty())
            q.addBindValue(streamId);
        q.addBindValue(chunk);
        if (!q.exec())
            return sqlError(ErrorCode::Io, QStringLiteral("cannot read events"), q.lastError());
        qint64 rows = 0;
        while (q.next()) {
            RecordedEvent e = eventFromRow(q);
            ++rows;
            next = e.sequence + 1;
            if (!visit(e)) {
                q.finish();
                return Done{};
            }
        }
        q.finish();
        remaining -= rows;
        if (rows < chunk)
            break;
    }
    return Done{};
}

QByteArray requestHash(const AppendRequest &request, const QList<QByteArray> &payloads)
{
    // The expected version is a precondition, not part of what is asked for: a retry of the
    // same command after the stream moved on is still the same command.
    RecordedEvent header;
    header.streamId = request.streamId;
    QByteArray bytes = eventhash::canonicalBytes(header);
    for (qsizetype i = 0; i < request.events.size(); ++i) {
        const NewEvent &n = request.events.at(i);
        RecordedEvent e;
        e.type = n.type;
        e.schemaVersion = n.schemaVersion;
        e.actor = n.actor;
        e.correlationId = n.correlationId;
        e.causationId = n.causationId;
        e.payload = payloads.at(i);
        bytes += eventhash::canonicalBytes(e);
    }
    return eventhash::sha256(bytes);
}

Status execAll(QSqlDatabase &db, const QStringList &statements, const QString &what)
{
    QSqlQuery q(db);
    for (const QString &sql : statements) {
        if (!q.exec(sql))
            return sqlError(ErrorCode::Io, what, q.lastError());
    }
    return Done{};
}

Error schemaTooNew(const QString &where, int version)
{
    return makeError(ErrorCode::SchemaTooNew,
                     QStringLiteral("%1 has event store schema version %2, newer than this Instant knows "
                                    "(%3): upgrade Instant to open it; nothing was changed")
                         .arg(where)
                         .arg(version)
                         .arg(KnownSchemaVersion));
}

// Checks the database is ours (or empty), refuses a newer schema, applies what is missing.
Status prepareSchema(QSqlDatabase &db, const SqlDialect &dialect, const StoreLocation &location,
                     OpenOptions::Mode mode)
{
    const QString where = location.toUrl();
    auto currentVersion = [&db]() -> Result<int> {
        QSqlQuery q(db);
        if (!db.tables().contains(QStringLiteral("schema_version")))
            return 0;
        if (!q.exec(QStringLiteral("SELECT COALESCE(MAX(version), 0) FROM schema_version")) || !q.next())
            return sqlError(ErrorCode::NotAStore, QStringLiteral("cannot read the schema version"), q.lastError());
        return q.value(0).toInt();
    };
    auto version = currentVersion();
    if (!version)
        return version.error();
    if (*version > KnownSchemaVersion)
        return schemaTooNew(where, *version);
    if (*version == KnownSchemaVersion)
        return Done{};
    if (*version == 0) {
        if (dialect.isForeignDatabase(db.tables()))
            return makeError(ErrorCode::NotAStore,
                             QStringLiteral("%1 is a database but not an Instant event store (it has tables "
                                            "of its own); nothing was changed")
                                 .arg(where));
        if (mode == OpenOptions::Mode::OpenExisting)
            return makeError(ErrorCode::NotFound, QStringLiteral("%1 holds no event store yet").arg(where));
    }

    if (Status s = execAll(db, dialect.beginWriteStatements(), QStringLiteral("cannot start the schema update")); !s)
        return s;
    auto fail = [&db](Error e) -> Status {
        QSqlQuery(db).exec(QStringLiteral("ROLLBACK"));
        return e;
    };
    QSqlQuery q(db);
    if (!q.exec(QStringLiteral("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, "
                               "applied_us BIGINT NOT NULL, description TEXT NOT NULL)")))
        return fail(sqlError(ErrorCode::Io, QStringLiteral("cannot create the schema table"), q.lastError()));
    // Another workstation may have migrated while we waited for the lock.
    if (!q.exec(QStringLiteral("SELECT COALESCE(MAX(version), 0) FROM schema_version")) || !q.next())
        return fail(sqlError(ErrorCode::Io, QStringLiteral("cannot read the schema version"), q.lastError()));
    const int from = q.value(0).toInt();
    q.finish();
    const QList<QStringList> migrations = dialect.migrations();
    for (int v = from + 1; v <= KnownSchemaVersion; ++v) {
        if (Status s = execAll(db, migrations.at(v - 1), QStringLiteral("schema migration %1 failed").arg(v)); !s)
            return fail(s.error());
        q.prepare(QStringLiteral("INSERT INTO schema_version (version, applied_us, description) VALUES (?, ?, ?)"));
        q.addBindValue(v);
        q.addBindValue(nowUtcMicros());
        q.addBindValue(QStringLiteral("Instant %1").arg(QStringLiteral(INSTANT_VERSION)));
        if (!q.exec())
            return fail(sqlError(ErrorCode::Io, QStringLiteral("cannot record schema version %1").arg(v), q.lastError()));
    }
    if (!q.exec(QStringLiteral("COMMIT")))
        return fail(sqlError(ErrorCode::Io, QStringLiteral("cannot commit the schema update"), q.lastError()));
    return Done{};
}

// SQLite files. Nothing is written to a file, nor beside it, before it is known to be an Instant
// store or a new one: another program's database is left as it was, byte for byte.

// The nearest folder on the way to `path` that exists (where a new store's folders would start).
QString existingFolder(const QString &path)
{
    QFileInfo folder(QFileInfo(path).absolutePath());
    while (!folder.exists() && !folder.isRoot())
        folder = QFileInfo(folder.absolutePath());
    return folder.absoluteFilePath();
}

// Why a store file (there, or to be made) cannot be written here; nullopt when it can. SQLite
// also writes its log beside the file, so the folder counts too.
std::optional<QString> whyNotWritable(const QString &path)
{
    const QFileInfo file(path);
    const QString folder = existingFolder(path);
    const QStorageInfo volume(folder);
    if (volume.isValid() && volume.isReadOnly())
        return QStringLiteral("it is on a read-only file system (mounted at %1)").arg(volume.rootPath());
    if (file.exists() && !file.isWritable())
        return QStringLiteral("the file is read-only (no permission to write it)");
    if (!QFileInfo(folder).isWritable())
        return QStringLiteral("there is no permission to write in the folder %1").arg(folder);
    return std::nullopt;
}

// A failure to write a store file, told as what it is when the disk is full or the file is
// read-only; other failures as they came.
Error explainWriteFailure(const QString &path, const Error &failure)
{
    if (failure.code != ErrorCode::Io)
        return failure;
    constexpr qint64 NearlyFull = 64 * 1024; // less than SQLite needs for its log and its index
    const QStorageInfo volume(existingFolder(path));
    if (failure.message.contains(QStringLiteral("disk is full"), Qt::CaseInsensitive)
        || (volume.isValid() && volume.bytesAvailable() < NearlyFull))
        return makeError(ErrorCode::Io,
                         QStringLiteral("%1 cannot be written: the disk is full (%2 free on %3); free some space "
                                        "and try again. Nothing was written")
                             .arg(path, QLocale::c().formattedDataSize(std::max<qint64>(volume.bytesAvailable(), 0)),
                                  volume.rootPath()));
    if (auto why = whyNotWritable(path))
        return makeError(ErrorCode::Io, QStringLiteral("%1 cannot be written: %2; nothing was changed").arg(path, *why));
    return failure;
}

// What a look at the file decided: make a new store, or open the file as the plan says.
struct SqliteSurvey
{
    bool create = false;
    OpenPlan plan;
};

Result<SqliteSurvey> surveySqlite(const StoreLocation &location, OpenOptions::Mode mode)
{
    const QString &path = location.path;
    const QString where = location.toUrl();
    const QFileInfo file(path);
    if (file.isDir())
        return makeError(ErrorCode::NotAStore, QStringLiteral("%1 is a folder, not an Instant event store").arg(path));
    if (!file.exists()) {
        if (mode == OpenOptions::Mode::OpenExisting)
            return makeError(ErrorCode::NotFound, QStringLiteral("no event store at %1: the file does not exist").arg(path));
        if (auto why = whyNotWritable(path))
            return makeError(ErrorCode::Io, QStringLiteral("cannot create the event store %1: %2").arg(path, *why));
        return SqliteSurvey{true, {}};
    }
    auto look = sqliteLook(path);
    if (!look) // a full disk, say: SQLite's index beside a file in WAL mode needs room to be read
        return explainWriteFailure(path, look.error());
    if (look->kind == SqliteFileLook::Kind::NotADatabase)
        return makeError(ErrorCode::NotAStore,
                         QStringLiteral("%1 is not an Instant event store: it is not a SQLite database; nothing "
                                        "was changed")
                             .arg(path));
    const bool ours = look->applicationId == SqliteApplicationId && look->tables.contains(QStringLiteral("schema_version"));
    if (!ours && look->applicationId != 0)
        return makeError(ErrorCode::NotAStore,
                         QStringLiteral("%1 is a database of another application (application id %2), not an "
                                        "Instant event store; nothing was changed")
                             .arg(where)
                             .arg(look->applicationId));
    if (!ours && !look->tables.isEmpty())
        return makeError(ErrorCode::NotAStore,
                         QStringLiteral("%1 is a database but not an Instant event store (it has tables of its "
                                        "own); nothing was changed")
                             .arg(where));
    if (!ours) { // no bytes, or a database without tables: a store may be set up in it
        if (mode == OpenOptions::Mode::OpenExisting)
            return makeError(ErrorCode::NotFound, QStringLiteral("%1 holds no event store yet").arg(where));
        if (auto why = whyNotWritable(path))
            return makeError(ErrorCode::Io, QStringLiteral("cannot create an event store in %1: %2; nothing was changed")
                                                .arg(path, *why));
        return SqliteSurvey{};
    }
    if (look->schemaVersion > KnownSchemaVersion)
        return schemaTooNew(where, look->schemaVersion);
    const std::optional<QString> why = whyNotWritable(path);
    if (!why)
        return SqliteSurvey{};
    if (look->schemaVersion < KnownSchemaVersion)
        return makeError(ErrorCode::Io,
                         QStringLiteral("%1 cannot be written: %2; its event store (schema version %3) needs an "
                                        "upgrade to version %4, which writes to it. Nothing was changed")
                             .arg(path, *why)
                             .arg(look->schemaVersion)
                             .arg(KnownSchemaVersion));
    if (mode == OpenOptions::Mode::OpenExisting) {
        // Only reading was asked for: read it as it is. Immutable unless somebody is writing it
        // now (a write-ahead log beside it), so that nothing has to be created next to it.
        const bool immutable = !QFile::exists(path + QStringLiteral("-wal"));
        return SqliteSurvey{false, OpenPlan{true, immutable, *why}};
    }
    return makeError(ErrorCode::Io,
                     QStringLiteral("%1 cannot be written: %2; nothing was changed. Commands that only read "
                                    "(instant audit verify, audit export, positions) can still read it")
                         .arg(path, *why));
}

// A new store is made under a name of its own beside the final one and moved there once its
// schema is complete: a failure (a full disk) leaves nothing behind, and a store somebody else
// made under the name meanwhile is never replaced (the caller then looks at that one).
Status createSqliteStore(const SqlDialect &dialect, const StoreLocation &location, const QString &connection)
{
    const QFileInfo target(location.path);
    QStringList newFolders; // made here, and removed again when the store cannot be made
    for (QFileInfo f(target.absolutePath()); !f.exists() && !f.isRoot(); f = QFileInfo(f.absolutePath()))
        newFolders.prepend(f.absoluteFilePath());
    if (!newFolders.isEmpty() && !QDir().mkpath(target.absolutePath()))
        return makeError(ErrorCode::Io, QStringLiteral("cannot create the folder %1").arg(target.absolutePath()));
    StoreLocation aside = location;
    aside.path = target.absolutePath() + QStringLiteral("/.") + target.fileName() + QStringLiteral(".new-")
                 + QUuid::createUuid().toString(QUuid::Id128).left(12);
    Status status = Done{};
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(dialect.driverName(), connection);
        status = dialect.open(db, aside, {}, ConnectionRole::Writer, OpenOptions::Mode::CreateIfMissing, OpenPlan{});
        if (status)
            status = prepareSchema(db, dialect, location, OpenOptions::Mode::CreateIfMissing);
        db.close(); // the last connection: SQLite folds its log into the file and removes it
    }
    QSqlDatabase::removeDatabase(connection);
    if (status && !QFile::rename(aside.path, location.path) && !QFile::exists(location.path))
        status = makeError(ErrorCode::Io, QStringLiteral("cannot move the new event store to %1").arg(location.path));
    for (const char *suffix : {"", "-wal", "-shm", "-journal"})
        QFile::remove(aside.path + QLatin1String(suffix));
    if (!status) {
        for (auto it = newFolders.crbegin(); it != newFolders.crend(); ++it)
            QDir().rmdir(*it);
        return explainWriteFailure(location.path, status.error());
    }
    return Done{};
}

} // namespace

// The calling thread's connection for a read. A thread with an event loop (the GUI's, the
// engine's, the feed's) keeps one open while it lives, so a reader asking every second does not
// open a database connection each time; a one-off thread, or a read made inside another read on
// the same thread (a subscriber reading while a catch-up delivers), gets one of its own for that read.
class SqlEventStore::ReadConnection
{
public:
    ReadConnection(const SqlEventStore &store, bool ownConnection = false) : m_store(store)
    {
        threadwatch::entered("store read");
        QThread *thread = QThread::currentThread();
        bool keep = !ownConnection && thread->eventDispatcher() != nullptr;
        if (keep) {
            std::lock_guard lock(store.m_keptMutex);
            if (auto it = store.m_kept.find(thread); it != store.m_kept.end()) {
                keep = false; // busy: this read nests in another one
                if (!it->busy) {
                    it->busy = true;
                    m_name = it->name;
                    m_kept = thread;
                    m_reused = true;
                    return;
                }
            }
        }
        m_name = store.m_connectionPrefix + QStringLiteral("-r%1").arg(++store.m_readConnections);
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(store.m_dialect->driverName(), m_name);
            m_status = store.m_dialect->open(db, store.m_location, store.m_password, ConnectionRole::Reader,
                                             OpenOptions::Mode::OpenExisting, store.m_plan);
        }
        if (!keep || !m_status)
            return;
        KeptConnection kept{m_name, true, {}};
        const SqlEventStore *owner = &store;
        kept.threadFinished = QObject::connect(
            thread, &QThread::finished, const_cast<SqlEventStore *>(owner), [owner, thread] { owner->forgetThread(thread); },
            Qt::DirectConnection);
        std::lock_guard lock(store.m_keptMutex);
        store.m_kept.insert(thread, std::move(kept));
        m_kept = thread;
    }
    ~ReadConnection()
    {
        if (m_kept) {
            std::lock_guard lock(m_store.m_keptMutex);
            if (auto it = m_store.m_kept.find(m_kept); it != m_store.m_kept.end() && it->name == m_name) {
                it->busy = false;
                return;
            }
        }
        QSqlDatabase::removeDatabase(m_name);
    }
    ReadConnection(const ReadConnection &) = delete;
    ReadConnection &operator=(const ReadConnection &) = delete;

    const Status &status() const { return m_status; }
    QSqlDatabase db() const { return QSqlDatabase::database(m_name, false); }
    // A kept connection opened before this read (it may have been cut since).
    bool reused() const { return m_reused; }
    // Not kept any more: closed when this read ends.
    void drop()
    {
        if (!m_kept)
            return;
        std::lock_guard lock(m_store.m_keptMutex);
        if (auto it = m_store.m_kept.find(m_kept); it != m_store.m_kept.end() && it->name == m_name) {
            QObject::disconnect(it->threadFinished);
            m_store.m_kept.erase(it);
        }
        m_kept = nullptr;
    }

private:
    const SqlEventStore &m_store;
    QString m_name;
    QThread *m_kept = nullptr; // the thread that keeps this connection, when kept
    bool m_reused = false;
    Status m_status = Done{};
};

template <typename T>
T SqlEventStore::onReadConnection(const std::function<T(QSqlDatabase &)> &body, const bool *handedOut) const
{
    for (int attempt = 0;; ++attempt) {
        ReadConnection conn(*this, attempt > 0);
        if (!conn.status())
            return conn.status().error();
        T out = [&] {
            QSqlDatabase db = conn.db(); // let go of before the connection may be dropped
            return body(db);
        }();
        if (out || !conn.reused() || (handedOut && *handedOut))
            return out;
        conn.drop(); // perhaps cut while kept: once more, on a new connection
    }
}

void SqlEventStore::forgetThread(QThread *thread) const
{
    QString name;
    {
        std::lock_guard lock(m_keptMutex);
        auto it = m_kept.find(thread);
        if (it == m_kept.end())
            return;
        QObject::disconnect(it->threadFinished);
        name = it->name;
        m_kept.erase(it);
    }
    QSqlDatabase::removeDatabase(name);
}

SqlEventStore::SqlEventStore(std::unique_ptr<SqlDialect> dialect, StoreLocation location, OpenOptions options,
                             QString password)
    : m_dialect(std::move(dialect)), m_location(std::move(location)), m_options(std::move(options)),
      m_password(std::move(password)),
      m_connectionPrefix(QStringLiteral("instant-store-") + QUuid::createUuid().toString(QUuid::Id128).left(12))
{
}

SqlEventStore::~SqlEventStore()
{
    {
        // The threads' kept read connections (a thread still running keeps none of a closed store).
        QHash<QThread *, KeptConnection> kept;
        {
            std::lock_guard lock(m_keptMutex);
            kept.swap(m_kept);
        }
        for (const KeptConnection &c : std::as_const(kept)) {
            QObject::disconnect(c.threadFinished);
            QSqlDatabase::removeDatabase(c.name);
        }
    }
    {
        std::lock_guard lock(m_feedMutex);
        if (m_feedThread) {
            QMetaObject::invokeMethod(m_feed, [feed = m_feed] { feed->stop(); }, Qt::BlockingQueuedConnection);
            m_feedThread->quit();
            m_feedThread->wait();
            delete m_feed;
            m_feed = nullptr;
        }
    }
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_wake.notify_all();
    if (m_writerThread)
        m_writerThread->wait();
}

Status SqlEventStore::start()
{
    if (m_location.backend == StoreLocation::Backend::Sqlite)
        if (Status s = prepareSqliteFile(); !s)
            return s;
    std::promise<Status> ready;
    std::future<Status> started = ready.get_future();
    m_writerThread.reset(QThread::create([this, &ready] { writerLoop(ready); }));
    m_writerThread->setObjectName(QStringLiteral("instant-store-writer"));
    m_writerThread->start();
    Status status = started.get();
    if (!status) {
        m_writerThread->wait();
        if (m_location.backend == StoreLocation::Backend::Sqlite && !m_plan.readOnly)
            return explainWriteFailure(m_location.path, status.error());
    }
    return status;
}

// Looks at the file before anything is written to it: an Instant store, a new or empty one to
// set up, or somebody else's (refused, untouched). Decides how it is opened: read-only when only
// reading was asked for and it cannot be written here.
Status SqlEventStore::prepareSqliteFile()
{
    for (int attempt = 0; attempt < 3; ++attempt) {
        auto survey = surveySqlite(m_location, m_options.mode);
        if (!survey)
            return survey.error();
        if (!survey->create) {
            m_plan = survey->plan;
            return Done{};
        }
        // Made, or somebody else's file took the name meanwhile: either way, look again.
        if (Status made = createSqliteStore(*m_dialect, m_location, m_connectionPrefix + QStringLiteral("-new")); !made)
            return made;
    }
    return makeError(ErrorCode::Io, QStringLiteral("cannot create %1: the file keeps appearing and disappearing")
                                        .arg(m_location.path));
}

QString SqlEventStore::sqliteName() const
{
    return m_plan.readOnly ? sqliteReadOnlyName(m_location.path, m_plan.immutable) : m_location.path;
}

Error SqlEventStore::readOnlyError() const
{
    return makeError(ErrorCode::Io, QStringLiteral("%1 is open read-only (%2): nothing can be written to it")
                                        .arg(m_location.toUrl(), m_plan.readOnlyReason));
}

QFuture<Result<AppendResult>> SqlEventStore::appendAsync(AppendRequest request)
{
    return enqueue(std::move(request), Hand::ToWriter);
}

QFuture<Result<AppendResult>> SqlEventStore::appendHere(AppendRequest request)
{
    QFuture<Result<AppendResult>> future = enqueue(std::move(request), Hand::ToCaller);
    if (!future.isFinished())
        writeQueuedHere();
    return future;
}

void SqlEventStore::callWriter()
{
    {
        std::lock_guard lock(m_mutex);
        m_writerCalled.store(true, std::memory_order_release);
    }
    m_wake.notify_one();
}

std::vector<std::unique_ptr<SqlEventStore::Pending>> SqlEventStore::takeQueued()
{
    std::vector<std::unique_ptr<Pending>> batch;
    std::lock_guard lock(m_mutex);
    while (!m_queue.empty() && batch.size() < static_cast<size_t>(m_options.maxBatchRequests)) {
        batch.push_back(std::move(m_queue.front()));
        m_queue.pop_front();
    }
    m_queued.store(qsizetype(m_queue.size()), std::memory_order_release);
    return batch;
}

QFuture<Result<AppendResult>> SqlEventStore::enqueue(AppendRequest request, Hand hand)
{
    threadwatch::entered("store append");
    auto pending = std::make_unique<Pending>();
    QFuture<Result<AppendResult>> future = pending->promise.future();
    pending->promise.start();

    auto reject = [&](const QString &why) {
        pending->promise.addResult(Result<AppendResult>(makeError(ErrorCode::InvalidArgument, why)));
        pending->promise.finish();
        return future;
    };
    if (m_plan.readOnly) {
        pending->promise.addResult(Result<AppendResult>(readOnlyError()));
        pending->promise.finish();
        return future;
    }
    if (request.streamId.isEmpty())
        return reject(QStringLiteral("an append needs a stream id"));
    if (request.events.isEmpty())
        return reject(QStringLiteral("an append to %1 has no events").arg(request.streamId));
    if (request.expectedVersion < ExpectedVersion::Any)
        return reject(QStringLiteral("expected version %1 is not valid").arg(request.expectedVersion));
    for (const NewEvent &e : std::as_const(request.events)) {
        if (e.type.isEmpty())
            return reject(QStringLiteral("an event for %1 has no type").arg(request.streamId));
        if (e.schemaVersion < 1)
            return reject(QStringLiteral("event %1 has schema version %2").arg(e.type).arg(e.schemaVersion));
    }
    // Serialised on the caller's thread, so the single writer thread does less.
    pending->payloads.reserve(request.events.size());
    for (const NewEvent &e : std::as_const(request.events))
        pending->payloads.append(e.payloadBytes());
    if (!request.idempotencyKey.isEmpty())
        pending->requestHash = requestHash(request, pending->payloads);
    pending->request = std::move(request);
    {
        std::lock_guard lock(m_mutex);
        if (m_stopping)
            return reject(QStringLiteral("the event store is closing"));
        m_queue.push_back(std::move(pending));
        m_queued.store(qsizetype(m_queue.size()), std::memory_order_release);
        if (hand == Hand::ToWriter)
            m_writerCalled.store(true, std::memory_order_release);
    }
    if (hand == Hand::ToWriter)
        m_wake.notify_one();
    return future;
}

// The writer thread: owns the write connection, commits queued appends in groups.
class SqlEventStore::Writer
{
public:
    Writer(SqlEventStore &store, QSqlDatabase db) : m_store(store), m_db(std::move(db)) {}

    Status prepare()
    {
        auto statements = prepareAppendStatements(m_db, *m_store.m_dialect);
        if (!statements)
            return statements.error();
        m_statements = std::move(*statements);
        return Done{};
    }

    void commit(std::vector<std::unique_ptr<Pending>> &batch)
    {
        std::vector<std::optional<Result<AppendResult>>> results(batch.size());
        // After a failed commit the connection may be gone (a database server restarted): open
        // it again before this batch, so the store comes back by itself once it can.
        Status status = m_broken ? reconnect() : Status(Done{});
        if (status) {
            const auto started = std::chrono::steady_clock::now();
            status = write(batch, results);
            if (status)
                m_store.noteCommitTime(std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - started),
                                       m_lastFlush);
        }
        if (!status) {
            if (!m_broken && m_statements)
                m_statements->rollback();
            m_broken = true;
            for (auto &result : results)
                result = Result<AppendResult>(status.error());
        } else {
            m_broken = false;
        }
        Sequence last = 0;
        for (size_t i = 0; i < batch.size(); ++i)
            if (results[i] && results[i]->ok() && !results[i]->value().duplicate)
                last = std::max(last, results[i]->value().lastSequence);
        // Counted before anyone is answered: a caller that reads stats() after its append
        // returns sees its own request.
        m_store.m_requests += static_cast<qint64>(batch.size());
        if (status && last > 0)
            ++m_store.m_commits;
        for (size_t i = 0; i < batch.size(); ++i) {
            batch[i]->promise.addResult(std::move(*results[i]));
            batch[i]->promise.finish();
        }
        if (status && last > 0)
            Q_EMIT m_store.committed(last);
        m_store.noteWriteOutcome(status);
    }

    // The last commit failed: the next reconnects first, on the writer's thread.
    bool broken() const { return m_broken; }

private:
    Status reconnect()
    {
        m_statements.reset(); // before the connection closes
        m_known.reset();
        m_db.close();
        Status opened = m_store.m_dialect->open(m_db, m_store.m_location, m_store.m_password, ConnectionRole::Writer,
                                                OpenOptions::Mode::OpenExisting, m_store.m_plan);
        if (!opened)
            return makeError(ErrorCode::Io, QStringLiteral("the store cannot be reached: %1").arg(opened.message()));
        return prepare();
    }

    Status write(std::vector<std::unique_ptr<Pending>> &batch, std::vector<std::optional<Result<AppendResult>>> &results)
    {
        AppendStatements &sql = *m_statements;
        if (Status begun = sql.begin(); !begun)
            return begun;
        // Nobody else wrote since this writer's last commit: its head and stream versions stand.
        const std::optional<qint64> dataVersion = m_store.m_dialect->dataVersion(m_db);
        if (m_known && (!dataVersion || *dataVersion != m_known->dataVersion))
            m_known.reset();
        ChainHead head{0, eventhash::genesis(), 0};
        if (m_known) {
            head = m_known->head;
            ++m_store.m_knownHeads;
        } else if (Status read = sql.readHead(head); !read) {
            return read;
        }
        const Sequence firstWritten = head.sequence + 1;
        std::shared_ptr<const SigningKey> signer;
        QString signerId;
        {
            std::lock_guard lock(m_store.m_mutex);
            signer = m_store.m_signer;
            signerId = m_store.m_signerId;
        }
        QByteArray hashes; // of the events written, for the batch's signature
        // Each event is inserted once the next one is made: the batch's last event is inserted
        // after the loop, carrying the batch's signature.
        std::optional<RecordedEvent> held;

        // Streams touched in this transaction, and those this writer last wrote while nobody else wrote.
        QHash<QString, StreamVersion> versions = m_known ? std::move(m_known->streams) : QHash<QString, StreamVersion>();
        m_known.reset(); // kept again once this transaction commits
        QHash<QString, RecordedKey> keys; // keys written in this transaction
        qint64 written = 0;
        for (size_t i = 0; i < batch.size(); ++i) {
            Pending &p = *batch[i];
            const AppendRequest &r = p.request;

            if (!r.idempotencyKey.isEmpty()) {
                std::optional<RecordedKey> seen;
                if (auto it = keys.constFind(r.idempotencyKey); it != keys.cend()) {
                    seen = *it;
                } else {
                    auto found = sql.findKey(r.idempotencyKey);
                    if (!found)
                        return found.error();
                    seen = std::move(*found);
                }
                if (seen) {
                    if (seen->requestHash == p.requestHash) {
                        AppendResult again = seen->first;
                        again.duplicate = true;
                        again.recorded.clear();
                        results[i] = Result<AppendResult>(again);
                    } else {
                        results[i] = Result<AppendResult>(makeError(
                            ErrorCode::IdempotencyMismatch,
                            QStringLiteral("client key \"%1\" was already used for a different request "
                                           "(events %2..%3); a repeat must be identical")
                                .arg(r.idempotencyKey)
                                .arg(seen->first.firstSequence)
                                .arg(seen->first.lastSequence)));
                    }
                    continue;
                }
            }

            StreamVersion current = 0;
            if (auto it = versions.constFind(r.streamId); it != versions.cend()) {
                current = *it;
            } else {
                auto stored = sql.streamVersion(r.streamId);
                if (!stored)
                    return stored.error();
                current = *stored;
            }
            if (r.expectedVersion != ExpectedVersion::Any && r.expectedVersion != current) {
                results[i] = Result<AppendResult>(makeError(
                    ErrorCode::Conflict,
                    QStringLiteral("stream %1 is at version %2, not the expected %3: it changed since it "
                                   "was read; read it again and retry")
                        .arg(r.streamId)
                        .arg(current)
                        .arg(r.expectedVersion)));
                continue;
            }

            AppendResult result{head.sequence + 1, 0, 0, false, {}};
            const TimestampUs now = std::max(nowUtcMicros(), head.recordedUs);
            for (qsizetype k = 0; k < r.events.size(); ++k) {
                const NewEvent &n = r.events.at(k);
                RecordedEvent e;
                e.sequence = head.sequence + 1;
                e.streamId = r.streamId;
                e.streamVersion = ++current;
                e.type = n.type;
                e.schemaVersion = n.schemaVersion;
                e.recordedUs = now;
                e.actor = n.actor;
                e.correlationId = n.correlationId;
                e.causationId = n.causationId;
                e.payload = p.payloads.at(k);
                e.prevHash = head.hash;
                e.hash = m_hasher.hash(head.hash, e);

                if (held)
                    if (Status s = sql.insertEvent(*held, nullptr, {}); !s)
                        return s;
                held = e;
                head.sequence = e.sequence;
                head.hash = e.hash;
                if (signer)
                    hashes.append(e.hash);
                head.recordedUs = e.recordedUs;
                ++written;
                result.recorded.append(std::move(e));
            }
            result.lastSequence = head.sequence;
            result.streamVersion = current;
            versions.insert(r.streamId, current);
            if (!r.idempotencyKey.isEmpty()) {
                if (Status s = sql.insertKey(r.idempotencyKey, p.requestHash, result); !s)
                    return s;
                AppendResult first = result;
                first.recorded.clear();
                keys.insert(r.idempotencyKey, RecordedKey{p.requestHash, first});
            }
            results[i] = Result<AppendResult>(result);
        }
        if (held) {
            // The clock the batch's times came from, on its last row (signed with it when signing).
            const QString clock = m_clock.current();
            std::optional<BatchSignature> seal;
            if (signer) {
                auto signature = signer->sign(BatchSignature::signedBytes(signerId, firstWritten, head.sequence, clock, hashes));
                if (!signature)
                    return signature.error();
                seal = BatchSignature{firstWritten, head.sequence, signerId, *signature, clock};
            }
            if (Status s = sql.insertEvent(*held, seal ? &*seal : nullptr, clock); !s)
                return s;
        }
        if (written > 0)
            if (Status s = sql.notify(head.sequence); !s)
                return s;
        const auto flushing = std::chrono::steady_clock::now();
        if (Status s = sql.commit(); !s)
            return s;
        m_lastFlush = std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - flushing);
        if (const std::optional<qint64> after = m_store.m_dialect->dataVersion(m_db)) {
            if (versions.size() > KnownStreamsKept)
                versions.clear();
            m_known = KnownChain{*after, head, std::move(versions)};
        }
        m_store.m_events += written;
        return Done{};
    }

    SqlEventStore &m_store;
    QSqlDatabase m_db;
    std::unique_ptr<AppendStatements> m_statements;
    eventhash::ChainHasher m_hasher;
    ClockRecord m_clock;
    bool m_broken = false; // the last commit failed: reconnect before the next
    std::chrono::microseconds m_lastFlush{0}; // how long the last COMMIT took (CommitPace)
    // What this writer's last commit left: the chain head and the versions of the streams it
    // wrote, at the database's data version after it (see SqlDialect::dataVersion).
    struct KnownChain
    {
        qint64 dataVersion = 0;
        ChainHead head;
        QHash<QString, StreamVersion> streams;
    };
    static constexpr qsizetype KnownStreamsKept = 10'000;
    std::optional<KnownChain> m_known;
};

// The queued appends written on the calling thread, with the writer's connection, when nobody is
// writing and that connection can be used from any thread (sqlite3's C API; Qt Sql's PostgreSQL
// connection belongs to the writer's thread). Otherwise, or when more wait than one transaction
// takes, the writer thread is called.
void SqlEventStore::writeQueuedHere()
{
    if (m_location.backend == StoreLocation::Backend::Sqlite) {
        std::unique_lock writing(m_writing, std::try_to_lock);
        if (writing.owns_lock() && m_writer && !m_writer->broken()) {
            std::vector<std::unique_ptr<Pending>> batch = takeQueued();
            if (!batch.empty()) {
                m_writer->commit(batch);
                ++m_writtenHere;
            }
            writing.unlock();
            if (m_queued.load(std::memory_order_acquire) == 0)
                return;
        }
    }
    callWriter();
}

void SqlEventStore::writerLoop(std::promise<Status> &ready)
{
    const QString name = m_connectionPrefix + QStringLiteral("-w");
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(m_dialect->driverName(), name);
        // A SQLite file exists by now (start() made a new one); a database is never created here.
        Status status = m_dialect->open(db, m_location, m_password, ConnectionRole::Writer,
                                        OpenOptions::Mode::OpenExisting, m_plan);
        if (status)
            status = prepareSchema(db, *m_dialect, m_location, m_options.mode);
        std::optional<Writer> writer;
        if (status) {
            writer.emplace(*this, db);
            status = writer->prepare();
        }
        const bool ok = status.ok();
        if (ok) {
            std::lock_guard writing(m_writing);
            m_writer = &*writer; // callers may write with it from their first append
        }
        ready.set_value(std::move(status)); // `ready` is gone after this line
        if (ok) {
            for (;;) {
                // A trader's next command usually follows within a fraction of a millisecond:
                // look for it briefly before sleeping, since waking a sleeping thread costs
                // more (on a VM, tens of microseconds) than the look.
                const auto spinUntil = std::chrono::steady_clock::now() + std::chrono::microseconds(300);
                while (!m_writerCalled.load(std::memory_order_acquire) && std::chrono::steady_clock::now() < spinUntil)
                    std::this_thread::yield();
                {
                    std::unique_lock lock(m_mutex);
                    m_wake.wait(lock, [this] { return m_stopping || m_writerCalled.load(std::memory_order_relaxed); });
                    m_writerCalled.store(false, std::memory_order_relaxed);
                    if (m_stopping && m_queue.empty())
                        break; // everything queued was answered
                }
                std::lock_guard writing(m_writing);
                std::vector<std::unique_ptr<Pending>> batch = takeQueued();
                if (!batch.empty())
                    writer->commit(batch);
                if (m_queued.load(std::memory_order_acquire) > 0)
                    m_writerCalled.store(true, std::memory_order_release); // more than one transaction's worth
            }
            std::lock_guard writing(m_writing);
            m_writer = nullptr;
        }
        writer.reset();
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
}

Result<ChainHead> SqlEventStore::head() const
{
    return onReadConnection<Result<ChainHead>>([&](QSqlDatabase &db) -> Result<ChainHead> {
        QSqlQuery q(db);
        if (!q.exec(QStringLiteral("SELECT seq, hash, recorded_us FROM events ORDER BY seq DESC LIMIT 1")))
            return sqlError(ErrorCode::Io, QStringLiteral("cannot read the chain head"), q.lastError());
        ChainHead head{0, eventhash::genesis(), 0};
        if (q.next())
            head = ChainHead{q.value(0).toLongLong(), q.value(1).toByteArray(), q.value(2).toLongLong()};
        return head;
    });
}

Result<StoreAccess> SqlEventStore::access() const
{
    return onReadConnection<Result<StoreAccess>>([&](QSqlDatabase &db) -> Result<StoreAccess> {
        QSqlQuery q(db);
        if (!q.exec(m_dialect->accessStatement()) || !q.next())
            return sqlError(ErrorCode::Io, QStringLiteral("cannot read what this user may do with the store"), q.lastError());
        StoreAccess a;
        a.canAppend = q.value(0).toBool();
        a.databaseUser = q.value(1).toString();
        a.databaseRole = q.value(2).toString();
        a.canRecordReads = q.value(3).toBool();
        if (m_plan.readOnly)
            a.canAppend = a.canRecordReads = false;
        if (m_location.backend == StoreLocation::Backend::Sqlite && a.canRecordReads) {
            const QFileInfo file(m_location.path);
            const bool writable = file.isWritable() && QFileInfo(file.absolutePath()).isWritable();
            a.canAppend = a.canAppend && writable;
            a.canRecordReads = writable;
        }
        return a;
    });
}

Result<StreamVersion> SqlEventStore::streamVersion(const QString &streamId) const
{
    return onReadConnection<Result<StreamVersion>>([&](QSqlDatabase &db) -> Result<StreamVersion> {
        QSqlQuery q(db);
        q.prepare(QStringLiteral("SELECT stream_version FROM events WHERE stream_id = ? ORDER BY stream_version DESC LIMIT 1"));
        q.addBindValue(streamId);
        if (!q.exec())
            return sqlError(ErrorCode::Io, QStringLiteral("cannot read the version of %1").arg(streamId), q.lastError());
        return q.next() ? q.value(0).toLongLong() : StreamVersion(0);
    });
}

Result<Sequence> SqlEventStore::sequenceAsOf(TimestampUs timeUs) const
{
    return onReadConnection<Result<Sequence>>([&](QSqlDatabase &db) -> Result<Sequence> {
        QSqlQuery q(db);
        if (!q.exec(QStringLiteral("SELECT COALESCE(MAX(seq), 0) FROM events")) || !q.next())
            return sqlError(ErrorCode::Io, QStringLiteral("cannot read the chain head"), q.lastError());
        Sequence hi = q.value(0).toLongLong();
        q.finish();
        // Recorded times never decrease along the chain (the writer takes max(now, previous)), so
        // the answer is found by bisection on the primary key, without an index on time.
        q.prepare(QStringLiteral("SELECT recorded_us FROM events WHERE seq = ?"));
        Sequence lo = 0; // invariant: time(lo) <= T (lo = 0 stands for "before the first event")
        while (lo < hi) {
            const Sequence mid = lo + (hi - lo + 1) / 2;
            q.addBindValue(mid);
            if (!q.exec())
                return sqlError(ErrorCode::Io, QStringLiteral("cannot read event %1").arg(mid), q.lastError());
            if (!q.next())
                return makeError(ErrorCode::Integrity, QStringLiteral("event %1 is missing from the store").arg(mid));
            const TimestampUs t = q.value(0).toLongLong();
            q.finish();
            if (t <= timeUs)
                lo = mid;
            else
                hi = mid - 1;
        }
        return lo;
    });
}

Status SqlEventStore::forEachInRange(const QString &streamId, Sequence from, Sequence to, qint64 limit,
                                     ReadQuery::Columns columns, const Visitor &visit) const
{
    if (m_location.backend == StoreLocation::Backend::Sqlite)
        return sqliteForEach(sqliteName(), streamId, from, to, limit, columns, visit);
    bool handedOut = false; // a read that failed after visiting is not tried again
    const Visitor counted = [&](RecordedEvent &e) {
        handedOut = true;
        return visit(e);
    };
    return onReadConnection<Status>([&](QSqlDatabase &db) { return readRange(db, streamId, from, to, limit, counted); },
                                    &handedOut);
}

Status SqlEventStore::forEachBytes(Sequence from, Sequence to, const BytesVisitor &visit) const
{
    if (m_location.backend == StoreLocation::Backend::Sqlite)
        return sqliteForEachBytes(sqliteName(), from, to, visit);
    return EventStore::forEachBytes(from, to, visit);
}

void SqlEventStore::signWith(std::shared_ptr<const SigningKey> key)
{
    const QString id = key ? key->fingerprint() : QString();
    std::lock_guard lock(m_mutex);
    m_signer = std::move(key);
    m_signerId = id;
}

QString SqlEventStore::signingKeyId() const
{
    std::lock_guard lock(m_mutex);
    return m_signerId;
}

Status SqlEventStore::forEachSignature(Sequence from, Sequence to,
                                       const std::function<bool(const BatchSignature &)> &visit) const
{
    return onReadConnection<Status>([&](QSqlDatabase &db) -> Status {
        if (!db.record(QStringLiteral("events")).contains(QStringLiteral("batch_signature")))
            return Done{}; // a store from before batches were signed, opened read-only
        QSqlQuery q(db);
        q.setForwardOnly(true);
        if (!q.prepare(QStringLiteral("SELECT batch_first_seq, seq, batch_key_id, batch_signature, batch_clock FROM events"
                                      " WHERE batch_signature IS NOT NULL AND seq >= ? AND batch_first_seq <= ? ORDER BY seq")))
            return sqlError(ErrorCode::Io, QStringLiteral("cannot read the batch signatures"), q.lastError());
        q.addBindValue(from);
        q.addBindValue(to < 0 ? std::numeric_limits<qint64>::max() : to);
        if (!q.exec())
            return sqlError(ErrorCode::Io, QStringLiteral("cannot read the batch signatures"), q.lastError());
        while (q.next()) {
            BatchSignature s{q.value(0).toLongLong(), q.value(1).toLongLong(), q.value(2).toString(),
                             q.value(3).toByteArray(), q.value(4).toString()};
            if (!visit(s))
                break;
        }
        return Done{};
    });
}

StoreStats SqlEventStore::stats() const
{
    return StoreStats{m_commits.load(), m_requests.load(), m_events.load(), m_knownHeads.load(), m_writtenHere.load()};
}

Status SqlEventStore::startLiveFeed()
{
    std::lock_guard lock(m_feedMutex);
    if (m_feedThread)
        return Done{};
    auto thread = std::make_unique<QThread>();
    thread->setObjectName(QStringLiteral("instant-store-feed"));
    auto *feed = new StoreFeed(m_dialect.get(), m_location, m_password, m_connectionPrefix + QStringLiteral("-f"), m_plan);
    feed->moveToThread(thread.get());
    thread->start();
    Status status = Done{};
    QMetaObject::invokeMethod(feed, [feed, &status] { status = feed->start(); }, Qt::BlockingQueuedConnection);
    if (!status) {
        QMetaObject::invokeMethod(feed, [feed] { feed->stop(); }, Qt::BlockingQueuedConnection);
        thread->quit();
        thread->wait();
        delete feed;
        return status;
    }
    connect(feed, &StoreFeed::events, this, &EventStore::appended);
    connect(feed, &StoreFeed::problem, this, &EventStore::feedProblem);
    // Our own commits wake the feed at once instead of at the next poll.
    connect(this, &SqlEventStore::committed, feed, &StoreFeed::pull);
    m_feedThread = std::move(thread);
    m_feed = feed;
    return Done{};
}

StoreFeed::StoreFeed(const SqlDialect *dialect, StoreLocation location, QString password, QString connectionName,
                     OpenPlan plan)
    : m_dialect(dialect), m_location(std::move(location)), m_password(std::move(password)),
      m_connectionName(std::move(connectionName)), m_plan(std::move(plan))
{
}

StoreFeed::~StoreFeed() = default;

Status StoreFeed::connectDatabase()
{
    QSqlDatabase db = QSqlDatabase::contains(m_connectionName)
                          ? QSqlDatabase::database(m_connectionName, false)
                          : QSqlDatabase::addDatabase(m_dialect->driverName(), m_connectionName);
    db.close();
    Status status = m_dialect->open(db, m_location, m_password, ConnectionRole::Feed, OpenOptions::Mode::OpenExisting, m_plan);
    if (!status)
        return status;
    const QString channel = m_dialect->notificationChannel();
    if (!channel.isEmpty()) {
        if (!db.driver()->subscribeToNotification(channel))
            return makeError(ErrorCode::Io, QStringLiteral("cannot listen for new events on %1: %2")
                                                .arg(m_location.toUrl(), db.lastError().text()));
        disconnect(m_notifyConnection);
        m_notifyConnection = connect(db.driver(), &QSqlDriver::notification, this, [this](const QString &name) {
            if (name == m_dialect->notificationChannel())
                pull();
        });
    }
    m_connected = true;
    return Done{};
}

Status StoreFeed::start()
{
    Status status = connectDatabase();
    if (!status)
        return status;
    QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
    QSqlQuery q(db);
    if (!q.exec(QStringLiteral("SELECT COALESCE(MAX(seq), 0) FROM events")) || !q.next())
        return sqlError(ErrorCode::Io, QStringLiteral("cannot read the chain head"), q.lastError());
    m_last = q.value(0).toLongLong();
    m_poll = new QTimer(this);
    m_poll->setInterval(m_dialect->pollIntervalMs());
    connect(m_poll, &QTimer::timeout, this, [this] {
        if (!m_connected) {
            Status s = connectDatabase();
            if (!s)
                return; // still down; reported once already
            if (m_reportedDown) {
                m_reportedDown = false;
                Q_EMIT problem(QString()); // empty: recovered
            }
            pull();
            return;
        }
        QSqlDatabase conn = QSqlDatabase::database(m_connectionName, false);
        QSqlQuery probe(conn);
        if (!probe.exec(m_dialect->changeProbeStatement()) || !probe.next()) {
            pull(); // reports and reconnects
            return;
        }
        const QVariant value = probe.value(0);
        probe.finish();
        if (value != m_lastProbe) {
            m_lastProbe = value;
            pull();
        }
    });
    m_poll->start();
    return Done{};
}

void StoreFeed::stop()
{
    if (m_poll)
        m_poll->stop();
    {
        QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
        if (db.isValid() && db.isOpen() && !m_dialect->notificationChannel().isEmpty())
            db.driver()->unsubscribeFromNotification(m_dialect->notificationChannel());
        db.close();
    }
    QSqlDatabase::removeDatabase(m_connectionName);
    m_connected = false;
}

void StoreFeed::pull()
{
    if (!m_connected)
        return;
    QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
    Status status = readInBatches(
        [&](const EventStore::Visitor &visit) { return readRange(db, {}, m_last + 1, -1, -1, visit); }, ReadChunk,
        [this](const QList<RecordedEvent> &batch) {
            m_last = batch.constLast().sequence;
            Q_EMIT events(batch);
        });
    if (!status) {
        m_connected = false;
        if (!m_reportedDown) {
            m_reportedDown = true;
            Q_EMIT problem(QStringLiteral("live feed from %1 interrupted (%2); reconnecting")
                               .arg(m_location.toUrl(), status.message()));
        }
    }
}

// Used by sqlsnapshots.cpp.
template Result<std::optional<Snapshot>>
SqlEventStore::onReadConnection(const std::function<Result<std::optional<Snapshot>>(QSqlDatabase &)> &, const bool *) const;

} // namespace instant::detail
