#pragma once

#include "oms/brackets.h"
#include "oms/ordermanager.h"
#include "settlement/settlementworker.h"

#include <QList>
#include <QObject>

namespace instant {

class EventStore;
class ReferenceData;
class Venue;
struct Account;

// The desk as every program assembles it: the order manager on a venue, the bracket monitor and
// settlement, wired once. The workstation's engine, the headless demo run and its live variant
// each hold one (with their own venue and clock); nothing else wires these three together.
class TradingDesk : public QObject
{
public:
    // Settlement counts business days on the venue's trade date.
    TradingDesk(EventStore &store, const ReferenceData &reference, Venue &venue, QObject *parent = nullptr);

    OrderManager &orders() { return m_oms; }
    BracketMonitor &brackets() { return m_brackets; }
    SettlementWorker &settlement() { return m_settlement; }

    // Opens every account the desk trades (the reference data's, then `extra` not already in it)
    // and, on a store without rules, the default ones, as `admin`. Each is tried; the first
    // failure is returned. (After OrderManager::start.)
    Status open(const QList<Account> &extra, const Actor &admin);
    // Works this workstation's brackets from now on: the order manager's changes reach the monitor.
    // A read-only session never calls it.
    void workBrackets();
    // The market's trades: stops fire and trail, and settlement keeps each day's close (an
    // option's underlying at expiry).
    template <typename Source>
    void followTrades(Source *source)
    {
        connect(source, &Source::trade, &m_brackets, &BracketMonitor::onTrade);
        connect(source, &Source::trade, &m_settlement, &SettlementWorker::recordTrade);
    }

private:
    const ReferenceData &m_reference;
    OrderManager m_oms;
    SettlementWorker m_settlement;
    BracketMonitor m_brackets;
};

} // namespace instant
