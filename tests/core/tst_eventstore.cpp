// The event store against a real database: SQLite, or PostgreSQL when INSTANT_TEST_BACKEND=postgresql
// (ctest runs this executable once per backend).

#include "audit/chainverifier.h"
#include "events/eventhash.h"
#include "store/eventstore.h"
#include "teststores.h"

#include <QProcess>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>
#include <QThread>

#include <atomic>
#include <barrier>

using namespace instant;
using namespace instant::test;

class TestEventStore : public QObject
{
    Q_OBJECT

private:
    TestStores stores;

    static QList<RecordedEvent> all(const EventStore &store)
    {
        auto events = store.read(ReadQuery{});
        if (!events)
            qFatal("read failed: %s", qPrintable(events.message()));
        return *events;
    }

    void execRaw(QSqlDatabase &db, const QString &sql)
    {
        QSqlQuery q(db);
        if (!q.exec(sql))
            QFAIL(qPrintable(QStringLiteral("%1: %2").arg(sql, q.lastError().text())));
    }

    // Fills a store with n events over three streams.
    static void fill(EventStore &store, int n)
    {
        for (int i = 0; i < n; ++i) {
            auto r = store.append(request(QStringLiteral("order-%1").arg(i % 3), ExpectedVersion::Any,
                                          {newEvent(QStringLiteral("OrderAccepted"), {{QStringLiteral("qty"), 100 + i}})}));
            QVERIFY2(r.ok(), qPrintable(r.message()));
        }
    }

    // Ticks written by several threads, each on its own stream with "i" counting from 0: the
    // sequence is gapless, and within each stream the versions are gapless and in the order its
    // thread asked.
    static void checkTicks(const QList<RecordedEvent> &events, int expected)
    {
        QCOMPARE(events.size(), expected);
        QHash<QString, qint64> lastI;
        for (int k = 0; k < events.size(); ++k) {
            const RecordedEvent &e = events.at(k);
            QCOMPARE(e.sequence, k + 1);
            const qint64 i = e.payloadObject().value(QStringLiteral("i")).toInteger();
            QCOMPARE(i, lastI.value(e.streamId, -1) + 1);
            QCOMPARE(e.streamVersion, i + 1);
            lastI[e.streamId] = i;
        }
    }

private Q_SLOTS:
    void appendAndReadBack()
    {
        const QString url = stores.freshUrl();
        auto store = stores.open(url);
        auto first = store->append(request(QStringLiteral("order-1"), ExpectedVersion::NoStream,
                                           {newEvent(QStringLiteral("OrderAccepted"),
                                                  {{QStringLiteral("symbol"), QStringLiteral("AAPL")},
                                                   {QStringLiteral("qty"), 100}}),
                                            newEvent(QStringLiteral("FundsReserved"), {{QStringLiteral("cents"), 1234500}})}));
        QVERIFY2(first.ok(), qPrintable(first.message()));
        QCOMPARE(first->firstSequence, 1);
        QCOMPARE(first->lastSequence, 2);
        QCOMPARE(first->streamVersion, 2);
        QVERIFY(!first->duplicate);

        auto second = store->append(request(QStringLiteral("order-2"), ExpectedVersion::NoStream,
                                            {newEvent(QStringLiteral("OrderAccepted"), {{QStringLiteral("qty"), 5}})}));
        QVERIFY(second.ok());
        QCOMPARE(second->firstSequence, 3);
        QCOMPARE(second->streamVersion, 1);

        const QList<RecordedEvent> events = all(*store);
        QCOMPARE(events.size(), 3);
        QByteArray prev = eventhash::genesis();
        for (int i = 0; i < events.size(); ++i) {
            const RecordedEvent &e = events.at(i);
            QCOMPARE(e.sequence, i + 1);
            QCOMPARE(e.prevHash, prev);
            QCOMPARE(e.hash, eventhash::chainHash(prev, e));
            QCOMPARE(e.actor, (Actor{QStringLiteral("alice"), QStringLiteral("trader")}));
            QCOMPARE(e.correlationId, QStringLiteral("corr-1"));
            if (i > 0)
                QVERIFY(e.recordedUs >= events.at(i - 1).recordedUs);
            prev = e.hash;
        }
        // Payloads are stored as canonical JSON: compact, keys sorted.
        QCOMPARE(events.at(0).payload, QByteArray(R"({"qty":100,"symbol":"AAPL"})"));
        QCOMPARE(events.at(1).type, QStringLiteral("FundsReserved"));
        QVERIFY(qAbs(events.at(0).recordedUs - nowUtcMicros()) < 60'000'000);

        auto stream = store->readStream(QStringLiteral("order-1"));
        QVERIFY(stream.ok());
        QCOMPARE(stream->size(), 2);
        QCOMPARE(stream->at(1).streamVersion, 2);
        auto version = store->streamVersion(QStringLiteral("order-1"));
        QCOMPARE(*version, 2);
        QCOMPARE(*store->streamVersion(QStringLiteral("nobody")), 0);
        auto head = store->head();
        QCOMPARE(head->sequence, 3);
        QCOMPARE(head->hash, events.last().hash);
    }

