#pragma once

#include "common/result.h"
#include "store/storeurl.h"

namespace instant {

// Where a store's password comes from, in this order: the INSTANT_STORE_PASSWORD or PGPASSWORD
// environment variable, then the OS keychain (service "Instant", key = the store URL without
// secret). libpq may still find one in ~/.pgpass. Never from a URL or the command line.
class StoreCredentials
{
public:
    // Empty when none is configured (the server may not need one).
    static QString passwordFor(const StoreLocation &location);
    // Saves the password in the OS keychain.
    static Status savePassword(const StoreLocation &location, const QString &password);
    static bool keychainAvailable();
};

// Other secrets (the copilot's API key): the OS keychain, service "Instant", under a name.
class Secrets
{
public:
    static QString read(const QString &name);              // empty when there is none
    static Status save(const QString &name, const QString &value);
    // The copilot's key: INSTANT_LLM_API_KEY, else the keychain entry "llm-api-key".
    static QString llmApiKey();
};

} // namespace instant
