#include "audit/deskkeys.h"

#include "events/readevents.h"
#include "store/eventstore.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace instant {
namespace deskkeys {
namespace {

const QString PublicKeyField = QStringLiteral("public_key");
const QString KeyIdField = QStringLiteral("key_id");
const QString UserField = QStringLiteral("user");
const QString RoleField = QStringLiteral("role");
const QString ReasonField = QStringLiteral("reason");

Result<QJsonObject> object(const QByteArray &payload)
{
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(payload, &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject())
        return makeError(ErrorCode::InvalidArgument, QStringLiteral("the payload is not a JSON object"));
    return doc.object();
}

} // namespace

bool isKeyRole(const QString &role)
{
    return role == AdminRole || role == TraderRole || role == ComplianceRole;
}

NewEvent Enrollment::encode(const QString &type, const Actor &actor) const
{
    return NewEvent::make(type,
                          QJsonObject{{PublicKeyField, QString::fromLatin1(publicKey.toBase64())},
                                      {KeyIdField, keyId()},
                                      {UserField, user},
                                      {RoleField, role}},
                          actor, keyId());
}

Result<Enrollment> Enrollment::decode(const QByteArray &payload)
{
    auto o = object(payload);
    if (!o)
        return o.error();
    Enrollment e;
    e.publicKey = QByteArray::fromBase64(o->value(PublicKeyField).toString().toLatin1());
    e.user = o->value(UserField).toString();
    e.role = o->value(RoleField).toString();
    if (e.publicKey.size() != 32)
        return makeError(ErrorCode::InvalidArgument, QStringLiteral("the enrolled public key is not 32 bytes"));
    if (o->value(KeyIdField).toString() != e.keyId())
        return makeError(ErrorCode::InvalidArgument, QStringLiteral("the key id is not the public key's fingerprint"));
    if (e.user.isEmpty() || !isKeyRole(e.role))
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("an enrolment names a user and a role (admin, trader or compliance)"));
    return e;
}

NewEvent Revocation::encode(const Actor &actor) const
{
    return NewEvent::make(WriterRevoked, QJsonObject{{KeyIdField, keyId}, {ReasonField, reason}}, actor, keyId);
}

Result<Revocation> Revocation::decode(const QByteArray &payload)
{
    auto o = object(payload);
    if (!o)
        return o.error();
    Revocation r{o->value(KeyIdField).toString(), o->value(ReasonField).toString()};
    if (!r.keyId.startsWith(QStringLiteral("SHA256:")))
        return makeError(ErrorCode::InvalidArgument, QStringLiteral("a revocation names a key id (SHA256:…)"));
    return r;
}

} // namespace deskkeys

using namespace deskkeys;

QString DeskKeys::apply(Sequence sequence, const QString &type, const QByteArray &payload, const QString &signerKeyId)
{
    const bool checked = !signerKeyId.isEmpty();
    const Key *signer = checked ? key(signerKeyId) : nullptr;
    const bool byAdmin = !checked || (signer && signer->roles.contains(AdminRole) && signer->activeAt(sequence));
    if (type == AdministratorEstablished) {
        auto e = Enrollment::decode(payload);
        if (!e)
            return e.message();
        if (!m_administrator.isEmpty())
            return QStringLiteral("the desk already has an administrator (key %1, since sequence %2)")
                .arg(m_administrator)
                .arg(m_establishedAt);
        if (checked && signerKeyId != e->keyId())
            return QStringLiteral("an administrator is established by a batch its own key signs, not key %1").arg(signerKeyId);
        m_administrator = e->keyId();
        m_establishedAt = sequence;
        enrol(*e, AdminRole, sequence);
        return {};
    }
    if (type == WriterEnrolled) {
        auto e = Enrollment::decode(payload);
        if (!e)
            return e.message();
        if (!byAdmin)
            return QStringLiteral("key %1 enrols writers but is not the desk's administrator").arg(signerKeyId);
        if (const Key *k = key(e->keyId()); k && k->revokedAt != 0)
            return QStringLiteral("key %1 was revoked at sequence %2: a revoked key is not enrolled again")
                .arg(e->keyId())
                .arg(k->revokedAt);
        enrol(*e, e->role, sequence);
        return {};
    }
    if (type == WriterRevoked) {
        auto r = Revocation::decode(payload);
        if (!r)
            return r.message();
        if (!byAdmin)
            return QStringLiteral("key %1 revokes writers but is not the desk's administrator").arg(signerKeyId);
        auto it = m_keys.find(r->keyId);
        if (it == m_keys.end())
            return QStringLiteral("key %1 is not enrolled: there is nothing to revoke").arg(r->keyId);
        if (it->revokedAt == 0) {
            it->revokedAt = sequence;
            it->revocationReason = r->reason;
        }
        return {};
    }
    return QStringLiteral("%1 is not a desk-keys event").arg(type);
}