    void reopenContinuesTheChain()
    {
        const QString url = stores.freshUrl();
        {
            auto store = stores.open(url);
            fill(*store, 5);
        }
        auto store = stores.open(url);
        QCOMPARE(store->head()->sequence, 5);
        fill(*store, 5);
        auto report = verifyChain(*store);
        QVERIFY(report.ok());
        QVERIFY2(report->intact, qPrintable(report->problem));
        QCOMPARE(report->eventCount, 10);
    }

    void invalidAppendsAreRejectedWithAReason()
    {
        auto store = stores.open(stores.freshUrl());
        auto noStream = store->append(request(QString(), ExpectedVersion::Any, {newEvent(QStringLiteral("X"))}));
        QCOMPARE(noStream.code(), ErrorCode::InvalidArgument);
        QVERIFY(noStream.message().contains(QStringLiteral("stream id")));
        auto noEvents = store->append(request(QStringLiteral("s"), ExpectedVersion::Any, {}));
        QCOMPARE(noEvents.code(), ErrorCode::InvalidArgument);
        auto noType = store->append(request(QStringLiteral("s"), ExpectedVersion::Any, {newEvent(QString())}));
        QCOMPARE(noType.code(), ErrorCode::InvalidArgument);
        auto badVersion = store->append(request(QStringLiteral("s"), -7, {newEvent(QStringLiteral("X"))}));
        QCOMPARE(badVersion.code(), ErrorCode::InvalidArgument);
        QCOMPARE(store->head()->sequence, 0);
    }

    void staleExpectedVersionIsAConflict()
    {
        auto store = stores.open(stores.freshUrl());
        QVERIFY(store->append(request(QStringLiteral("o"), ExpectedVersion::NoStream, {newEvent(QStringLiteral("A"))})).ok());
        auto again = store->append(request(QStringLiteral("o"), ExpectedVersion::NoStream, {newEvent(QStringLiteral("B"))}));
        QCOMPARE(again.code(), ErrorCode::Conflict);
        QVERIFY2(again.message().contains(QStringLiteral("version 1")), qPrintable(again.message()));
        QVERIFY(store->append(request(QStringLiteral("o"), 1, {newEvent(QStringLiteral("B"))})).ok());
        auto stale = store->append(request(QStringLiteral("o"), 1, {newEvent(QStringLiteral("C"))}));
        QCOMPARE(stale.code(), ErrorCode::Conflict);
        QCOMPARE(store->head()->sequence, 2);
    }

    // Two workstations (two stores, two connections) read version N and both append at N.
    void concurrentAppendsToOneStreamExactlyOneWins()
    {
        const QString url = stores.freshUrl();
        auto a = stores.open(url);
        auto b = stores.open(url);
        const QString stream = QStringLiteral("order-race");
        for (int round = 0; round < 20; ++round) {
            const StreamVersion seen = *a->streamVersion(stream);
            std::barrier sync(2);
            Result<AppendResult> ra = makeError(ErrorCode::Io, {}), rb = makeError(ErrorCode::Io, {});
            std::unique_ptr<QThread> ta(QThread::create([&] {
                sync.arrive_and_wait();
                ra = a->append(request(stream, seen, {newEvent(QStringLiteral("FromA"))}));
            }));
            std::unique_ptr<QThread> tb(QThread::create([&] {
                sync.arrive_and_wait();
                rb = b->append(request(stream, seen, {newEvent(QStringLiteral("FromB"))}));
            }));
            ta->start();
            tb->start();
            ta->wait();
            tb->wait();
            QVERIFY2(ra.ok() != rb.ok(), qPrintable(QStringLiteral("round %1: a=%2 b=%3")
                                                        .arg(round)
                                                        .arg(ra.ok() ? QStringLiteral("ok") : ra.message(),
                                                             rb.ok() ? QStringLiteral("ok") : rb.message())));
            const auto &loser = ra.ok() ? rb : ra;
            QCOMPARE(loser.code(), ErrorCode::Conflict);
        }
        QCOMPARE(*a->streamVersion(stream), 20);
        auto report = verifyChain(*a);
        QVERIFY(report->intact);
        QCOMPARE(report->eventCount, 20);
    }

