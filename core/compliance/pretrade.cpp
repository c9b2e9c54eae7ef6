#include "compliance/pretrade.h"

#include "analytics/bondanalytics.h"
#include "analytics/marketcalendar.h"
#include "events/orderevents.h"
#include "records/bookview.h"
#include "refdata/referencedata.h"

#include <algorithm>
#include <cmath>

namespace instant {

namespace {

QString dollars(qint64 cents)
{
    return QStringLiteral("$%L1").arg(double(cents) / 100.0, 0, 'f', 2);
}

Price lastOrReference(const BookView &book, const Instrument &instrument)
{
    return book.lastPrice(instrument.id).value_or(instrument.referencePrice);
}

// A limit or stop price as typed: present, a price of the instrument, positive, on a tick and
// within the band around the last trade (none before any price is known).
std::optional<Price> parseOrderPrice(const QString &text, const char *what, const QString &type, const Instrument &instrument,
                                     const BookView &book, QString &reason)
{
    if (text.trimmed().isEmpty()) {
        reason = QStringLiteral("a %1 order needs a %2 price").arg(type.toLower(), QLatin1String(what));
        return std::nullopt;
    }
    auto p = instrument.parsePrice(text);
    if (!p) {
        reason = QStringLiteral("%1 price: %2").arg(QLatin1String(what), p.message());
        return std::nullopt;
    }
    if (*p <= Price(0)) {
        reason = QStringLiteral("%1 price must be positive").arg(QLatin1String(what));
        return std::nullopt;
    }
    if (!instrument.onTick(*p)) {
        reason = QStringLiteral("%1 price %2 is not on a tick of %3 (tick %4)")
                     .arg(QLatin1String(what), text, instrument.symbol, instrument.formatPrice(Price(instrument.tickSize)));
        return std::nullopt;
    }
    const Price anchor = lastOrReference(book, instrument);
    if (anchor > Price(0) && std::abs(double(p->value() - anchor.value())) > PriceBandPercent / 100 * double(anchor.value())) {
        reason = QStringLiteral("%1 price %2 is outside the price band (±50% of %3)")
                     .arg(QLatin1String(what), instrument.formatPrice(*p), instrument.formatPrice(anchor));
        return std::nullopt;
    }
    return *p;
}

// The terms as an order: everything a trader can correct by typing. Fills `reason` when they do not.
void parseTerms(const OrderTerms &t, const PreTradeContext &ctx, CheckedOrder &out)
{
    QString &reason = out.reason;
    const Instrument *instrument = ctx.reference.instrument(t.instrument);
    out.instrument = instrument;
    if (!instrument)
        reason = QStringLiteral("unknown instrument \"%1\"").arg(t.instrument);
    else if (!events::parseSide(t.side, out.side))
        reason = QStringLiteral("side must be buy or sell, not \"%1\"").arg(t.side);
    else if (!events::parseOrderType(t.type, out.type))
        reason = QStringLiteral("order type must be limit, market, stop or stop-limit, not \"%1\"").arg(t.type);
    else if (!events::parseTimeInForce(t.timeInForce, out.tif))
        reason = QStringLiteral("time in force must be day, gtc, ioc or fok, not \"%1\"").arg(t.timeInForce);
    else if (t.quantity <= 0)
        reason = QStringLiteral("quantity must be positive");
    else if (t.quantity > MaxOrderQuantity)
        reason = QStringLiteral("quantity %L1 is beyond any order this desk can send").arg(t.quantity);
    else if (t.quantity % instrument->lotSize != 0)
        reason = QStringLiteral("quantity %L1 is not a multiple of the %L2 lot of %3").arg(t.quantity).arg(instrument->lotSize).arg(instrument->symbol);
    else if (auto why = analytics::whyNotTradable(*instrument, ctx.tradeDate))
        reason = *why;
    else if (out.type == OrderType::Market && out.tif == TimeInForce::Gtc)
        reason = QStringLiteral("a market order cannot be good till cancelled");
    else if (t.bracketEntry && out.side != Side::Buy)
        reason = QStringLiteral("a bracket protects a bought position: its entry is a buy");
    if (reason.isEmpty() && (out.type == OrderType::Limit || out.type == OrderType::StopLimit))
        out.limitPrice = parseOrderPrice(t.limitPrice, "limit", t.type, *instrument, ctx.book, reason);
    if (reason.isEmpty() && (out.type == OrderType::Stop || out.type == OrderType::StopLimit))
        out.stopPrice = parseOrderPrice(t.stopPrice, "stop", t.type, *instrument, ctx.book, reason);
    if (reason.isEmpty() && (out.type == OrderType::Market || out.type == OrderType::Stop)) {
        const Price last = lastOrReference(ctx.book, *instrument);
        if (last <= Price(0))
            reason = QStringLiteral("no price is known for %1 yet: a market or stop order has nothing to be protected by; "
                                    "send a limit order").arg(instrument->symbol);
        else
            out.protectionPrice = protectionPrice(*instrument, last, out.side);
    }
    if (!reason.isEmpty())
        out.stage = QStringLiteral("validation");
    out.quantity = Quantity(t.quantity);
}

// What it costs on the trade date, and for a Treasury its DV01 and yield (at the limit, or the
// last trade for a market order).
void priceIt(const PreTradeContext &ctx, CheckedOrder &out)
{
    const Instrument &i = *out.instrument;
    const Price pricedAt = out.limitPrice ? *out.limitPrice : *out.protectionPrice;
    out.cost = orderCost(i, out.side, out.tif, out.quantity, pricedAt, ctx.tradeDate);
    out.reservationCents = out.side == Side::Buy ? out.cost.holdCents : 0;
    if (isTreasury(i.kind)) {
        const Price at = out.limitPrice.value_or(lastOrReference(ctx.book, i));
        if (auto dv01 = analytics::dv01PerUnitFace(i, at, out.cost.settleDate))
            out.dv01 = *dv01 * double(out.quantity.value()) * (out.side == Side::Buy ? 1 : -1);
        out.yieldPercent = analytics::yieldPercent(i, at, out.cost.settleDate);
    }
}

// The kill switch, short sales and buying power: the first refusal becomes the reason (unless
// the terms already gave one); every one is a finding.
void checkBook(const OrderTerms &t, const PreTradeContext &ctx, CheckedOrder &out)
{
    const Instrument &i = *out.instrument;
    const AccountRecord *account = ctx.book.account(t.account);
    if (!account) { // priced all the same: a draft (the copilot's) shows what it would cost
        out.reason = QStringLiteral("unknown account \"%1\"").arg(t.account);
        out.stage = QStringLiteral("validation");
        return;
    }
    out.availableCents = account->availableCents();
    const qint64 sellable = ctx.book.sellableQuantity(t.account, i.id);
    const qint64 quantity = out.quantity.value();
    auto refuse = [&](const QString &id, const QString &kind, const QString &message, const QString &reason, const char *stage) {
        out.bookViolations << Violation{id, kind, Severity::Hard, message, {}, {}, {}};
        if (out.reason.isEmpty()) {
            out.reason = reason;
            out.stage = QLatin1String(stage);
        }
    };
    if (ctx.killSwitch == KillSwitch::Halted)
        refuse(QStringLiteral("kill-switch"), QStringLiteral("kill_switch"), QStringLiteral("trading is halted (kill switch)"),
               QStringLiteral("trading is halted (kill switch)"), "kill-switch");
    else if (ctx.killSwitch == KillSwitch::ReducingOnly && (out.side == Side::Buy || quantity > sellable))
        refuse(QStringLiteral("kill-switch"), QStringLiteral("kill_switch"), QStringLiteral("only orders that reduce a position are allowed now"),
               QStringLiteral("only orders that reduce a position are allowed now (kill switch: reducing only)"), "kill-switch");
    if (out.side == Side::Sell && quantity > sellable)
        refuse(QStringLiteral("no-short"), QStringLiteral("short_sale"), QStringLiteral("only %L1 available to sell").arg(sellable),
               QStringLiteral("cannot sell %L1 %2: %L3 available (short sales are not allowed)").arg(quantity).arg(i.symbol).arg(sellable),
               "compliance");
    if (out.side == Side::Buy && out.reservationCents > out.availableCents)
        refuse(QStringLiteral("buying-power"), QStringLiteral("buying_power"),
               QStringLiteral("needs %1, %2 available").arg(dollars(out.reservationCents), dollars(out.availableCents)),
               QStringLiteral("insufficient buying power: needs %1, %2 available").arg(dollars(out.reservationCents), dollars(out.availableCents)),
               "compliance");
}

// The desk's rules: hard ones refuse; a soft one needs an override with a reason, and where it
// names approvers, one of them (never the trader) to approve.
void checkRules(const OrderTerms &t, const PreTradeContext &ctx, CheckedOrder &out)
{
    OrderCheck check;
    check.instrument = out.instrument;
    check.account = t.account;
    check.side = out.side;
    check.quantity = out.quantity;
    check.limitPrice = out.limitPrice;
    check.referencePrice = out.cost.pricedAt;
    check.notionalCents = out.cost.principalCents;
    check.settleDate = out.cost.settleDate;
    out.violations = ComplianceEngine::check(ctx.rules, check, ctx.book, ctx.reference);
    const bool decides = out.reason.isEmpty(); // an earlier stage refused: these are findings only
    out.rulesChecked = decides;
    QStringList hard, unresolved;
    for (const Violation &v : std::as_const(out.violations)) {
        if (v.severity == Severity::Hard) {
            hard << v.message;
            continue;
        }
        auto o = std::find_if(t.overrides.cbegin(), t.overrides.cend(),
                              [&v](const RuleOverride &r) { return r.ruleId == v.ruleId && !r.reason.trimmed().isEmpty(); });
        if (o == t.overrides.cend()) {
            unresolved << v.message + QStringLiteral(" — needs an override with a reason");
            continue;
        }
        QJsonObject entry{{QStringLiteral("rule"), v.ruleId},   {QStringLiteral("kind"), v.kind},
                          {QStringLiteral("message"), v.message}, {QStringLiteral("value"), v.value},
                          {QStringLiteral("limit"), v.limit},     {QStringLiteral("reason"), o->reason.trimmed()}};
        if (!v.approvers.isEmpty()) { // four eyes
            if (v.approvers.contains(t.approvedBy))
                entry.insert(QStringLiteral("approved_by"), t.approvedBy);
            else
                out.needApproval << v;
        }
        out.overrides.append(entry);
    }
    if (decides && (!hard.isEmpty() || !unresolved.isEmpty())) {
        out.reason = (hard + unresolved).join(QStringLiteral("; "));
        out.stage = QStringLiteral("compliance");
    }
}

// A bracket's take-profit is a sell limit placed when the entry fills: the price collar checks it
// then. Say now if it would be refused (the stop would still protect).
void checkTakeProfit(const OrderTerms &t, const PreTradeContext &ctx, CheckedOrder &out)
{
    if (!t.bracketEntry || t.takeProfit.isEmpty() || out.side != Side::Buy)
        return;
    auto target = out.instrument->parsePrice(t.takeProfit);
    if (!target)
        return;
    QList<ComplianceRule> collars;
    for (const ComplianceRule &r : ctx.rules)
        if (r.kind == u"price_collar")
            collars << r;
    OrderCheck exit;
    exit.instrument = out.instrument;
    exit.account = t.account;
    exit.side = Side::Sell;
    exit.quantity = out.quantity;
    exit.limitPrice = *target;
    exit.referencePrice = *target;
    exit.notionalCents = out.instrument->notionalCents(out.quantity, *target);
    exit.settleDate = out.cost.settleDate;
    out.takeProfitRefusals = ComplianceEngine::check(collars, exit, ctx.book, ctx.reference);
}

} // namespace

CheckedOrder checkOrder(const OrderTerms &terms, const PreTradeContext &context)
{
    CheckedOrder out;
    parseTerms(terms, context, out);
    if (!out.valid())
        return out;
    priceIt(context, out);
    checkBook(terms, context, out);
    if (!out.valid())
        return out;
    checkRules(terms, context, out);
    checkTakeProfit(terms, context, out);
    return out;
}

} // namespace instant
