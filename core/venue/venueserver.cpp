#include "venue/venueserver.h"

#include "fix/fixsession.h"

#include <QDir>

namespace instant {

VenueServer::VenueServer(const ReferenceData &reference, VenueServerOptions options, QObject *parent)
    : QObject(parent),
      m_reference(reference),
      m_options(std::move(options)),
      m_venue(reference, m_options.seed, m_options.startUs, this),
      m_step(this)
{
    // Ids stay unique across restarts of the server: a workstation recognises a report it was
    // sent twice by its ExecID.
    m_idPrefix = QString::number(m_options.startUs / 1000, 36).toUpper();
    connect(&m_venue, &Venue::executionReport, this, &VenueServer::onReport);
    m_step.setInterval(m_options.stepIntervalMs);
    connect(&m_step, &QTimer::timeout, this, [this] {
        const qint64 now = m_clock.nsecsElapsed();
        m_venue.step(std::max<qint64>(1, (now - m_lastStepNs) / 1000)); // the venue's clock follows the wall clock
        m_lastStepNs = now;
        Q_EMIT stepped();
    });
}

VenueServer::~VenueServer()
{
    stop();
}

QString VenueServer::nextExecId()
{
    return QStringLiteral("%1-E%2").arg(m_idPrefix).arg(m_nextExec++);
}

Status VenueServer::start()
{
    if (m_endpoint)
        return Done{};
    if (m_options.stateDirectory.isEmpty())
        return makeError(ErrorCode::InvalidArgument, QStringLiteral("the venue server needs a state directory"));
    if (!QDir().mkpath(m_options.stateDirectory))
        return makeError(ErrorCode::Io, QStringLiteral("cannot create %1").arg(m_options.stateDirectory));
    if (m_options.tls && (m_options.certificateFile.isEmpty() || m_options.keyFile.isEmpty()))
        return makeError(ErrorCode::InvalidArgument, QStringLiteral("FIX over TLS needs a certificate and a key file"));
    fix::SessionConfig config;
    config.port = m_options.fixPort;
    config.acceptAddress = m_options.bindAddress.toStdString();
    config.senderCompId = m_options.compId.toStdString();
    for (const QString &c : std::as_const(m_options.clientCompIds))
        config.targetCompIds.push_back(c.toStdString());
    config.heartbeatSeconds = m_options.heartbeatSeconds;
    config.stateDirectory = QDir::toNativeSeparators(m_options.stateDirectory).toStdString();
    config.tls = m_options.tls;
    config.certificateFile = m_options.certificateFile.toStdString();
    config.keyFile = m_options.keyFile.toStdString();

    fix::Handlers handlers;
    handlers.loggedOn = [this](const std::string &session) {
        const QString s = QString::fromStdString(session);
        QMetaObject::invokeMethod(this, [this, s] {
            m_loggedOn.insert(s);
            Q_EMIT log(QStringLiteral("FIX session %1 logged on").arg(s));
            Q_EMIT sessionChanged(s, true);
        }, Qt::QueuedConnection);
    };
    handlers.loggedOut = [this](const std::string &session) {
        const QString s = QString::fromStdString(session);
        QMetaObject::invokeMethod(this, [this, s] {
            m_loggedOn.remove(s);
            Q_EMIT log(QStringLiteral("FIX session %1 logged out").arg(s));
            Q_EMIT sessionChanged(s, false);
        }, Qt::QueuedConnection);
    };
    handlers.received = [this](const std::string &session, const fix::Message &message, fix::Refusal &refusal) {
        // On the session's thread: read it here, so a malformed message is refused by the
        // session (Reject naming the tag); trade on the server's thread.
        fixmap::RequestOrRefusal read = fixmap::readRequest(message, m_reference);
        const QString s = QString::fromStdString(session);
        if (!read.request) {
            refusal = read.refusal;
            const QString line = QStringLiteral("refused from %1: %2 (%3)").arg(s, QString::fromStdString(refusal.text),
                                                                             QString::fromStdString(message.text()));
            QMetaObject::invokeMethod(this, [this, line] { Q_EMIT log(line); }, Qt::QueuedConnection);
            return false;
        }
        QMetaObject::invokeMethod(this, [this, s, request = *read.request, why = read.rejectText] { handle(s, request, why); },
                                  Qt::QueuedConnection);
        return true;
    };
    handlers.event = [this](const std::string &session, const std::string &text) {
        const QString line = QStringLiteral("%1: %2").arg(QString::fromStdString(session), QString::fromStdString(text));
        QMetaObject::invokeMethod(this, [this, line] { Q_EMIT log(line); }, Qt::QueuedConnection);
    };
    m_endpoint = std::make_unique<fix::Endpoint>(fix::Endpoint::Role::Acceptor, std::move(config), std::move(handlers));
    std::string error;
    if (!m_endpoint->start(error)) {
        m_endpoint.reset();
        return makeError(ErrorCode::Unavailable, QStringLiteral("FIX acceptor on %1:%2: %3").arg(m_options.bindAddress).arg(m_options.fixPort).arg(QString::fromStdString(error)));
    }
    m_clock.start();
    m_lastStepNs = 0;
    m_step.start();
    return Done{};
}

void VenueServer::stop()
{
    m_step.stop();
    if (m_endpoint) {
        m_endpoint->stop();
        m_endpoint.reset();
    }
}

QStringList VenueServer::loggedOnSessions() const
{
    QStringList s(m_loggedOn.cbegin(), m_loggedOn.cend());
    s.sort();
    return s;
}

void VenueServer::send(const QString &session, const fix::Message &message)
{
    if (!m_endpoint)
        return;
    std::string error;
    if (!m_endpoint->send(session.toStdString(), message, error))
        Q_EMIT log(QStringLiteral("could not send to %1: %2").arg(session, QString::fromStdString(error)));
}

void VenueServer::handle(const QString &session, const fixmap::VenueRequest &request, const QString &rejectText)
{
    using Kind = fixmap::VenueRequest::Kind;
    const Instrument *instrument = m_reference.instrument(request.order.instrument);
    const QString existing = m_byClOrdId.value(key(session, request.kind == Kind::New || request.kind == Kind::Status
                                                                ? request.clOrdId : request.origClOrdId));
    Order *order = existing.isEmpty() ? nullptr : &m_orders[existing];
    switch (request.kind) {
    case Kind::New: {
        if (order) {
            // The same ClOrdID again: never a second order. A resend gets the order's status.
            if (request.possibleDuplicate) {
                send(session, fixmap::statusReport(order, request, instrument, nextExecId(), order->status, m_venue.nowUs()));
                return;
            }
            // The new order is rejected, the live one is untouched: the reject names the request,
            // with no OrderID of ours and nothing filled (OrdRejReason 6, duplicate order).
            Order dup;
            dup.clOrdId = request.clOrdId;
            dup.instrument = request.order.instrument;
            dup.side = request.order.side;
            dup.orderQuantity = request.order.quantity;
            dup.limitPrice = request.order.limitPrice;
            ExecutionReport r;
            r.kind = ExecutionReport::Kind::Rejected;
            r.text = QStringLiteral("duplicate ClOrdID %1: an order with it is already here").arg(request.clOrdId);
            r.transactUs = m_venue.nowUs();
            Instrument blank;
            blank.id = request.order.instrument;
            fix::Message m = fixmap::executionReport(r, dup, instrument ? *instrument : blank, nextExecId());
            m.set(fixmap::tag::OrdRejReason, "6");
            send(session, m);
            return;
        }
        ++m_ordersReceived;
        const QString id = key(session, request.clOrdId);
        Order &o = m_orders[id];
        o.session = session;
        o.clOrdId = request.clOrdId;
        o.venueOrderId = QStringLiteral("%1-O%2").arg(m_idPrefix).arg(m_nextOrder++);
        o.instrument = request.order.instrument;
        o.side = request.order.side;
        o.orderQuantity = request.order.quantity;
        o.limitPrice = request.order.limitPrice;
        m_byClOrdId.insert(id, id);
        if (!rejectText.isEmpty() || !instrument) {
            o.status = '8';
            ExecutionReport r;
            r.kind = ExecutionReport::Kind::Rejected;
            r.text = rejectText.isEmpty() ? QStringLiteral("unknown symbol %1").arg(request.order.instrument) : rejectText;
            r.transactUs = m_venue.nowUs();
            // No instrument to write prices with: the report carries no prices.
            Instrument blank;
            blank.id = request.order.instrument;
            fix::Message m = fixmap::executionReport(r, o, instrument ? *instrument : blank, nextExecId());
            m.set(fixmap::tag::OrdRejReason, instrument ? "99" : "1"); // 1: unknown symbol
            send(session, m);
            return;
        }
        VenueOrder v = request.order;
        v.orderId = id;
        m_venue.submit(v);
        return;
    }
    case Kind::Cancel:
    case Kind::Replace: {
        const bool replace = request.kind == Kind::Replace;
        if (!order || !instrument) {
            send(session, fixmap::cancelReject(request.clOrdId, request.origClOrdId, {}, replace, QStringLiteral("unknown order"), '8', 1));
            return;
        }
        if (order->status != '0' && order->status != '1') {
            send(session, fixmap::cancelReject(request.clOrdId, request.origClOrdId, order->venueOrderId, replace,
                                               QStringLiteral("too late: the order is no longer working"), order->status, 0));
            return;
        }
        if (m_byClOrdId.contains(key(session, request.clOrdId))) {
            if (!request.possibleDuplicate)
                send(session, fixmap::cancelReject(request.clOrdId, request.origClOrdId, order->venueOrderId, replace,
                                                   QStringLiteral("duplicate ClOrdID %1").arg(request.clOrdId), order->status, 6));
            return;
        }
        m_byClOrdId.insert(key(session, request.clOrdId), existing);
        order->pendingClOrdId = request.clOrdId;
        order->pendingOrigClOrdId = order->clOrdId;
        if (replace)
            m_venue.replace(existing, request.limitPrice, request.quantity);
        else
            m_venue.cancel(existing);
        return;
    }
    case Kind::Status:
        if (!order) {
            send(session, fixmap::statusReport(nullptr, request, instrument, nextExecId(), '8', m_venue.nowUs()));
            return;
        }
        order->origClOrdId.clear();
        send(session, fixmap::statusReport(order, request, instrument, nextExecId(), order->status, m_venue.nowUs()));
        return;
    }
}

void VenueServer::onReport(const ExecutionReport &report)
{
    auto it = m_orders.find(report.orderId);
    if (it == m_orders.end())
        return;
    Order &o = it.value();
    const Instrument *instrument = m_reference.instrument(o.instrument);
    if (!instrument)
        return;
    const QString pending = std::exchange(o.pendingClOrdId, {});
    const QString pendingOrig = std::exchange(o.pendingOrigClOrdId, {});
    o.origClOrdId.clear();
    switch (report.kind) {
    case ExecutionReport::Kind::Acknowledged:
        o.status = '0';
        break;
    case ExecutionReport::Kind::Fill:
        o.cumulative += report.lastQuantity;
        o.notionalFilled += report.lastPrice.value() * report.lastQuantity.value();
        o.status = report.leaves.value() == 0 ? '2' : '1';
        o.pendingClOrdId = pending; // a fill does not answer a pending request
        o.pendingOrigClOrdId = pendingOrig;
        break;
    case ExecutionReport::Kind::Cancelled:
        o.status = '4';
        if (!pending.isEmpty()) {
            o.origClOrdId = pendingOrig;
            o.clOrdId = pending;
        }
        break;
    case ExecutionReport::Kind::Expired:
        o.status = 'C';
        break;
    case ExecutionReport::Kind::Rejected:
        o.status = '8';
        break;
    case ExecutionReport::Kind::Replaced:
        o.orderQuantity = report.orderQuantity;
        o.limitPrice = report.limitPrice;
        if (!pending.isEmpty()) {
            o.origClOrdId = pendingOrig;
            o.clOrdId = pending;
        }
        break;
    case ExecutionReport::Kind::CancelRejected:
    case ExecutionReport::Kind::ReplaceRejected:
        send(o.session, fixmap::cancelReject(pending.isEmpty() ? o.clOrdId : pending, pendingOrig.isEmpty() ? o.clOrdId : pendingOrig,
                                             o.venueOrderId, report.kind == ExecutionReport::Kind::ReplaceRejected, report.text,
                                             o.status, o.status == '0' || o.status == '1' ? 99 : 0));
        return;
    case ExecutionReport::Kind::Restated:
    case ExecutionReport::Kind::Busted:
    case ExecutionReport::Kind::Corrected:
    case ExecutionReport::Kind::Noted:
        return; // the simulated book never sends these
    }
    send(o.session, fixmap::executionReport(report, o, *instrument, nextExecId()));
}

} // namespace instant