    // A writer keeps the chain head and the stream versions it left while nobody else writes
    // (SQLite: the file's data version). Another store object on the same file writing in
    // between is seen at once: versions conflict as they should, the chain never forks.
    void aWriterSeesWhatAnotherWroteSinceItsLastCommit()
    {
        const QString url = stores.freshUrl();
        auto a = stores.open(url);
        auto b = stores.open(url);
        const QString stream = QStringLiteral("account-shared");
        QVERIFY(a->append(request(stream, ExpectedVersion::NoStream, {newEvent(QStringLiteral("Opened"))})).ok());
        for (int i = 0; i < 5; ++i)
            QVERIFY(a->append(request(stream, 1 + i, {newEvent(QStringLiteral("FromA"))})).ok());
        const qint64 knownBefore = a->stats().knownHeads;
        if (!stores.isPostgres())
            QCOMPARE(knownBefore, 5); // every commit after the first began from what it left
        else
            QCOMPARE(knownBefore, 0); // a shared server: always read

        for (int round = 0; round < 10; ++round) {
            const StreamVersion at = 6 + 2 * round;
            // b writes; a's next write must build on it
            QVERIFY(b->append(request(stream, at, {newEvent(QStringLiteral("FromB"))})).ok());
            auto stale = a->append(request(stream, at, {newEvent(QStringLiteral("FromA"))}));
            QVERIFY(!stale);
            QCOMPARE(stale.code(), ErrorCode::Conflict);
            auto fresh = a->append(request(stream, at + 1, {newEvent(QStringLiteral("FromA"))}));
            QVERIFY2(fresh.ok(), qPrintable(fresh.ok() ? QString() : fresh.message()));
            QCOMPARE(fresh->firstSequence, Sequence(at + 2));
        }
        // b's appends went between a's commits: a read the head again each time it had to
        if (!stores.isPostgres())
            QCOMPARE(a->stats().knownHeads, knownBefore + 10); // its own refused write in between left the head known again
        QCOMPARE(*a->streamVersion(stream), 26);
        QCOMPARE(*b->streamVersion(stream), 26);
        auto report = verifyChain(*a);
        QVERIFY(report->intact);
        QCOMPARE(report->eventCount, 26);
    }

    // Many writers at once: one writer thread commits them in groups; the chain stays whole.
    void groupCommitUnderConcurrentWriters()
    {
        const QString url = stores.freshUrl();
        auto store = stores.open(url);
        auto other = stores.open(url); // a second workstation writing at the same time
        constexpr int threads = 6, perThread = 150;
        std::vector<std::unique_ptr<QThread>> workers;
        std::atomic<int> failures{0};
        for (int t = 0; t < threads; ++t) {
            EventStore *target = t % 3 == 2 ? other.get() : store.get();
            workers.emplace_back(QThread::create([&failures, target, t] {
                QList<QFuture<Result<AppendResult>>> futures;
                for (int i = 0; i < perThread; ++i)
                    futures.append(target->appendAsync(request(QStringLiteral("w%1").arg(t), ExpectedVersion::Any,
                                                               {newEvent(QStringLiteral("Tick"), {{QStringLiteral("i"), i}})})));
                for (auto &f : futures) {
                    f.waitForFinished();
                    if (!f.result().ok())
                        ++failures;
                }
            }));
            workers.back()->start();
        }
        for (auto &w : workers)
            w->wait();
        QCOMPARE(failures.load(), 0);
        checkTicks(all(*store), threads * perThread);
        const StoreStats s = store->stats();
        QCOMPARE(s.requests + other->stats().requests, threads * perThread);
        QVERIFY2(s.commits < s.requests, qPrintable(QStringLiteral("%1 commits for %2 requests: no grouping")
                                                         .arg(s.commits)
                                                         .arg(s.requests)));
        QVERIFY(verifyChain(*store)->intact);
    }

    // A caller waiting for its append on a SQLite store that nobody else is writing to writes it
    // itself: no hand-over to the writer thread and back. PostgreSQL's connection stays on the
    // writer's thread.
    void aWaitingCallerWritesItsOwnAppend()
    {
        auto store = stores.open(stores.freshUrl());
        constexpr int appends = 20;
        for (int i = 0; i < appends; ++i) {
            auto r = store->append(request(QStringLiteral("order-1"), i, {newEvent(QStringLiteral("Tick"), {{QStringLiteral("i"), i}})}));
            QVERIFY2(r.ok(), qPrintable(r.message()));
            QCOMPARE(r->lastSequence, i + 1);
        }
        const StoreStats s = store->stats();
        QCOMPARE(s.commits, appends);
        QCOMPARE(s.writtenHere, stores.isPostgres() ? 0 : appends);
        // The writer thread still answers those who do not wait.
        auto later = store->appendAsync(request(QStringLiteral("order-1"), appends, {newEvent(QStringLiteral("Tick"), {})}));
        later.waitForFinished();
        QVERIFY2(later.result().ok(), qPrintable(later.result().message()));
        QCOMPARE(store->stats().writtenHere, s.writtenHere);
        QCOMPARE(store->stats().commits, appends + 1);
        QVERIFY(verifyChain(*store)->intact);
    }

    // Callers that wait (each may write what is queued) and callers that do not (the writer thread
    // writes for them) on one store, and a second store on the same database: every append is
    // answered once, in one gapless chain, each stream in the order its thread asked.
    void waitingAndQueuedAppendsMix()
    {
        const QString url = stores.freshUrl();
        auto store = stores.open(url);
        auto other = stores.open(url);
        constexpr int threads = 6, perThread = 120;
        std::vector<std::unique_ptr<QThread>> workers;
        std::atomic<int> failures{0};
        for (int t = 0; t < threads; ++t) {
            EventStore *target = t == 5 ? other.get() : store.get();
            const bool waits = t % 2 == 0 || t == 5;
            workers.emplace_back(QThread::create([&failures, target, t, waits] {
                QList<QFuture<Result<AppendResult>>> futures;
                for (int i = 0; i < perThread; ++i) {
                    AppendRequest r = request(QStringLiteral("w%1").arg(t), ExpectedVersion::Any,
                                              {newEvent(QStringLiteral("Tick"), {{QStringLiteral("i"), i}})});
                    if (waits) {
                        auto done = target->append(std::move(r));
                        failures += !done.ok() || done->recorded.size() != 1;
                    } else {
                        futures.append(target->appendAsync(std::move(r)));
                    }
                }
                for (auto &f : futures) {
                    f.waitForFinished();
                    failures += !f.result().ok();
                }
            }));
            workers.back()->start();
        }
        for (auto &w : workers)
            w->wait();
        QCOMPARE(failures.load(), 0);
        checkTicks(all(*store), threads * perThread);
        QCOMPARE(store->stats().requests + other->stats().requests, threads * perThread);
        QVERIFY(verifyChain(*store)->intact);
    }

