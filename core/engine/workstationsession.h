#pragma once

#include "common/result.h"
#include "events/event.h"

namespace instant {

class EventStore;

// A workstation's session in the audit log: who used it (user and role), in which mode, on which
// build and host, each session on a stream of its own. Every session records its start; a trading
// session also records its end. A compliance session records its start and nothing else.
class WorkstationSession
{
public:
    WorkstationSession(EventStore &store, Actor actor, bool demo);

    QString streamId() const { return m_stream; }
    Status start(); // WorkstationSessionStarted
    Status end();   // WorkstationSessionEnded (trading sessions; compliance: nothing)

private:
    Status record(const QString &type, StreamVersion expected);

    EventStore &m_store;
    Actor m_actor;
    bool m_demo;
    QString m_stream;
    bool m_started = false;
};

} // namespace instant
