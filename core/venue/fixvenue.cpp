#include "venue/fixvenue.h"

#include "fix/fixsession.h"
#include "venue/fixmapping.h"

#include <QCoreApplication>
#include <QDir>
#include <QEventLoop>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QUrlQuery>

#include <thread>

namespace instant {

Result<FixVenueSettings> FixVenueSettings::fromUrl(const QUrl &url)
{
    auto bad = [&](const QString &why) {
        return Error{ErrorCode::InvalidArgument, QStringLiteral("venue URL %1: %2").arg(url.toDisplayString(), why)};
    };
    if (!url.isValid() || url.scheme() != u"fix")
        return bad(QStringLiteral("expected fix://HOST:PORT?sender=COMPID&target=COMPID"));
    FixVenueSettings s;
    if (url.host().isEmpty())
        return bad(QStringLiteral("no host"));
    s.host = url.host();
    if (url.port() <= 0)
        return bad(QStringLiteral("no port"));
    s.port = url.port();
    const QUrlQuery query(url);
    static const QStringList known{QStringLiteral("sender"), QStringLiteral("target"), QStringLiteral("heartbeat"),
                                   QStringLiteral("reconnect"), QStringLiteral("tls"), QStringLiteral("ca"),
                                   QStringLiteral("cert"), QStringLiteral("key"), QStringLiteral("state"),
                                   QStringLiteral("protection"), QStringLiteral("massstatus"), QStringLiteral("account")};
    for (const auto &item : query.queryItems(QUrl::FullyDecoded))
        if (!known.contains(item.first))
            return bad(QStringLiteral("unknown option \"%1\" (known: %2)").arg(item.first, known.join(QStringLiteral(", "))));
    auto compId = [&](const QString &key, QString &into) -> bool {
        if (!query.hasQueryItem(key))
            return true;
        const QString v = query.queryItemValue(key, QUrl::FullyDecoded);
        static const QRegularExpression valid(QStringLiteral("^[A-Za-z0-9._-]{1,32}$"));
        if (!valid.match(v).hasMatch())
            return false;
        into = v;
        return true;
    };
    if (!compId(QStringLiteral("sender"), s.senderCompId) || !compId(QStringLiteral("target"), s.targetCompId))
        return bad(QStringLiteral("a CompID is 1 to 32 letters, digits, '.', '_' or '-'"));
    auto number = [&](const QString &key, int low, int high, int &into) -> bool {
        if (!query.hasQueryItem(key))
            return true;
        bool ok = false;
        const int v = query.queryItemValue(key).toInt(&ok);
        if (!ok || v < low || v > high)
            return false;
        into = v;
        return true;
    };
    if (!number(QStringLiteral("heartbeat"), 1, 300, s.heartbeatSeconds))
        return bad(QStringLiteral("heartbeat must be 1 to 300 seconds"));
    if (!number(QStringLiteral("reconnect"), 1, 300, s.reconnectSeconds))
        return bad(QStringLiteral("reconnect must be 1 to 300 seconds"));
    const QString tls = query.queryItemValue(QStringLiteral("tls"));
    if (!tls.isEmpty() && tls != u"0" && tls != u"1")
        return bad(QStringLiteral("tls must be 0 or 1"));
    s.tls = tls == u"1";
    auto flag = [&](const QString &key, bool &into) -> bool {
        const QString v = query.queryItemValue(key);
        if (!v.isEmpty() && v != u"0" && v != u"1")
            return false;
        into = v == u"1";
        return true;
    };
    if (!flag(QStringLiteral("protection"), s.protectionTag))
        return bad(QStringLiteral("protection must be 0 or 1 (1: the broker agreed tag 7001)"));
    if (!flag(QStringLiteral("massstatus"), s.massStatus))
        return bad(QStringLiteral("massstatus must be 0 or 1 (1: the broker answers OrderMassStatusRequest)"));
    s.account = query.queryItemValue(QStringLiteral("account"), QUrl::FullyDecoded);
    s.caFile = query.queryItemValue(QStringLiteral("ca"), QUrl::FullyDecoded);
    s.certificateFile = query.queryItemValue(QStringLiteral("cert"), QUrl::FullyDecoded);
    s.keyFile = query.queryItemValue(QStringLiteral("key"), QUrl::FullyDecoded);
    s.stateDirectory = query.queryItemValue(QStringLiteral("state"), QUrl::FullyDecoded);
    if (s.tls && s.caFile.isEmpty())
        return bad(QStringLiteral("tls=1 needs ca=FILE: the venue's certificate is always verified"));
    return s;
}

QUrl FixVenueSettings::toUrl() const
{
    QUrl url;
    url.setScheme(QStringLiteral("fix"));
    url.setHost(host);
    url.setPort(port);
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("sender"), senderCompId);
    query.addQueryItem(QStringLiteral("target"), targetCompId);
    query.addQueryItem(QStringLiteral("heartbeat"), QString::number(heartbeatSeconds));
    if (tls) {
        query.addQueryItem(QStringLiteral("tls"), QStringLiteral("1"));
        query.addQueryItem(QStringLiteral("ca"), caFile);
        if (!certificateFile.isEmpty()) {
            query.addQueryItem(QStringLiteral("cert"), certificateFile);
            query.addQueryItem(QStringLiteral("key"), keyFile);
        }
    }
    if (!stateDirectory.isEmpty())
        query.addQueryItem(QStringLiteral("state"), stateDirectory);
    if (protectionTag)
        query.addQueryItem(QStringLiteral("protection"), QStringLiteral("1"));
    if (massStatus)
        query.addQueryItem(QStringLiteral("massstatus"), QStringLiteral("1"));
    if (!account.isEmpty())
        query.addQueryItem(QStringLiteral("account"), account);
    url.setQuery(query);
    return url;
}