    void updateAndDeleteAreRefusedByTheDatabase()
    {
        const QString url = stores.freshUrl();
        auto store = stores.open(url);
        fill(*store, 3);
        QSqlDatabase db = stores.raw(url);
        QSqlQuery q(db);
        QVERIFY(!q.exec(QStringLiteral("UPDATE events SET payload = '{}' WHERE seq = 2")));
        QVERIFY2(q.lastError().text().contains(QStringLiteral("append-only")), qPrintable(q.lastError().text()));
        QVERIFY(!q.exec(QStringLiteral("DELETE FROM events WHERE seq = 3")));
        QVERIFY(q.lastError().text().contains(QStringLiteral("append-only")));
        QVERIFY(!q.exec(QStringLiteral("UPDATE idempotency SET first_seq = 0")) || q.numRowsAffected() == 0);
        if (stores.isPostgres()) {
            QVERIFY(!q.exec(QStringLiteral("TRUNCATE events")));
            QVERIFY(q.lastError().text().contains(QStringLiteral("append-only")));
        }
        QVERIFY(verifyChain(*store)->intact);
        QCOMPARE(all(*store).size(), 3);
    }

    // The same from the database's own shell, as an operator would try it.
    void updateIsRefusedFromTheSqlShell()
    {
        const QString url = stores.freshUrl();
        auto store = stores.open(url);
        fill(*store, 2);
        QProcess shell;
        if (stores.isPostgres()) {
            const QString psql = QStandardPaths::findExecutable(QStringLiteral("psql"));
            if (psql.isEmpty())
                QSKIP("psql is not installed");
            const auto loc = *StoreLocation::parse(url);
            shell.start(psql, {QStringLiteral("-h"), loc.host, QStringLiteral("-p"), QString::number(loc.port),
                               QStringLiteral("-U"), loc.user, QStringLiteral("-d"), loc.database,
                               QStringLiteral("-v"), QStringLiteral("ON_ERROR_STOP=1"), QStringLiteral("-c"),
                               QStringLiteral("DELETE FROM events")});
        } else {
            const QString sqlite = QStandardPaths::findExecutable(QStringLiteral("sqlite3"));
            if (sqlite.isEmpty())
                QSKIP("sqlite3 is not installed");
            shell.start(sqlite, {url.mid(9), QStringLiteral("DELETE FROM events;")});
        }
        QVERIFY(shell.waitForFinished(30000));
        QVERIFY(shell.exitCode() != 0);
        QVERIFY2(shell.readAllStandardError().contains("append-only"), "the shell did not report the trigger");
        QCOMPARE(all(*store).size(), 2);
    }

    void tamperingIsDetected_data()
    {
        // The hashed columns (a signed batch's columns stay empty in a forged row).
        const QString Columns = QStringLiteral("seq, stream_id, stream_version, type, schema_version, recorded_us, actor_user,"
                                               " actor_role, correlation_id, causation_id, payload, prev_hash, hash");
        QTest::addColumn<QStringList>("attack");
        QTest::addColumn<qint64>("firstBad");
        QTest::newRow("altered payload byte")
            << QStringList{QStringLiteral("UPDATE events SET payload = replace(payload, '104', '105') WHERE seq = 5")}
            << qint64(5);
        QTest::newRow("altered actor") << QStringList{QStringLiteral("UPDATE events SET actor_user = 'mallory' WHERE seq = 7")}
                                       << qint64(7);
        QTest::newRow("altered hash") << QStringList{QStringLiteral("UPDATE events SET hash = prev_hash WHERE seq = 9")}
                                      << qint64(9);
        QTest::newRow("removed event") << QStringList{QStringLiteral("DELETE FROM events WHERE seq = 4")} << qint64(4);
        QTest::newRow("removed first event") << QStringList{QStringLiteral("DELETE FROM events WHERE seq = 1")} << qint64(1);
        QTest::newRow("reordered events")
            << QStringList{QStringLiteral("UPDATE events SET seq = -3 WHERE seq = 3"),
                           QStringLiteral("UPDATE events SET seq = 3 WHERE seq = 6"),
                           QStringLiteral("UPDATE events SET seq = 6 WHERE seq = -3")}
            << qint64(3);
        QTest::newRow("inserted event")
            << QStringList{QStringLiteral("UPDATE events SET seq = seq + 1000 WHERE seq >= 8"),
                           QStringLiteral("UPDATE events SET seq = seq - 999 WHERE seq >= 1008"),
                           QStringLiteral("INSERT INTO events (%1) SELECT 8, stream_id, stream_version + 100, type, schema_version,"
                                          " recorded_us, actor_user, actor_role, correlation_id, causation_id, payload,"
                                          " prev_hash, hash FROM events WHERE seq = 7").arg(Columns)}
            << qint64(8);
        QTest::newRow("appended forgery") << QStringList{
            QStringLiteral("INSERT INTO events (%1) SELECT 11, 'forged', 1, type, schema_version, recorded_us, actor_user,"
                           " actor_role, correlation_id, causation_id, payload, hash, prev_hash FROM events WHERE seq = 10").arg(Columns)}
                                          << qint64(11);
    }

