#pragma once

// Private to core/store: the Qt Sql implementation of EventStore shared by SQLite and PostgreSQL.

#include "store/eventstore.h"
#include "store/sqldialect.h"

#include <QHash>
#include <QPromise>
#include <QSqlDatabase>
#include <QThread>
#include <QTimer>

#include <atomic>
#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>

namespace instant::detail {

class StoreFeed;

class SqlEventStore final : public EventStore
{
    Q_OBJECT

public:
    SqlEventStore(std::unique_ptr<SqlDialect> dialect, StoreLocation location, OpenOptions options,
                  QString password);
    ~SqlEventStore() override;

    // Decides what the store is before anything is written (SQLite: a read-only look at the
    // file), then starts the writer thread and prepares the schema; the store is usable once
    // this succeeds.
    Status start();

    StoreLocation location() const override { return m_location; }
    Status forEachBytes(Sequence from, Sequence to, const BytesVisitor &visit) const override;
    QFuture<Result<AppendResult>> appendAsync(AppendRequest request) override;
    Result<ChainHead> head() const override;
    Result<StreamVersion> streamVersion(const QString &streamId) const override;
    Result<Sequence> sequenceAsOf(TimestampUs timeUs) const override;
    Status startLiveFeed() override;
    StoreStats stats() const override;
    Result<StoreAccess> access() const override;
    Status writeSnapshot(const QString &name, Sequence sequence, const SnapshotWriter &write) override;
    Result<std::optional<Snapshot>> readSnapshot(const QString &name, Sequence atOrBefore,
                                                 const SnapshotVisitor &visit) const override;
    void signWith(std::shared_ptr<const SigningKey> key) override;
    QString signingKeyId() const override;
    Status forEachSignature(Sequence from, Sequence to,
                            const std::function<bool(const BatchSignature &)> &visit) const override;

Q_SIGNALS:
    void committed(qint64 lastSequence); // from the thread that wrote it, after each commit

protected:
    // Written on the calling thread when the writer's connection is free (SQLite); else as appendAsync.
    QFuture<Result<AppendResult>> appendHere(AppendRequest request) override;
    Status forEachInRange(const QString &streamId, Sequence from, Sequence to, qint64 limit, ReadQuery::Columns columns,
                          const Visitor &visit) const override;

private:
    struct Pending
    {
        AppendRequest request;
        QList<QByteArray> payloads; // canonical JSON of each event's payload
        QByteArray requestHash;
        QPromise<Result<AppendResult>> promise;
    };
    class Writer;
    class ReadConnection;
    // A thread's kept read connection (ReadConnection), while the thread lives.
    struct KeptConnection
    {
        QString name;
        bool busy = false; // a read on it is under way (a read inside it gets its own connection)
        QMetaObject::Connection threadFinished;
    };
    // Runs `body` on the calling thread's read connection. A kept connection that fails (cut by a
    // server restart or an idle timeout) is dropped and the read tried once more on a new one,
    // unless `handedOut` says the read had already delivered something.
    template <typename T>
    T onReadConnection(const std::function<T(QSqlDatabase &)> &body, const bool *handedOut = nullptr) const;
    // The thread ended (from that thread): its kept connection is closed.
    void forgetThread(QThread *thread) const;

    void writerLoop(std::promise<Status> &ready);
    enum class Hand { ToWriter, ToCaller };
    QFuture<Result<AppendResult>> enqueue(AppendRequest request, Hand hand);
    void writeQueuedHere();
    void callWriter();
    std::vector<std::unique_ptr<Pending>> takeQueued();
    Status prepareSqliteFile();
    // The name the SQLite readers open the file by.
    QString sqliteName() const;
    Error readOnlyError() const;

    std::unique_ptr<SqlDialect> m_dialect;
    const StoreLocation m_location;
    const OpenOptions m_options;
    const QString m_password;
    const QString m_connectionPrefix;
    OpenPlan m_plan; // set by start(), before any other thread uses the store

    mutable std::mutex m_mutex;
    std::condition_variable m_wake;
    std::deque<std::unique_ptr<Pending>> m_queue;
    std::atomic<qsizetype> m_queued{0}; // m_queue's size, for the writer's look before it sleeps
    bool m_stopping = false;
    std::atomic<bool> m_writerCalled{false}; // set under m_mutex: the writer thread has appends to write
    std::mutex m_writing;                    // held by whoever writes with the writer's connection
    Writer *m_writer = nullptr;              // under m_writing: the writer, while its thread runs
    std::shared_ptr<const SigningKey> m_signer; // under m_mutex
    QString m_signerId;                         // under m_mutex
    std::unique_ptr<QThread> m_writerThread;

    std::mutex m_feedMutex;
    std::unique_ptr<QThread> m_feedThread;
    StoreFeed *m_feed = nullptr;

    std::atomic<qint64> m_commits{0};
    std::atomic<qint64> m_requests{0};
    std::atomic<qint64> m_events{0};
    std::atomic<qint64> m_knownHeads{0};
    std::atomic<qint64> m_writtenHere{0};
    mutable std::atomic<qint64> m_readConnections{0};
    mutable std::mutex m_keptMutex;
    mutable QHash<QThread *, KeptConnection> m_kept;
};

// Lives on the feed thread: watches the store (notifications and polling) and emits every new
// event in sequence order.
class StoreFeed : public QObject
{
    Q_OBJECT

public:
    StoreFeed(const SqlDialect *dialect, StoreLocation location, QString password, QString connectionName,
              OpenPlan plan);
    ~StoreFeed() override;

    Status start();   // on the feed thread
    void stop();      // on the feed thread
    void pull();      // reads and emits what is new

Q_SIGNALS:
    void events(const QList<instant::RecordedEvent> &events);
    void problem(const QString &message);

private:
    Status connectDatabase();

    const SqlDialect *m_dialect;
    const StoreLocation m_location;
    const QString m_password;
    const QString m_connectionName;
    const OpenPlan m_plan;
    Sequence m_last = 0;
    QVariant m_lastProbe;
    bool m_connected = false;
    bool m_reportedDown = false;
    QTimer *m_poll = nullptr;
    QMetaObject::Connection m_notifyConnection;
};

} // namespace instant::detail
