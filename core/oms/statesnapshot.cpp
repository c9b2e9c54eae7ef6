// The trading state's snapshots: written as canonical JSON in pieces as it is produced, read back
// piece by piece, the orders, executions and rule findings (what grows with the log) one at a time,
// so that neither a start-up nor a save ever holds the text, or a document of it, whole.
#include "oms/tradingstate.h"

#include "common/jsonpieces.h"
#include "events/eventhash.h"
#include "oms/approvals.h"
#include "oms/stateamounts.h"
#include "records/recordreaders.h"
#include "store/eventstore.h"

#include <QJsonDocument>

#include <algorithm>
#include <functional>
#include <limits>

namespace instant {

using namespace state;

Result<Sequence> TradingState::saveSnapshot(EventStore &store)
{
    auto state = replay(store);
    if (!state)
        return state.error();
    return saveSnapshot(store, *state);
}

Result<Sequence> TradingState::saveSnapshot(EventStore &store, const TradingState &state, qsizetype pieceBytes,
                                           std::stop_token stop)
{
    if (state.lastSequence() == 0)
        return Sequence(0);
    if (state.eventsReplayed() == 0)
        return state.lastSequence(); // the newest snapshot is already at the head
    const Status saved = store.writeSnapshot(SnapshotName, state.lastSequence(), [&](const EventStore::SnapshotSink &sink) {
        return state.writeCanonicalJson(pieceBytes, [&sink, &stop](QByteArray &piece) {
            // Stopped: the pieces written so far are removed by the next writer.
            return !stop.stop_requested() && sink(piece);
        });
    });
    if (!saved)
        return saved.error();
    return state.lastSequence();
}

QJsonObject RuleFinding::toJson() const
{
    if (!recorded.isEmpty())
        return recorded;
    return {{QStringLiteral("order_id"), orderId},
            {QStringLiteral("account"), account},
            {QStringLiteral("instrument"), instrument},
            {QStringLiteral("rules"), QJsonArray::fromStringList(rules)},
            {QStringLiteral("reason"), reason},
            {QStringLiteral("outcome"), QStringLiteral("rejected")},
            {QStringLiteral("recorded_us"), recordedUs}};
}

QJsonObject TradingState::toJson(bool withHistory) const
{
    // Sorted: the same state gives the same bytes in every process (hash order is per process).
    QJsonArray orders, accounts, positions, fills, violations;
    QStringList orderIds = withHistory ? m_orders.byId.keys() : QStringList();
    orderIds.sort();
    for (const QString &id : std::as_const(orderIds))
        orders.append(m_orders.byId.value(id)->toJson());
    QStringList accountIds = m_ledger.accounts.keys();
    accountIds.sort();
    for (const QString &id : std::as_const(accountIds))
        accounts.append(m_ledger.accounts.value(id).toJson());
    for (const PositionRecord &p : m_ledger.positions.inKeyOrder())
        positions.append(p.toJson());
    for (const FillRecord &f : m_ledger.unsettled.inKeyOrder())
        fills.append(f.toJson());
    QJsonArray executions;
    if (withHistory) {
        for (const FillRecord &f : m_ledger.executions.rows())
            executions.append(f.toJson());
        for (const RuleFinding &v : m_settings.violations)
            violations.append(v.toJson());
    }
    QJsonObject prices;
    for (auto it = m_ledger.lastPrices.cbegin(); it != m_ledger.lastPrices.cend(); ++it)
        prices.insert(it.key(), it->value());
    QJsonObject out{{QStringLiteral("format"), 3},
            {QStringLiteral("last_sequence"), m_lastSequence},
            {QStringLiteral("orders"), orders},
            {QStringLiteral("accounts"), accounts},
            {QStringLiteral("positions"), positions},
            {QStringLiteral("unsettled"), fills},
            {QStringLiteral("executions"), executions},
            {QStringLiteral("last_prices"), prices},
            {QStringLiteral("rules"), m_settings.rules},
            {QStringLiteral("kill_switch"), m_settings.killSwitch},
            {QStringLiteral("violations"), violations},
            {QStringLiteral("settled_trades"), m_ledger.settledTrades},
            {QStringLiteral("anomalies"), m_anomalies}};
    if (!m_brackets.isEmpty())
        out.insert(QStringLiteral("brackets"), m_brackets.toJson());
    if (!m_approvals.isEmpty()) {
        QJsonArray requests;
        for (const ApprovalRequest &r : m_approvals)
            requests.append(r.toJson());
        out.insert(QStringLiteral("approvals"), requests);
    }
    if (!m_settings.listed.isEmpty()) {
        QStringList listed(m_settings.listed.cbegin(), m_settings.listed.cend());
        listed.sort();
        out.insert(QStringLiteral("listed"), QJsonArray::fromStringList(listed));
    }
    if (!m_lifecycle.isEmpty()) {
        QJsonArray entries;
        for (const LifecycleEntry &e : m_lifecycle)
            entries.append(QJsonObject{{QStringLiteral("sequence"), e.sequence},   {QStringLiteral("type"), e.type},
                                       {QStringLiteral("account"), e.account},     {QStringLiteral("instrument"), e.instrument},
                                       {QStringLiteral("date"), e.date.toString(Qt::ISODate)},
                                       {QStringLiteral("quantity"), e.quantity},   {QStringLiteral("cash_cents"), e.cashCents},
                                       {QStringLiteral("detail"), e.detail}});
        out.insert(QStringLiteral("lifecycle"), entries);
    }
    if (!m_consumed.isEmpty()) {
        QStringList consumed(m_consumed.cbegin(), m_consumed.cend());
        consumed.sort();
        out.insert(QStringLiteral("consumed"), QJsonArray::fromStringList(consumed));
    }
    if (!m_exceptions.isEmpty()) {
        out.insert(QStringLiteral("exceptions"), exceptionsToJson());
        out.insert(QStringLiteral("exceptions_total"), m_exceptionsTotal);
    }
    if (m_ledger.executions.dropped() > 0) // older executions than the state keeps (in the log only)
        out.insert(QStringLiteral("executions_dropped"), m_ledger.executions.dropped());
    return out;
}


bool TradingState::writeCanonicalJson(qsizetype pieceBytes, const std::function<bool(QByteArray &)> &take) const
{
    // The small parts through Qt's JSON (sorted keys, compact), with a marker where each of the
    // three arrays that grow with the log goes; those are written element by element into the one
    // output, in the order their markers stand: a million orders never exist as one QJsonObject,
    // nor twice as text (that took gigabytes at start-up on a long log). Whenever `pieceBytes` are
    // written they are handed to `take`.
    const QString orders = QStringLiteral("\u0001orders"), executions = QStringLiteral("\u0001executions"),
                  violations = QStringLiteral("\u0001violations");
    QJsonObject small = toJson(false);
    small.insert(QStringLiteral("orders"), orders);
    small.insert(QStringLiteral("executions"), executions);
    small.insert(QStringLiteral("violations"), violations);
    const QByteArray frame = canonicalJson(small);
    QStringList orderIds = m_orders.byId.keys();
    orderIds.sort();
    QByteArray out;
    bool taken = true;
    auto full = [&] { // a piece is written
        if (out.size() < pieceBytes)
            return true;
        taken = take(out);
        out.resize(0);
        return taken;
    };
    using Writer = std::function<void(QByteArray &)>; // the elements, comma-separated
    struct Part
    {
        qsizetype at = 0, size = 0;
        Writer write;
    };
    std::vector<Part> parts;
    auto mark = [&](const QString &marker, Writer write) {
        QByteArray quoted = QJsonDocument(QJsonArray{marker}).toJson(QJsonDocument::Compact);
        quoted = quoted.mid(1, quoted.size() - 2); // the string as it appears inside the document
        parts.push_back({frame.indexOf(quoted), quoted.size(), std::move(write)});
    };
    auto each = [&full](QByteArray &to, const auto &items, const auto &write) {
        bool first = true;
        for (const auto &item : items) {
            if (!first)
                to += ',';
            first = false;
            write(item);
            if (!full())
                return;
        }
    };
    mark(orders, [&](QByteArray &to) {
        each(to, orderIds, [&](const QString &id) { m_orders.byId.value(id)->appendCanonicalJson(to); });
    });
    mark(executions, [&](QByteArray &to) {
        each(to, m_ledger.executions.rows(), [&](const FillRecord &f) { f.appendCanonicalJson(to); });
    });
    mark(violations, [&](QByteArray &to) {
        each(to, m_settings.violations, [&](const RuleFinding &v) { to += canonicalJson(v.toJson()); });
    });
    std::sort(parts.begin(), parts.end(), [](const Part &x, const Part &y) { return x.at < y.at; });
    // The small parts, cut at piece boundaries: a piece is never much larger than `pieceBytes`.
    auto appendFrame = [&](qsizetype at, qsizetype end) {
        while (at < end && taken) {
            const qsizetype n = std::min(end - at, std::max<qsizetype>(pieceBytes - out.size(), 1));
            out.append(frame.constData() + at, n);
            at += n;
            full();
        }
    };
    qsizetype from = 0;
    for (const Part &part : parts) {
        appendFrame(from, part.at);
        out += '[';
        part.write(out);
        if (!taken)
            return false;
        out += ']';
        from = part.at + part.size;
    }
    appendFrame(from, frame.size());
    return taken && (out.isEmpty() || take(out));
}

QByteArray TradingState::toCanonicalJson() const
{
    QByteArray all;
    writeCanonicalJson(std::numeric_limits<qsizetype>::max(), [&all](QByteArray &piece) {
        all = std::move(piece);
        return true;
    });
    return all;
}


// A state rebuilt from a snapshot: the records that grow with the log as they come, then the rest.
struct TradingState::Restore
{
    explicit Restore(qsizetype executionCapacity)
        : t(executionCapacity)
    {
    }

