// instant store info | init | password: where the event store is and how to reach it;
// store key | enroll | revoke | keys: who may write it.

#include "cli/clisupport.h"

#include "audit/deskkeys.h"
#include "audit/workstationkey.h"
#include "store/credentials.h"

namespace instant::cli {

int storeInfo(const QStringList &args, const CommandIo &io)
{
    const QString command = QStringLiteral("store info");
    QCommandLineParser parser;
    parser.addOption(storeOption());
    if (auto done = parse(io, parser, args, command, QStringLiteral("Shows a store's location and chain head.")))
        return *done;
    auto store = openFromOption(parser, OpenOptions::Mode::OpenExisting);
    if (!store)
        return storeError(io, store.error());
    auto head = (*store)->head();
    if (!head)
        return storeError(io, head.error());
    io.out << "store: " << (*store)->location().toUrl() << "\n"
           << "events: " << head->sequence << "\n"
           << "head hash: " << QString::fromLatin1(head->hash.toHex()) << "\n";
    if (head->sequence > 0)
        io.out << "last recorded: " << formatUtcMicros(head->recordedUs) << "\n";
    io.out.flush();
    return Ok;
}

int storeInit(const QStringList &args, const CommandIo &io)
{
    const QString command = QStringLiteral("store init");
    QCommandLineParser parser;
    parser.addOption(storeOption());
    if (auto done = parse(io, parser, args, command,
                              QStringLiteral("Creates an event store (schema, append-only triggers) if there is none.")))
        return *done;
    auto store = openFromOption(parser, OpenOptions::Mode::CreateIfMissing);
    if (!store)
        return storeError(io, store.error());
    io.out << "ready: " << (*store)->location().toUrl() << "\n";
    io.out.flush();
    return Ok;
}

int storePassword(const QStringList &args, const CommandIo &io)
{
    const QString command = QStringLiteral("store password");
    QCommandLineParser parser;
    parser.addOption(storeOption());
    if (auto done = parse(io, parser, args, command,
                              QStringLiteral("Reads a PostgreSQL store's password from standard input (one line) and "
                                             "saves it in the OS keychain.")))
        return *done;
    auto location = StoreLocation::parse(parser.value(QStringLiteral("store")));
    if (!location)
        return usageError(io, location.message(), command);
    const QString password = io.in.readLine();
    if (password.isEmpty())
        return usageError(io, QStringLiteral("no password on standard input"), command);
    Status saved = StoreCredentials::savePassword(*location, password);
    if (!saved)
        return storeError(io, saved.error());
    io.out << "saved in the keychain for " << location->credentialKey() << "\n";
    io.out.flush();
    return Ok;
}

} // namespace instant::cli

