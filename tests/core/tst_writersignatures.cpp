// Signed writers: every batch a workstation writes is signed by its enrolled key, and someone who
// can write the store's tables but holds no enrolled key is found by `verify`, the sequence named.
// The attacks append through the store itself, so every forged event has a correct hash link.

#include "audit/chainverifier.h"
#include "audit/deskkeys.h"
#include "audit/writerverifier.h"
#include "events/readevents.h"
#include "events/signingkey.h"
#include "store/eventstore.h"
#include "teststores.h"

#include <QJsonObject>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

using namespace instant;
using namespace instant::test;

namespace {

std::shared_ptr<const SigningKey> newKey()
{
    auto key = SigningKey::generate();
    if (!key)
        qFatal("cannot make a key: %s", qPrintable(key.message()));
    return std::make_shared<const SigningKey>(std::move(*key));
}

const Actor Alice{QStringLiteral("alice"), QStringLiteral("trader")};
const Actor Mallory{QStringLiteral("mallory"), QStringLiteral("trader")};

// The forgery of the issue: an account with five billion dollars, at the head.
NewEvent forgedAccount(const Actor &actor = Mallory)
{
    return NewEvent::make(QStringLiteral("AccountOpened"),
                          QJsonObject{{QStringLiteral("account"), QStringLiteral("MAL-1")},
                                      {QStringLiteral("cash_cents"), qint64(500'000'000'000)}},
                          actor);
}

Sequence appendOne(EventStore &store, const QString &stream, const NewEvent &event)
{
    AppendRequest r;
    r.streamId = stream;
    r.events = {event};
    auto done = store.append(std::move(r));
    if (!done)
        qFatal("append: %s", qPrintable(done.message()));
    return done->lastSequence;
}

void trade(EventStore &store, const Actor &actor, int events)
{
    for (int i = 0; i < events; ++i)
        appendOne(store, QStringLiteral("account-A%1").arg(i % 2),
                  NewEvent::make(QStringLiteral("OrderAccepted"), QJsonObject{{QStringLiteral("qty"), 100 + i}}, actor));
}

} // namespace

class TestWriterSignatures : public QObject
{
    Q_OBJECT

    TestStores stores;

    // A desk: administrator A, trader alice's workstation key T enrolled, ten of her events.
    struct Desk
    {
        QString url;
        std::unique_ptr<EventStore> store;
        std::shared_ptr<const SigningKey> admin, trader;
    };
    Desk desk()
    {
        Desk d{stores.freshUrl(), nullptr, newKey(), newKey()};
        d.store = stores.open(d.url);
        if (Status s = enrollWriter(*d.store, d.admin, {d.trader->publicKey(), Alice.user, deskkeys::TraderRole},
                                    QStringLiteral("root"));
            !s)
            qFatal("enroll: %s", qPrintable(s.message()));
        d.store->signWith(d.trader);
        trade(*d.store, Alice, 10);
        return d;
    }

    void liftGuard(QSqlQuery &q)
    {
        if (stores.isPostgres())
            QVERIFY(q.exec(QStringLiteral("ALTER TABLE events DISABLE TRIGGER USER")));
        else
            QVERIFY(q.exec(QStringLiteral("DROP TRIGGER events_no_update")));
    }

    static WriterReport writers(const EventStore &store, std::optional<QString> admin = {})
    {
        if (!verifyChain(store)->intact)
            qFatal("the chain itself is broken");
        auto report = verifyWriters(store, admin);
        if (!report)
            qFatal("verifyWriters: %s", qPrintable(report.message()));
        return *report;
    }

private Q_SLOTS:
    void aSignedDeskVerifies()
    {
        Desk d = desk();
        const WriterReport r = writers(*d.store, d.admin->fingerprint());
        QVERIFY2(r.intact, qPrintable(r.problem));
        QCOMPARE(r.administrator, d.admin->fingerprint());
        QCOMPARE(r.unsignedUpTo, 0);
        QCOMPARE(r.signedEvents, 12); // establishment, enrolment, ten orders
        QCOMPARE(r.batches, 11);
        QCOMPARE(r.writers.size(), 2);
        // The administrator given to verify must be the store's.
        const WriterReport other = writers(*d.store, newKey()->fingerprint());
        QVERIFY(!other.intact);
        QCOMPARE(other.firstBadSequence, 1);
    }

    void aStoreWrittenBeforeSigningIsUnsignedUpToTheFirstKey()
    {
        const QString url = stores.freshUrl();
        auto store = stores.open(url);
        trade(*store, Alice, 5);
        WriterReport r = writers(*store);
        QVERIFY(r.intact);
        QVERIFY(r.administrator.isEmpty());
        QCOMPARE(r.unsignedUpTo, 5);
        // The workstation's key takes the store over: it becomes the administrator and enrols itself.
        auto key = newKey();
        auto status = signWritesWith(*store, key, Alice);
        QVERIFY2(status && status->signing, qPrintable(status ? status->note : status.message()));
        trade(*store, Alice, 3);
        r = writers(*store);
        QVERIFY2(r.intact, qPrintable(r.problem));
        QCOMPARE(r.unsignedUpTo, 5);
        QCOMPARE(r.administrator, key->fingerprint());
        QCOMPARE(r.signedEvents, 5); // establishment + enrolment in one batch, then three orders
        // A second session with the same key and user signs straight away, enrolling nothing.
        auto again = stores.open(url);
        auto second = signWritesWith(*again, key, Alice);
        QVERIFY(second && second->signing);
        QCOMPARE(again->head()->sequence, 10);
        // A workstation key the administrator did not enrol is told how, and does not sign.
        auto stranger = signWritesWith(*again, newKey(), Mallory);
        QVERIFY(stranger && !stranger->signing);
        QVERIFY2(stranger->note.contains(QStringLiteral("instant store enroll")), qPrintable(stranger->note));
    }

    void forgedAppendsAreNamed_data()
    {
        QTest::addColumn<QString>("attack");
        QTest::addColumn<QString>("expected");
        QTest::newRow("no key") << QStringLiteral("unsigned") << QStringLiteral("no writer signature");
        QTest::newRow("unknown key") << QStringLiteral("unknown") << QStringLiteral("not enrolled");
        QTest::newRow("revoked key") << QStringLiteral("revoked") << QStringLiteral("revoked at sequence");
        QTest::newRow("compliance key") << QStringLiteral("compliance") << QStringLiteral("a key enrolled as compliance does not write it");
        QTest::newRow("administrator's key trading") << QStringLiteral("admin") << QStringLiteral("a key enrolled as admin does not write it");
        QTest::newRow("replayed signature") << QStringLiteral("replayed") << QStringLiteral("does not verify");
        QTest::newRow("a second administrator") << QStringLiteral("usurper") << QStringLiteral("not enrolled");
    }

    void forgedAppendsAreNamed()
    {
        QFETCH(QString, attack);
        QFETCH(QString, expected);
        Desk d = desk();
        QVERIFY(writers(*d.store).intact);
        auto attacker = stores.open(d.url); // the attacker's own connection to the same tables
        Sequence forged = 0;
        if (attack == u"unsigned") {
            forged = appendOne(*attacker, QStringLiteral("account-MAL-1"), forgedAccount());
        } else if (attack == u"unknown") {
            attacker->signWith(newKey());
            forged = appendOne(*attacker, QStringLiteral("account-MAL-1"), forgedAccount());
        } else if (attack == u"revoked") {
            auto leaked = newKey();
            QVERIFY(enrollWriter(*d.store, d.admin, {leaked->publicKey(), QStringLiteral("mallory"), deskkeys::TraderRole},
                                 QStringLiteral("root")));
            d.store->signWith(d.trader);
            trade(*d.store, Alice, 1);
            QVERIFY(revokeWriter(*d.store, d.admin, {leaked->fingerprint(), QStringLiteral("laptop stolen")}, QStringLiteral("root")));
            QVERIFY(writers(*d.store).intact);
            attacker->signWith(leaked);
            forged = appendOne(*attacker, QStringLiteral("account-MAL-1"), forgedAccount());
        } else if (attack == u"compliance") {
            auto carol = newKey();
            QVERIFY(enrollWriter(*d.store, d.admin, {carol->publicKey(), QStringLiteral("carol"), deskkeys::ComplianceRole},
                                 QStringLiteral("root")));
            QVERIFY(writers(*d.store).intact);
            attacker->signWith(carol);
            forged = appendOne(*attacker, QStringLiteral("account-MAL-1"), forgedAccount(Actor{QStringLiteral("carol"), QStringLiteral("trader")}));
        } else if (attack == u"admin") {
            attacker->signWith(d.admin); // the administrator's key enrols; it does not trade
            forged = appendOne(*attacker, QStringLiteral("account-MAL-1"), forgedAccount());
        } else if (attack == u"replayed") {
            forged = appendOne(*attacker, QStringLiteral("account-MAL-1"), forgedAccount());
            // The attacker lifts the append-only guard and copies the batch before's signature onto it.
            QSqlDatabase db = stores.raw(d.url);
            QSqlQuery q(db);
            liftGuard(q);
            QVERIFY2(q.exec(QStringLiteral("UPDATE events SET batch_first_seq = %1, batch_key_id = (SELECT batch_key_id FROM"
                                           " events WHERE seq = %2), batch_signature = (SELECT batch_signature FROM events"
                                           " WHERE seq = %2) WHERE seq = %1")
                                .arg(forged)
                                .arg(forged - 1)),
                     qPrintable(q.lastError().text()));
        } else if (attack == u"usurper") {
            auto usurper = newKey();
            attacker->signWith(usurper);
            forged = appendOne(*attacker, deskkeys::Stream,
                               deskkeys::Enrollment{usurper->publicKey(), QStringLiteral("mallory"), deskkeys::AdminRole}
                                   .encode(deskkeys::AdministratorEstablished, Actor{QStringLiteral("mallory"), deskkeys::AdminRole}));
        }
        QVERIFY(forged > 0);
        QVERIFY2(verifyChain(*d.store)->intact, "the forgery has a correct hash link: the chain alone cannot tell");
        const WriterReport r = writers(*d.store);
        QVERIFY2(!r.intact, qPrintable(attack));
        QCOMPARE(r.firstBadSequence, forged);
        QVERIFY2(r.problem.contains(expected), qPrintable(r.problem));
    }

    // Compliance records what it reads, and nothing else: its sessions and RecordsRead events
    // verify; the same key opening an account does not (forgedAppendsAreNamed), and neither does
    // an administrator's read.
    void aComplianceKeyWritesItsReads()
    {
        Desk d = desk();
        auto carolKey = newKey();
        QVERIFY(enrollWriter(*d.store, d.admin, {carolKey->publicKey(), QStringLiteral("carol"), deskkeys::ComplianceRole},
                             QStringLiteral("root")));
        const Actor carol{QStringLiteral("carol"), deskkeys::ComplianceRole};
        auto session = stores.open(d.url);
        auto status = signWritesWith(*session, carolKey, carol);
        QVERIFY2(status && status->signing, qPrintable(status ? status->note : status.message()));
        appendOne(*session, QStringLiteral("session-carol"),
                  NewEvent::make(events::WorkstationSessionStarted, QJsonObject{{QStringLiteral("mode"), QStringLiteral("live")}}, carol));
        events::ReadRecord read;
        read.action = events::ReadSearched;
        read.subject = QStringLiteral("type OrderFilled");
        read.records = 7;
        read.channel = QStringLiteral("workstation");
        const NewEvent readEvent = read.encode(carol);
        QCOMPARE(readEvent.type, events::RecordsRead);
        const Sequence recorded = appendOne(*session, events::readsStream(carol.user), readEvent);
        // Alice's trading key records her reads too.
        d.store->signWith(d.trader);
        appendOne(*d.store, events::readsStream(Alice.user), read.encode(Alice));
        WriterReport r = writers(*d.store, d.admin->fingerprint());
        QVERIFY2(r.intact, qPrintable(r.problem));

        // The read as it was written reads back the same.
        auto stored = d.store->read(ReadQuery{QString(), recorded, recorded, std::nullopt, std::nullopt, std::nullopt});
        QVERIFY(stored && stored->size() == 1);
        auto decoded = events::ReadRecord::decode(stored->first().payload);
        QVERIFY2(decoded, qPrintable(decoded.message()));
        QCOMPARE(decoded->action, read.action);
        QCOMPARE(decoded->subject, read.subject);
        QCOMPARE(decoded->records, 7);
        QVERIFY(!decoded->asOfUs);
        QCOMPARE(decoded->describe(), QStringLiteral("searched type OrderFilled (7 records) [workstation]"));

        // The administrator's key signs enrolments only, reads included.
        auto attacker = stores.open(d.url);
        attacker->signWith(d.admin);
        const Sequence forged = appendOne(*attacker, events::readsStream(QStringLiteral("root")),
                                          read.encode(Actor{QStringLiteral("root"), deskkeys::AdminRole}));
        r = writers(*d.store);
        QVERIFY(!r.intact);
        QCOMPARE(r.firstBadSequence, forged);
        QVERIFY2(r.problem.contains(QStringLiteral("access record")), qPrintable(r.problem));
    }

    void anAlteredSignatureIsFound()
    {
        Desk d = desk();
        QSqlDatabase db = stores.raw(d.url);
        QSqlQuery q(db);
        // The attacker lifts the append-only guard and zeroes batch 7's signature.
        liftGuard(q);
        QVERIFY2(q.exec(QStringLiteral("UPDATE events SET batch_signature = %1 WHERE seq = 7")
                            .arg(stores.isPostgres() ? QStringLiteral("decode(repeat('00', 64), 'hex')") : QStringLiteral("zeroblob(64)"))),
                 qPrintable(q.lastError().text()));
        const WriterReport r = writers(*d.store);
        QVERIFY(!r.intact);
        QCOMPARE(r.firstBadSequence, 7);
        QVERIFY2(r.problem.contains(QStringLiteral("does not verify")), qPrintable(r.problem));
    }

    // Each batch records the clock its times came from, signed: a better clock cannot be claimed later.
    void theClockOfEachBatchIsSigned()
    {
        Desk d = desk();
        QSqlDatabase db = stores.raw(d.url);
        QSqlQuery q(db);
        QVERIFY(q.exec(QStringLiteral("SELECT batch_clock FROM events WHERE seq = 7")) && q.next());
        QVERIFY2(q.value(0).toString().startsWith(QStringLiteral("system clock; ")), qPrintable(q.value(0).toString()));
        liftGuard(q);
        QVERIFY(q.exec(QStringLiteral("UPDATE events SET batch_clock = 'system clock; synchronised; est 1 us; max 1 us' WHERE seq = 7")));
        const WriterReport r = writers(*d.store);
        QVERIFY(!r.intact);
        QCOMPARE(r.firstBadSequence, 7);
        QVERIFY2(r.problem.contains(QStringLiteral("does not verify")), qPrintable(r.problem));
    }

    void signaturesAreAppendOnly()
    {
        Desk d = desk();
        QSqlDatabase db = stores.raw(d.url);
        QSqlQuery q(db);
        QVERIFY(!q.exec(QStringLiteral("UPDATE events SET batch_signature = NULL WHERE seq = 5")));
        QVERIFY(!q.exec(QStringLiteral("UPDATE events SET batch_key_id = 'x'")));
        QVERIFY(writers(*d.store).intact);
    }
};

QTEST_GUILESS_MAIN(TestWriterSignatures)
#include "tst_writersignatures.moc"
