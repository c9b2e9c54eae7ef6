// instant positions | orders [--exceptions]: the desk's book from the event log, now or as of a time.

#include "cli/clisupport.h"

#include "analytics/bondanalytics.h"
#include "events/orderevents.h"
#include "oms/tradingstate.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>

namespace instant::cli {

namespace {

// The state a view shows (now or as of a time) and the instruments it names then.
struct DeskView
{
    TradingState state;
    ReferenceData reference;
    QDate date; // the business date of the view
};

Result<DeskView> loadView(const QCommandLineParser &parser, const ReadQuery &query)
{
    auto store = openFromOption(parser, OpenOptions::Mode::OpenExisting);
    if (!store)
        return store.error();
    auto state = TradingState::replay(**store, query);
    if (!state)
        return state.error();
    const QDate date = query.toTimeUs ? tradeDateOf(*query.toTimeUs) : clock().tradeDate();
    auto reference = marketReference(**store, date, query.toTimeUs);
    if (!reference)
        return reference.error();
    return DeskView{std::move(state).value(), std::move(reference).value(), date};
}

// Events the view could not apply (a payload that cannot be read, a fill for an order the log
// never entered): left out of its figures, which the user is told, with the count in the JSON too.
void noteUnapplied(const TradingState &state, QJsonObject &result, const CommandIo &io)
{
    if (state.anomalies() == 0)
        return;
    result.insert(QStringLiteral("events_not_applied"), state.anomalies());
    io.err << QStringLiteral("instant: warning: %1 event(s) in the log could not be applied and are left out of these figures "
                             "(unreadable, or inconsistent with the orders before them); `instant audit verify` checks the log\n")
                  .arg(state.anomalies());
    io.err.flush();
}

// What a desk view showed, recorded as a read: "viewed orders (12 records) as of sequence 40".
void recordView(const QCommandLineParser &parser, const CommandIo &io, const QString &what, qint64 records,
                const ReadQuery &query, Sequence asOfSequence)
{
    events::ReadRecord read;
    read.action = query.toTimeUs ? events::ReadAsOf : events::ReadViewed;
    read.subject = QStringLiteral("%1, up to sequence %2").arg(what).arg(asOfSequence);
    read.asOfUs = query.toTimeUs;
    read.records = records;
    recordRead(parser, io, read);
}

// `instant orders --exceptions`: the executions booked that were not expected (the newest
// TradingState::ExceptionCapacity), oldest first, as a table or, with --json, as JSON.
int printExceptions(const TradingState &state, const ReadQuery &query, bool json, const CommandIo &io)
{
    const QList<TradingState::ExceptionEntry> &rows = state.executionExceptions();
    if (json) {
        QJsonArray array;
        for (const TradingState::ExceptionEntry &e : rows)
            array.append(QJsonObject{{QStringLiteral("sequence"), e.sequence},
                                     {QStringLiteral("time"), formatUtcMicros(e.recordedUs)},
                                     {QStringLiteral("account"), e.account},
                                     {QStringLiteral("order_id"), e.orderId},
                                     {QStringLiteral("exec_id"), e.execId},
                                     {QStringLiteral("kind"), e.kind},
                                     {QStringLiteral("expected"), e.expected},
                                     {QStringLiteral("came"), e.came},
                                     {QStringLiteral("open"), e.acknowledgedBy.isEmpty()},
                                     {QStringLiteral("acknowledged_by"), e.acknowledgedBy.isEmpty() ? QJsonValue() : QJsonValue(e.acknowledgedBy)},
                                     {QStringLiteral("note"), e.note}});
        QJsonObject result{{QStringLiteral("as_of_sequence"), state.lastSequence()},
                           {QStringLiteral("count"), array.size()},
                           {QStringLiteral("total"), state.exceptionsTotal()},
                           {QStringLiteral("open"), state.openExceptions()},
                           {QStringLiteral("exceptions"), array}};
        if (query.toTimeUs)
            result.insert(QStringLiteral("as_of"), formatUtcMicros(*query.toTimeUs));
        io.out << QString::fromUtf8(QJsonDocument(result).toJson(QJsonDocument::Indented));
        io.out.flush();
        return Ok;
    }
    const QStringList header{QStringLiteral("TIME (UTC)"), QStringLiteral("ACCOUNT"), QStringLiteral("ORDER"), QStringLiteral("KIND"),
                             QStringLiteral("EXPECTED"), QStringLiteral("CAME"), QStringLiteral("ACKNOWLEDGED")};
    QList<QStringList> table{header};
    for (const TradingState::ExceptionEntry &e : rows) {
        QString time = formatUtcMicros(e.recordedUs).left(19);
        time.replace(u'T', u' ');
        const QString acknowledged = e.acknowledgedBy.isEmpty()
                                         ? QStringLiteral("open")
                                         : e.note.isEmpty() ? e.acknowledgedBy : QString(e.acknowledgedBy + QStringLiteral(": ") + e.note);
        table.append(QStringList{time, e.account, e.orderId, e.kind, e.expected, e.came, acknowledged});
    }
    QList<qsizetype> widths(header.size(), 0);
    for (const QStringList &line : std::as_const(table))
        for (qsizetype c = 0; c < line.size(); ++c)
            widths[c] = std::max(widths[c], line.at(c).size());
    for (const QStringList &line : std::as_const(table)) {
        QString text;
        for (qsizetype c = 0; c < line.size(); ++c)
            text += c + 1 < line.size() ? QString(line.at(c).leftJustified(widths.at(c)) + QStringLiteral("  ")) : line.at(c);
        io.out << text << "\n";
    }
    io.out << QStringLiteral("%1 exception(s), %2 open; %3 recorded in all%4\n")
                 .arg(rows.size())
                 .arg(state.openExceptions())
                 .arg(state.exceptionsTotal())
                 .arg(query.toTimeUs ? QString(QStringLiteral(", as of ") + formatUtcMicros(*query.toTimeUs)) : QString());
    io.out.flush();
    return Ok;
}

// One holding: quantity, cost and P&L, marked at the last price (with DV01 and interest for a
// Treasury).
QJsonObject positionJson(const PositionRecord &p, const DeskView &view)
{
    const Instrument *i = view.reference.instrument(p.instrument);
    QJsonObject o{{QStringLiteral("instrument"), p.instrument.text()},
                  {QStringLiteral("symbol"), i ? i->symbol : p.instrument.text()},
                  {QStringLiteral("quantity"), p.quantity},
                  {QStringLiteral("settled_quantity"), p.settledQuantity},
                  {QStringLiteral("cost"), money(p.costCents)},
                  {QStringLiteral("realized_pnl"), money(p.realizedCents)}};
    if (!i || p.quantity == 0)
        return o;
    const double avgUnits = double(p.costCents) / double(i->notionalCents(Quantity(p.quantity), Price(i->priceScale))) * double(i->priceScale);
    o.insert(QStringLiteral("average_price"), i->formatPrice(Price(qRound64(avgUnits))));
    const auto mark = view.state.lastPrice(i->id);
    if (!mark)
        return o;
    o.insert(QStringLiteral("mark"), i->formatPrice(*mark));
    o.insert(QStringLiteral("market_value"), money(i->notionalCents(Quantity(p.quantity), *mark)));
    o.insert(QStringLiteral("unrealized_pnl"), money(i->notionalCents(Quantity(p.quantity), *mark) - p.costCents));
    if (isTreasury(i->kind)) {
        const QDate settle = analytics::settlementDate(*i, view.date);
        if (auto dv01 = analytics::dv01PerUnitFace(*i, *mark, settle))
            o.insert(QStringLiteral("dv01"), *dv01 * double(p.quantity));
        // Interest apart from price: accrued on the holding, and the carry.
        const qint64 accrued = analytics::accruedInterestCents(*i, Quantity(std::max<qint64>(0, p.quantity)), settle);
        o.insert(QStringLiteral("accrued_interest"), money(accrued));
        o.insert(QStringLiteral("interest_pnl"), money(p.interestCents + accrued));
    }
    return o;
}

QJsonObject lifecycleJson(const TradingState::LifecycleEntry &e, const ReferenceData &reference)
{
    const Instrument *i = reference.instrument(e.instrument);
    return QJsonObject{{QStringLiteral("type"), e.type},
                       {QStringLiteral("date"), e.date.toString(Qt::ISODate)},
                       {QStringLiteral("instrument"), e.instrument},
                       {QStringLiteral("symbol"), i ? i->symbol : e.instrument},
                       {QStringLiteral("quantity"), e.quantity},
                       {QStringLiteral("cash"), money(e.cashCents)},
                       {QStringLiteral("detail"), e.detail}};
}

// Every account of the view: cash, reservations, positions and what the instruments did by
// themselves (coupons, maturities, expiries). One pass over each list: a desk has thousands of
// accounts.
QJsonArray accountsJson(const DeskView &view)
{
    const TradingState &state = view.state;
    QHash<QString, QJsonArray> ownDates;
    for (const TradingState::LifecycleEntry &e : state.lifecycle())
        ownDates[e.account].append(lifecycleJson(e, view.reference));
    QJsonArray accounts;
    QStringList ids = state.accounts().keys();
    ids.sort();
    for (const QString &id : std::as_const(ids)) {
        const AccountRecord &a = state.accounts().value(id);
        QJsonArray positions;
        const QString prefix = id + u'|'; // positions are keyed account|instrument: the account's are together
        for (auto it = state.positions().lowerBound(prefix); it != state.positions().cend() && it.key().startsWith(prefix); ++it) {
            const PositionRecord &p = it.value();
            if (p.quantity != 0 || p.settledQuantity != 0 || p.realizedCents != 0 || p.interestCents != 0)
                positions.append(positionJson(p, view));
        }
        accounts.append(QJsonObject{{QStringLiteral("account"), id},
                                    {QStringLiteral("cash"), money(a.cashCents)},
                                    {QStringLiteral("reserved"), money(a.reservedCents)},
                                    {QStringLiteral("unsettled_buys"), money(a.unsettledBuyCents)},
                                    {QStringLiteral("unsettled_sells"), money(a.unsettledSellCents)},
                                    {QStringLiteral("available"), money(a.availableCents())},
                                    {QStringLiteral("positions"), positions},
                                    {QStringLiteral("coupons_maturities_expiries"), ownDates.value(id)}});
    }
    return accounts;
}

} // namespace

int positions(const QStringList &args, const CommandIo &io)
{
    const QString command = QStringLiteral("positions");
    QCommandLineParser parser;
    parser.addOption(storeOption());
    parser.addOption(asOfOption());
    parser.addOption(QCommandLineOption(QStringLiteral("json"), QStringLiteral("Print JSON (the default).")));
    if (auto done = parse(io, parser, args, command, QStringLiteral("Positions, cash and reservations per account, from the event log.")))
        return *done;
    ReadQuery query;
    if (auto bad = asOfQuery(io, parser, command, query))
        return *bad;
    auto view = loadView(parser, query);
    if (!view)
        return storeError(io, view.error());
    const TradingState *state = &view->state;
    const QJsonArray accounts = accountsJson(*view);
    QJsonObject result{{QStringLiteral("as_of_sequence"), state->lastSequence()}, {QStringLiteral("accounts"), accounts}};
    if (query.toTimeUs)
        result.insert(QStringLiteral("as_of"), formatUtcMicros(*query.toTimeUs));
    noteUnapplied(*state, result, io);
    io.out << QString::fromUtf8(QJsonDocument(result).toJson(QJsonDocument::Indented));
    io.out.flush();
    recordView(parser, io, QStringLiteral("positions and cash of every account"), accounts.size(), query, state->lastSequence());
    return Ok;
}

int orders(const QStringList &args, const CommandIo &io)
{
    const QString command = QStringLiteral("orders");
    QCommandLineParser parser;
    parser.addOption(storeOption());
    parser.addOption(asOfOption());
    parser.addOption(QCommandLineOption(QStringLiteral("json"), QStringLiteral("Print JSON (the default for orders; --exceptions prints a table without it).")));
    parser.addOption(QCommandLineOption(QStringLiteral("state"), QStringLiteral("Only orders in this state (e.g. New, Filled)."), QStringLiteral("state")));
    parser.addOption(QCommandLineOption(QStringLiteral("exceptions"),
                                        QStringLiteral("The execution exceptions instead: executions booked that were not expected, "
                                                       "open or acknowledged (a table; with --json, JSON).")));
    if (auto done = parse(io, parser, args, command, QStringLiteral("Orders with their state, filled quantity and average price, from the event log.")))
        return *done;
    ReadQuery query;
    if (auto bad = asOfQuery(io, parser, command, query))
        return *bad;
    const QString only = parser.value(QStringLiteral("state"));
    if (!only.isEmpty() && !orderStateFromString(only))
        return usageError(io, QStringLiteral("unknown state \"%1\"").arg(only), command);
    const bool exceptions = parser.isSet(QStringLiteral("exceptions"));
    if (exceptions && !only.isEmpty())
        return usageError(io, QStringLiteral("--state lists orders, --exceptions the execution exceptions: one or the other"), command);
    auto view = loadView(parser, query);
    if (!view)
        return storeError(io, view.error());
    const TradingState *state = &view->state;
    if (exceptions) {
        const int rc = printExceptions(*state, query, parser.isSet(QStringLiteral("json")), io);
        recordView(parser, io, QStringLiteral("execution exceptions"), state->executionExceptions().size(), query,
                   state->lastSequence());
        return rc;
    }
    const ReferenceData &reference = view->reference;
    QList<const OrderRecord *> list;
    for (const OrderRecord &o : state->orders())
        if (only.isEmpty() || stateName(o.state) == only)
            list.append(&o);
    std::sort(list.begin(), list.end(), [](const OrderRecord *a, const OrderRecord *b) { return a->lastSequence < b->lastSequence; });
    QJsonArray array;
    for (const OrderRecord *o : std::as_const(list)) {
        const Instrument *i = reference.instrument(o->instrument);
        auto fmt = [i](std::optional<Price> p) { return p && i ? QJsonValue(i->formatPrice(*p)) : QJsonValue(); };
        QJsonObject j{{QStringLiteral("order_id"), o->orderId},
                      {QStringLiteral("account"), o->account.text()},
                      {QStringLiteral("instrument"), o->instrument.text()},
                      {QStringLiteral("symbol"), i ? i->symbol : o->instrument.text()},
                      {QStringLiteral("side"), events::toString(o->side)},
                      {QStringLiteral("type"), events::toString(o->type)},
                      {QStringLiteral("tif"), events::toString(o->tif)},
                      {QStringLiteral("quantity"), o->quantity.value()},
                      {QStringLiteral("limit_price"), fmt(o->limitPrice)},
                      {QStringLiteral("stop_price"), fmt(o->stopPrice)},
                      {QStringLiteral("state"), stateName(o->state)},
                      {QStringLiteral("filled"), o->filled.value()},
                      {QStringLiteral("leaves"), o->leaves().value()},
                      {QStringLiteral("average_price"), o->filled.value() > 0 && i ? QJsonValue(averagePriceText(*o, *i)) : QJsonValue()},
                      {QStringLiteral("reason"), o->reason.text()},
                      {QStringLiteral("updated_at"), formatUtcMicros(o->updatedUs)}};
        if (!o->parent.isEmpty())
            j.insert(QStringLiteral("bracket"), o->parent.text()); // a take-profit or exit of this bracket
        array.append(j);
    }
    QJsonObject result{{QStringLiteral("as_of_sequence"), state->lastSequence()}, {QStringLiteral("count"), array.size()}, {QStringLiteral("orders"), array}};
    if (query.toTimeUs)
        result.insert(QStringLiteral("as_of"), formatUtcMicros(*query.toTimeUs));
    noteUnapplied(*state, result, io);
    io.out << QString::fromUtf8(QJsonDocument(result).toJson(QJsonDocument::Indented));
    io.out.flush();
    recordView(parser, io, only.isEmpty() ? QStringLiteral("orders") : QStringLiteral("orders in state %1").arg(only),
               array.size(), query, state->lastSequence());
    return Ok;
}

} // namespace instant::cli