QString FixVenueSettings::resolvedStateDirectory() const
{
    if (!stateDirectory.isEmpty())
        return stateDirectory;
    return QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation) + QStringLiteral("/fix/")
           + senderCompId + u'-' + targetCompId;
}

FixVenue::FixVenue(const ReferenceData &reference, FixVenueSettings settings, const Clock &clock, QObject *parent)
    : Venue(parent), m_reference(reference), m_settings(std::move(settings)), m_clock(clock), m_reconcileTimeout(this)
{
    qRegisterMetaType<instant::VenueConnection>();
    m_reconcileTimeout.setSingleShot(true);
    connect(&m_reconcileTimeout, &QTimer::timeout, this, &FixVenue::finishReconciling);
}

FixVenue::~FixVenue()
{
    stop();
}

QString FixVenue::name() const
{
    return QStringLiteral("fix:") + m_settings.targetCompId;
}

TimestampUs FixVenue::nowUs() const
{
    return m_clock.nowUs();
}

Status FixVenue::start()
{
    if (m_endpoint)
        return Done{};
    const QString dir = m_settings.resolvedStateDirectory();
    if (!QDir().mkpath(dir))
        return makeError(ErrorCode::Io, QStringLiteral("cannot create the FIX state directory %1").arg(dir));
    fix::SessionConfig config;
    config.host = m_settings.host.toStdString();
    config.port = m_settings.port;
    config.senderCompId = m_settings.senderCompId.toStdString();
    config.targetCompIds = {m_settings.targetCompId.toStdString()};
    config.heartbeatSeconds = m_settings.heartbeatSeconds;
    config.reconnectSeconds = m_settings.reconnectSeconds;
    config.stateDirectory = QDir::toNativeSeparators(dir).toStdString();
    config.tls = m_settings.tls;
    config.caFile = m_settings.caFile.toStdString();
    config.certificateFile = m_settings.certificateFile.toStdString();
    config.keyFile = m_settings.keyFile.toStdString();

    fix::Handlers handlers;
    // These run on QuickFIX's threads.
    handlers.loggedOn = [this](const std::string &) {
        QMetaObject::invokeMethod(this, [this] { onLogon(); }, Qt::QueuedConnection);
    };
    handlers.loggedOut = [this](const std::string &) {
        QMetaObject::invokeMethod(this, [this] { onLogout(); }, Qt::QueuedConnection);
    };
    handlers.received = [this](const std::string &, const fix::Message &message, fix::Refusal &refusal) {
        if (message.type == fixmap::msg::BusinessMessageReject) {
            QMetaObject::invokeMethod(this, [this, message] { onRefused(message); }, Qt::BlockingQueuedConnection);
            return true;
        }
        auto read = fixmap::readReport(message, m_reference);
        if (!read) {
            const std::string *execType = message.get(fixmap::tag::ExecType);
            if (execType && execType->size() == 1 && std::string("F12GH").find(execType->front()) != std::string::npos)
                ++m_refusedExecutions;
            refusal = fix::Refusal{fix::Refusal::Reason::ValueIncorrect, 0, read.message().toStdString()};
            const QString why = QStringLiteral("refused a message from the venue: %1").arg(read.message());
            QMetaObject::invokeMethod(this, [this, why] { Q_EMIT problem(why); }, Qt::QueuedConnection);
            return false;
        }
        fixmap::InboundReport in = std::move(read).value();
        in.report.possibleDuplicate = message.possibleDuplicate;
        if (in.report.transactUs == 0)
            in.report.transactUs = nowUs();
        if (in.report.account.isEmpty())
            in.report.account = m_settings.account;
        // Recorded before the session counts the message as received: a crash cannot lose it.
        QMetaObject::invokeMethod(this, [this, &in] { onReport(in); }, Qt::BlockingQueuedConnection);
        return true;
    };
    handlers.sent = [this](const std::string &, int sequence, const fix::Message &message) {
        const std::string *clOrdId = message.get(fixmap::tag::ClOrdID);
        std::lock_guard lock(m_sentMutex);
        m_sent[sequence] = {QString::fromStdString(message.type), clOrdId ? QString::fromStdString(*clOrdId) : QString()};
        while (m_sent.size() > 100'000)
            m_sent.erase(m_sent.begin());
    };
    handlers.sessionReject = [this](const std::string &, const fix::Message &message) {
        QMetaObject::invokeMethod(this, [this, message] { onRefused(message); }, Qt::QueuedConnection);
    };
    handlers.event = [this](const std::string &, const std::string &text) {
        const QString why = QString::fromStdString(text);
        QMetaObject::invokeMethod(this, [this, why] { Q_EMIT problem(why); }, Qt::QueuedConnection);
    };
    m_stopping = false;
    m_endpoint = std::make_unique<fix::Endpoint>(fix::Endpoint::Role::Initiator, std::move(config), std::move(handlers));
    std::string error;
    if (!m_endpoint->start(error)) {
        m_endpoint.reset();
        return makeError(ErrorCode::InvalidArgument, QStringLiteral("FIX session to %1:%2: %3")
                                                         .arg(m_settings.host).arg(m_settings.port).arg(QString::fromStdString(error)));
    }
    Q_EMIT connectionChanged(connection());
    return Done{};
}

void FixVenue::onReport(fixmap::InboundReport &in)
{
    ExecutionReport &r = in.report;
    if (in.statusReply && !in.massStatusId.isEmpty()) {
        onMassStatusReply(in);
        return;
    }
    auto it = m_orders.find(r.orderId);
    Tracked *t = it == m_orders.end() ? nullptr : &it.value();
    if (!t) {
        // Not an order this session tracks (closed before a restart, sent by someone else, a drop
        // copy): the order manager knows every order ever recorded and books what is an execution.
        if (!in.statusReply)
            deliver(r);
        return;
    }
    if (!in.venueOrderId.isEmpty() && in.venueOrderId != u"NONE")
        t->venueOrderId = in.venueOrderId;
    if (in.statusReply) {
        m_awaitingStatus.remove(r.orderId);
        if (!in.clOrdId.isEmpty() && !in.unknownOrder)
            t->clOrdId = in.clOrdId;
        if (in.unknownOrder) {
            r.kind = ExecutionReport::Kind::Expired;
            r.text = QStringLiteral("the venue no longer has this order (checked after logon)");
            r.fromStatus = false; // it says nothing of what was filled
            t->open = false;
        } else if (in.ordStatus == '4' || in.ordStatus == 'C' || in.ordStatus == '8' || in.ordStatus == '3') {
            r.text = QStringLiteral("%1 at the venue (checked with a status request)")
                         .arg(in.ordStatus == '4' ? QStringLiteral("cancelled") : in.ordStatus == '8' ? QStringLiteral("rejected") : QStringLiteral("expired"));
            t->open = false;
        } else if (in.ordStatus == '2') {
            t->open = false;
        }
        if (r.cumulative > t->cumulative)
            t->cumulative = r.cumulative;
        deliver(r); // the order manager compares CumQty with what it booked, then applies the status
        if (m_state == State::Reconciling && m_awaitingStatus.isEmpty())
            finishReconciling();
        return;
    }
    switch (r.kind) {
    case ExecutionReport::Kind::Fill:
        if (m_seenExecIds.contains(r.execId))
            return; // sent again after a resend: already recorded
        m_seenExecIds.insert(r.execId);
        t->cumulative += r.lastQuantity;
        if (r.leaves.value() == 0 && r.ordStatus != '1' && r.ordStatus != '0')
            t->open = false;
        else if (r.leaves.value() > 0 && (r.ordStatus == '0' || r.ordStatus == '1'))
            t->open = true; // a fill after a reject: the venue has the order working after all
        break;
    case ExecutionReport::Kind::Rejected:
        if (in.duplicateClOrdId && t->open && !t->venueOrderId.isEmpty()) {
            // The venue refuses a second order with this ClOrdID: the one working is untouched.
            Q_EMIT problem(QStringLiteral("order %1: the venue refused a duplicate of it (%2); the working order is unchanged")
                               .arg(r.orderId, r.text));
            return;
        }
        t->open = false;
        break;
    case ExecutionReport::Kind::Cancelled:
    case ExecutionReport::Kind::Expired:
        t->open = false;
        break;
    case ExecutionReport::Kind::Replaced:
    case ExecutionReport::Kind::Restated:
        if (r.kind == ExecutionReport::Kind::Replaced)
            t->clOrdId = in.clOrdId;
        if (r.orderQuantity > Quantity(0))
            t->order.quantity = r.orderQuantity;
        if (r.limitPrice)
            t->order.limitPrice = r.limitPrice;
        break;
    case ExecutionReport::Kind::CancelRejected:
    case ExecutionReport::Kind::ReplaceRejected:
        // "Too late": the order is done at the venue (filled, cancelled, expired) or unknown
        // there. Ask for its status: its fills and its end come back and are booked.
        if (in.unknownOrder || in.ordStatus == '2' || in.ordStatus == '4' || in.ordStatus == 'C' || in.ordStatus == '8'
            || in.ordStatus == '3') {
            deliver(r);
            requestStatus(r.orderId);
            return;
        }
        break;
    default:
        break;
    }
    deliver(r);
}

void FixVenue::requestStatus(const QString &orderId)
{
    auto it = m_orders.constFind(orderId);
    // While stopping, another thread is taking the session down: nothing more goes out.
    if (it == m_orders.cend() || !m_endpoint || m_state == State::Disconnected || m_stopping)
        return;
    std::string error;
    if (!m_endpoint->send(std::string(), fixmap::statusRequest(it->order, it->clOrdId, it->venueOrderId), error))
        Q_EMIT problem(QStringLiteral("order %1: status request not sent: %2").arg(orderId, QString::fromStdString(error)));
}

// A Reject (35=3) or BusinessMessageReject (35=j) of something this workstation sent: an order
// the counterparty refused is rejected with its text, never left pending.
void FixVenue::onRefused(const fix::Message &message)
{
    auto field = [&](int tag) {
        const std::string *v = message.get(tag);
        return v ? QString::fromStdString(*v) : QString();
    };
    QString refType = field(fixmap::tag::RefMsgType);
    QString clOrdId = message.type == fixmap::msg::BusinessMessageReject ? field(fixmap::tag::BusinessRejectRefID) : QString();
    bool ok = false;
    const int refSeq = field(fixmap::tag::RefSeqNum).toInt(&ok);
    if (ok) {
        std::lock_guard lock(m_sentMutex);
        if (auto sent = m_sent.find(refSeq); sent != m_sent.end()) {
            if (refType.isEmpty())
                refType = sent->second.type;
            if (clOrdId.isEmpty() || !m_orders.contains(fixmap::orderIdOf(clOrdId)))
                clOrdId = sent->second.clOrdId;
        }
    }
    const QString why = field(fixmap::tag::Text).isEmpty()
                            ? QStringLiteral("reason %1").arg(field(message.type == fixmap::msg::Reject ? fixmap::tag::SessionRejectReason : fixmap::tag::BusinessRejectReason))
                            : field(fixmap::tag::Text);
    const QString tagText = field(fixmap::tag::RefTagID).isEmpty() ? QString() : QStringLiteral(" (tag %1)").arg(field(fixmap::tag::RefTagID));
    const QString orderId = fixmap::orderIdOf(clOrdId);
    auto it = m_orders.find(orderId);
    if (clOrdId.isEmpty() || it == m_orders.end()) {
        Q_EMIT problem(QStringLiteral("the venue refused a message (%1%2): %3").arg(refType, tagText, why));
        return;
    }
    ExecutionReport r;
    r.orderId = orderId;
    r.transactUs = nowUs();
    r.text = QStringLiteral("refused by %1's %2: %3%4")
                 .arg(m_settings.targetCompId, message.type == fixmap::msg::Reject ? QStringLiteral("session") : QStringLiteral("application"), why, tagText);
    if (refType == QLatin1String(fixmap::msg::NewOrderSingle)) {
        r.kind = ExecutionReport::Kind::Rejected;
        it->open = false;
    } else if (refType == QLatin1String(fixmap::msg::OrderCancelRequest)) {
        r.kind = ExecutionReport::Kind::CancelRejected;
    } else if (refType == QLatin1String(fixmap::msg::OrderCancelReplaceRequest)) {
        r.kind = ExecutionReport::Kind::ReplaceRejected;
    } else {
        Q_EMIT problem(QStringLiteral("order %1: the venue refused a %2 message%3: %4").arg(orderId, refType, tagText, why));
        return;
    }
    deliver(r);
}

void FixVenue::onMassStatusReply(fixmap::InboundReport &in)
{
    ExecutionReport &r = in.report;
    if (in.massStatusId != m_massStatusId)
        return; // an old request's answer
    auto it = m_orders.find(r.orderId);
    if (it != m_orders.end() && !in.clOrdId.isEmpty()) {
        m_awaitingStatus.remove(r.orderId);
        const bool done = in.ordStatus == '4' || in.ordStatus == 'C' || in.ordStatus == '8' || in.ordStatus == '3' || in.ordStatus == '2';
        it->clOrdId = in.clOrdId;
        if (done) {
            it->open = false;
            if (in.ordStatus != '2')
                r.text = QStringLiteral("%1 at the venue (mass status after logon)")
                             .arg(in.ordStatus == '4' ? QStringLiteral("cancelled") : in.ordStatus == '8' ? QStringLiteral("rejected") : QStringLiteral("expired"));
        }
        deliver(r);
    } else if (!in.clOrdId.isEmpty() && r.orderId != u"NONE") {
        deliver(r); // an order not tracked here: the order manager compares what it booked, if anything
    }
    if (in.lastOfMassStatus || (r.orderId.isEmpty() && in.ordStatus == '8')) {
        // Whatever the venue did not list is no longer there.
        const QSet<QString> missing = std::exchange(m_awaitingStatus, {});
        for (const QString &id : missing) {
            auto t = m_orders.find(id);
            if (t == m_orders.end())
                continue;
            t->open = false;
            ExecutionReport gone;
            gone.kind = ExecutionReport::Kind::Expired;
            gone.orderId = id;
            gone.text = QStringLiteral("the venue no longer has this order (mass status after logon)");
            gone.transactUs = nowUs();
            deliver(gone);
        }
        if (m_state == State::Reconciling)
            finishReconciling();
    }
}

void FixVenue::stop()
{
    if (!m_endpoint)
        return;
    m_stopping = true;
    // The session threads may be waiting for this thread to record a report: keep serving them
    // while the session logs out, so the last reports are recorded, not lost. Between two of them
    // this thread sleeps until the next event; the stopper's last one wakes it.
    std::atomic<bool> stopped{false};
    QObject wakeUp;
    std::thread stopper([this, &stopped, &wakeUp] {
        m_endpoint->stop();
        stopped = true;
        QMetaObject::invokeMethod(&wakeUp, [] {}, Qt::QueuedConnection);
    });
    QEventLoop loop; // not exec(): it would return at once on a thread asked to quit
    while (!stopped)
        loop.processEvents(QEventLoop::WaitForMoreEvents);
    stopper.join();
    QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
    m_endpoint.reset();
    setState(State::Disconnected);
}

void FixVenue::deliver(ExecutionReport report)
{
    Q_EMIT executionReport(report);
}

QString FixVenue::nextClOrdId(const QString &orderId)
{
    return orderId + u'~' + QString::number(nowUs(), 36) + QString::number(++m_requests, 36);
}

void FixVenue::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    Q_EMIT connectionChanged(connection());
}