void DeskKeys::enrol(const Enrollment &e, const QString &role, Sequence sequence)
{
    Key &k = m_keys[e.keyId()];
    k.publicKey = e.publicKey;
    k.roles.insert(role);
    k.users.insert(e.user);
    if (k.enrolledAt == 0)
        k.enrolledAt = sequence;
}

const DeskKeys::Key *DeskKeys::key(const QString &keyId) const
{
    auto it = m_keys.constFind(keyId);
    return it == m_keys.cend() ? nullptr : &*it;
}

QString DeskKeys::whyNotAllowed(const Key &key, const QString &type, const Actor &actor)
{
    const auto roles = [&key] { return QStringList(key.roles.cbegin(), key.roles.cend()).join(QStringLiteral(", ")); };
    if (type == AdministratorEstablished || type == WriterEnrolled || type == WriterRevoked) {
        if (!key.roles.contains(AdminRole) || actor.role != AdminRole)
            return QStringLiteral("%1 is the desk administrator's to write, not a key enrolled as %2").arg(type, roles());
        return {};
    }
    if (events::isAccessRecord(type)) {
        // Who read what, and the sessions they read in: a trader's workstation and a compliance
        // officer's both record them, in the role they work in.
        if (actor.role == AdminRole)
            return QStringLiteral("%1 is an access record: it claims role admin, which only enrols and revokes keys").arg(type);
        if (!key.roles.contains(TraderRole) && !key.roles.contains(ComplianceRole))
            return QStringLiteral("%1 is an access record: a key enrolled as %2 does not write it").arg(type, roles());
        return {};
    }
    if (actor.role == ComplianceRole || actor.role == AdminRole)
        return QStringLiteral("%1 is a trading or system event: it claims role %2, which does not write it")
            .arg(type, actor.role);
    if (!key.roles.contains(TraderRole))
        return QStringLiteral("%1 is a trading or system event: a key enrolled as %2 does not write it").arg(type, roles());
    // The actor's user is not bound to the key's: a workstation writes for the people and programs
    // working through it (simulated traders in a demo, the copilot, the venue). The key says which
    // workstation wrote the event, and verify reports its enrolled users.
    return {};
}

Result<DeskKeys> readDeskKeys(const EventStore &store, Sequence upTo)
{
    auto events = store.readStream(Stream);
    if (!events)
        return events.error();
    DeskKeys keys;
    for (const RecordedEvent &e : std::as_const(*events))
        if (upTo < 0 || e.sequence <= upTo)
            keys.apply(e.sequence, e.type, e.payload, {});
    return keys;
}

namespace {

Status appendKeyEvents(EventStore &store, const QList<NewEvent> &events)
{
    auto version = store.streamVersion(Stream);
    if (!version)
        return version.error();
    AppendRequest request;
    request.streamId = Stream;
    request.expectedVersion = *version;
    request.events = events;
    auto appended = store.append(std::move(request));
    if (!appended)
        return appended.error();
    return Done{};
}

Actor adminActor(const QString &user)
{
    return Actor{user, AdminRole};
}

} // namespace

