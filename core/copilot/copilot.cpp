#include "copilot/copilot.h"
#include "compliance/ordercost.h"

#include "analytics/bondanalytics.h"
#include "analytics/fixedincome.h"
#include "analytics/marketcalendar.h"
#include "analytics/optionrecommender.h"
#include "marketdata/quoteboard.h"
#include "events/orderevents.h"
#include "oms/tradingstate.h"
#include "refdata/referencedata.h"
#include "store/eventstore.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSet>
#include <QUuid>

namespace instant::copilot {

namespace {

QJsonObject schema(std::initializer_list<std::pair<const char *, const char *>> properties, QStringList required = {})
{
    QJsonObject props;
    for (const auto &[name, type] : properties)
        props.insert(QLatin1String(name), QJsonObject{{QStringLiteral("type"), QLatin1String(type)}});
    QJsonObject s{{QStringLiteral("type"), QStringLiteral("object")}, {QStringLiteral("properties"), props}};
    if (!required.isEmpty())
        s.insert(QStringLiteral("required"), QJsonArray::fromStringList(required));
    return s;
}

double money(qint64 cents)
{
    return double(cents) / 100.0;
}

// "10s", "10y", "tens", "10-year" → UST 10Y; anything else as typed.
const Instrument *findInstrument(const ReferenceData &reference, QString text)
{
    text = text.trimmed();
    if (const Instrument *i = reference.instrument(text))
        return i;
    static const QRegularExpression tenor(QStringLiteral(R"(^(\d{1,2})\s*(s|y|yr|yrs|year|years|-year|w|wk|week)$)"),
                                          QRegularExpression::CaseInsensitiveOption);
    if (const auto m = tenor.match(text); m.hasMatch()) {
        const QString unit = m.captured(2).toLower();
        const bool weeks = unit.startsWith(u'w');
        return reference.instrument(QStringLiteral("UST %1%2").arg(m.captured(1), weeks ? QStringLiteral("W") : QStringLiteral("Y")));
    }
    return nullptr;
}

} // namespace

QJsonObject OrderProposal::toJson() const
{
    QJsonArray flags;
    for (const Violation &v : violations)
        flags.append(QJsonObject{{QStringLiteral("rule"), v.ruleId},
                                 {QStringLiteral("severity"), v.severity == Severity::Hard ? QStringLiteral("hard") : QStringLiteral("soft")},
                                 {QStringLiteral("message"), v.message}});
    return {{QStringLiteral("proposal_id"), id},
            {QStringLiteral("account"), command.account},
            {QStringLiteral("instrument"), command.instrument},
            {QStringLiteral("side"), command.side},
            {QStringLiteral("quantity"), command.quantity},
            {QStringLiteral("type"), command.type},
            {QStringLiteral("limit_price"), command.limitPrice},
            {QStringLiteral("time_in_force"), command.timeInForce},
            {QStringLiteral("compliance"), flags},
            {QStringLiteral("summary"), summary},
            {QStringLiteral("status"), QStringLiteral("staged: a human must send it")}};
}

CopilotTools::CopilotTools(const TradingState &state, const ReferenceData &reference, const EventStore *store, const Clock &clock,
                           QString defaultAccount)
    : m_state(state), m_reference(reference), m_store(store), m_clock(clock), m_defaultAccount(std::move(defaultAccount))
{
}

QList<ToolSpec> CopilotTools::specs() const
{
    QList<ToolSpec> tools{
        {QStringLiteral("get_positions"),
         QStringLiteral("Positions, cash, reservations and P&L of an account; mine: only the logged-in user's accounts (\"my positions\")"),
         schema({{"account", "string"}, {"mine", "boolean"}})},
        {QStringLiteral("get_orders"),
         QStringLiteral("Orders, newest first, optionally by state or instrument, with the reason of rejections; mine: only the "
                        "orders the logged-in user entered (\"my orders\", \"my last order\"), not other desks'"),
         schema({{"state", "string"}, {"instrument", "string"}, {"mine", "boolean"}})},
        {QStringLiteral("get_quotes"), QStringLiteral("Last traded price of an instrument"), schema({{"instrument", "string"}}, {QStringLiteral("instrument")})},
        {QStringLiteral("get_risk"), QStringLiteral("Treasury DV01 by tenor bucket (2Y/5Y/10Y/30Y) and exposure; mine: only the logged-in user's accounts"),
         schema({{"account", "string"}, {"mine", "boolean"}})},
        {QStringLiteral("get_compliance_status"), QStringLiteral("Kill switch, rules and recent violations"), schema({})},
        {QStringLiteral("search_audit_log"), QStringLiteral("Search the audit log"), schema({{"text", "string"}, {"limit", "integer"}}, {QStringLiteral("text")})},
        {QStringLiteral("bond_analytics"), QStringLiteral("Treasury price/yield, duration, DV01"),
         schema({{"coupon", "number"}, {"maturity", "string"}, {"settle", "string"}, {"price", "string"}, {"yield", "number"}},
                {QStringLiteral("coupon"), QStringLiteral("maturity"), QStringLiteral("settle")})},
        {QStringLiteral("option_analytics"), QStringLiteral("Black-Scholes price and Greeks"),
         schema({{"type", "string"}, {"spot", "number"}, {"strike", "number"}, {"expiry", "string"}, {"vol", "number"}, {"rate", "number"}},
                {QStringLiteral("type"), QStringLiteral("spot"), QStringLiteral("strike"), QStringLiteral("expiry"), QStringLiteral("vol")})},
        {QStringLiteral("propose_order"),
         QStringLiteral("Draft an order ticket for the trader to review. It is NOT sent: a human must click Send."),
         schema({{"account", "string"}, {"instrument", "string"}, {"side", "string"}, {"quantity", "integer"},
                 {"type", "string"}, {"limit_price", "string"}, {"time_in_force", "string"}},
                {QStringLiteral("instrument"), QStringLiteral("side"), QStringLiteral("quantity")})},
        {QStringLiteral("recommend_options"),
         QStringLiteral("Rank listed options on a stock for a buyer and size them to the capital: bullish buys calls, bearish buys "
                        "puts; preset conservative (|delta| 0.60-0.80, 30-120 days), balanced (0.40-0.60, 21-90 days) or aggressive "
                        "(0.20-0.40, 7-60 days). Each idea has its score, size and risks explained. Read-only: it drafts nothing."),
         schema({{"symbol", "string"}, {"direction", "string"}, {"preset", "string"}, {"capital", "number"}},
                {QStringLiteral("symbol"), QStringLiteral("capital")})},
    };
    if (!m_drafting)
        tools.removeIf([](const ToolSpec &t) { return t.name == u"propose_order"; });
    return tools;
}

QJsonObject CopilotTools::positions(const QString &account, bool mine) const
{
    QJsonArray rows;
    for (const PositionRecord &p : m_state.positions()) {
        if ((!account.isEmpty() && p.account != account) || !holds(p.account, mine) || (p.quantity == 0 && p.realizedCents == 0))
            continue;
        const Instrument *i = m_reference.instrument(p.instrument);
        QJsonObject row{{QStringLiteral("account"), p.account.text()},
                        {QStringLiteral("instrument"), i ? i->symbol : p.instrument.text()},
                        {QStringLiteral("quantity"), p.quantity},
                        {QStringLiteral("cost"), money(p.costCents)},
                        {QStringLiteral("realized_pnl"), money(p.realizedCents)}};
        if (i && p.quantity != 0)
            if (auto last = m_state.lastPrice(i->id)) {
                row.insert(QStringLiteral("mark"), i->formatPrice(*last));
                row.insert(QStringLiteral("unrealized_pnl"), money(i->notionalCents(Quantity(p.quantity), *last) - p.costCents));
            }
        rows.append(row);
    }
    QJsonArray cash;
    for (const AccountRecord &a : m_state.accounts())
        if ((account.isEmpty() || a.id == account) && holds(a.id, mine))
            cash.append(QJsonObject{{QStringLiteral("account"), a.id},
                                    {QStringLiteral("cash"), money(a.cashCents)},
                                    {QStringLiteral("reserved"), money(a.reservedCents)},
                                    {QStringLiteral("available"), money(a.availableCents())}});
    return {{QStringLiteral("positions"), rows}, {QStringLiteral("cash"), cash}};
}

QJsonObject CopilotTools::orders(const QString &state, const QString &instrument, bool mine) const
{
    QList<const OrderRecord *> list;
    const Instrument *only = instrument.isEmpty() ? nullptr : findInstrument(m_reference, instrument);
    for (const OrderRecord &o : m_state.orders()) {
        if (!state.isEmpty() && stateName(o.state).compare(state, Qt::CaseInsensitive) != 0)
            continue;
        if (!entered(o, mine))
            continue;
        if (only && o.instrument != only->id)
            continue;
        list.append(&o);
    }
    std::sort(list.begin(), list.end(), [](const OrderRecord *a, const OrderRecord *b) { return a->lastSequence > b->lastSequence; });
    QJsonArray rows;
    for (const OrderRecord *o : list.mid(0, 50)) {
        const Instrument *i = m_reference.instrument(o->instrument);
        rows.append(QJsonObject{{QStringLiteral("order_id"), o->orderId},
                                {QStringLiteral("instrument"), i ? i->symbol : o->instrument.text()},
                                {QStringLiteral("side"), events::toString(o->side)},
                                {QStringLiteral("quantity"), o->quantity.value()},
                                {QStringLiteral("filled"), o->filled.value()},
                                {QStringLiteral("state"), stateName(o->state)},
                                {QStringLiteral("reason"), o->reason.text()}});
    }
    return {{QStringLiteral("count"), int(list.size())}, {QStringLiteral("orders"), rows}};
}

QJsonObject CopilotTools::risk(const QString &account, bool mine) const
{
    QMap<QString, double> buckets; // 2Y, 5Y, 10Y, 30Y
    double total = 0;
    const QDate settle = analytics::nextBusinessDay(analytics::MarketCalendar::UsGovernmentBond, m_clock.tradeDate());
    for (const PositionRecord &p : m_state.positions()) {
        if ((!account.isEmpty() && p.account != account) || !holds(p.account, mine) || p.quantity == 0)
            continue;
        const Instrument *i = m_reference.instrument(p.instrument);
        if (!i || !isTreasury(i->kind))
            continue;
        const Price px = m_state.lastPrice(i->id).value_or(i->referencePrice);
        const double dv01 = analytics::dv01PerUnitFace(*i, px, settle).value_or(0) * double(p.quantity);
        const double years = double(settle.daysTo(i->maturityDate)) / 365.25;
        const QString bucket = years <= 3 ? QStringLiteral("2Y") : years <= 7.5 ? QStringLiteral("5Y") : years <= 15 ? QStringLiteral("10Y") : QStringLiteral("30Y");
        buckets[bucket] += dv01;
        total += dv01;
    }
    QJsonObject byTenor;
    for (auto it = buckets.cbegin(); it != buckets.cend(); ++it)
        byTenor.insert(it.key(), qRound(it.value()));
    return {{QStringLiteral("dv01_by_tenor"), byTenor}, {QStringLiteral("dv01_total"), qRound(total)}};
}

QJsonObject CopilotTools::compliance() const
{
    QJsonArray recent;
    const QList<RuleFinding> &v = m_state.violations();
    for (qsizetype k = std::max<qsizetype>(0, v.size() - 10); k < v.size(); ++k)
        recent.append(v.at(k).toJson());
    return {{QStringLiteral("kill_switch"), m_state.killSwitch()},
            {QStringLiteral("rules"), m_state.complianceRules()},
            {QStringLiteral("recent_violations"), recent}};
}

QJsonObject CopilotTools::auditSearch(const QString &text, int limit) const
{
    QJsonArray hits;
    if (m_store) {
        QList<RecordedEvent> found;
        (void)m_store->forEach(ReadQuery{}, [&](const RecordedEvent &e) {
            if (e.type.contains(text, Qt::CaseInsensitive) || e.streamId.contains(text, Qt::CaseInsensitive)
                || QString::fromUtf8(e.payload).contains(text, Qt::CaseInsensitive)) {
                found.append(e);
                if (found.size() > std::max(1, limit))
                    found.removeFirst(); // keep the newest
            }
            return true;
        });
        for (const RecordedEvent &e : found)
            hits.append(QJsonObject{{QStringLiteral("sequence"), e.sequence},
                                    {QStringLiteral("type"), e.type},
                                    {QStringLiteral("stream"), e.streamId},
                                    {QStringLiteral("actor"), e.actor.user},
                                    {QStringLiteral("payload"), QString::fromUtf8(e.payload)}});
    }
    return {{QStringLiteral("events"), hits}};
}

Result<QJsonObject> CopilotTools::proposeOrder(const QJsonObject &a)
{
    const Instrument *i = findInstrument(m_reference, a.value(QStringLiteral("instrument")).toString());
    if (!i)
        return makeError(ErrorCode::InvalidArgument, QStringLiteral("unknown instrument \"%1\"").arg(a.value(QStringLiteral("instrument")).toString()));
    if (auto dead = analytics::whyNotTradable(*i, m_clock.tradeDate()))
        return makeError(ErrorCode::InvalidArgument, *dead);
    OrderProposal p;
    p.id = QStringLiteral("P-") + QUuid::createUuid().toString(QUuid::Id128).left(10);
    NewOrderCommand &c = p.command;
    c.account = a.value(QStringLiteral("account")).toString(m_defaultAccount);
    c.instrument = i->id;
    c.side = a.value(QStringLiteral("side")).toString().toLower();
    c.quantity = a.value(QStringLiteral("quantity")).toInteger();
    c.type = a.value(QStringLiteral("type")).toString(QStringLiteral("limit")).toLower();
    c.limitPrice = a.value(QStringLiteral("limit_price")).toString();
    c.timeInForce = a.value(QStringLiteral("time_in_force")).toString(QStringLiteral("day")).toLower();
    if (!m_reference.account(c.account))
        return makeError(ErrorCode::InvalidArgument, QStringLiteral("unknown account \"%1\"").arg(c.account));
    if (c.quantity <= 0)
        return makeError(ErrorCode::InvalidArgument, QStringLiteral("quantity must be positive"));
    // The order manager's own check, on the market's trade date: flagged, not trimmed.
    auto rules = ComplianceEngine::parseRules(m_state.complianceRules().isEmpty() ? ComplianceEngine::defaultRules() : m_state.complianceRules());
    const QList<ComplianceRule> ruleSet = rules ? *rules : QList<ComplianceRule>{};
    const CheckedOrder checked = checkOrder(c.terms(), {m_state, m_reference, ruleSet,
                                                        killSwitchFromString(m_state.killSwitch()).value_or(KillSwitch::Active),
                                                        m_clock.tradeDate()});
    if (!checked.instrument || !checked.cost.settleDate.isValid()) // the terms do not make an order
        return makeError(ErrorCode::InvalidArgument, checked.reason);
    p.violations = checked.bookViolations + checked.violations;
    if (!checked.valid()) // priced, but the order manager would refuse it as written: flagged
        p.violations.prepend(Violation{QStringLiteral("order"), QStringLiteral("validation"), Severity::Hard, checked.reason, {}, {}, {}});
    const std::optional<Price> limit = checked.limitPrice;
    const OrderCost &cost = checked.cost;
    p.summary = QStringLiteral("%1 %2 %3%4 for %5 (about $%L6%7)")
                    .arg(c.side, formatQuantity(c.quantity, i), i->symbol,
                         limit ? QStringLiteral(" at %1").arg(i->formatPrice(*limit)) : QStringLiteral(" at market"), c.account)
                    .arg(double(cost.totalCents()) / 100.0, 0, 'f', 0)
                    .arg(cost.accruedCents > 0 ? QStringLiteral(" with accrued interest") : QString());
    m_proposal = p;
    return p.toJson();
}

Result<QJsonObject> CopilotTools::recommendOptions(const QJsonObject &a) const
{
    const QString symbol = a.value(QStringLiteral("symbol")).toString().trimmed();
    const Instrument *u = m_reference.instrument(symbol);
    if (!u || u->kind != InstrumentKind::Equity)
        return makeError(ErrorCode::InvalidArgument, QStringLiteral("\"%1\" is not a stock").arg(symbol));
    const auto view = parseMarketView(a.value(QStringLiteral("direction")).toString(QStringLiteral("bullish")));
    if (!view)
        return makeError(ErrorCode::InvalidArgument, QStringLiteral("direction must be bullish or bearish"));
    const auto preset = parseRiskPreset(a.value(QStringLiteral("preset")).toString(QStringLiteral("balanced")));
    if (!preset)
        return makeError(ErrorCode::InvalidArgument, QStringLiteral("preset must be conservative, balanced or aggressive"));
    const QJsonValue capitalValue = a.value(QStringLiteral("capital"));
    const double capital = capitalValue.isString() ? capitalValue.toString().remove(u',').remove(u'$').toDouble() : capitalValue.toDouble();
    if (!(capital > 0) || capital > 1e12)
        return makeError(ErrorCode::InvalidArgument, QStringLiteral("capital must be a positive amount of dollars"));
    const QDate valuation = m_clock.tradeDate();
    const double spot = OptionRecommender::spotOf(*u, m_quotes, m_state.lastPrice(u->id));
    const QList<OptionCandidate> chain = m_quotes
        ? OptionRecommender::candidates(m_reference, u->id, spot, valuation, OptionRecommender::RiskFreeRate, *m_quotes)
        : OptionRecommender::candidates(m_reference, u->id, spot, valuation, OptionRecommender::RiskFreeRate,
                                        [](const QString &) { return ContractMarket{}; });
    auto r = OptionRecommender::recommend(RecommendationRequest{u->symbol, *view, *preset, qRound64(capital * 100)}, chain, spot, valuation);
    if (!r)
        return r.error();
    return r->toJson();
}

Result<QJsonObject> CopilotTools::call(const QString &name, const QString &arguments)
{
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(arguments.trimmed().isEmpty() ? QByteArray("{}") : arguments.toUtf8(), &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject())
        return makeError(ErrorCode::InvalidArgument, QStringLiteral("the arguments of %1 are not a JSON object").arg(name));
    const QJsonObject a = doc.object();
    const bool mine = a.value(QStringLiteral("mine")).toBool();
    if (name == u"get_positions")
        return positions(a.value(QStringLiteral("account")).toString(), mine);
    if (name == u"get_orders")
        return orders(a.value(QStringLiteral("state")).toString(), a.value(QStringLiteral("instrument")).toString(), mine);
    if (name == u"get_quotes") {
        const Instrument *i = findInstrument(m_reference, a.value(QStringLiteral("instrument")).toString());
        if (!i)
            return makeError(ErrorCode::InvalidArgument, QStringLiteral("unknown instrument"));
        const Price last = m_state.lastPrice(i->id).value_or(i->referencePrice);
        return QJsonObject{{QStringLiteral("instrument"), i->symbol}, {QStringLiteral("last"), i->formatPrice(last)}};
    }
    if (name == u"get_risk")
        return risk(a.value(QStringLiteral("account")).toString(), mine);
    if (name == u"get_compliance_status")
        return compliance();
    if (name == u"search_audit_log")
        return auditSearch(a.value(QStringLiteral("text")).toString(), a.value(QStringLiteral("limit")).toInt(10));
    if (name == u"bond_analytics") {
        analytics::NoteQuery q;
        q.couponPercent = a.value(QStringLiteral("coupon")).toDouble();
        q.maturity = QDate::fromString(a.value(QStringLiteral("maturity")).toString(), Qt::ISODate);
        q.settle = QDate::fromString(a.value(QStringLiteral("settle")).toString(), Qt::ISODate);
        if (a.contains(QStringLiteral("price"))) {
            auto units = thirtyseconds::parse(a.value(QStringLiteral("price")).toString());
            if (!units)
                return units.error();
            q.cleanPrice = double(*units) / 256.0;
        } else {
            q.yieldPercent = a.value(QStringLiteral("yield")).toDouble();
        }
        auto r = analytics::analyzeNote(q);
        if (!r)
            return r.error();
        return r->toJson();
    }
    if (name == u"option_analytics") {
        analytics::OptionQuery q;
        q.call = a.value(QStringLiteral("type")).toString() != u"put";
        q.spot = a.value(QStringLiteral("spot")).toDouble();
        q.strike = a.value(QStringLiteral("strike")).toDouble();
        q.valuation = a.contains(QStringLiteral("valuation")) ? QDate::fromString(a.value(QStringLiteral("valuation")).toString(), Qt::ISODate)
                                                               : m_clock.tradeDate();
        q.expiry = QDate::fromString(a.value(QStringLiteral("expiry")).toString(), Qt::ISODate);
        q.volatility = a.value(QStringLiteral("vol")).toDouble();
        q.rate = a.value(QStringLiteral("rate")).toDouble();
        auto r = analytics::analyzeOption(q);
        if (!r)
            return r.error();
        return r->toJson();
    }
    if (name == u"propose_order" && m_drafting)
        return proposeOrder(a);
    if (name == u"propose_order")
        return makeError(ErrorCode::InvalidArgument, QStringLiteral("this session only reads: the compliance role drafts no orders"));
    if (name == u"recommend_options")
        return recommendOptions(a);
    return makeError(ErrorCode::InvalidArgument, QStringLiteral("there is no tool called %1").arg(name));
}

OfflineAssistant::Answer OfflineAssistant::ask(const QString &question)
{
    Answer answer;
    const QString q = question.trimmed();
    const QString prefix = QStringLiteral("Offline assistant (no model configured): ");
    auto use = [&](const QString &tool, const QJsonObject &args) -> QJsonObject {
        auto r = m_tools.call(tool, QString::fromUtf8(QJsonDocument(args).toJson(QJsonDocument::Compact)));
        QJsonObject result = r ? *r : QJsonObject{{QStringLiteral("error"), r.message()}};
        answer.toolCalls.append({tool, result});
        return result;
    };

    // "buy 5mm 10s at 99-16", "sell 200 AAPL at 229.10 for DESK-02"
    static const QRegularExpression order(
        QStringLiteral(R"(^\s*(buy|sell)\s+([\d.,]+\s*(?:k|mm|bn)?)\s+(.+?)(?:\s+(?:at|@)\s+([\d\-+.¼½¾/ ]+?))?(?:\s+for\s+([A-Z0-9-]+))?\s*$)"),
        QRegularExpression::CaseInsensitiveOption);
    if (const auto m = order.match(q); m.hasMatch()) {
        const auto quantity = parseQuantity(m.captured(2));
        if (!quantity) {
            answer.text = prefix + QStringLiteral("I could not read the quantity \"%1\" (write 5mm, 250k or 100).").arg(m.captured(2));
            return answer;
        }
        QJsonObject args{{QStringLiteral("side"), m.captured(1).toLower()},
                         {QStringLiteral("quantity"), *quantity},
                         {QStringLiteral("instrument"), m.captured(3).trimmed()},
                         {QStringLiteral("type"), m.captured(4).isEmpty() ? QStringLiteral("market") : QStringLiteral("limit")},
                         {QStringLiteral("limit_price"), m.captured(4).trimmed()}};
        if (!m.captured(5).isEmpty())
            args.insert(QStringLiteral("account"), m.captured(5));
        const QJsonObject result = use(QStringLiteral("propose_order"), args);
        if (result.contains(QStringLiteral("error"))) {
            answer.text = prefix + QStringLiteral("I could not draft that order: %1.").arg(result.value(QStringLiteral("error")).toString());
            return answer;
        }
        QString text = prefix + QStringLiteral("I drafted a ticket: %1. It is not sent — review it and click Send.")
                                    .arg(result.value(QStringLiteral("summary")).toString());
        for (const QJsonValue &v : result.value(QStringLiteral("compliance")).toArray())
            text += QStringLiteral(" Compliance (%1): %2.").arg(v.toObject().value(QStringLiteral("severity")).toString(),
                                                                 v.toObject().value(QStringLiteral("message")).toString());
        answer.text = text;
        return answer;
    }

    const QString lower = q.toLower();
    // "my", "mine": the logged-in user's orders and accounts, not the other desks'.
    static const QRegularExpression myWord(QStringLiteral(R"(\b(my|mine)\b)"));
    const bool mine = myWord.match(lower).hasMatch();
    // "recommend options on AAPL", "bearish option ideas for NVDA, aggressive, $5k"
    if (lower.contains(QStringLiteral("option"))
        && (lower.contains(QStringLiteral("recommend")) || lower.contains(QStringLiteral("idea")) || lower.contains(QStringLiteral("suggest")))) {
        QString symbol;
        static const QRegularExpression word(QStringLiteral("[A-Za-z][A-Za-z.]*"));
        for (auto it = word.globalMatch(q); it.hasNext() && symbol.isEmpty();) {
            const QString w = it.next().captured(0);
            const Instrument *i = m_tools.reference().instrument(w.toUpper());
            if (i && i->kind == InstrumentKind::Equity && w.size() > 1 && (w == w.toUpper() || w.size() > 3))
                symbol = i->symbol;
        }
        if (symbol.isEmpty()) {
            answer.text = prefix + QStringLiteral("Which stock? For example: \"recommend options on AAPL, bullish, balanced, $10k\".");
            return answer;
        }
        double capital = 10'000;
        bool capitalGiven = false;
        static const QRegularExpression amount(
            QStringLiteral("(?:\\$\\s*(\\d[\\d,]*(?:\\.\\d{1,2})?)\\s*(k|mm)?\\b)|(?:\\b(\\d[\\d,]*(?:\\.\\d{1,2})?)\\s*(k|mm)\\b)|(?:\\b(?:capital|with)\\s+(\\d[\\d,]*(?:\\.\\d{1,2})?)\\b)"),
            QRegularExpression::CaseInsensitiveOption);
        if (const auto m = amount.match(q); m.hasMatch()) {
            const QString digits = !m.captured(1).isEmpty() ? m.captured(1) : !m.captured(3).isEmpty() ? m.captured(3) : m.captured(5);
            const QString unit = (!m.captured(2).isEmpty() ? m.captured(2) : m.captured(4)).toLower();
            capital = QString(digits).remove(u',').toDouble() * (unit == u"k" ? 1e3 : unit == u"mm" ? 1e6 : 1.0);
            capitalGiven = true;
        }
        const bool bearish = lower.contains(QStringLiteral("bear")) || lower.contains(QStringLiteral("put"));
        const QString preset = lower.contains(QStringLiteral("conservative")) ? QStringLiteral("conservative")
                               : lower.contains(QStringLiteral("aggressive")) ? QStringLiteral("aggressive")
                                                                                : QStringLiteral("balanced");
        const QJsonObject result = use(QStringLiteral("recommend_options"),
                                       {{QStringLiteral("symbol"), symbol},
                                        {QStringLiteral("direction"), bearish ? QStringLiteral("bearish") : QStringLiteral("bullish")},
                                        {QStringLiteral("preset"), preset},
                                        {QStringLiteral("capital"), capital}});
        if (result.contains(QStringLiteral("error"))) {
            answer.text = prefix + QStringLiteral("I could not rank options on %1: %2.").arg(symbol, result.value(QStringLiteral("error")).toString());
            return answer;
        }
        QString text = prefix + result.value(QStringLiteral("summary")).toString();
        if (!capitalGiven)
            text += QStringLiteral(" (No capital named: I used $10,000.)");
        const QLocale english(QLocale::English);
        for (const QJsonValue &v : result.value(QStringLiteral("recommendations")).toArray()) {
            const QJsonObject r = v.toObject();
            text += QStringLiteral("\n#%1 %2: %3 contracts at %4 for $%5 (score %6; breakeven %7; max loss $%5; %8 days).")
                        .arg(r.value(QStringLiteral("rank")).toInt())
                        .arg(r.value(QStringLiteral("contract")).toString())
                        .arg(r.value(QStringLiteral("contracts")).toInteger())
                        .arg(r.value(QStringLiteral("limit_price")).toString(), english.toString(r.value(QStringLiteral("cost")).toDouble(), 'f', 2),
                             english.toString(r.value(QStringLiteral("score")).toObject().value(QStringLiteral("total")).toDouble(), 'f', 3),
                             english.toString(r.value(QStringLiteral("breakeven")).toDouble(), 'f', 2))
                        .arg(r.value(QStringLiteral("days_to_expiry")).toInt());
        }
        const QJsonArray excluded = result.value(QStringLiteral("excluded")).toArray();
        if (result.value(QStringLiteral("recommendations")).toArray().isEmpty()) {
            // One contract for each kind of reason (expires today, too near or too far, no quote,
            // delta outside the band), not the first few of the chain, which share one.
            QSet<QString> kinds;
            for (const QJsonValue &v : excluded) {
                const QString reason = v.toObject().value(QStringLiteral("reason")).toString();
                QString kind;
                for (QChar c : reason)
                    if (!c.isDigit() && c != u'.' && c != u'(')
                        kind += c;
                    else if (c == u'(')
                        break;
                kind = kind.simplified().section(u' ', 0, 3);
                if (kinds.contains(kind) || kinds.size() >= 4)
                    continue;
                kinds.insert(kind);
                text += QStringLiteral("\n%1: %2").arg(v.toObject().value(QStringLiteral("contract")).toString(), reason);
            }
        }
        text += QStringLiteral("\nNothing is staged or sent: Option Ideas shows why each contract and size, and stages a ticket you send.");
        answer.text = text;
        return answer;
    }
    if (lower.contains(QStringLiteral("reject"))) {
        const QJsonObject result = use(QStringLiteral("get_orders"), {{QStringLiteral("state"), QStringLiteral("Rejected")},
                                                                      {QStringLiteral("mine"), mine}});
        const QJsonArray rows = result.value(QStringLiteral("orders")).toArray();
        if (rows.isEmpty()) {
            answer.text = prefix + (mine ? QStringLiteral("None of your orders has been rejected.") : QStringLiteral("No order has been rejected."));
            return answer;
        }
        // A named order, or the latest.
        QJsonObject pick = rows.first().toObject();
        for (const QJsonValue &v : rows)
            if (lower.contains(v.toObject().value(QStringLiteral("order_id")).toString().toLower()))
                pick = v.toObject();
        const Instrument *picked = m_tools.reference().instrument(pick.value(QStringLiteral("instrument")).toString());
        answer.text = prefix + QStringLiteral("Order %1 (%2 %3 %4) was rejected: %5")
                                   .arg(pick.value(QStringLiteral("order_id")).toString(), pick.value(QStringLiteral("side")).toString(),
                                        formatQuantity(pick.value(QStringLiteral("quantity")).toInteger(), picked),
                                        pick.value(QStringLiteral("instrument")).toString(), pick.value(QStringLiteral("reason")).toString());
        return answer;
    }
    if (lower.contains(QStringLiteral("dv01")) || lower.contains(QStringLiteral("exposure")) || lower.contains(QStringLiteral("risk"))) {
        const QJsonObject result = use(QStringLiteral("get_risk"), {{QStringLiteral("mine"), mine}});
        QStringList parts;
        const QJsonObject byTenor = result.value(QStringLiteral("dv01_by_tenor")).toObject();
        for (auto it = byTenor.begin(); it != byTenor.end(); ++it)
            parts << QStringLiteral("%1 $%L2").arg(it.key()).arg(it.value().toInteger());
        answer.text = prefix + (parts.isEmpty() ? QStringLiteral("No Treasury risk on the book.")
                                                : QStringLiteral("DV01 by tenor: %1; total $%L2 per basis point.")
                                                      .arg(parts.join(QStringLiteral(", ")))
                                                      .arg(result.value(QStringLiteral("dv01_total")).toInteger()));
        return answer;
    }
    if (lower.contains(QStringLiteral("p&l")) || lower.contains(QStringLiteral("pnl")) || lower.contains(QStringLiteral("profit"))) {
        const QJsonObject result = use(QStringLiteral("get_positions"), {{QStringLiteral("mine"), mine}});
        double realized = 0, unrealized = 0;
        for (const QJsonValue &v : result.value(QStringLiteral("positions")).toArray()) {
            realized += v.toObject().value(QStringLiteral("realized_pnl")).toDouble();
            unrealized += v.toObject().value(QStringLiteral("unrealized_pnl")).toDouble();
        }
        answer.text = prefix + QStringLiteral("P&L: realized $%L1, unrealized $%L2, total $%L3.")
                                   .arg(realized, 0, 'f', 2).arg(unrealized, 0, 'f', 2).arg(realized + unrealized, 0, 'f', 2);
        return answer;
    }
    if (lower.contains(QStringLiteral("position")) || lower.contains(QStringLiteral("holding"))) {
        const QJsonObject result = use(QStringLiteral("get_positions"), {{QStringLiteral("mine"), mine}});
        QStringList lines;
        for (const QJsonValue &v : result.value(QStringLiteral("positions")).toArray()) {
            const QJsonObject p = v.toObject();
            if (p.value(QStringLiteral("quantity")).toInteger() != 0)
                lines << QStringLiteral("%1 %2 %L3").arg(p.value(QStringLiteral("account")).toString(), p.value(QStringLiteral("instrument")).toString())
                             .arg(p.value(QStringLiteral("quantity")).toInteger());
        }
        answer.text = prefix + (lines.isEmpty() ? QStringLiteral("No open positions.") : QStringLiteral("Open positions: %1.").arg(lines.join(QStringLiteral("; "))));
        return answer;
    }
    if (lower.contains(QStringLiteral("summary")) || lower.contains(QStringLiteral("today")) || lower.contains(QStringLiteral("how are we"))) {
        const QJsonObject all = use(QStringLiteral("get_orders"), {});
        QMap<QString, int> byState;
        for (const QJsonValue &v : all.value(QStringLiteral("orders")).toArray())
            ++byState[v.toObject().value(QStringLiteral("state")).toString()];
        QStringList parts;
        for (auto it = byState.cbegin(); it != byState.cend(); ++it)
            parts << QStringLiteral("%1 %2").arg(it.value()).arg(it.key());
        const QJsonObject compliance = use(QStringLiteral("get_compliance_status"), {});
        answer.text = prefix + QStringLiteral("%1 orders (latest 50: %2). Kill switch: %3.")
                                   .arg(all.value(QStringLiteral("count")).toInt())
                                   .arg(parts.isEmpty() ? QStringLiteral("none") : parts.join(QStringLiteral(", ")),
                                        compliance.value(QStringLiteral("kill_switch")).toString());
        return answer;
    }
    answer.text = prefix + QStringLiteral("I can show positions, P&L, DV01 exposure, why an order was rejected and a summary "
                                          "of today, rank option ideas (\"recommend options on AAPL, bullish, $10k\"), and draft orders such as "
                                          "\"buy 5mm 10s at 99-16\" (you send them).");
    return answer;
}

CopilotAudit::CopilotAudit(EventStore &store, QString session, Actor user)
    : m_store(store), m_stream(QStringLiteral("copilot-") + session), m_user(std::move(user))
{
}

Status CopilotAudit::record(const QString &type, const QJsonObject &payload, const Actor &actor)
{
    AppendRequest r;
    r.streamId = m_stream;
    NewEvent e;
    e.type = type;
    e.payload = payload;
    e.actor = actor;
    e.correlationId = m_stream;
    r.events.append(e);
    auto result = m_store.append(std::move(r));
    if (!result)
        return result.error();
    return Done{};
}

Status CopilotAudit::prompt(const QString &question, const QString &mode)
{
    return record(QStringLiteral("CopilotPrompt"), {{QStringLiteral("question"), question}, {QStringLiteral("mode"), mode}}, m_user);
}

Status CopilotAudit::toolCall(const QString &tool, const QJsonObject &arguments, const QJsonObject &result)
{
    return record(QStringLiteral("CopilotToolCall"), {{QStringLiteral("tool"), tool}, {QStringLiteral("arguments"), arguments}, {QStringLiteral("result"), result}},
                  Actor{QStringLiteral("copilot"), QStringLiteral("copilot")});
}

Status CopilotAudit::answer(const QString &text)
{
    return record(QStringLiteral("CopilotAnswer"), {{QStringLiteral("text"), text}}, Actor{QStringLiteral("copilot"), QStringLiteral("copilot")});
}

Status CopilotAudit::proposal(const OrderProposal &p)
{
    return record(QStringLiteral("CopilotProposal"), p.toJson(), Actor{QStringLiteral("copilot"), QStringLiteral("copilot")});
}

Status CopilotAudit::decision(const QString &proposalId, const QString &decision, const QString &orderId)
{
    return record(QStringLiteral("CopilotProposalDecision"),
                  {{QStringLiteral("proposal_id"), proposalId}, {QStringLiteral("decision"), decision}, {QStringLiteral("order_id"), orderId}}, m_user);
}

} // namespace instant::copilot
