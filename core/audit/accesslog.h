#pragma once

#include "common/result.h"
#include "events/event.h"
#include "events/readevents.h"
#include "events/signingkey.h"

#include <functional>
#include <memory>

namespace instant {

class EventStore;

// Where a person's reads through the command line are recorded (events/readevents.h): as
// RecordsRead events on the store they read, in the role the store allows them (compliance for
// a PostgreSQL user of instant_compliance), signed with the machine's writer key once the store's
// writers sign. A key is only used, never enrolled here: reading does not make an administrator.
class AccessLog
{
public:
    struct ReaderKey
    {
        std::shared_ptr<const SigningKey> key;
        QString publicKeyPath; // its public file, named in the note on enrolling it
    };
    using KeySource = std::function<Result<ReaderKey>()>;

    // `key` is asked for only when the store's writers sign.
    static AccessLog open(EventStore &store, const QString &user, const KeySource &key);

    bool recording() const { return m_recording; }
    const Actor &actor() const { return m_actor; }
    // Why reads are not recorded, or that they are unsigned; empty when they are recorded and signed.
    QString note() const { return m_note; }
    Status record(const events::ReadRecord &read) const;

private:
    AccessLog(EventStore &store) : m_store(&store) {}
    EventStore *m_store;
    Actor m_actor;
    bool m_recording = false;
    QString m_note;
};

} // namespace instant
