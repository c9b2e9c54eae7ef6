#pragma once

#include "common/result.h"
#include "events/signingkey.h"

#include <memory>

namespace instant {

// The workstation's own writer key (Ed25519), made the first time it is needed. Kept in the OS
// keychain (service "Instant", entry "writer-key"); where there is none (or INSTANT_KEYCHAIN=off),
// in a file only its owner can read: INSTANT_WRITER_KEY, else writer-key.pem in the application's
// data folder. Never in the store, the settings or a log. Its public key is written beside, as
// writer-key.pub.pem, for the desk administrator to enrol (`instant store enroll`).
struct WorkstationKey
{
    std::shared_ptr<const SigningKey> key;
    QString publicKeyPath; // the public key's file
    QString where;         // "the keychain" or the private key's file, for messages
};

Result<WorkstationKey> workstationKey();

} // namespace instant
