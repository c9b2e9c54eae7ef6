#include "engine/tradingdesk.h"

#include "compliance/compliance.h"
#include "refdata/referencedata.h"
#include "venue/venue.h"

namespace instant {

TradingDesk::TradingDesk(EventStore &store, const ReferenceData &reference, Venue &venue, QObject *parent)
    : QObject(parent), m_reference(reference), m_oms(store, reference, venue, this),
      m_settlement(m_oms, [&venue] { return venue.tradeDate(); }, this), m_brackets(m_oms, reference, this)
{
}

Status TradingDesk::open(const QList<Account> &extra, const Actor &admin)
{
    QList<Account> accounts;
    for (const Account *a : m_reference.accounts())
        accounts.append(*a);
    for (const Account &a : extra)
        if (!m_reference.account(a.id))
            accounts.append(a);
    Status first = Done{};
    auto keep = [&first](Status s) {
        if (!s && first)
            first = std::move(s);
    };
    for (const Account &a : std::as_const(accounts))
        keep(m_oms.openAccount(a.id, a.openingCashCents, admin));
    if (m_oms.state().complianceRules().isEmpty())
        keep(m_oms.setRules(ComplianceEngine::defaultRules(), admin));
    return first;
}

void TradingDesk::workBrackets()
{
    connect(&m_oms, &OrderManager::orderChanged, &m_brackets, &BracketMonitor::onOrderChanged);
    m_brackets.resume();
}

} // namespace instant