VenueConnection FixVenue::connection() const
{
    VenueConnection c;
    c.ready = m_state == State::Ready;
    const QString who = QStringLiteral("FIX %1→%2").arg(m_settings.senderCompId, m_settings.targetCompId);
    switch (m_state) {
    case State::Disconnected:
        c.text = QStringLiteral("%1 down · connecting to %2:%3").arg(who, m_settings.host).arg(m_settings.port);
        break;
    case State::Reconciling:
        c.text = QStringLiteral("%1 logged on · checking %2 open order(s)").arg(who).arg(m_awaitingStatus.size());
        break;
    case State::Ready:
        c.text = QStringLiteral("%1 logged on").arg(who);
        break;
    }
    return c;
}

std::pair<int, int> FixVenue::sequenceNumbers() const
{
    return m_endpoint ? m_endpoint->sequenceNumbers() : std::pair<int, int>{0, 0};
}

int FixVenue::openOrders() const
{
    int n = 0;
    for (const Tracked &t : m_orders)
        n += t.open ? 1 : 0;
    return n;
}

void FixVenue::reconcile(const QList<VenueOrder> &open)
{
    for (const VenueOrder &o : open) {
        Tracked &t = m_orders[o.orderId];
        t.order = o;
        if (t.clOrdId.isEmpty())
            t.clOrdId = o.orderId;
        t.cumulative = o.filled;
        t.open = true;
    }
}

