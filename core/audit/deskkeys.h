#pragma once

#include "common/result.h"
#include "events/event.h"
#include "events/signingkey.h"

#include <QByteArray>
#include <QHash>
#include <QSet>
#include <QString>

#include <memory>

namespace instant {

class EventStore;

// Who may write a store: the desk's Ed25519 writer keys, enrolled and revoked by events on the
// "desk-keys" stream, each batch signed (events/batchsignature.h).
//
// The first key to write DeskAdministratorEstablished (in a batch it signs itself) is the desk
// administrator. The administrator enrols writer keys (WriterEnrolled: a key, a user, a role) and
// revokes them (WriterRevoked). From the administrator's establishment on, every batch must be
// signed by an enrolled, unrevoked key whose role may write each of its events; the events before
// it are "unsigned" (a store written before writers signed).
namespace deskkeys {

inline const QString Stream = QStringLiteral("desk-keys");
inline const QString AdministratorEstablished = QStringLiteral("DeskAdministratorEstablished");
inline const QString WriterEnrolled = QStringLiteral("WriterEnrolled");
inline const QString WriterRevoked = QStringLiteral("WriterRevoked");

// The roles a key is enrolled in.
inline const QString AdminRole = QStringLiteral("admin");           // enrols and revokes keys
inline const QString TraderRole = QStringLiteral("trader");         // trades and runs the system's work
inline const QString ComplianceRole = QStringLiteral("compliance"); // records only what it reads
bool isKeyRole(const QString &role);

// DeskAdministratorEstablished and WriterEnrolled.
struct Enrollment
{
    QByteArray publicKey; // raw Ed25519, 32 bytes
    QString user;
    QString role;         // AdminRole for an establishment
    QString keyId() const { return keyFingerprint(publicKey); }
    NewEvent encode(const QString &type, const Actor &actor) const;
    static Result<Enrollment> decode(const QByteArray &payload);
};

struct Revocation
{
    QString keyId;
    QString reason;
    NewEvent encode(const Actor &actor) const;
    static Result<Revocation> decode(const QByteArray &payload);
};

} // namespace deskkeys

// The desk's keys as the desk-keys events say, applied in sequence order.
class DeskKeys
{
public:
    struct Key
    {
        QByteArray publicKey;
        QSet<QString> roles;
        QSet<QString> users;
        Sequence enrolledAt = 0;
        Sequence revokedAt = 0; // 0: not revoked
        QString revocationReason;
        bool activeAt(Sequence sequence) const { return revokedAt == 0 || sequence < revokedAt; }
    };

    // Applies one desk-keys event written in a batch signed by `signerKeyId` (empty: the signer
    // is not checked, for a workstation deciding whether it is enrolled). Returns why it cannot be
    // applied (the event is then ignored), or an empty string.
    QString apply(Sequence sequence, const QString &type, const QByteArray &payload, const QString &signerKeyId);

    const Key *key(const QString &keyId) const;
    QString administrator() const { return m_administrator; } // its key id; empty: none yet
    Sequence establishedAt() const { return m_establishedAt; }
    const QHash<QString, Key> &keys() const { return m_keys; }

    // Why `key` may not write an event of `type` for `actor`; empty when it may. A key writes the
    // events of its roles: admin the desk-keys events; compliance the access records (its reads
    // and sessions, events/readevents.h); trader those too, and the rest (for whoever works
    // through its workstation: traders, the system, the copilot, the venue).
    static QString whyNotAllowed(const Key &key, const QString &type, const Actor &actor);

private:
    void enrol(const deskkeys::Enrollment &e, const QString &role, Sequence sequence);

    QString m_administrator;
    Sequence m_establishedAt = 0;
    QHash<QString, Key> m_keys;
};

// The desk-keys stream as stored, up to a sequence (< 0: all); signers not checked (verification
// does that).
Result<DeskKeys> readDeskKeys(const EventStore &store, Sequence upTo = -1);

// What a workstation's writes are signed with, once signWritesWith has run.
struct WriterStatus
{
    bool signing = false;
    QString keyId;
    QString note; // for people: what was done, or why writes are not signed
};

// Signs the store's writes with the workstation's key when the key may write for `actor`:
// enrolled; or, on a store without a desk administrator yet, the key becomes it and enrols itself
// (a personal store); or the key is the administrator's and enrols itself for the actor. Otherwise
// writes stay unsigned (and `audit verify` will say so) and the note says how to enrol the key.
// `publicKeyPath` names the key's public file in that note.
Result<WriterStatus> signWritesWith(EventStore &store, std::shared_ptr<const SigningKey> key, const Actor &actor,
                                    const QString &publicKeyPath = QStringLiteral("WRITER.pub.pem"));

// `instant store enroll`: the administrator's key enrols `publicKey` for a user and role. On a
// store without an administrator, `admin` becomes it first. The events are signed by `admin`.
Status enrollWriter(EventStore &store, std::shared_ptr<const SigningKey> admin, const deskkeys::Enrollment &enrollment,
                    const QString &adminUser);
// `instant store revoke`.
Status revokeWriter(EventStore &store, std::shared_ptr<const SigningKey> admin, const deskkeys::Revocation &revocation,
                    const QString &adminUser);

} // namespace instant