Result<WriterStatus> signWritesWith(EventStore &store, std::shared_ptr<const SigningKey> key, const Actor &actor,
                                    const QString &publicKeyPath)
{
    auto keys = readDeskKeys(store);
    if (!keys)
        return keys.error();
    const QString id = key->fingerprint();
    const QString role = actor.readsOnly() ? ComplianceRole : TraderRole;
    const Enrollment self{key->publicKey(), actor.user, role};
    const DeskKeys::Key *known = keys->key(id);
    WriterStatus status{true, id, {}};
    if (known && known->revokedAt != 0) {
        return WriterStatus{false, id,
                            QStringLiteral("writes are not signed: this workstation's key %1 was revoked at sequence %2 (%3)")
                                .arg(id)
                                .arg(known->revokedAt)
                                .arg(known->revocationReason)};
    }
    if (known && known->roles.contains(role) && known->users.contains(actor.user)) {
        store.signWith(std::move(key));
        status.note = QStringLiteral("writes are signed with key %1").arg(id);
        return status;
    }
    QList<NewEvent> events;
    if (keys->administrator().isEmpty())
        events.append(Enrollment{key->publicKey(), actor.user, AdminRole}.encode(AdministratorEstablished, adminActor(actor.user)));
    else if (keys->administrator() != id)
        return WriterStatus{false, id,
                            QStringLiteral("writes are not signed: this workstation's key %1 is not enrolled for %2 as %3; "
                                           "the desk administrator enrols it with `instant store enroll --admin-key ADMIN.pem "
                                           "--key %4 --user %2 --role %3`")
                                .arg(id, actor.user, role, publicKeyPath)};
    events.append(self.encode(WriterEnrolled, adminActor(actor.user)));
    store.signWith(key);
    if (Status s = appendKeyEvents(store, events); !s) {
        store.signWith(nullptr);
        return WriterStatus{false, id, QStringLiteral("writes are not signed: the key could not be enrolled: %1").arg(s.message())};
    }
    status.note = events.size() == 2
                      ? QStringLiteral("this workstation's key %1 is now the store's desk administrator and signs its writes").arg(id)
                      : QStringLiteral("writes are signed with key %1, enrolled now for %2 as %3").arg(id, actor.user, role);
    return status;
}

Status enrollWriter(EventStore &store, std::shared_ptr<const SigningKey> admin, const Enrollment &enrollment,
                    const QString &adminUser)
{
    auto keys = readDeskKeys(store);
    if (!keys)
        return keys.error();
    const QString adminId = admin->fingerprint();
    QList<NewEvent> events;
    if (keys->administrator().isEmpty()) {
        events.append(Enrollment{admin->publicKey(), adminUser, AdminRole}.encode(AdministratorEstablished, adminActor(adminUser)));
    } else {
        const DeskKeys::Key *k = keys->key(adminId);
        if (!k || !k->roles.contains(AdminRole) || k->revokedAt != 0)
            return makeError(ErrorCode::InvalidArgument,
                             QStringLiteral("key %1 is not this desk's administrator (%2): it cannot enrol writers")
                                 .arg(adminId, keys->administrator()));
    }
    if (const DeskKeys::Key *k = keys->key(enrollment.keyId()); k && k->revokedAt != 0)
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("key %1 was revoked at sequence %2: make the writer a new key").arg(enrollment.keyId()).arg(k->revokedAt));
    events.append(enrollment.encode(WriterEnrolled, adminActor(adminUser)));
    store.signWith(std::move(admin));
    return appendKeyEvents(store, events);
}

Status revokeWriter(EventStore &store, std::shared_ptr<const SigningKey> admin, const Revocation &revocation,
                    const QString &adminUser)
{
    auto keys = readDeskKeys(store);
    if (!keys)
        return keys.error();
    const QString adminId = admin->fingerprint();
    const DeskKeys::Key *k = keys->key(adminId);
    if (!k || !k->roles.contains(AdminRole) || k->revokedAt != 0)
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("key %1 is not this desk's administrator: it cannot revoke writers").arg(adminId));
    if (!keys->key(revocation.keyId))
        return makeError(ErrorCode::NotFound, QStringLiteral("key %1 is not enrolled on this store").arg(revocation.keyId));
    store.signWith(std::move(admin));
    return appendKeyEvents(store, {revocation.encode(adminActor(adminUser))});
}

} // namespace instant
