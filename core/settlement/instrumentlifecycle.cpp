#include "settlement/instrumentlifecycle.h"

#include "analytics/bondanalytics.h"
#include "analytics/marketcalendar.h"
#include "analytics/treasurycalendar.h"
#include "oms/lifecycleevents.h"
#include "oms/tradingstate.h"
#include "refdata/referencedata.h"

#include <QHash>
#include <QLocale>
#include <QSet>

#include <algorithm>
#include <cmath>
#include <unordered_map>

namespace instant {

namespace {

using analytics::MarketCalendar;

// The Treasury pays on the Federal Reserve's next business day when a date is a holiday.
QDate paidOn(QDate scheduled)
{
    return analytics::onOrAfter(MarketCalendar::FederalReserve, scheduled);
}

// A coupon-paying or maturing holding: a settled Treasury position still held.
const Instrument *paying(const PositionRecord &p, const ReferenceData &reference)
{
    if (p.settledQuantity <= 0 || p.retired)
        return nullptr;
    const Instrument *i = reference.instrument(p.instrument);
    return i && isTreasury(i->kind) && i->maturityDate.isValid() ? i : nullptr;
}

// Each note's coupon dates, worked out once per look at the holdings, not once per holder: a desk
// of hundreds of accounts holds the same few notes, and the settlement worker looks on every step.
class CouponSchedules
{
public:
    const QList<QDate> &of(const Instrument &i)
    {
        auto [at, added] = m_dates.try_emplace(&i);
        if (added)
            at->second = analytics::couponDates(i.datedDate, i.maturityDate);
        return at->second;
    }

private:
    std::unordered_map<const Instrument *, QList<QDate>> m_dates; // nodes: a schedule stays where it is as others are added
};

// The coupons not yet paid to this holding. A position from a store that did not keep the date
// it was first settled gets only coupons of the last ten days (none paid twice, none from before).
QList<QDate> couponsDue(const PositionRecord &p, const Instrument &i, QDate today, CouponSchedules &schedules)
{
    QList<QDate> due;
    if (i.kind == InstrumentKind::TreasuryBill)
        return due;
    const QDate after = p.couponsThrough.isValid() ? p.couponsThrough : today.addDays(-10);
    for (const QDate &c : schedules.of(i)) {
        if (c > today)
            break; // in date order, and none is paid before its date
        if (c > after && paidOn(c) <= today)
            due.append(c);
    }
    return due;
}

QString money(qint64 cents)
{
    return QLocale(QLocale::English).toString(double(cents) / 100.0, 'f', 2);
}

} // namespace

qint64 InstrumentLifecycle::couponCents(qint64 face, double ratePercent)
{
    // Rates are in thousandths of a percent at most (4.125): face × rate / 2 exactly, in
    // thousandths of a cent, then to the cent.
    const qint64 milli = qRound64(ratePercent * 1000.0);
    return (face * milli + 1000) / 2000;
}

QList<QDate> InstrumentLifecycle::paymentDates(QDate today) const
{
    QSet<QDate> dates;
    CouponSchedules schedules;
    for (const PositionRecord &p : m_state.positions()) {
        const Instrument *i = paying(p, m_reference);
        if (!i)
            continue;
        for (const QDate &c : couponsDue(p, *i, today, schedules))
            dates.insert(paidOn(c));
        if (i->maturityDate <= today && paidOn(i->maturityDate) <= today)
            dates.insert(paidOn(i->maturityDate));
    }
    QList<QDate> out(dates.cbegin(), dates.cend());
    std::sort(out.begin(), out.end());
    return out;
}

QList<InstrumentLifecycle::Action> InstrumentLifecycle::payments(QDate paymentDate, const Actor &actor) const
{
    // What settled on or after the payment date, by position: not the holder's of the day before.
    QHash<QString, qint64> settledSince;
    for (const FillRecord &f : m_state.executions())
        if (f.settled && f.settleDate >= paymentDate)
            settledSince[f.account + u'|' + f.instrument] += f.side == Side::Buy ? f.quantity : -f.quantity;
    QList<Action> out;
    CouponSchedules schedules;
    for (const PositionRecord &p : m_state.positions()) {
        const Instrument *i = paying(p, m_reference);
        if (!i)
            continue;
        const qint64 held = p.settledQuantity - settledSince.value(p.account + u'|' + p.instrument);
        if (held <= 0)
            continue;
        for (const QDate &c : couponsDue(p, *i, paymentDate, schedules)) {
            if (paidOn(c) != paymentDate)
                continue;
            lifecycle::Coupon coupon{p.account, p.instrument, c, paymentDate, held, i->couponPercent, couponCents(held, i->couponPercent)};
            out.append({p.account, lifecycle::key(lifecycle::CouponPaid, p.account, p.instrument, c), {lifecycle::encode(coupon, actor)}});
        }
        if (paidOn(i->maturityDate) == paymentDate) {
            lifecycle::Principal principal{p.account, p.instrument, i->maturityDate, paymentDate, held, held * 100};
            out.append({p.account, lifecycle::key(lifecycle::PrincipalPaid, p.account, p.instrument, i->maturityDate),
                        {lifecycle::encode(principal, actor)}});
        }
    }
    return out;
}

QList<TradingState::LifecycleEntry> InstrumentLifecycle::upcoming(QDate today, int days) const
{
    QList<TradingState::LifecycleEntry> out;
    const QDate until = today.addDays(days);
    CouponSchedules schedules;
    for (const PositionRecord &p : m_state.positions()) {
        if (p.retired || p.quantity == 0)
            continue;
        const Instrument *i = m_reference.instrument(p.instrument);
        if (!i)
            continue;
        const qint64 face = std::max(p.quantity, p.settledQuantity);
        if (isTreasury(i->kind) && i->maturityDate.isValid()) {
            if (i->kind != InstrumentKind::TreasuryBill)
                for (const QDate &c : schedules.of(*i))
                    if (paidOn(c) > today && paidOn(c) <= until)
                        out.append({0, lifecycle::CouponPaid, p.account, p.instrument, paidOn(c), face, couponCents(face, i->couponPercent),
                                    QStringLiteral("%1% on %L2 face").arg(i->couponPercent, 0, 'f', 3).arg(face), true});
            if (paidOn(i->maturityDate) > today && paidOn(i->maturityDate) <= until)
                out.append({0, lifecycle::PrincipalPaid, p.account, p.instrument, paidOn(i->maturityDate), face, face * 100,
                            QStringLiteral("matures %1").arg(i->maturityDate.toString(Qt::ISODate)), true});
        }
        if (i->kind == InstrumentKind::EquityOption && i->expiry >= today && i->expiry <= until)
            out.append({0, lifecycle::OptionExpired, p.account, p.instrument, i->expiry, p.quantity, 0,
                        QStringLiteral("expires; exercised if in the money by a cent at the close"), true});
    }
    std::stable_sort(out.begin(), out.end(), [](const auto &a, const auto &b) { return a.date < b.date; });
    return out;
}

QList<InstrumentLifecycle::Action> InstrumentLifecycle::expiries(QDate today, const ClosingPrice &close, const Actor &actor,
                                                                 QStringList *problems) const
{
    QList<Action> out;
    // What each account has left for deliveries decided so far this run.
    QHash<QString, qint64> cashLeft, sharesLeft;
    for (const PositionRecord &p : m_state.positions()) {
        if (p.quantity == 0 || p.retired)
            continue;
        const Instrument *o = m_reference.instrument(p.instrument);
        if (!o || o->kind != InstrumentKind::EquityOption || !o->expiry.isValid() || o->expiry >= today)
            continue;
        const Instrument *u = m_reference.instrument(o->underlying);
        const std::optional<Close> spot = u ? close(u->id, o->expiry) : std::nullopt;
        if (!u || !spot) {
            if (problems)
                *problems << QStringLiteral("%1 expired on %2: no price is known for %3, so it is not yet known whether it is exercised")
                                 .arg(o->symbol, o->expiry.toString(Qt::ISODate), o->underlying);
            continue;
        }
        const bool call = o->right == OptionRight::Call;
        const double strike = o->toDouble(o->strike), last = u->toDouble(spot->price);
        const double inTheMoney = call ? last - strike : strike - last;
        const bool exercisable = inTheMoney >= 0.01 - 1e-9; // the OCC exercises by a cent or more
        const bool isLong = p.quantity > 0;
        const QString closing = QStringLiteral("%1 %2 %3, strike %4").arg(u->symbol, spot->how, u->formatPrice(spot->price), o->formatPrice(o->strike));
        const QString key = lifecycle::key(QStringLiteral("OptionExpiry"), p.account, p.instrument, o->expiry);
        auto lapse = [&](const QString &reason) {
            lifecycle::Expiry e{p.account, p.instrument, o->expiry, p.quantity, spot->price.value(), reason};
            out.append({p.account, key, {lifecycle::encode(e, actor)}});
        };
        if (!exercisable) {
            lapse(QStringLiteral("expired worthless: %1").arg(closing));
            continue;
        }
        lifecycle::Delivery d;
        d.account = p.account;
        d.instrument = p.instrument;
        d.underlying = u->id;
        d.expiry = o->expiry;
        d.contracts = p.quantity;
        d.shares = std::abs(p.quantity) * o->contractMultiplier;
        // A long call or a short put buys the underlying; a long put or a short call sells it.
        d.stockSide = call == isLong ? Side::Buy : Side::Sell;
        d.strike = qRound64(strike * double(u->priceScale));
        d.notionalCents = u->notionalCents(Quantity(d.shares), Price(d.strike));
        d.underlyingPrice = spot->price.value();
        d.tradeDate = o->expiry;
        d.settleDate = analytics::settlementDate(*u, o->expiry);
        d.orderId = QStringLiteral("%1:%2:%3").arg(isLong ? QStringLiteral("EXERCISE") : QStringLiteral("ASSIGN"), p.account, p.instrument);
        d.execId = o->expiry.toString(QStringLiteral("yyyyMMdd"));
        if (isLong && d.stockSide == Side::Buy) {
            auto left = cashLeft.find(p.account);
            if (left == cashLeft.end()) {
                const AccountRecord *a = m_state.account(p.account);
                left = cashLeft.insert(p.account, a ? a->availableCents() : 0);
            }
            if (*left < d.notionalCents) {
                lapse(QStringLiteral("in the money (%1) but not exercised: taking delivery needs $%2, $%3 available")
                          .arg(closing, money(d.notionalCents), money(*left)));
                continue;
            }
            *left -= d.notionalCents;
        }
        if (isLong && d.stockSide == Side::Sell) {
            const QString holding = p.account + u'|' + u->id;
            auto left = sharesLeft.find(holding);
            if (left == sharesLeft.end())
                left = sharesLeft.insert(holding, m_state.sellableQuantity(p.account, u->id));
            if (*left < d.shares) {
                lapse(QStringLiteral("in the money (%1) but not exercised: delivering needs %L2 %3, %L4 held (no short sales)")
                          .arg(closing).arg(d.shares).arg(u->symbol).arg(std::max<qint64>(0, *left)));
                continue;
            }
            *left -= d.shares;
        }
        out.append({p.account, key, {lifecycle::encode(d, !isLong, actor)}});
    }
    return out;
}

} // namespace instant
