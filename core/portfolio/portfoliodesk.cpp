#include "portfolio/portfoliodesk.h"

#include "analytics/bondanalytics.h"
#include "events/orderevents.h"
#include "oms/ordermanager.h"
#include "refdata/referencedata.h"
#include "store/eventstore.h"

#include <QJsonArray>

namespace instant {
namespace {

constexpr int MaxAttempts = 8; // optimistic concurrency retries
const QString StreamPrefix = QStringLiteral("portfolio-");

Error refused(const QString &why)
{
    return makeError(ErrorCode::InvalidArgument, why);
}

NewEvent portfolioEvent(const QString &type, QJsonObject payload, const Actor &actor, const QString &correlation)
{
    return NewEvent::make(type, std::move(payload), actor, correlation);
}

} // namespace

QString events::portfolioStream(const QString &account)
{
    return StreamPrefix + account;
}

QString rebalanceOrderId(const QString &proposalId, int line)
{
    return QStringLiteral("%1-L%2").arg(proposalId).arg(line);
}

// ---- the projection ----

Status PortfolioBook::apply(const RecordedEvent &e)
{
    if (!e.streamId.startsWith(StreamPrefix))
        return Done{};
    const QString account = e.streamId.mid(StreamPrefix.size());
    m_versions[account] = e.streamVersion;
    const QJsonObject o = e.payloadObject();
    if (e.type == events::PortfolioTargetsSet) {
        PortfolioTargets t = PortfolioTargets::fromJson(o);
        t.account = account;
        m_targets.insert(account, t);
        return Done{};
    }
    if (e.type == events::RebalanceProposed) {
        RebalanceProposal p = RebalanceProposal::fromJson(o);
        p.account = account;
        p.proposedUs = e.recordedUs;
        p.proposedBy = e.actor.user;
        if (!m_proposals.contains(p.id))
            m_byAccount[account].append(p.id);
        m_proposals.insert(p.id, p);
        return Done{};
    }
    const QString id = o.value(QStringLiteral("proposal_id")).toString();
    auto it = m_proposals.find(id);
    if (it == m_proposals.end()) {
        if (e.type == events::RebalanceEdited || e.type == events::RebalanceAccepted || e.type == events::RebalanceRejected)
            return makeError(ErrorCode::Integrity, QStringLiteral("%1 for unknown proposal %2 (sequence %3)").arg(e.type, id).arg(e.sequence));
        return Done{};
    }
    if (e.type == events::RebalanceEdited) {
        it->lines.clear();
        for (const QJsonValue &v : o.value(QStringLiteral("lines")).toArray())
            it->lines.append(RebalanceLine::fromJson(v.toObject()));
        it->exposure.clear();
        for (const QJsonValue &v : o.value(QStringLiteral("exposure")).toArray())
            it->exposure.append(ExposureRow::fromJson(v.toObject()));
        it->cashAfterCents = o.value(QStringLiteral("cash_after_cents")).toInteger();
        ++it->edits;
    } else if (e.type == events::RebalanceAccepted) {
        it->status = RebalanceProposal::Status::Accepted;
    } else if (e.type == events::RebalanceRejected) {
        it->status = RebalanceProposal::Status::Rejected;
        it->rejectReason = o.value(QStringLiteral("reason")).toString();
    }
    return Done{};
}

Result<PortfolioBook> PortfolioBook::replay(const EventStore &store, const QStringList &accounts)
{
    PortfolioBook book;
    for (const QString &account : accounts) {
        auto stream = store.readStream(events::portfolioStream(account));
        if (!stream)
            return stream.error();
        for (const RecordedEvent &e : std::as_const(*stream))
            if (Status s = book.apply(e); !s)
                qWarning("instant: %s", qPrintable(s.message()));
    }
    return book;
}

std::optional<PortfolioTargets> PortfolioBook::targets(const QString &account) const
{
    auto it = m_targets.constFind(account);
    if (it == m_targets.cend())
        return std::nullopt;
    return *it;
}

QList<RebalanceProposal> PortfolioBook::proposals(const QString &account) const
{
    QList<RebalanceProposal> out;
    for (const QString &id : m_byAccount.value(account))
        out.append(m_proposals.value(id));
    return out;
}

const RebalanceProposal *PortfolioBook::proposal(const QString &id) const
{
    auto it = m_proposals.constFind(id);
    return it == m_proposals.cend() ? nullptr : &*it;
}

QStringList PortfolioBook::accounts() const
{
    QStringList out = m_versions.keys();
    out.sort();
    return out;
}

// ---- the commands ----

PortfolioDesk::PortfolioDesk(EventStore &store, const ReferenceData &reference, OrderManager &oms)
    : m_store(store), m_reference(reference), m_oms(oms)
{
}

Status PortfolioDesk::start(const QStringList &accounts)
{
    auto book = PortfolioBook::replay(m_store, accounts);
    if (!book)
        return book.error();
    m_book = std::move(book).value();
    return Done{};
}

Status PortfolioDesk::catchUp(const QString &account)
{
    auto fresh = m_store.readStream(events::portfolioStream(account), m_book.version(account) + 1);
    if (!fresh)
        return fresh.error();
    for (const RecordedEvent &e : std::as_const(*fresh))
        (void)m_book.apply(e);
    return Done{};
}

Result<AppendResult> PortfolioDesk::record(const QString &account, const NewEvent &event, const QString &key)
{
    AppendRequest request;
    request.streamId = events::portfolioStream(account);
    request.expectedVersion = m_book.version(account); // 0: the stream must not exist yet
    request.events = {event};
    request.idempotencyKey = key;
    auto result = m_store.append(std::move(request));
    if (!result) {
        if (result.code() == ErrorCode::Conflict)
            (void)catchUp(account); // another workstation wrote: learn it, then decide again
        return result;
    }
    if (result->duplicate) {
        (void)catchUp(account);
        return result;
    }
    for (const RecordedEvent &e : std::as_const(result->recorded))
        if (Status s = m_book.apply(e); !s)
            qWarning("instant: %s", qPrintable(s.message()));
    return result;
}

Status PortfolioDesk::setTargets(const PortfolioTargets &targets, const Actor &actor)
{
    if (Status valid = targets.validate(m_reference); !valid)
        return valid;
    if (!m_oms.state().account(targets.account))
        return refused(QStringLiteral("unknown account \"%1\"").arg(targets.account));
    for (int attempt = 0; attempt < MaxAttempts; ++attempt) {
        auto r = record(targets.account, portfolioEvent(events::PortfolioTargetsSet, targets.toJson(), actor, targets.account));
        if (r)
            return Done{};
        if (r.code() != ErrorCode::Conflict)
            return r.error();
    }
    return refused(QStringLiteral("the portfolio kept changing; try again"));
}

Result<RebalanceProposal> PortfolioDesk::propose(const QString &account, const QHash<QString, Price> &marks, QDate settleDate,
                                                 const Actor &actor)
{
    for (int attempt = 0; attempt < MaxAttempts; ++attempt) {
        const std::optional<PortfolioTargets> targets = m_book.targets(account);
        if (!targets || targets->isEmpty())
            return refused(QStringLiteral("account %1 has no targets yet").arg(account));
        const TradingState &state = m_oms.state();
        const AccountRecord *cash = state.account(account);
        if (!cash)
            return refused(QStringLiteral("unknown account \"%1\"").arg(account));

        RebalanceInput input;
        input.targets = *targets;
        input.settleDate = settleDate;
        input.cashCents = cash->cashCents + cash->unsettledSellCents - cash->unsettledBuyCents;
        input.buyingPowerCents = cash->availableCents();
        QStringList ids;
        for (const PositionRecord &p : state.positions())
            if (p.account == account && p.quantity > 0)
                ids << p.instrument;
        if (targets->kind == TargetKind::Weights) {
            for (auto it = targets->weightsBp.cbegin(); it != targets->weightsBp.cend(); ++it)
                if (const Instrument *i = m_reference.instrument(it.key()); i && !ids.contains(i->id))
                    ids << i->id;
        } else {
            for (auto it = targets->dv01Dollars.cbegin(); it != targets->dv01Dollars.cend(); ++it)
                if (const Instrument *i = bucketBenchmark(it.key(), m_reference); i && !ids.contains(i->id))
                    ids << i->id;
        }
        ids.sort();
        for (const QString &id : std::as_const(ids)) {
            const Instrument *i = m_reference.instrument(id);
            if (!i)
                continue;
            RebalanceHolding h;
            h.instrument = i->id;
            if (const PositionRecord *p = state.position(account, i->id))
                h.quantity = p->quantity;
            h.sellable = state.sellableQuantity(account, i->id);
            h.mark = marks.value(i->id, state.lastPrice(i->id).value_or(i->referencePrice));
            if (isTreasury(i->kind)) {
                h.dv01PerUnit = analytics::dv01PerUnitFace(*i, h.mark, settleDate).value_or(0);
                h.bucket = tenorBucket(*i, settleDate);
            }
            input.holdings.append(h);
        }
        auto proposal = Rebalancer::propose(input, m_reference);
        if (!proposal)
            return proposal.error();
        proposal->id = QStringLiteral("RB-%1-%2").arg(account).arg(m_book.proposals(account).size() + 1);
        proposal->account = account;
        if (proposal->lines.isEmpty())
            proposal->notes.prepend(QStringLiteral("the book is on target: nothing to trade"));
        auto r = record(account, portfolioEvent(events::RebalanceProposed, proposal->toJson(), actor, proposal->id));
        if (r)
            return *m_book.proposal(proposal->id);
        if (r.code() != ErrorCode::Conflict)
            return r.error();
    }
    return refused(QStringLiteral("the portfolio kept changing; try again"));
}

Result<RebalanceProposal> PortfolioDesk::edit(const QString &proposalId, const QList<RebalanceEdit> &edits, const Actor &actor)
{
    for (int attempt = 0; attempt < MaxAttempts; ++attempt) {
        const RebalanceProposal *current = m_book.proposal(proposalId);
        if (!current)
            return refused(QStringLiteral("unknown proposal %1").arg(proposalId));
        auto edited = Rebalancer::edit(*current, edits, m_reference);
        if (!edited)
            return edited.error();
        QJsonArray lines, exposure, changes;
        for (const RebalanceLine &l : std::as_const(edited->lines))
            lines.append(l.toJson());
        for (const ExposureRow &row : std::as_const(edited->exposure))
            exposure.append(row.toJson());
        for (const RebalanceEdit &e : edits)
            changes.append(QJsonObject{{QStringLiteral("line"), e.line}, {QStringLiteral("quantity"), e.quantity}});
        const QString account = current->account;
        auto r = record(account, portfolioEvent(events::RebalanceEdited,
                                                {{QStringLiteral("proposal_id"), proposalId},
                                                 {QStringLiteral("changes"), changes},
                                                 {QStringLiteral("lines"), lines},
                                                 {QStringLiteral("exposure"), exposure},
                                                 {QStringLiteral("cash_after_cents"), edited->cashAfterCents}},
                                                actor, proposalId));
        if (r)
            return *m_book.proposal(proposalId);
        if (r.code() != ErrorCode::Conflict)
            return r.error();
    }
    return refused(QStringLiteral("the proposal kept changing; try again"));
}

Result<RebalanceProposal> PortfolioDesk::accept(const QString &proposalId, const QList<RuleOverride> &overrides, const Actor &actor)
{
    for (int attempt = 0; attempt < MaxAttempts; ++attempt) {
        const RebalanceProposal *current = m_book.proposal(proposalId);
        if (!current)
            return refused(QStringLiteral("unknown proposal %1").arg(proposalId));
        if (current->status == RebalanceProposal::Status::Rejected)
            return refused(QStringLiteral("proposal %1 was rejected: it cannot be accepted").arg(proposalId));
        if (current->status == RebalanceProposal::Status::Open) {
            if (current->lines.isEmpty())
                return refused(QStringLiteral("proposal %1 has no lines to send").arg(proposalId));
            QJsonArray orders;
            for (const RebalanceLine &l : current->lines)
                orders.append(QJsonObject{{QStringLiteral("line"), l.line}, {QStringLiteral("order_id"), rebalanceOrderId(proposalId, l.line)}});
            const int editsSeen = current->edits;
            const QString account = current->account;
            auto r = record(account, portfolioEvent(events::RebalanceAccepted,
                                                    {{QStringLiteral("proposal_id"), proposalId}, {QStringLiteral("orders"), orders}},
                                                    actor, proposalId),
                            QStringLiteral("rebalance-accept:") + proposalId);
            if (!r && r.code() == ErrorCode::Conflict) {
                const RebalanceProposal *now = m_book.proposal(proposalId);
                if (now && now->isOpen() && now->edits != editsSeen)
                    return refused(QStringLiteral("proposal %1 was edited meanwhile: look at it again").arg(proposalId));
                continue;
            }
            if (!r)
                return r.error();
        }
        // Accepted (now or before): each line through the order manager. A line already sent
        // is a duplicate there and is not sent again.
        const RebalanceProposal proposal = *m_book.proposal(proposalId);
        for (const RebalanceLine &l : proposal.lines) {
            const Instrument *i = m_reference.instrument(l.instrument);
            NewOrderCommand c;
            c.clientOrderId = rebalanceOrderId(proposalId, l.line);
            c.account = proposal.account;
            c.instrument = l.instrument;
            c.side = events::toString(l.side);
            c.type = QStringLiteral("limit");
            c.timeInForce = QStringLiteral("day");
            c.quantity = l.quantity;
            c.limitPrice = i ? i->formatPrice(l.limitPrice) : QString::number(l.limitPrice.value());
            c.overrides = overrides;
            c.actor = actor;
            (void)m_oms.submit(c);
        }
        return withOrders(proposal);
    }
    return refused(QStringLiteral("the proposal kept changing; try again"));
}

Result<RebalanceProposal> PortfolioDesk::reject(const QString &proposalId, const QString &reason, const Actor &actor)
{
    if (reason.trimmed().isEmpty())
        return refused(QStringLiteral("a rejection needs a reason"));
    for (int attempt = 0; attempt < MaxAttempts; ++attempt) {
        const RebalanceProposal *current = m_book.proposal(proposalId);
        if (!current)
            return refused(QStringLiteral("unknown proposal %1").arg(proposalId));
        if (!current->isOpen())
            return refused(QStringLiteral("proposal %1 is %2: it cannot be rejected").arg(proposalId, toString(current->status)));
        auto r = record(current->account, portfolioEvent(events::RebalanceRejected,
                                                         {{QStringLiteral("proposal_id"), proposalId},
                                                          {QStringLiteral("reason"), reason.trimmed()}},
                                                         actor, proposalId));
        if (r)
            return *m_book.proposal(proposalId);
        if (r.code() != ErrorCode::Conflict)
            return r.error();
    }
    return refused(QStringLiteral("the proposal kept changing; try again"));
}

RebalanceProposal PortfolioDesk::withOrders(RebalanceProposal proposal) const
{
    if (proposal.status != RebalanceProposal::Status::Accepted)
        return proposal;
    for (RebalanceLine &l : proposal.lines) {
        l.orderId = rebalanceOrderId(proposal.id, l.line);
        if (const OrderRecord *o = m_oms.state().order(l.orderId)) {
            l.orderState = stateName(o->state);
            l.orderReason = o->reason;
        }
    }
    return proposal;
}

QList<RebalanceProposal> PortfolioDesk::proposalsWithOrders(const QString &account) const
{
    QList<RebalanceProposal> out;
    for (const RebalanceProposal &p : m_book.proposals(account))
        out.append(withOrders(p));
    return out;
}

} // namespace instant
