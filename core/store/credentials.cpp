#include "store/credentials.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QTimer>

#if INSTANT_HAVE_KEYCHAIN
#include <qt6keychain/keychain.h>
#endif

namespace instant {
namespace {

const QString KeychainService = QStringLiteral("Instant");

bool keychainDisabled()
{
    return qEnvironmentVariable("INSTANT_KEYCHAIN").compare(u"off", Qt::CaseInsensitive) == 0;
}

#if INSTANT_HAVE_KEYCHAIN
// Runs a keychain job to completion; the keychain backends answer through the event loop.
bool runJob(QKeychain::Job &job)
{
    if (!QCoreApplication::instance())
        return false;
    QEventLoop loop;
    QObject::connect(&job, &QKeychain::Job::finished, &loop, &QEventLoop::quit);
    QTimer::singleShot(15000, &loop, &QEventLoop::quit); // a locked keychain must not hang us
    job.start();
    loop.exec();
    return job.error() == QKeychain::NoError;
}
#endif

} // namespace

bool StoreCredentials::keychainAvailable()
{
#if INSTANT_HAVE_KEYCHAIN
    return !keychainDisabled();
#else
    return false;
#endif
}

QString StoreCredentials::passwordFor(const StoreLocation &location)
{
    if (location.backend != StoreLocation::Backend::PostgreSql)
        return {};
    for (const char *name : {"INSTANT_STORE_PASSWORD", "PGPASSWORD"}) {
        const QString value = qEnvironmentVariable(name);
        if (!value.isEmpty())
            return value;
    }
#if INSTANT_HAVE_KEYCHAIN
    if (!keychainDisabled()) {
        QKeychain::ReadPasswordJob job(KeychainService);
        job.setAutoDelete(false);
        job.setKey(location.credentialKey());
        if (runJob(job))
            return job.textData();
    }
#endif
    return {};
}

Status StoreCredentials::savePassword(const StoreLocation &location, const QString &password)
{
    if (location.backend != StoreLocation::Backend::PostgreSql)
        return makeError(ErrorCode::InvalidArgument, QStringLiteral("a SQLite store has no password"));
#if INSTANT_HAVE_KEYCHAIN
    if (keychainDisabled())
        return makeError(ErrorCode::Unavailable, QStringLiteral("the keychain is turned off (INSTANT_KEYCHAIN=off)"));
    QKeychain::WritePasswordJob job(KeychainService);
    job.setAutoDelete(false);
    job.setKey(location.credentialKey());
    job.setTextData(password);
    if (!runJob(job))
        return makeError(ErrorCode::Unavailable, QStringLiteral("the OS keychain refused the password: %1")
                                                     .arg(job.errorString()));
    return Done{};
#else
    Q_UNUSED(password);
    return makeError(ErrorCode::Unavailable, QStringLiteral("this build of Instant has no keychain support"));
#endif
}

} // namespace instant

namespace instant {

QString Secrets::read(const QString &name)
{
#if INSTANT_HAVE_KEYCHAIN
    if (!keychainDisabled()) {
        QKeychain::ReadPasswordJob job(KeychainService);
        job.setAutoDelete(false);
        job.setKey(name);
        if (runJob(job))
            return job.textData();
    }
#else
    Q_UNUSED(name);
#endif
    return {};
}

Status Secrets::save(const QString &name, const QString &value)
{
#if INSTANT_HAVE_KEYCHAIN
    if (keychainDisabled())
        return makeError(ErrorCode::Unavailable, QStringLiteral("the keychain is turned off (INSTANT_KEYCHAIN=off)"));
    QKeychain::WritePasswordJob job(KeychainService);
    job.setAutoDelete(false);
    job.setKey(name);
    job.setTextData(value);
    if (!runJob(job))
        return makeError(ErrorCode::Unavailable, QStringLiteral("the OS keychain refused the secret: %1").arg(job.errorString()));
    return Done{};
#else
    Q_UNUSED(name);
    Q_UNUSED(value);
    return makeError(ErrorCode::Unavailable, QStringLiteral("this build of Instant has no keychain support"));
#endif
}

QString Secrets::llmApiKey()
{
    const QString fromEnvironment = qEnvironmentVariable("INSTANT_LLM_API_KEY");
    return fromEnvironment.isEmpty() ? read(QStringLiteral("llm-api-key")) : fromEnvironment;
}

} // namespace instant
