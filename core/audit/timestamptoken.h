#pragma once

#include "common/clock.h"
#include "common/result.h"

#include <QByteArray>
#include <QString>
#include <QUrl>

namespace instant {

// RFC 3161 time-stamp tokens: a time-stamping authority (TSA) outside the desk signs "this digest
// existed at this time", so a checkpoint's time does not rest on the desk's own clock. Built on
// OpenSSL's TS API; the request goes over HTTP (application/timestamp-query).
struct TimestampToken
{
    QByteArray der;          // the token (a CMS SignedData), as the TSA returned it
    TimestampUs timeUs = 0;  // its genTime
    QString serial;          // the TSA's serial number for it (hex)
    QString authority;       // the TSA's name in the token, or its signer's subject
};

// A TimeStampReq (DER) for a SHA-256 digest, asking for the TSA's certificate, with a nonce.
QByteArray timestampRequest(const QByteArray &sha256Digest, quint64 nonce);

// The token in a TimeStampResp, once it is granted and stamps this digest with this nonce.
Result<TimestampToken> tokenFromResponse(const QByteArray &responseDer, const QByteArray &sha256Digest, quint64 nonce);

// Asks the TSA at `url` to stamp the digest (waits up to `timeoutMs`; the caller's thread needs no
// event loop of its own).
Result<TimestampToken> requestTimestamp(const QUrl &url, const QByteArray &sha256Digest, int timeoutMs = 30000);

// The token read back (its time, serial and authority), without verifying it.
Result<TimestampToken> readToken(const QByteArray &der);

// Verifies a token: its signature by a TSA certificate that chains to `caFile` (PEM) and is
// marked for time stamping, and that it stamps `sha256Digest`. Integrity when it does not.
Status verifyTimestamp(const QByteArray &der, const QByteArray &sha256Digest, const QString &caFile);

} // namespace instant