void FixVenue::onLogon()
{
    if (m_stopping)
        return;
    m_awaitingStatus.clear();
    for (auto it = m_orders.cbegin(); it != m_orders.cend(); ++it)
        if (it->open)
            m_awaitingStatus.insert(it.key());
    setState(State::Reconciling);
    if (m_awaitingStatus.isEmpty()) {
        finishReconciling();
        return;
    }
    m_reconcileTimeout.start(m_settings.reconcileTimeoutMs);
    if (m_settings.massStatus) {
        // One request for every order the venue holds for this session.
        m_massStatusId = QStringLiteral("MS-") + QString::number(nowUs(), 36) + QString::number(++m_requests, 36);
        std::string error;
        if (m_endpoint->send(std::string(), fixmap::massStatusRequest(m_massStatusId), error)) {
            Q_EMIT connectionChanged(connection());
            return;
        }
        Q_EMIT problem(QStringLiteral("mass status request not sent (%1): asking order by order").arg(QString::fromStdString(error)));
    }
    const QSet<QString> ids = m_awaitingStatus;
    for (const QString &id : ids) {
        const Tracked &t = m_orders[id];
        std::string error;
        if (!m_endpoint->send(std::string(), fixmap::statusRequest(t.order, t.clOrdId, t.venueOrderId), error)) {
            m_awaitingStatus.remove(id);
            Q_EMIT problem(QStringLiteral("order %1: status request not sent: %2").arg(id, QString::fromStdString(error)));
        }
    }
    if (m_awaitingStatus.isEmpty())
        finishReconciling();
    else
        Q_EMIT connectionChanged(connection());
}