    // An attacker with SQL access drops the triggers and rewrites history; verify names the spot.
    void tamperingIsDetected()
    {
        QFETCH(QStringList, attack);
        QFETCH(qint64, firstBad);
        const QString url = stores.freshUrl();
        auto store = stores.open(url);
        fill(*store, 10);
        QVERIFY(verifyChain(*store)->intact);

        QSqlDatabase db = stores.raw(url);
        if (stores.isPostgres())
            execRaw(db, QStringLiteral("DROP TRIGGER events_append_only ON events"));
        else {
            execRaw(db, QStringLiteral("DROP TRIGGER events_no_update"));
            execRaw(db, QStringLiteral("DROP TRIGGER events_no_delete"));
        }
        if (stores.isPostgres())
            execRaw(db, QStringLiteral("ALTER TABLE events DROP CONSTRAINT events_stream_id_stream_version_key"));
        for (const QString &sql : attack)
            execRaw(db, sql);

        auto report = verifyChain(*store);
        QVERIFY(report.ok());
        QVERIFY(!report->intact);
        QCOMPARE(report->firstBadSequence, firstBad);
        QCOMPARE(report->eventCount, firstBad - 1);
        QVERIFY(!report->problem.isEmpty());
    }

    void idempotentRepeatReturnsTheFirstResult()
    {
        const QString url = stores.freshUrl();
        auto store = stores.open(url);
        auto make = [](int qty) {
            return request(QStringLiteral("order-7"), ExpectedVersion::Any,
                           {newEvent(QStringLiteral("OrderAccepted"), {{QStringLiteral("qty"), qty}})},
                           QStringLiteral("client-order-7"));
        };
        auto first = store->append(make(100));
        QVERIFY(first.ok());
        fill(*store, 2);
        auto repeat = store->append(make(100));
        QVERIFY(repeat.ok());
        QVERIFY(repeat->duplicate);
        QCOMPARE(repeat->firstSequence, first->firstSequence);
        QCOMPARE(repeat->lastSequence, first->lastSequence);
        QCOMPARE(repeat->streamVersion, first->streamVersion);

        auto different = store->append(make(200));
        QCOMPARE(different.code(), ErrorCode::IdempotencyMismatch);
        QVERIFY(different.message().contains(QStringLiteral("client-order-7")));
        QCOMPARE(store->head()->sequence, 3);

        // The key survives a restart, and a second workstation sees it too.
        store.reset();
        auto reopened = stores.open(url);
        auto other = stores.open(url);
        QVERIFY(reopened->append(make(100))->duplicate);
        QVERIFY(other->append(make(100))->duplicate);
        QCOMPARE(other->append(make(300)).code(), ErrorCode::IdempotencyMismatch);
        QCOMPARE(reopened->head()->sequence, 3);
    }

    void sameKeyFromTwoWorkstationsAtOnceWritesOnce()
    {
        const QString url = stores.freshUrl();
        auto a = stores.open(url);
        auto b = stores.open(url);
        for (int round = 0; round < 10; ++round) {
            const QString key = QStringLiteral("k-%1").arg(round);
            auto req = request(QStringLiteral("s-%1").arg(round), ExpectedVersion::Any, {newEvent(QStringLiteral("E"))}, key);
            auto fa = a->appendAsync(req);
            auto fb = b->appendAsync(req);
            auto fc = a->appendAsync(req); // and twice in one group commit
            fa.waitForFinished();
            fb.waitForFinished();
            fc.waitForFinished();
            QVERIFY(fa.result().ok() && fb.result().ok() && fc.result().ok());
            const int written = int(!fa.result()->duplicate) + int(!fb.result()->duplicate) + int(!fc.result()->duplicate);
            QCOMPARE(written, 1);
            QCOMPARE(fa.result()->firstSequence, fb.result()->firstSequence);
            QCOMPARE(fa.result()->firstSequence, fc.result()->firstSequence);
        }
        QCOMPARE(a->head()->sequence, 10);
    }

