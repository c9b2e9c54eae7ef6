#include "audit/accesslog.h"

#include "audit/deskkeys.h"
#include "store/eventstore.h"

namespace instant {

AccessLog AccessLog::open(EventStore &store, const QString &user, const KeySource &key)
{
    AccessLog log(store);
    auto access = store.access();
    if (!access) {
        log.m_note = QStringLiteral("this read is not recorded: %1").arg(access.message());
        return log;
    }
    if (!access->canRecordReads) {
        log.m_note = QStringLiteral("this read is not recorded: the store is %1 here").arg(access->describe());
        return log;
    }
    log.m_actor = Actor{user, roleFor(deskkeys::TraderRole, *access)};
    auto keys = readDeskKeys(store);
    if (!keys) {
        log.m_note = QStringLiteral("this read is not recorded: %1").arg(keys.message());
        return log;
    }
    if (keys->administrator().isEmpty()) { // the store's writers do not sign: neither does its reader
        log.m_recording = true;
        log.m_note = QStringLiteral("this read is recorded unsigned: the store has no desk administrator");
        return log;
    }
    auto signer = key();
    if (!signer) {
        log.m_note = QStringLiteral("this read is not recorded: %1").arg(signer.message());
        return log;
    }
    const QString id = signer->key->fingerprint();
    const DeskKeys::Key *known = keys->key(id);
    const bool reads = known && (known->roles.contains(deskkeys::TraderRole) || known->roles.contains(deskkeys::ComplianceRole));
    if (!reads || known->revokedAt != 0 || !known->users.contains(user)) {
        const QString publicKey = signer->publicKeyPath.isEmpty() ? QStringLiteral("WRITER.pub.pem") : signer->publicKeyPath;
        log.m_note = QStringLiteral("this read is not recorded: this machine's key %1 is not enrolled for %2; the desk "
                                    "administrator enrols it with `instant store enroll --admin-key ADMIN.pem --key "
                                    "%4 --user %2 --role %3`")
                         .arg(id, user, log.m_actor.role, publicKey);
        return log;
    }
    // A key enrolled for compliance only reads in that role.
    if (!known->roles.contains(deskkeys::TraderRole))
        log.m_actor.role = deskkeys::ComplianceRole;
    store.signWith(std::move(signer->key));
    log.m_recording = true;
    return log;
}

Status AccessLog::record(const events::ReadRecord &read) const
{
    if (!m_recording)
        return makeError(ErrorCode::InvalidArgument, m_note);
    auto appended = m_store->append(read.appendRequest(m_actor));
    if (!appended)
        return appended.error();
    return Done{};
}

} // namespace instant