void FixVenue::finishReconciling()
{
    m_reconcileTimeout.stop();
    if (!m_awaitingStatus.isEmpty()) {
        QStringList ids(m_awaitingStatus.cbegin(), m_awaitingStatus.cend());
        ids.sort();
        Q_EMIT problem(QStringLiteral("the venue did not answer for %1 open order(s) within %2 s (%3): left as recorded")
                           .arg(ids.size()).arg(m_settings.reconcileTimeoutMs / 1000.0).arg(ids.mid(0, 5).join(QStringLiteral(", "))));
        m_awaitingStatus.clear();
    }
    if (m_state != State::Reconciling)
        return;
    setState(State::Ready);
    const QList<VenueOrder> queued = std::exchange(m_queued, {});
    for (const VenueOrder &o : queued)
        if (const Instrument *i = m_reference.instrument(o.instrument))
            send(fixmap::newOrderSingle(o, *i, o.orderId, nowUs(), bilateral()), o.orderId, ExecutionReport::Kind::Rejected);
}

void FixVenue::onLogout()
{
    if (m_state == State::Disconnected)
        return;
    m_reconcileTimeout.stop();
    m_awaitingStatus.clear();
    setState(State::Disconnected);
    const QList<VenueOrder> queued = std::exchange(m_queued, {});
    for (const VenueOrder &o : queued) {
        m_orders[o.orderId].open = false;
        ExecutionReport r;
        r.kind = ExecutionReport::Kind::Rejected;
        r.orderId = o.orderId;
        r.text = QStringLiteral("not sent: the FIX session with %1 ended before the order could go out").arg(m_settings.targetCompId);
        r.transactUs = nowUs();
        deliver(r);
    }
}

