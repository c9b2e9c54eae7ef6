// Typed events against a store written before they existed: `data/store-5788ea2.jsonl` holds
// every column of a store that commit 5788ea2 wrote (three days of `instant demo run --orders 100
// --seed 7`). Each event's payload, decoded into its type's struct and encoded again, must give
// the stored bytes exactly, so every hash of an existing store still holds; and the store replays
// to the state digest that commit's own demo run printed.

#include "demo/demorun.h"
#include "events/eventhash.h"
#include "events/orderevents.h"
#include "oms/bracketevents.h"
#include "oms/decodedevent.h"
#include "oms/tradingstate.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QTest>

using namespace instant;

namespace {

struct StoredEvent
{
    RecordedEvent event;
    QByteArray storedHash;
};

QList<StoredEvent> readFixture()
{
    QFile f(QStringLiteral(INSTANT_TEST_DATA "/store-5788ea2.jsonl"));
    if (!f.open(QIODevice::ReadOnly))
        return {};
    QList<StoredEvent> out;
    while (!f.atEnd()) {
        const QByteArray line = f.readLine().trimmed();
        if (line.isEmpty())
            continue;
        const QJsonObject o = QJsonDocument::fromJson(line).object();
        StoredEvent s;
        RecordedEvent &e = s.event;
        e.sequence = o.value(QLatin1String("sequence")).toInteger();
        e.streamId = o.value(QLatin1String("stream")).toString();
        e.streamVersion = o.value(QLatin1String("version")).toInteger();
        e.type = o.value(QLatin1String("type")).toString();
        e.schemaVersion = int(o.value(QLatin1String("schema")).toInteger());
        e.recordedUs = o.value(QLatin1String("recorded_us")).toInteger();
        e.actor = {o.value(QLatin1String("user")).toString(), o.value(QLatin1String("role")).toString()};
        e.correlationId = o.value(QLatin1String("correlation")).toString();
        e.causationId = o.value(QLatin1String("causation")).toString();
        e.payload = o.value(QLatin1String("payload")).toString().toUtf8();
        e.prevHash = QByteArray::fromHex(o.value(QLatin1String("prev_hash")).toString().toLatin1());
        s.storedHash = QByteArray::fromHex(o.value(QLatin1String("hash")).toString().toLatin1());
        out.append(s);
    }
    return out;
}

// What that commit's demo run printed as its final state digest (`--json`, state_digest).
const QByteArray DigestAt5788ea2 = "218e42c8b338d8ace64cee1ddfec311b9d43f32818eac1ef0bf5e46c2bd07a5e";

} // namespace

class TestEventCodecs : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void theOldStoreStillVerifies()
    {
        const QList<StoredEvent> stored = readFixture();
        QCOMPARE(stored.size(), 682);
        QByteArray previous = eventhash::genesis();
        for (const StoredEvent &s : stored) {
            QCOMPARE(s.event.prevHash, previous);
            QCOMPARE(eventhash::chainHash(previous, s.event), s.storedHash);
            previous = s.storedHash;
        }
    }

    // Decoded and encoded again, every typed event gives its stored bytes, and so its hash.
    void everyTypedEventEncodesToItsStoredBytes()
    {
        const QList<StoredEvent> stored = readFixture();
        QSet<QString> typed;
        for (const StoredEvent &s : stored) {
            std::optional<NewEvent> again = events::reencode(s.event);
            if (!again)
                again = brackets::reencode(s.event);
            if (!again)
                continue; // another family's type (listings)
            const NewEvent &e = *again;
            QCOMPARE(e.type, s.event.type);
            QCOMPARE(canonicalJson(e.payload), s.event.payload);
            QCOMPARE(e.correlationId, s.event.correlationId);
            RecordedEvent r = s.event;
            r.payload = canonicalJson(e.payload);
            r.correlationId = e.correlationId;
            QCOMPARE(eventhash::chainHash(s.event.prevHash, r), s.storedHash);
            typed.insert(s.event.type);
        }
        // The order lifecycle, the ledger, the compliance settings and brackets, as that store has them.
        for (const QString &type : {events::AccountOpened, events::OrderAccepted, events::OrderRejected,
                                    events::OrderAcknowledged, events::OrderPartiallyFilled, events::OrderFilled,
                                    events::CancelRequested, events::OrderCancelled, events::ReplaceRequested,
                                    events::OrderReplaced, events::OrderExpired, events::CommandRefused,
                                    events::TradeSettled, events::ComplianceRulesChanged, events::BracketPlaced, events::BracketArmed,
                                    events::BracketStopMoved, events::BracketExitTriggered, events::BracketClosed})
            QVERIFY2(typed.contains(type), qPrintable(type));
    }

    void theOldStoreReplaysToTheSameState()
    {
        TradingState state;
        qint64 anomalies = 0;
        for (const StoredEvent &s : readFixture())
            if (!state.apply(s.event))
                ++anomalies;
        QCOMPARE(anomalies, 0);
        QVERIFY(state.checkInvariants());
        QCOMPARE(stateDigest(state), DigestAt5788ea2);
    }

    void anEventTypeIsReadFromItsTextNotFromWhereItLies()
    {
        // kindOf remembers types it saw by where their text lies. A text changed after it was
        // seen is read again, whether it was allocated (changing it moves it: the cache holds it)
        // or lies over someone else's bytes (never remembered).
        using Kind = DecodedEvent::Kind;
        QString allocated = QString::fromLatin1("OrderRejected");
        QCOMPARE(DecodedEvent::kindOf(allocated), Kind::OrderRejected);
        QCOMPARE(DecodedEvent::kindOf(allocated), Kind::OrderRejected);
        allocated.replace(5, 8, QStringLiteral("Replaced"));
        QCOMPARE(allocated, QStringLiteral("OrderReplaced"));
        QCOMPARE(DecodedEvent::kindOf(allocated), Kind::OrderReplaced);

        QChar bytes[] = {u'O', u'r', u'd', u'e', u'r', u'R', u'e', u'j', u'e', u'c', u't', u'e', u'd'};
        const QString over = QString::fromRawData(bytes, 13);
        QCOMPARE(DecodedEvent::kindOf(over), Kind::OrderRejected);
        const char16_t replaced[] = u"Replaced";
        for (int i = 0; i < 8; ++i)
            bytes[5 + i] = QChar(replaced[i]);
        QCOMPARE(DecodedEvent::kindOf(over), Kind::OrderReplaced);

        QCOMPARE(DecodedEvent::kindOf(QString()), Kind::Other);
        QCOMPARE(DecodedEvent::kindOf(QStringLiteral("NoSuchEvent")), Kind::Other);
        QCOMPARE(DecodedEvent::kindOf(QStringLiteral("OrderFilled")), Kind::OrderFilled);
    }
};

QTEST_GUILESS_MAIN(TestEventCodecs)
#include "tst_eventcodecs.moc"
