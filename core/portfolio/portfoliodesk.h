#pragma once

// Portfolio targets and rebalance proposals as events, on a stream of their own per account
// ("portfolio-<account>": the account streams stay the order manager's):
//   PortfolioTargetsSet   the targets (weights by instrument or DV01 by tenor bucket)
//   RebalanceProposed     a proposal: lines, exposure before/after, cash before/after, inputs
//   RebalanceEdited       the trader changed lines (quantities, removals): the lines as they are now
//   RebalanceAccepted     the lines become orders, client order id <proposal>-L<line>
//   RebalanceRejected     with the trader's reason
// PortfolioBook is the projection (rebuilt from the events at start); PortfolioDesk records the
// commands and sends an accepted proposal's lines through the order manager (compliance,
// buying power), so accepting twice never sends twice: the client order id is the key.

#include "compliance/compliance.h"
#include "portfolio/rebalancer.h"

#include <QHash>

namespace instant {

class EventStore;
class OrderManager;
class TradingState;

namespace events {
QString portfolioStream(const QString &account); // "portfolio-DESK-01"
inline const QString PortfolioTargetsSet = QStringLiteral("PortfolioTargetsSet");
inline const QString RebalanceProposed = QStringLiteral("RebalanceProposed");
inline const QString RebalanceEdited = QStringLiteral("RebalanceEdited");
inline const QString RebalanceAccepted = QStringLiteral("RebalanceAccepted");
inline const QString RebalanceRejected = QStringLiteral("RebalanceRejected");
} // namespace events

// The client order id of a proposal's line.
QString rebalanceOrderId(const QString &proposalId, int line);

class PortfolioBook
{
public:
    // Applies one event of a portfolio stream; other events are ignored.
    Status apply(const RecordedEvent &event);
    static Result<PortfolioBook> replay(const EventStore &store, const QStringList &accounts);

    std::optional<PortfolioTargets> targets(const QString &account) const;
    QList<RebalanceProposal> proposals(const QString &account) const; // oldest first
    const RebalanceProposal *proposal(const QString &id) const;
    StreamVersion version(const QString &account) const { return m_versions.value(account, 0); }
    QStringList accounts() const;

private:
    QHash<QString, PortfolioTargets> m_targets;
    QHash<QString, StreamVersion> m_versions;
    QHash<QString, RebalanceProposal> m_proposals;
    QHash<QString, QStringList> m_byAccount;
};

class PortfolioDesk
{
public:
    PortfolioDesk(EventStore &store, const ReferenceData &reference, OrderManager &oms);

    // Rebuilds the book from the accounts' portfolio streams.
    Status start(const QStringList &accounts);

    Status setTargets(const PortfolioTargets &targets, const Actor &actor);
    // A proposal from the account's targets, its positions and cash in the order manager's state,
    // and the marks given (instrument id → price; the reference price where there is none).
    Result<RebalanceProposal> propose(const QString &account, const QHash<QString, Price> &marks, QDate settleDate,
                                      const Actor &actor);
    Result<RebalanceProposal> edit(const QString &proposalId, const QList<RebalanceEdit> &edits, const Actor &actor);
    // Records the acceptance (once), then sends each line as a limit order, day, through the
    // order manager. Accepting again sends nothing new: the same client order ids are duplicates.
    Result<RebalanceProposal> accept(const QString &proposalId, const QList<RuleOverride> &overrides, const Actor &actor);
    Result<RebalanceProposal> reject(const QString &proposalId, const QString &reason, const Actor &actor);

    const PortfolioBook &book() const { return m_book; }
    // The proposal with each line's order (id, state, reason) from the order manager's state.
    RebalanceProposal withOrders(RebalanceProposal proposal) const;
    QList<RebalanceProposal> proposalsWithOrders(const QString &account) const;

private:
    Result<AppendResult> record(const QString &account, const NewEvent &event, const QString &key = {});
    Status catchUp(const QString &account);

    EventStore &m_store;
    const ReferenceData &m_reference;
    OrderManager &m_oms;
    PortfolioBook m_book;
};

} // namespace instant

Q_DECLARE_METATYPE(QList<instant::RebalanceProposal>)
