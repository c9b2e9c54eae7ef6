#include "engine/workstationsession.h"

#include "common/diagnostics.h"
#include "events/readevents.h"
#include "store/eventstore.h"

#include <QCoreApplication>
#include <QHostInfo>
#include <QUuid>

namespace instant {

WorkstationSession::WorkstationSession(EventStore &store, Actor actor, bool demo)
    : m_store(store), m_actor(std::move(actor)), m_demo(demo),
      m_stream(QStringLiteral("session-") + QUuid::createUuid().toString(QUuid::WithoutBraces))
{
}

Status WorkstationSession::start()
{
    Status s = record(events::WorkstationSessionStarted, ExpectedVersion::NoStream);
    m_started = s.ok();
    return s;
}

Status WorkstationSession::end()
{
    if (!m_started || m_actor.readsOnly())
        return Done{};
    return record(events::WorkstationSessionEnded, 1);
}

Status WorkstationSession::record(const QString &type, StreamVersion expected)
{
    AppendRequest request;
    request.streamId = m_stream;
    request.expectedVersion = expected;
    request.events.append(NewEvent::make(type,
                                         {{QStringLiteral("mode"), m_demo ? QStringLiteral("demo") : QStringLiteral("live")},
                                          {QStringLiteral("version"), QStringLiteral(INSTANT_VERSION)},
                                          {QStringLiteral("commit"), diagnostics::versions().value(QStringLiteral("commit"))},
                                          {QStringLiteral("host"), QHostInfo::localHostName()},
                                          {QStringLiteral("pid"), QCoreApplication::applicationPid()}},
                                         m_actor, m_stream));
    auto result = m_store.append(std::move(request));
    if (!result)
        return result.error();
    return Done{};
}

} // namespace instant
