#include "venue/fixvenue.h"

#include "fix/fixsession.h"
#include "venue/fixmapping.h"

#include <QCoreApplication>
#include <QDir>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QThread>
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
                                   QStringLiteral("cert"), QStringLiteral("key"), QStringLiteral("state")};
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
        if (message.type == "j") { // BusinessMessageReject: the venue could not process something we sent
            const std::string *text = message.get(fixmap::tag::Text);
            const QString why = QStringLiteral("the venue refused a message: %1")
                                    .arg(text ? QString::fromStdString(*text) : QString::fromStdString(message.text()));
            QMetaObject::invokeMethod(this, [this, why] { Q_EMIT problem(why); }, Qt::QueuedConnection);
            return true;
        }
        auto read = fixmap::readReport(message, m_reference);
        if (!read) {
            refusal = fix::Refusal{fix::Refusal::Reason::ValueIncorrect, 0, read.message().toStdString()};
            const QString why = QStringLiteral("refused a message from the venue: %1").arg(read.message());
            QMetaObject::invokeMethod(this, [this, why] { Q_EMIT problem(why); }, Qt::QueuedConnection);
            return false;
        }
        fixmap::InboundReport in = std::move(read).value();
        in.report.possibleDuplicate = message.possibleDuplicate;
        if (in.report.transactUs == 0)
            in.report.transactUs = nowUs();
        // Recorded before the session counts the message as received: a crash cannot lose it.
        QMetaObject::invokeMethod(this, [this, &in] {
            Tracked *t = nullptr;
            if (auto it = m_orders.find(in.report.orderId); it != m_orders.end())
                t = &it.value();
            if (!t) {
                Q_EMIT problem(QStringLiteral("a report for order %1, which this workstation did not send (ClOrdID %2)")
                                   .arg(in.report.orderId, in.clOrdId));
                return;
            }
            ExecutionReport &r = in.report;
            if (in.statusReply) {
                m_awaitingStatus.remove(r.orderId);
                if (!in.clOrdId.isEmpty() && !in.unknownOrder)
                    t->clOrdId = in.clOrdId;
                const bool wasOpen = t->open;
                if (in.unknownOrder) {
                    r.kind = ExecutionReport::Kind::Expired;
                    r.text = QStringLiteral("the venue no longer has this order (checked after logon)");
                    t->open = false;
                } else if (in.ordStatus == '4' || in.ordStatus == 'C' || in.ordStatus == '8') {
                    r.text = QStringLiteral("%1 at the venue (checked after logon)")
                                 .arg(in.ordStatus == '4' ? QStringLiteral("cancelled") : in.ordStatus == 'C' ? QStringLiteral("expired") : QStringLiteral("rejected"));
                    t->open = false;
                } else if (in.ordStatus == '2') {
                    t->open = false;
                }
                if (r.cumulative > t->cumulative)
                    Q_EMIT problem(QStringLiteral("order %1: the venue reports %L2 filled, this workstation has %L3 recorded")
                                       .arg(r.orderId).arg(r.cumulative.value()).arg(t->cumulative.value()));
                if (wasOpen && in.ordStatus != '2')
                    deliver(r);
                if (m_state == State::Reconciling && m_awaitingStatus.isEmpty())
                    finishReconciling();
                return;
            }
            if (r.kind == ExecutionReport::Kind::Fill) {
                if (m_seenExecIds.contains(r.execId))
                    return; // sent again after a resend: already recorded
                m_seenExecIds.insert(r.execId);
                t->cumulative += r.lastQuantity;
                if (r.leaves.value() == 0)
                    t->open = false;
            }
            switch (r.kind) {
            case ExecutionReport::Kind::Cancelled:
            case ExecutionReport::Kind::Expired:
            case ExecutionReport::Kind::Rejected:
                t->open = false;
                break;
            case ExecutionReport::Kind::Replaced:
                t->clOrdId = in.clOrdId;
                t->order.quantity = r.orderQuantity;
                t->order.limitPrice = r.limitPrice;
                break;
            default:
                break;
            }
            deliver(r);
        }, Qt::BlockingQueuedConnection);
        return true;
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

void FixVenue::stop()
{
    if (!m_endpoint)
        return;
    m_stopping = true;
    // The session threads may be waiting for this thread to record a report: keep serving them
    // while the session logs out, so the last reports are recorded, not lost.
    std::atomic<bool> stopped{false};
    std::thread stopper([this, &stopped] {
        m_endpoint->stop();
        stopped = true;
    });
    while (!stopped) {
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
        QThread::msleep(1);
    }
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
    const QSet<QString> ids = m_awaitingStatus;
    for (const QString &id : ids) {
        const Tracked &t = m_orders[id];
        std::string error;
        if (!m_endpoint->send(std::string(), fixmap::statusRequest(t.order, t.clOrdId), error)) {
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
            send(fixmap::newOrderSingle(o, *i, o.orderId, nowUs()), o.orderId, ExecutionReport::Kind::Rejected);
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
    if (m_endpoint && m_state != State::Disconnected && m_endpoint->send(std::string(), message, error))
        return;
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
    send(fixmap::newOrderSingle(order, *instrument, order.orderId, nowUs()), order.orderId, ExecutionReport::Kind::Rejected);
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