void FixVenue::send(const fix::Message &message, const QString &orderId, ExecutionReport::Kind failure)
{
    std::string error;
    // While stopping, the session is being deleted on another thread: nothing more goes out.
    if (m_endpoint && m_state != State::Disconnected && !m_stopping && m_endpoint->send(std::string(), message, error))
        return;
    if (error.empty() && m_stopping)
        error = "the FIX session with " + m_settings.targetCompId.toStdString() + " is closing";
    if (error.empty())
        error = "the FIX session with " + m_settings.targetCompId.toStdString() + " is not logged on";
    ExecutionReport r;
    r.kind = failure;
    r.orderId = orderId;
    r.transactUs = nowUs();
    if (failure == ExecutionReport::Kind::Rejected) {
        m_orders[orderId].open = false;
        r.text = QStringLiteral("not sent: %1").arg(QString::fromStdString(error));
    } else {
        r.text = QStringLiteral("not sent: %1; the order may still be working at the venue").arg(QString::fromStdString(error));
    }
    deliver(r);
}

void FixVenue::submit(const VenueOrder &order)
{
    const Instrument *instrument = m_reference.instrument(order.instrument);
    Tracked &t = m_orders[order.orderId];
    t.order = order;
    t.clOrdId = order.orderId;
    t.cumulative = Quantity(0);
    t.open = true;
    if (!instrument) {
        t.open = false;
        ExecutionReport r;
        r.kind = ExecutionReport::Kind::Rejected;
        r.orderId = order.orderId;
        r.text = QStringLiteral("unknown instrument %1").arg(order.instrument);
        deliver(r);
        return;
    }
    if (m_state == State::Reconciling) {
        m_queued.append(order); // goes out once the open orders are checked
        return;
    }
    send(fixmap::newOrderSingle(order, *instrument, order.orderId, nowUs(), bilateral()), order.orderId, ExecutionReport::Kind::Rejected);
}

