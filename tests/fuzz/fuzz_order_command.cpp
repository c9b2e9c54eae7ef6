// Orders as a trader or the copilot writes them, and the rule sets that judge them. The input is
//  - text: parseQuantity; Instrument::parsePrice for a bill, a note, a bond, a stock and an option
//    (a price it reads is written by formatPrice in a form it reads back the same); the offline
//    copilot's plain requests ("buy 5mm 10s at 99-16 for DESK-02");
//  - a JSON object: the arguments of propose_order as a model sends them (the draft of a
//    NewOrderCommand, checked by compliance);
//  - a JSON array: a rule set for ComplianceEngine::parseRules (rules it accepts then judge a few
//    orders) and for Screener::setRules (rules it accepts then watch a few trades and bars).

#include "compliance/compliance.h"
#include "copilot/copilot.h"
#include "events/eventhash.h"
#include "fuzzsupport.h"
#include "events/orderevents.h"
#include "oms/tradingstate.h"
#include "refdata/referencedata.h"
#include "screener/screener.h"
#include "testmarket.h"

#include <QJsonDocument>

using namespace instant;

namespace {

const ReferenceData &reference()
{
    static const ReferenceData demo = test::market();
    return demo;
}

QList<const Instrument *> pricedInstruments()
{
    const ReferenceData &r = reference();
    return {r.instrument(QStringLiteral("UST 13W")), r.instrument(QStringLiteral("UST 10Y")),
            r.instrument(QStringLiteral("UST 30Y")), r.instrument(QStringLiteral("AAPL")),
            r.instruments(InstrumentKind::EquityOption).constFirst()};
}

// A desk with cash, a filled Treasury buy, a filled stock buy and a working sell: what the rules
// look at (positions, working orders, last prices).
const TradingState &desk()
{
    static const TradingState state = [] {
        TradingState s;
        const QString stream = QStringLiteral("account-DESK-01");
        const Instrument *note = reference().instrument(QStringLiteral("UST 10Y"));
        Sequence sequence = 0;
        auto apply = [&](const QString &type, const QJsonObject &payload) -> void {
            RecordedEvent e;
            e.sequence = ++sequence;
            e.streamId = stream;
            e.streamVersion = sequence;
            e.type = type;
            e.payload = canonicalJson(payload);
            if (!s.apply(e))
                fuzz::fail("the desk fixture does not replay");
        };
        auto order = [&](const QString &id, const QString &instrument, const QString &side, qint64 quantity,
                         qint64 price, qint64 reserved) {
            apply(events::OrderAccepted,
                  {{QStringLiteral("order_id"), id}, {QStringLiteral("account"), QStringLiteral("DESK-01")},
                   {QStringLiteral("instrument"), instrument}, {QStringLiteral("side"), side},
                   {QStringLiteral("type"), QStringLiteral("limit")}, {QStringLiteral("tif"), QStringLiteral("day")},
                   {QStringLiteral("quantity"), quantity}, {QStringLiteral("limit_price"), price},
                   {QStringLiteral("reserved_cents"), reserved}});
        };
        auto fill = [&](const QString &id, qint64 quantity, qint64 price, qint64 notional) {
            apply(events::OrderFilled,
                  {{QStringLiteral("order_id"), id}, {QStringLiteral("exec_id"), QString(id + QStringLiteral("-E1"))},
                   {QStringLiteral("quantity"), quantity}, {QStringLiteral("price"), price},
                   {QStringLiteral("notional_cents"), notional}, {QStringLiteral("reserved_cents"), 0},
                   {QStringLiteral("trade_date"), QStringLiteral("2026-11-20")},
                   {QStringLiteral("settle_date"), QStringLiteral("2026-11-23")}});
        };
        apply(events::AccountOpened, {{QStringLiteral("account"), QStringLiteral("DESK-01")},
                                      {QStringLiteral("cash_cents"), qint64(200'000'000'00)}});
        order(QStringLiteral("O-1"), note->id, QStringLiteral("buy"), 5'000'000, 25472, 4'975'000'00);
        fill(QStringLiteral("O-1"), 5'000'000, 25472, 4'975'000'00);
        order(QStringLiteral("O-2"), QStringLiteral("AAPL"), QStringLiteral("buy"), 1'000, 22910, 229'100'00);
        fill(QStringLiteral("O-2"), 1'000, 22910, 229'100'00);
        order(QStringLiteral("O-3"), QStringLiteral("AAPL"), QStringLiteral("sell"), 400, 23500, 0);
        return s;
    }();
    return state;
}

void prices(const QString &text)
{
    if (const auto quantity = parseQuantity(text))
        fuzz::check(*quantity >= 0, "a negative quantity", text);
    for (const Instrument *i : pricedInstruments()) {
        const auto price = i->parsePrice(text);
        if (!price)
            continue;
        const QString written = i->formatPrice(*price);
        const auto again = i->parsePrice(written);
        fuzz::check(again.ok() && *again == *price, "a price does not survive formatPrice() then parsePrice()",
                    i->symbol + u": " + text + u" → " + written + u" → " + again.message());
    }
}

void complianceRules(const QJsonArray &rules)
{
    const auto parsed = ComplianceEngine::parseRules(rules);
    if (!parsed) {
        fuzz::check(!parsed.message().isEmpty(), "a rule set refused without a reason");
        return;
    }
    for (const ComplianceRule &rule : *parsed)
        (void)rule.toJson();
    const QDate settle(2026, 11, 23);
    for (const Instrument *i : pricedInstruments()) {
        for (Side side : {Side::Buy, Side::Sell}) {
            OrderCheck order;
            order.instrument = i;
            order.account = QStringLiteral("DESK-01");
            order.side = side;
            order.quantity = Quantity(i->kind == InstrumentKind::Equity ? 500 : 1'000'000);
            order.limitPrice = i->referencePrice;
            order.referencePrice = i->referencePrice;
            order.notionalCents = i->notionalCents(order.quantity, order.referencePrice);
            order.settleDate = settle;
            (void)ComplianceEngine::check(*parsed, order, desk(), reference());
        }
    }
}

void screenerRules(const QJsonArray &rules)
{
    Screener screener(reference());
    if (Status s = screener.setRules(rules); !s) {
        fuzz::check(screener.rules() == Screener::defaultRules(), "refused rules changed the screener");
        return;
    }
    const TimestampUs start = 1'795'186'800'000'000; // 2026-11-20 14:00 UTC
    for (const char *symbol : {"AAPL", "UST 10Y"}) {
        const Instrument *i = reference().instrument(QLatin1String(symbol));
        const qint64 p = i->referencePrice.value();
        for (int bar = 0; bar < 4; ++bar) {
            const qint64 px = p + (bar % 2 ? 1 : -1) * bar * i->tickSize * 40;
            screener.onTrade(TradePrint{i->id, Price(px), Quantity(100), Side::Buy, start + bar * 60'000'000});
            screener.onBar(Bar{i->id, start + bar * 60'000'000, Price(px), Price(px + i->tickSize),
                               Price(px - i->tickSize), Price(px), Quantity(bar == 3 ? 100'000 : 1'000)});
        }
        screener.newDay();
    }
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    fuzz::quietQt();
    (void)desk();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 8 * 1024)
        return -1;
    const QByteArray bytes = fuzz::bytes(data, size);
    const QString text = QString::fromUtf8(bytes);
    prices(text);

    static const SimulatedClock clock(test::MarketOpenUs);
    copilot::CopilotTools tools(desk(), reference(), nullptr, clock);
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(bytes, &error);
    if (doc.isObject()) {
        const auto proposal = tools.call(QStringLiteral("propose_order"), text);
        fuzz::check(proposal.ok() == tools.proposal().has_value(), "a draft without a proposal, or the reverse");
        if (proposal)
            fuzz::check(reference().instrument(tools.proposal()->command.instrument) != nullptr,
                        "a proposal for an unknown instrument");
    } else if (doc.isArray()) {
        complianceRules(doc.array());
        screenerRules(doc.array());
    } else if (size <= 512) {
        copilot::OfflineAssistant assistant(tools);
        const auto answer = assistant.ask(text);
        fuzz::check(!answer.text.isEmpty(), "the offline assistant said nothing", text);
    }
    return 0;
}
