#include "audit/workstationkey.h"

#include "store/credentials.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QStandardPaths>

#include <optional>

#ifdef Q_OS_UNIX
#include <unistd.h>
#endif

namespace instant {
namespace {

const QString KeychainEntry = QStringLiteral("writer-key");

QString keyFolder()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
}

// The public key beside the private one, written when it is missing or another key's: it is not secret.
Status writePublicKey(const SigningKey &key, const QString &path)
{
    const QByteArray pem = key.publicKeyPem();
    if (QFile existing(path); existing.open(QIODevice::ReadOnly) && existing.readAll() == pem)
        return Done{};
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(pem) != pem.size() || !file.commit())
        return makeError(ErrorCode::Io, QStringLiteral("cannot write %1: %2").arg(path, file.errorString()));
    return Done{};
}

// A new key under `path`, or the one another process made there first.
Result<SigningKey> createKeyFile(const QString &path)
{
    auto key = SigningKey::generate();
    if (!key)
        return key.error();
    const QString temporary = path + QStringLiteral(".new-%1").arg(QCoreApplication::applicationPid());
    QFile::remove(temporary);
    QFile::remove(publicKeyPathFor(temporary));
    if (Status s = key->saveKeyPair(temporary, publicKeyPathFor(temporary)); !s)
        return s.error();
    QFile::remove(publicKeyPathFor(temporary));
    // Put in place only if no other process did first (a link never replaces a file).
#ifdef Q_OS_UNIX
    const bool placed = ::link(QFile::encodeName(temporary).constData(), QFile::encodeName(path).constData()) == 0;
#else
    const bool placed = QFile::rename(temporary, path);
#endif
    QFile::remove(temporary);
    if (placed)
        return key;
    return SigningKey::load(path);
}

Result<WorkstationKey> fromFile()
{
    QString path = qEnvironmentVariable("INSTANT_WRITER_KEY");
    if (path.isEmpty()) {
        const QString folder = keyFolder();
        if (!QDir().mkpath(folder))
            return makeError(ErrorCode::Io, QStringLiteral("cannot create %1 for the workstation's key").arg(folder));
        path = folder + QStringLiteral("/writer-key.pem");
    }
    if (const QString exposed = privateKeyExposure(path); !exposed.isEmpty())
        return makeError(ErrorCode::InvalidArgument, QStringLiteral("the workstation's writer key is not private: %1").arg(exposed));
    auto key = QFileInfo::exists(path) ? SigningKey::load(path) : createKeyFile(path);
    if (!key)
        return key.error();
    WorkstationKey w{std::make_shared<const SigningKey>(std::move(*key)), publicKeyPathFor(path), path};
    if (Status s = writePublicKey(*w.key, w.publicKeyPath); !s)
        return s.error();
    return w;
}

} // namespace

Result<WorkstationKey> workstationKey()
{
    if (!StoreCredentials::keychainAvailable())
        return fromFile();
    QByteArray pem = Secrets::read(KeychainEntry).toLatin1();
    std::optional<SigningKey> key;
    if (!pem.isEmpty()) {
        auto loaded = SigningKey::fromPem(std::move(pem), QStringLiteral("the keychain's writer key"));
        if (!loaded)
            return loaded.error();
        key = std::move(*loaded);
    } else {
        auto made = SigningKey::generate();
        if (!made)
            return made.error();
        auto encoded = made->toPem();
        if (!encoded)
            return encoded.error();
        const Status saved = Secrets::save(KeychainEntry, QString::fromLatin1(*encoded));
        encoded->fill('\0');
        if (!saved)
            return fromFile(); // no keychain service after all: the file
        key = std::move(*made);
    }
    const QString folder = keyFolder();
    QDir().mkpath(folder);
    WorkstationKey w{std::make_shared<const SigningKey>(std::move(*key)), folder + QStringLiteral("/writer-key.pub.pem"),
                     QStringLiteral("the keychain")};
    if (Status s = writePublicKey(*w.key, w.publicKeyPath); !s)
        return s.error();
    return w;
}

} // namespace instant
