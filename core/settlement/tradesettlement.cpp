#include "settlement/tradesettlement.h"

#include "events/orderevents.h"
#include "oms/ordermanager.h"

#include <algorithm>

namespace instant {
namespace {

events::Settlement settlementOf(const FillRecord &f)
{
    return {f.execId, f.orderId, f.instrument, f.side, f.quantity, f.price,
            f.side == Side::Buy ? -f.settlementCents() : f.settlementCents(), f.settleDate, false, {}, {}};
}

} // namespace

Result<int> settleDue(OrderManager &oms, QDate today, const Actor &actor)
{
    const TradingState &state = oms.state();
    if (oms.storeHalt())
        return makeError(ErrorCode::Unavailable, QStringLiteral("trading is halted: the store cannot record (%1)").arg(oms.storeHalt()->reason));
    QMap<QString, QList<FillRecord>> due; // by account
    for (const FillRecord &f : state.unsettledFills())
        if (f.settleDate.isValid() && f.settleDate <= today)
            due[f.account].append(f);
    int settled = 0;
    for (auto it = due.begin(); it != due.end(); ++it) {
        // In the order traded: a sale follows the purchase that delivered what it sells.
        std::sort(it->begin(), it->end(), [](const FillRecord &a, const FillRecord &b) { return a.sequence < b.sequence; });
        for (int attempt = 0; attempt < OrderManager::MaxAttempts; ++attempt) {
            // Fills another workstation already settled drop out after catching up.
            QList<FillRecord> still;
            for (const FillRecord &f : std::as_const(*it))
                if (state.unsettledFills().contains(f.key()))
                    still << f;
            if (still.isEmpty())
                break;
            const SettlementRun run = settlementRun(state, it.key(), still);
            QList<NewEvent> out;
            for (const FillRecord &f : run.settling)
                out << events::encode(settlementOf(f), actor);
            for (const auto &[f, reason] : run.failing)
                if (f.failedOn != today || f.failReason != reason) { // once a day per reason; retried every run
                    events::Settlement failure = settlementOf(f);
                    failure.failed = true;
                    failure.businessDate = today;
                    failure.reason = reason;
                    out << events::encode(failure, actor);
                }
            if (out.isEmpty())
                break;
            auto r = oms.recordOnAccount(it.key(), out);
            if (r) {
                settled += int(run.settling.size());
                break;
            }
            if (r.code() != ErrorCode::Conflict)
                return r.error();
        }
    }
    return settled;
}

SettlementRun settlementRun(const TradingState &state, const QString &account, const QList<FillRecord> &fills)
{
    SettlementRun run;
    const AccountRecord *a = state.account(account);
    qint64 cash = a ? a->cashCents : 0;
    QHash<QString, qint64> held; // instrument → settled quantity
    auto heldOf = [&](const QString &instrument) -> qint64 & {
        auto h = held.find(instrument);
        if (h == held.end()) {
            const PositionRecord *p = state.position(account, instrument);
            h = held.insert(instrument, p ? p->settledQuantity : 0);
        }
        return *h;
    };
    QList<FillRecord> waiting = fills;
    for (bool progress = true; progress && !waiting.isEmpty();) {
        progress = false;
        QList<FillRecord> next;
        run.failing.clear();
        for (const FillRecord &f : std::as_const(waiting)) {
            qint64 &quantity = heldOf(f.instrument);
            if (f.side == Side::Buy && cash < f.settlementCents()) {
                next << f;
                run.failing.append({f, QStringLiteral("cash short: needs $%L1, $%L2 settled cash")
                                           .arg(double(f.settlementCents()) / 100.0, 0, 'f', 2)
                                           .arg(double(cash) / 100.0, 0, 'f', 2)});
                continue;
            }
            const PositionRecord *position = state.position(account, f.instrument);
            const bool retired = position && position->retired; // matured or expired: nothing left to deliver
            if (f.side == Side::Sell && !retired && quantity < f.quantity) {
                next << f;
                run.failing.append({f, QStringLiteral("securities not delivered: sells %L1, %L2 settled")
                                           .arg(f.quantity).arg(std::max<qint64>(0, quantity))});
                continue;
            }
            cash += f.side == Side::Buy ? -f.settlementCents() : f.settlementCents();
            quantity += f.side == Side::Buy ? f.quantity : -f.quantity;
            run.settling.append(f);
            progress = true;
        }
        waiting = std::move(next);
    }
    return run;
}

} // namespace instant