    // A snapshot larger than the pieces a SQLite store writes it in reads back byte for byte; one
    // saved again at the same sequence is not an error and leaves the first.
    void aLargeSnapshotReadsBackWhole()
    {
        auto store = stores.open(stores.freshUrl());
        fill(*store, 3);
        QByteArray payload;
        payload.reserve((9 << 20) + 123);
        for (int i = 0; payload.size() < (9 << 20) + 123; ++i)
            payload.append(char(i * 7 + (i >> 11))); // every byte value, zeros included
        Status saved = store->saveSnapshot(QStringLiteral("big"), 2, payload);
        QVERIFY2(saved.ok(), qPrintable(saved.message()));
        auto read = store->latestSnapshot(QStringLiteral("big"), 3);
        QVERIFY2(read.ok() && read->has_value(), qPrintable(read.message()));
        QCOMPARE((*read)->sequence, 2);
        QCOMPARE((*read)->payload.size(), payload.size());
        QVERIFY((*read)->payload == payload);
        QVERIFY(store->saveSnapshot(QStringLiteral("big"), 2, "{}").ok());
        QVERIFY((*store->latestSnapshot(QStringLiteral("big"), 3))->payload == payload);
    }

    // A snapshot written in pieces is stored as they come and handed back piece by piece, in
    // order, each as written. One whose writer stopped half-way is not saved (the older one is
    // still read, and the same sequence can be saved again); one with a damaged piece, or that its
    // reader refuses, is passed over for the next older, which is read from its first piece.
    void aSnapshotInPiecesIsReadPieceByPiece()
    {
        const QString url = stores.freshUrl();
        auto store = stores.open(url);
        fill(*store, 4);
        const QByteArrayList pieces{"first", QByteArray(70000, 'x'), "", "third\0\n", "last"};
        auto writeAll = [&pieces](const EventStore::SnapshotSink &sink) {
            for (const QByteArray &piece : pieces)
                if (!sink(piece))
                    return false;
            return true;
        };
        QVERIFY(store->writeSnapshot(QStringLiteral("s"), 2, writeAll).ok());
        auto stopsAfterTwo = [&pieces](const EventStore::SnapshotSink &sink) { return sink(pieces[0]) && sink(pieces[1]) && false; };
        QVERIFY(!store->writeSnapshot(QStringLiteral("s"), 3, stopsAfterTwo).ok());

        QList<QPair<qsizetype, QByteArray>> seen;
        auto record = [&seen](const Snapshot &, qsizetype piece, QByteArrayView bytes) {
            seen.append({piece, bytes.toByteArray()});
            return true;
        };
        auto read = store->readSnapshot(QStringLiteral("s"), 3, record);
        QVERIFY2(read.ok() && read->has_value(), qPrintable(read.message()));
        QCOMPARE((*read)->sequence, 2); // not the one left half-written at 3
        QCOMPARE((*read)->payload, QByteArray());
        QCOMPARE(seen.size(), pieces.size());
        for (qsizetype n = 0; n < pieces.size(); ++n)
            QCOMPARE(seen.at(n), qMakePair(n, pieces.at(n)));
        QCOMPARE((*store->latestSnapshot(QStringLiteral("s"), 9))->payload, pieces.join());

        QVERIFY(store->writeSnapshot(QStringLiteral("s"), 3, writeAll).ok()); // saved again, whole
        QCOMPARE((*store->latestSnapshot(QStringLiteral("s"), 9))->sequence, 3);

        // The reader refuses the newest at its second piece: the older is read from its start.
        seen.clear();
        read = store->readSnapshot(QStringLiteral("s"), 9, [&seen](const Snapshot &h, qsizetype piece, QByteArrayView bytes) {
            seen.append({piece, bytes.toByteArray()});
            return !(h.sequence == 3 && piece == 1);
        });
        QCOMPARE((*read)->sequence, 2);
        QCOMPARE(seen.size(), 2 + pieces.size());
        QCOMPARE(seen.at(2).first, 0);

        {
            QSqlDatabase db = stores.raw(url);
            execRaw(db, QStringLiteral("UPDATE snapshot_pieces SET payload = ? WHERE sequence = 3 AND piece = 3")
                            .replace(QStringLiteral("?"), stores.isPostgres() ? QStringLiteral("'\\x00'::bytea")
                                                                              : QStringLiteral("x'00'")));
        }
        QCOMPARE((*store->latestSnapshot(QStringLiteral("s"), 9))->sequence, 2); // damaged: passed over
    }

    // Each saved snapshot of a long book is a copy of it: the newest three are kept, older ones
    // (their pieces too) are let go once a newer one is saved; "as of" before them finds none.
    void onlyTheNewestSnapshotsAreKept()
    {
        const QString url = stores.freshUrl();
        auto store = stores.open(url);
        fill(*store, 6);
        for (Sequence at = 1; at <= 5; ++at)
            QVERIFY(store->writeSnapshot(QStringLiteral("k"), at, [at](const EventStore::SnapshotSink &sink) {
                return sink(QByteArray::number(at)) && sink(QByteArray(3000, 'p'));
            }).ok());
        QCOMPARE((*store->latestSnapshot(QStringLiteral("k"), 9))->payload, QByteArray("5") + QByteArray(3000, 'p'));
        QCOMPARE((*store->latestSnapshot(QStringLiteral("k"), 3))->sequence, 3);
        QVERIFY(!store->latestSnapshot(QStringLiteral("k"), 2)->has_value());
        QSqlDatabase db = stores.raw(url);
        QSqlQuery q(db);
        QVERIFY(q.exec(QStringLiteral("SELECT COUNT(*), MIN(sequence) FROM snapshot_pieces WHERE name = 'k'")) && q.next());
        QCOMPARE(q.value(0).toInt(), 3);
        QCOMPARE(q.value(1).toLongLong(), 3);
    }