    void order(const QJsonObject &json)
    {
        OrderRecord o = OrderRecord::fromJson(json);
        if (o.overrides.isEmpty())
            o.overrides = QJsonArray(); // no container held for nothing
        noteEntered(o.createdUs, o.orderId);
        if (!isTerminal(o.state)) {
            t.m_orders.working.insert(o.orderId);
            if (o.side == Side::Sell)
                t.m_orders.openSells[positionKey(o.account, o.instrument)].insert(o.orderId);
        }
        t.m_orders.byId.insert(OrderRef(std::move(o)));
    }
    void execution(const QJsonObject &json) { executions.append(FillRecord::fromJson(json)); }
    void violation(const QJsonObject &json) { t.addViolation(RuleFinding::fromJson(json)); } // a snapshot that kept more: the newest
    void position(const QJsonObject &json)
    {
        PositionRecord p = PositionRecord::fromJson(json);
        p.account = t.intern(p.account);
        p.instrument = t.intern(p.instrument);
        t.m_ledger.positions.insert(positionKey(p.account, p.instrument), p);
    }
    void bracket(const QJsonObject &json) { t.m_brackets.restore(BracketRecord::fromJson(json)); }

    Result<TradingState> finish(const QJsonObject &s);

    // The newest orders (for recentCopy()) as they stream past: a heap of the RecentOrders latest
    // entries, the earliest of them on top, rather than a list of every order.
    static constexpr size_t RecentOrders = 2000;
    void noteEntered(TimestampUs createdUs, const QString &orderId)
    {
        entered.emplace_back(createdUs, orderId);
        std::push_heap(entered.begin(), entered.end(), std::greater<>());
        if (entered.size() > RecentOrders) {
            std::pop_heap(entered.begin(), entered.end(), std::greater<>());
            entered.pop_back();
        }
    }

