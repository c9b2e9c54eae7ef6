#pragma once

#include "common/types.h"
#include "events/event.h"
#include "oms/tradingstate.h"

#include <QDate>
#include <QList>
#include <QString>

#include <functional>
#include <optional>

namespace instant {

class ReferenceData;

// What an instrument does on its own dates to the positions of a trading state, decided from the
// state and the reference data (recorded by the settlement worker):
// - a note or bond pays a coupon on each coupon date (the Federal Reserve's next business day when
//   it falls on a holiday) to the holder of the settled position: face × rate / 2;
// - a note, bond or bill pays its principal at maturity, and the position closes;
// - an option closes on its expiry: out of the money it expires worthless; a long one in the money
//   by at least a cent (the OCC's threshold) is exercised, a short one assigned, by delivering 100
//   shares a contract at the strike. A long option the account cannot take delivery for (cash
//   for a call, shares for a put: no short sales) lapses, with the reason, for a human to see.
class InstrumentLifecycle
{
public:
    // An instrument's closing price on a date (the underlying of an option on its expiry), and how
    // it is known ("closed at", or "last traded at … (no close recorded for …)"); nothing when no
    // price at all is known.
    struct Close
    {
        Price price;
        QString how;
    };
    using ClosingPrice = std::function<std::optional<Close>(const QString &instrument, QDate date)>;

    // One append: the events of one account, recorded once (the key).
    struct Action
    {
        QString account;
        QString key;
        QList<NewEvent> events;
    };

    InstrumentLifecycle(const TradingState &state, const ReferenceData &reference) : m_state(state), m_reference(reference) {}

    // The business days up to `today` on which a coupon or principal is still to be paid, oldest first.
    QList<QDate> paymentDates(QDate today) const;
    // What is paid on `paymentDate` (each coupon and principal its own action), to whoever held the
    // settled securities at the end of the day before: settlements on or after the payment date
    // (recorded already) do not count.
    QList<Action> payments(QDate paymentDate, const Actor &actor) const;
    // The options that expired before `today` and are still held. Exercises are decided account by
    // account against what is left after the ones decided before (cash for calls, shares for puts).
    // `problems` gets what could not be decided (no price known for the underlying): those wait
    // for the next run. One key per account, option and expiry, whatever the outcome.
    QList<Action> expiries(QDate today, const ClosingPrice &close, const Actor &actor, QStringList *problems = nullptr) const;

    // What the positions have coming in the `days` after `today`: coupons, principal and option
    // expiries, as they stand now (entries marked expected, in date order).
    QList<TradingState::LifecycleEntry> upcoming(QDate today, int days) const;

    // Face × rate / 2, in cents, half a cent up.
    static qint64 couponCents(qint64 face, double ratePercent);

private:
    const TradingState &m_state;
    const ReferenceData &m_reference;
};

} // namespace instant