    void asOfReads()
    {
        auto store = stores.open(stores.freshUrl());
        fill(*store, 4);
        QTest::qWait(5);
        const TimestampUs between = nowUtcMicros();
        QTest::qWait(5);
        fill(*store, 3);

        QCOMPARE(*store->sequenceAsOf(between), 4);
        QCOMPARE(*store->sequenceAsOf(0), 0);
        QCOMPARE(*store->sequenceAsOf(nowUtcMicros() + 1'000'000), 7);

        ReadQuery asOfTime;
        asOfTime.toTimeUs = between;
        auto before = store->read(asOfTime);
        QCOMPARE(before->size(), 4);
        QCOMPARE(before->last().sequence, 4);

        ReadQuery after;
        after.fromTimeUs = between;
        auto later = store->read(after);
        QCOMPARE(later->size(), 3);
        QCOMPARE(later->first().sequence, 5);

        ReadQuery asOfSeq;
        asOfSeq.toSequence = 2;
        QCOMPARE(store->read(asOfSeq)->size(), 2);

        ReadQuery streamAsOf;
        streamAsOf.streamId = QStringLiteral("order-0");
        streamAsOf.toTimeUs = between;
        auto stream = store->read(streamAsOf); // order-0 got events 1 and 4 before, 7 after
        QCOMPARE(stream->size(), 2);
        QCOMPARE(stream->last().sequence, 4);

        ReadQuery limited;
        limited.fromSequence = 3;
        limited.limit = 2;
        auto page = store->read(limited);
        QCOMPARE(page->size(), 2);
        QCOMPARE(page->first().sequence, 3);

        ReadQuery empty;
        empty.toTimeUs = 1;
        QCOMPARE(store->read(empty)->size(), 0);
    }

