// Typed events against a store written before they existed: `data/store-5788ea2.jsonl` holds
// every column of a store that commit 5788ea2 wrote (three days of `instant demo run --orders 100
// --seed 7`). Each event's payload, decoded into its type's struct and encoded again, must give
// the stored bytes exactly, so every hash of an existing store still holds; and the store replays
// to the state digest that commit's own demo run printed.

#include "demo/demorun.h"
#include "events/eventhash.h"
#include "events/orderevents.h"
#include "events/payload.h"
#include "events/payloadfields.h"
#include "oms/bracketevents.h"
#include "oms/decodedevent.h"
#include "oms/tradingstate.h"

#include <QFile>
#include <QJsonArray>
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
            QCOMPARE(e.payloadBytes(), s.event.payload);
            QCOMPARE(e.correlationId, s.event.correlationId);
            RecordedEvent r = s.event;
            r.payload = e.payloadBytes();
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

    // A payload written field by field is the canonical JSON of an object with those fields,
    // whatever order they came in, whatever their text holds.
    void payloadFieldsWriteWhatCanonicalJsonWrites()
    {
        const QString awkward = QStringLiteral("Zürich € \"quoted\" back\\slash\ttab\u0001 😀 </script>");
        PayloadFields f;
        QJsonObject o;
        f.text("zeta", awkward);
        o.insert(QStringLiteral("zeta"), awkward);
        f.integer("ab", -9'007'199'254'740'991);
        o.insert(QStringLiteral("ab"), qint64(-9'007'199'254'740'991));
        f.integer("a_b", 0);
        o.insert(QStringLiteral("a_b"), 0);
        f.price("limit_price", std::nullopt);
        o.insert(QStringLiteral("limit_price"), QJsonValue());
        f.price("stop_price", Price(1'234'500));
        o.insert(QStringLiteral("stop_price"), 1'234'500);
        f.text("empty", QString());
        o.insert(QStringLiteral("empty"), QString());
        const QJsonObject nested{{QStringLiteral("y"), 1.5}, {QStringLiteral("x"), QJsonArray{1, QStringLiteral("é"), QJsonValue()}}};
        f.value("nested", nested);
        o.insert(QStringLiteral("nested"), nested);
        f.value("none", QJsonArray());
        o.insert(QStringLiteral("none"), QJsonArray());
        f.text("account", QStringLiteral("first"));
        f.text("account", QStringLiteral("DESK-01")); // given twice: the last stands
        o.insert(QStringLiteral("account"), QStringLiteral("DESK-01"));
        PayloadFields inner;
        inner.text("b", QStringLiteral("2"));
        inner.text("a", QStringLiteral("1"));
        f.object("inner", inner);
        o.insert(QStringLiteral("inner"), QJsonObject{{QStringLiteral("a"), QStringLiteral("1")}, {QStringLiteral("b"), QStringLiteral("2")}});
        QCOMPARE(f.bytes(), canonicalJson(o));
        QCOMPARE(PayloadFields().bytes(), canonicalJson(QJsonObject()));
    }

    // Every encoder of the order lifecycle, each optional field set and awkward text in it: its
    // bytes are canonical (read and written again by Qt, unchanged), and decode to what was encoded
    // (encoded again, the same bytes).
    void everyEncoderWritesCanonicalBytes()
    {
        const Actor actor{QStringLiteral("trader-1"), QStringLiteral("trader")};
        const QString odd = QStringLiteral("Zürich \"€\"\n");
        events::TypedOrder typed{QStringLiteral("O-1"), QStringLiteral("DESK-01"), QStringLiteral("AAPL"), QStringLiteral("buy"),
                                 QStringLiteral("limit"), QStringLiteral("day"), 100, QStringLiteral("228.5"), QString(),
                                 QJsonObject{{QStringLiteral("stop_loss_text"), QStringLiteral("220")}}, QStringLiteral("O-0"),
                                 QStringLiteral("stop-loss")};
        events::OrderAcceptance accepted{QStringLiteral("O-1"), QStringLiteral("DESK-01"), QStringLiteral("AAPL"), Side::Sell,
                                         OrderType::StopLimit, TimeInForce::Gtc, 100, Price(2'285'000), Price(2'280'000),
                                         Price(2'300'000), 0,
                                         QJsonArray{QJsonObject{{QStringLiteral("rule"), QStringLiteral("max-notional")},
                                                                {QStringLiteral("reason"), odd}}},
                                         QStringLiteral("O-0"), QStringLiteral("take-profit"), QStringLiteral("ws-1")};
        events::Fill fill{QStringLiteral("O-1"), QStringLiteral("E-1"), 40, 2'285'000, QStringLiteral("228.50001"), 914'000, 1'234,
                          60, 1'371'000, QDate(2026, 12, 4), QDate(2026, 12, 7), QStringLiteral("fill-after-cancel"), 40};
        events::Settlement failed{QStringLiteral("E-1"), QStringLiteral("O-1"), QStringLiteral("AAPL"), Side::Buy, 40, 2'285'000,
                                  -915'234, QDate(2026, 12, 7), true, QDate(2026, 12, 8), odd};
        const QList<NewEvent> all{
            events::encode(events::AccountOpening{QStringLiteral("DESK-01"), 100'000'000}, actor),
            events::encode(events::RulesChange{QJsonArray{QJsonObject{{QStringLiteral("id"), QStringLiteral("max-notional")}}}}, actor),
            events::encode(events::KillSwitchChange{QStringLiteral("halted"), odd}, actor),
            events::encode(events::StoreOutageRecord{odd, 1, 2, 3, 4}, actor),
            events::encode(accepted, actor),
            events::encode(events::OrderRejection{typed, Price(2'285'000), std::nullopt, odd, QStringLiteral("compliance"),
                                                  {QStringLiteral("max-notional"), QStringLiteral("restricted")}},
                           actor),
            events::encode(events::Acknowledgement{QStringLiteral("O-1"), 100}, actor),
            events::encode(fill, false, actor),
            events::encode(fill, true, actor),
            events::encode(events::CancelRequest{QStringLiteral("O-1")}, actor),
            events::encode(events::OrderEnded{events::OrderEnded::How::Expired, QStringLiteral("O-1"), odd, 60}, actor),
            events::encode(events::VenueRefusal{events::VenueRefusal::Of::Cancel, QStringLiteral("O-1"), odd}, actor),
            events::encode(events::Replacement{events::Replacement::Stage::Confirmed, QStringLiteral("O-1"), 80, std::nullopt, 5}, actor),
            events::encode(events::ReplaceRejection{QStringLiteral("O-1"), odd, 7}, actor),
            events::encode(events::IllegalTransition{QStringLiteral("O-1"), QStringLiteral("Filled"), QStringLiteral("Fill"), 10, odd}, actor),
            events::encode(events::CommandRefusal{QString(), QStringLiteral("new"), odd, typed}, actor),
            events::encode(events::CommandRefusal{QStringLiteral("O-1"), QStringLiteral("cancel"), odd, std::nullopt}, actor),
            events::encode(failed, actor),
        };
        for (const NewEvent &e : all) {
            const QByteArray bytes = e.payloadBytes();
            QCOMPARE(bytes, canonicalJson(QJsonDocument::fromJson(bytes).object()));
            QCOMPARE(e.payloadObject(), QJsonDocument::fromJson(bytes).object());
            RecordedEvent r;
            r.type = e.type;
            r.actor = actor;
            r.payload = bytes;
            const std::optional<NewEvent> again = events::reencode(r);
            QVERIFY2(again, qPrintable(e.type));
            QCOMPARE(again->payloadBytes(), bytes);
        }
        QVERIFY(all.at(4).payloadBytes().contains(R"("workstation":"ws-1")"));
        QVERIFY(all.at(8).payloadBytes().contains(R"("accrued_cents":1234,)"));
    }

    // The events of every order carry the typed event they were written from, which the state
    // applies instead of reading the bytes back: it must be what the decoder reads from them,
    // whatever the input (nothing accrued, less than nothing, a role without a parent, no prices).
    void whatAnOrderRecordsIsWhatItsDecoderReads()
    {
        const Actor actor{QStringLiteral("venue"), QStringLiteral("system")};
        const QString odd = QStringLiteral("Zürich \"€\"\n");
        QList<NewEvent> written;
        for (const QString &parent : {QString(), QStringLiteral("O-0")})
            for (const std::optional<Price> &limit : {std::optional<Price>(), std::optional<Price>(Price(2'285'000))})
                written << events::encode(events::OrderAcceptance{odd, QStringLiteral("DESK-01"), QStringLiteral("UST-10Y"), Side::Buy,
                                                                  OrderType::Limit, TimeInForce::Ioc, 1'000'000, limit, std::nullopt,
                                                                  Price(990'000), 10'012'345, QJsonArray{}, parent,
                                                                  QStringLiteral("stop-loss"), QString()},
                                          actor);
        written << events::encode(events::Acknowledgement{QStringLiteral("O-1"), 0}, actor);
        for (const qint64 accrued : {qint64(0), qint64(-5), qint64(258'287)})
            for (const bool full : {false, true})
                written << events::encode(events::Fill{QStringLiteral("O-1"), odd, 100, 2'285'000, full ? QString() : QStringLiteral("228.50001"),
                                                       228'500, accrued, 0, 0, QDate(2026, 12, 4), QDate(), full ? QString() : odd,
                                                       full ? std::optional<qint64>() : std::optional<qint64>(100)},
                                          full, actor);
        for (const NewEvent &e : written) {
            const Payload p = Payload::parse(e.payloadBytes());
            if (e.type == events::OrderAccepted)
                QVERIFY(std::any_cast<events::OrderAcceptance>(e.written) == events::decodeOrderAcceptance(p));
            else if (e.type == events::OrderAcknowledged)
                QVERIFY(std::any_cast<events::Acknowledgement>(e.written) == events::decodeAcknowledgement(p));
            else
                QVERIFY(std::any_cast<events::Fill>(e.written) == events::decodeFill(p));
            RecordedEvent r;
            r.type = e.type;
            r.payload = e.payloadBytes();
            const DecodedEvent read = DecodedEvent::of(r), taken = DecodedEvent::of(r, e.written);
            QCOMPARE(int(taken.kind), int(read.kind));
            QCOMPARE(taken.body.index(), read.body.index());
        }
        QCOMPARE(written.size(), 4 + 1 + 6);
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