void FixVenue::cancel(const QString &orderId)
{
    auto it = m_orders.find(orderId);
    if (it == m_orders.end() || !it->open) {
        ExecutionReport r;
        r.kind = ExecutionReport::Kind::CancelRejected;
        r.orderId = orderId;
        r.text = QStringLiteral("not working at the venue");
        deliver(r);
        return;
    }
    for (qsizetype i = 0; i < m_queued.size(); ++i)
        if (m_queued.at(i).orderId == orderId) { // never sent: nothing to ask the venue
            m_queued.removeAt(i);
            it->open = false;
            ExecutionReport r;
            r.kind = ExecutionReport::Kind::Cancelled;
            r.orderId = orderId;
            r.text = QStringLiteral("cancelled before it was sent");
            r.transactUs = nowUs();
            deliver(r);
            return;
        }
    send(fixmap::cancelRequest(it->order, nextClOrdId(orderId), it->clOrdId, nowUs()), orderId, ExecutionReport::Kind::CancelRejected);
}

void FixVenue::replace(const QString &orderId, std::optional<Price> limitPrice, Quantity quantity)
{
    auto it = m_orders.find(orderId);
    const Instrument *instrument = it == m_orders.end() ? nullptr : m_reference.instrument(it->order.instrument);
    if (it == m_orders.end() || !it->open || !instrument) {
        ExecutionReport r;
        r.kind = ExecutionReport::Kind::ReplaceRejected;
        r.orderId = orderId;
        r.text = QStringLiteral("not working at the venue");
        deliver(r);
        return;
    }
    send(fixmap::replaceRequest(it->order, *instrument, nextClOrdId(orderId), it->clOrdId, limitPrice, quantity, nowUs()),
         orderId, ExecutionReport::Kind::ReplaceRejected);
}

std::optional<Quantity> FixVenue::workingQuantity(const QString &orderId) const
{
    auto it = m_orders.constFind(orderId);
    if (it == m_orders.cend() || !it->open)
        return std::nullopt;
    return it->order.quantity - it->cumulative;
}

} // namespace instant