    void readsStreamPastOneChunk()
    {
        auto store = stores.open(stores.freshUrl());
        QList<NewEvent> many;
        for (int i = 0; i < 12'000; ++i)
            many.append(newEvent(QStringLiteral("Tick"), {{QStringLiteral("i"), i}}));
        QVERIFY(store->append(request(QStringLiteral("ticks"), ExpectedVersion::NoStream, many)).ok());
        qint64 seen = 0, expected = 1;
        bool inOrder = true;
        QVERIFY(store->forEach(ReadQuery{}, [&](const RecordedEvent &e) {
            inOrder = inOrder && e.sequence == expected++;
            ++seen;
            return true;
        }));
        QVERIFY(inOrder);
        QCOMPARE(seen, 12'000);
        auto report = verifyChain(*store);
        QVERIFY(report->intact);
        QCOMPARE(report->eventCount, 12'000);
    }

    void subscriptionCatchesUpThenGoesLive()
    {
        auto store = stores.open(stores.freshUrl());
        fill(*store, 5);
        EventSubscription *sub = store->subscribe(2, this);
        QList<Sequence> seen;
        connect(sub, &EventSubscription::events, this, [&seen](const QList<RecordedEvent> &batch) {
            for (const RecordedEvent &e : batch)
                seen.append(e.sequence);
        });
        QTRY_COMPARE(seen.size(), 3);
        fill(*store, 4);
        QTRY_COMPARE_WITH_TIMEOUT(seen.size(), 7, 10000);
        for (int i = 0; i < seen.size(); ++i)
            QCOMPARE(seen.at(i), i + 3);
        delete sub;
    }

    // Another workstation (its own store object and connections) appends; ours hears of every
    // event once, in order, with no gap: LISTEN/NOTIFY on PostgreSQL, data_version on SQLite.
    void subscriptionSeesAnotherWorkstationsEvents()
    {
        const QString url = stores.freshUrl();
        auto ours = stores.open(url);
        auto theirs = stores.open(url);
        auto third = stores.open(url);
        EventSubscription *sub = ours->subscribe(0, this);
        QList<Sequence> seen;
        connect(sub, &EventSubscription::events, this, [&seen](const QList<RecordedEvent> &batch) {
            for (const RecordedEvent &e : batch)
                seen.append(e.sequence);
        });
        QTest::qWait(50);
        std::unique_ptr<QThread> w1(QThread::create([&] { fill(*theirs, 150); }));
        std::unique_ptr<QThread> w2(QThread::create([&] { fill(*third, 150); }));
        w1->start();
        w2->start();
        while (!w1->isFinished() || !w2->isFinished())
            QTest::qWait(10);
        QTRY_COMPARE_WITH_TIMEOUT(seen.size(), 300, 15000);
        for (int i = 0; i < seen.size(); ++i)
            QCOMPARE(seen.at(i), i + 1);
        QCOMPARE(ours->stats().events, 0); // none were written by us
        delete sub;
    }

    void notifyArrivesWithoutPolling()
    {
        if (!stores.isPostgres())
            QSKIP("LISTEN/NOTIFY is PostgreSQL's");
        const QString url = stores.freshUrl();
        auto ours = stores.open(url);
        auto theirs = stores.open(url);
        QVERIFY(ours->startLiveFeed().ok());
        QSignalSpy spy(ours.get(), &EventStore::appended);
        QElapsedTimer clock;
        clock.start();
        QVERIFY(theirs->append(request(QStringLiteral("x"), ExpectedVersion::Any, {newEvent(QStringLiteral("Ping"))})).ok());
        QTRY_VERIFY_WITH_TIMEOUT(spy.count() >= 1, 5000);
        // The poll interval is 2 s: arriving well before it means the notification did it.
        QVERIFY2(clock.elapsed() < 1500, qPrintable(QStringLiteral("took %1 ms").arg(clock.elapsed())));
    }

    void notAStoreIsAClearError()
    {
        if (stores.isPostgres()) {
            const QString url = stores.freshUrl();
            QSqlDatabase db = stores.raw(url);
            execRaw(db, QStringLiteral("CREATE TABLE events (id int)"));
            auto store = openEventStore(url);
            QVERIFY(!store.ok());
            QCOMPARE(store.code(), ErrorCode::NotAStore);
            QVERIFY(db.tables().contains(QStringLiteral("events")));
            QVERIFY(!db.tables().contains(QStringLiteral("schema_version")));
            return;
        }
        const QString junk = stores.tempPath(QStringLiteral("junk.db"));
        QFile file(junk);
        QVERIFY(file.open(QIODevice::WriteOnly));
        QByteArray bytes(8192, Qt::Uninitialized);
        for (int i = 0; i < bytes.size(); ++i)
            bytes[i] = char((i * 7919 + 13) & 0xff);
        file.write(bytes);
        file.close();
        auto store = openEventStore(QStringLiteral("sqlite://") + junk);
        QVERIFY(!store.ok());
        QCOMPARE(store.code(), ErrorCode::NotAStore);
        QVERIFY2(store.message().contains(QStringLiteral("not an Instant event store")), qPrintable(store.message()));
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), bytes); // not touched

        // A SQLite database of somebody else's.
        const QString foreign = stores.tempPath(QStringLiteral("foreign.db"));
        {
            QSqlDatabase db = stores.raw(QStringLiteral("sqlite://") + foreign);
            execRaw(db, QStringLiteral("CREATE TABLE recipes (name TEXT)"));
        }
        auto other = openEventStore(QStringLiteral("sqlite://") + foreign);
        QCOMPARE(other.code(), ErrorCode::NotAStore);
        QVERIFY(other.message().contains(QStringLiteral("tables of its own")));

        auto folder = openEventStore(QStringLiteral("sqlite://") + stores.tempPath(QString()));
        QVERIFY(!folder.ok());
    }

    void missingStoreIsNotCreatedForReading()
    {
        OpenOptions readOnly;
        readOnly.mode = OpenOptions::Mode::OpenExisting;
        if (stores.isPostgres()) {
            auto store = openEventStore(stores.freshUrl(), readOnly); // an empty database
            QCOMPARE(store.code(), ErrorCode::NotFound);
            return;
        }
        const QString path = stores.tempPath(QStringLiteral("absent.db"));
        auto store = openEventStore(QStringLiteral("sqlite://") + path, readOnly);
        QCOMPARE(store.code(), ErrorCode::NotFound);
        QVERIFY(!QFile::exists(path));
    }

    void newerSchemaIsRefusedUntouched()
    {
        const QString url = stores.freshUrl();
        {
            auto store = stores.open(url);
            fill(*store, 2);
        }
        {
            QSqlDatabase db = stores.raw(url);
            execRaw(db, QStringLiteral("INSERT INTO schema_version (version, applied_us, description) VALUES (99, 0, 'future')"));
        }
        auto store = openEventStore(url);
        QVERIFY(!store.ok());
        QCOMPARE(store.code(), ErrorCode::SchemaTooNew);
        QVERIFY2(store.message().contains(QStringLiteral("99")), qPrintable(store.message()));
        QVERIFY(store.message().contains(QStringLiteral("upgrade Instant")));
        QSqlDatabase db = stores.raw(url);
        QSqlQuery q(db);
        QVERIFY(q.exec(QStringLiteral("SELECT count(*) FROM events")) && q.next());
        QCOMPARE(q.value(0).toInt(), 2);
    }

    void unreachableServerIsAClearError()
    {
        if (!stores.isPostgres())
            QSKIP("PostgreSQL only");
        auto store = openEventStore(QStringLiteral("postgresql://instant@127.0.0.1:1/nothing?connect_timeout=2"));
        QVERIFY(!store.ok());
        QCOMPARE(store.code(), ErrorCode::Unavailable);
        QVERIFY(store.message().contains(QStringLiteral("cannot connect")));
    }
};

QTEST_GUILESS_MAIN(TestEventStore)
#include "tst_eventstore.moc"