namespace instant::cli {
namespace {

QString adminUser()
{
    return qEnvironmentVariable("USER", QStringLiteral("admin"));
}

Result<std::shared_ptr<const SigningKey>> adminKey(const QCommandLineParser &parser, const CommandIo &io)
{
    const QString path = parser.value(QStringLiteral("admin-key"));
    if (const QString warning = privateKeyExposure(path); !warning.isEmpty())
        io.err << "instant: warning: " << warning << "\n";
    auto key = SigningKey::load(path);
    if (!key)
        return key.error();
    return std::make_shared<const SigningKey>(std::move(*key));
}

QCommandLineOption adminKeyOption()
{
    return QCommandLineOption(QStringLiteral("admin-key"),
                              QStringLiteral("The desk administrator's Ed25519 private key (PEM). On a store without an "
                                             "administrator, this key becomes it."),
                              QStringLiteral("pem"));
}

} // namespace

int storeKey(const QStringList &args, const CommandIo &io)
{
    const QString command = QStringLiteral("store key");
    QCommandLineParser parser;
    if (auto done = parse(io, parser, args, command,
                              QStringLiteral("Shows this workstation's writer key (made the first time it is needed): its "
                                             "fingerprint and the public key file to give the desk administrator, who "
                                             "enrols it with `instant store enroll`.")))
        return *done;
    auto key = workstationKey();
    if (!key)
        return storeError(io, key.error());
    io.out << "writer key: " << key->key->fingerprint() << "\n"
           << "kept in: " << key->where << "\n"
           << "public key: " << key->publicKeyPath << "\n";
    io.out.flush();
    return Ok;
}

int storeEnroll(const QStringList &args, const CommandIo &io)
{
    const QString command = QStringLiteral("store enroll");
    QCommandLineParser parser;
    parser.addOption(storeOption());
    parser.addOption(adminKeyOption());
    parser.addOption(QCommandLineOption(QStringLiteral("key"), QStringLiteral("The writer's public key (PEM)."), QStringLiteral("pem")));
    parser.addOption(QCommandLineOption(QStringLiteral("user"), QStringLiteral("The user the key writes for."), QStringLiteral("name")));
    parser.addOption(QCommandLineOption(QStringLiteral("role"), QStringLiteral("trader, compliance or admin."), QStringLiteral("role")));
    if (auto done = parse(io, parser, args, command,
                              QStringLiteral("Enrols a writer's key on the store (a WriterEnrolled event signed by the desk "
                                             "administrator's key): from then on its batches verify, for the events its "
                                             "role may write.")))
        return *done;
    for (const char *option : {"admin-key", "key", "user", "role"})
        if (parser.value(QString::fromLatin1(option)).isEmpty())
            return usageError(io, QStringLiteral("--%1 is required").arg(QString::fromLatin1(option)), command);
    const QString role = parser.value(QStringLiteral("role"));
    if (!deskkeys::isKeyRole(role))
        return usageError(io, QStringLiteral("--role must be trader, compliance or admin"), command);
    auto admin = adminKey(parser, io);
    if (!admin)
        return storeError(io, admin.error());
    auto writer = readPublicKey(parser.value(QStringLiteral("key")));
    if (!writer)
        return storeError(io, writer.error());
    auto store = openFromOption(parser, OpenOptions::Mode::CreateIfMissing);
    if (!store)
        return storeError(io, store.error());
    const deskkeys::Enrollment enrollment{*writer, parser.value(QStringLiteral("user")), role};
    if (Status s = enrollWriter(**store, *admin, enrollment, adminUser()); !s)
        return storeError(io, s.error());
    io.out << "enrolled " << enrollment.keyId() << " for " << enrollment.user << " as " << role << " (administrator "
           << (*admin)->fingerprint() << ")\n";
    io.out.flush();
    return Ok;
}

int storeRevoke(const QStringList &args, const CommandIo &io)
{
    const QString command = QStringLiteral("store revoke");
    QCommandLineParser parser;
    parser.addOption(storeOption());
    parser.addOption(adminKeyOption());
    parser.addOption(QCommandLineOption(QStringLiteral("key"), QStringLiteral("The writer's public key (PEM)."), QStringLiteral("pem")));
    parser.addOption(QCommandLineOption(QStringLiteral("key-id"), QStringLiteral("Or its fingerprint, SHA256:…"), QStringLiteral("id")));
    parser.addOption(QCommandLineOption(QStringLiteral("reason"), QStringLiteral("Why (recorded)."), QStringLiteral("text")));
    if (auto done = parse(io, parser, args, command,
                              QStringLiteral("Revokes a writer's key (a WriterRevoked event signed by the desk administrator): "
                                             "batches it signs after this no longer verify.")))
        return *done;
    if (parser.value(QStringLiteral("admin-key")).isEmpty() || parser.value(QStringLiteral("reason")).isEmpty())
        return usageError(io, QStringLiteral("--admin-key and --reason are required"), command);
    if (parser.isSet(QStringLiteral("key")) == parser.isSet(QStringLiteral("key-id")))
        return usageError(io, QStringLiteral("give either --key PUBLIC.pem or --key-id SHA256:…"), command);
    QString keyId = parser.value(QStringLiteral("key-id"));
    if (parser.isSet(QStringLiteral("key"))) {
        auto writer = readPublicKey(parser.value(QStringLiteral("key")));
        if (!writer)
            return storeError(io, writer.error());
        keyId = keyFingerprint(*writer);
    }
    auto admin = adminKey(parser, io);
    if (!admin)
        return storeError(io, admin.error());
    auto store = openFromOption(parser, OpenOptions::Mode::OpenExisting);
    if (!store)
        return storeError(io, store.error());
    if (Status s = revokeWriter(**store, *admin, deskkeys::Revocation{keyId, parser.value(QStringLiteral("reason"))}, adminUser()); !s)
        return storeError(io, s.error());
    io.out << "revoked " << keyId << "\n";
    io.out.flush();
    return Ok;
}

int storeKeys(const QStringList &args, const CommandIo &io)
{
    const QString command = QStringLiteral("store keys");
    QCommandLineParser parser;
    parser.addOption(storeOption());
    if (auto done = parse(io, parser, args, command,
                              QStringLiteral("Lists the desk's writer keys as the store records them (`instant audit verify` "
                                             "checks their signatures).")))
        return *done;
    auto store = openFromOption(parser, OpenOptions::Mode::OpenExisting);
    if (!store)
        return storeError(io, store.error());
    auto keys = readDeskKeys(**store);
    if (!keys)
        return storeError(io, keys.error());
    if (keys->administrator().isEmpty()) {
        io.out << "no desk administrator: the store's writes are not signed\n";
    } else {
        io.out << "administrator: " << keys->administrator() << " (since sequence " << keys->establishedAt() << ")\n";
        QStringList ids = keys->keys().keys();
        ids.sort();
        for (const QString &id : std::as_const(ids)) {
            const DeskKeys::Key &k = *keys->key(id);
            QStringList users(k.users.cbegin(), k.users.cend()), roles(k.roles.cbegin(), k.roles.cend());
            users.sort();
            roles.sort();
            io.out << id << "  " << users.join(u',') << "  " << roles.join(u',') << "  enrolled at " << k.enrolledAt;
            if (k.revokedAt != 0)
                io.out << ", revoked at " << k.revokedAt << " (" << k.revocationReason << ")";
            io.out << "\n";
        }
    }
    io.out.flush();
    return Ok;
}

} // namespace instant::cli