    TradingState t;
    std::vector<std::pair<TimestampUs, QString>> entered;
    FillRows executions;
};

Result<TradingState> TradingState::Restore::finish(const QJsonObject &s)
{
    // Format 1 (before executions kept their cost and P&L deltas) is not read: the log is replayed.
    if (s.value(QStringLiteral("format")).toInt() != 3)
        return makeError(ErrorCode::InvalidArgument, QStringLiteral("unknown snapshot format"));
    t.m_lastSequence = i64(s, "last_sequence");
    // The newest orders, for recentCopy(), oldest first.
    std::sort(entered.begin(), entered.end());
    for (auto &e : entered)
        t.m_orders.recent.append(std::move(e.second));
    entered = {};
    for (const QJsonValue &v : s.value(QStringLiteral("accounts")).toArray()) {
        AccountRecord a = AccountRecord::fromJson(v.toObject());
        t.m_ledger.accounts.insert(a.id, a);
    }
    for (const QJsonValue &v : s.value(QStringLiteral("positions")).toArray()) // (empty when streamed)
        position(v.toObject());
    // One copy of each id: an execution names its order by the order's own text, and an unsettled
    // trade is the execution row's texts (200,000 rows: tens of megabytes otherwise).
    for (qsizetype r = 0; r < executions.size(); ++r)
        if (const OrderRef *order = t.m_orders.byId.find(executions.at(r).orderId))
            executions.edit(r).orderId = (*order)->orderId;
    t.m_ledger.executions.reset(std::move(executions), i64(s, "executions_dropped"));
    t.m_ledger.executions.trim(); // a snapshot that kept more than the state keeps now
    for (const QJsonValue &v : s.value(QStringLiteral("unsettled")).toArray()) {
        FillRecord f = FillRecord::fromJson(v.toObject());
        if (const qsizetype row = t.m_ledger.executions.rowOf(f.sequence); row >= 0) {
            const FillRecord &held = t.m_ledger.executions.rows().at(row);
            if (held.orderId == f.orderId && held.execId == f.execId) {
                f.orderId = held.orderId;
                f.execId = held.execId;
            }
        }
        t.m_ledger.unsettled.insert(fillKey(f.orderId, f.execId), f);
    }
    const QJsonObject prices = s.value(QStringLiteral("last_prices")).toObject();
    for (auto it = prices.begin(); it != prices.end(); ++it)
        t.m_ledger.lastPrices.insert(it.key(), Price(it.value().toInteger()));
    t.m_settings.rules = s.value(QStringLiteral("rules")).toArray();
    for (const QJsonValue &v : s.value(QStringLiteral("brackets")).toArray()) // (empty when streamed)
        bracket(v.toObject());
    for (const QJsonValue &v : s.value(QStringLiteral("approvals")).toArray()) {
        ApprovalRequest r = ApprovalRequest::fromJson(v.toObject());
        t.m_approvals.insert(r.id, r);
    }
    t.m_settings.killSwitch = str(s, "kill_switch");
    t.m_ledger.settledTrades = i64(s, "settled_trades");
    t.m_anomalies = i64(s, "anomalies");
    for (const QJsonValue &v : s.value(QStringLiteral("listed")).toArray())
        t.m_settings.listed.insert(v.toString());
    t.exceptionsFromJson(s.value(QStringLiteral("exceptions")).toArray());
    for (const QJsonValue &v : s.value(QStringLiteral("consumed")).toArray())
        t.m_consumed.insert(v.toString());
    t.m_exceptionsTotal = i64(s, "exceptions_total");
    for (const QJsonValue &v : s.value(QStringLiteral("lifecycle")).toArray()) {
        const QJsonObject e = v.toObject();
        t.m_lifecycle.append({i64(e, "sequence"), str(e, "type"), str(e, "account"), str(e, "instrument"),
                              QDate::fromString(str(e, "date"), Qt::ISODate), i64(e, "quantity"), i64(e, "cash_cents"),
                              str(e, "detail"), false});
    }
    return std::move(t);
}

Result<TradingState> TradingState::fromJson(const QJsonObject &s, qsizetype executionCapacity)
{
    Restore r(executionCapacity);
    for (const QJsonValue &v : s.value(QStringLiteral("orders")).toArray())
        r.order(v.toObject());
    for (const QJsonValue &v : s.value(QStringLiteral("executions")).toArray())
        r.execution(v.toObject());
    for (const QJsonValue &v : s.value(QStringLiteral("violations")).toArray())
        r.violation(v.toObject());
    return r.finish(s);
}

StateSnapshotReader::StateSnapshotReader(qsizetype executionCapacity)
    : m_restore(std::make_unique<TradingState::Restore>(executionCapacity))
{
    // Everything that grows with the log is streamed; the frame left holds the accounts, the
    // unsettled trades (settled within a day) and the settings.
    m_pieces = std::make_unique<JsonObjectPieces>(QByteArrayList{"orders", "executions", "violations", "positions", "brackets"},
                                                  [this](qsizetype array, QByteArrayView element) {
        QJsonParseError error{};
        const QJsonDocument doc = QJsonDocument::fromJson(QByteArray::fromRawData(element.data(), element.size()), &error);
        if (error.error != QJsonParseError::NoError || !doc.isObject()) {
            m_error = QStringLiteral("a record of the snapshot is not a JSON object: %1").arg(error.errorString());
            return false;
        }
        switch (array) {
        case 0: m_restore->order(doc.object()); break;
        case 1: m_restore->execution(doc.object()); break;
        case 2: m_restore->violation(doc.object()); break;
        case 3: m_restore->position(doc.object()); break;
        default: m_restore->bracket(doc.object()); break;
        }
        return true;
    });
}

StateSnapshotReader::~StateSnapshotReader() = default;

bool StateSnapshotReader::feed(QByteArrayView piece)
{
    return m_pieces->feed(piece);
}

Result<TradingState> StateSnapshotReader::finish()
{
    auto frame = m_pieces->finish();
    if (!m_error.isEmpty())
        return makeError(ErrorCode::InvalidArgument, m_error);
    if (!frame)
        return makeError(ErrorCode::InvalidArgument, QStringLiteral("not a snapshot: %1").arg(frame.error().message));
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(*frame, &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject())
        return makeError(ErrorCode::InvalidArgument, QStringLiteral("not a snapshot: %1").arg(error.errorString()));
    return m_restore->finish(doc.object());
}

Result<std::optional<TradingState>> TradingState::readSnapshot(const EventStore &store, Sequence atOrBefore)
{
    // A snapshot that reads whole but does not make a state (an unknown format) is passed over
    // for the next older, as one whose bytes do not match its digest is by the store.
    for (int tries = 0; tries < 8 && atOrBefore > 0; ++tries) {
        std::optional<StateSnapshotReader> reader;
        auto read = store.readSnapshot(SnapshotName, atOrBefore, [&reader](const Snapshot &, qsizetype piece, QByteArrayView bytes) {
            if (piece == 0) // a snapshot starts: whatever an earlier one left is dropped
                reader.emplace();
            return reader->feed(bytes);
        });
        if (!read)
            return read.error();
        if (!*read)
            return std::optional<TradingState>();
        if (auto state = reader->finish())
            return std::optional<TradingState>(std::move(state).value());
        atOrBefore = (*read)->sequence - 1;
    }
    return std::optional<TradingState>();
}

} // namespace instant
