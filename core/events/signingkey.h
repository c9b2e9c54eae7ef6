#pragma once

#include "common/result.h"

#include <QByteArray>
#include <QString>

#include <memory>

struct evp_pkey_st;   // OpenSSL's EVP_PKEY, kept out of this header
struct evp_md_ctx_st; // and its EVP_MD_CTX

namespace instant {

// Ed25519, the one signature scheme of Instant: checkpoints of the chain and writers' batches.

// "SHA256:" and the hex SHA-256 of the raw public key: how a key is named to people and in events.
QString keyFingerprint(const QByteArray &rawPublicKey);

// An Ed25519 private key, held in memory for signing. Never printed, never written except by
// saveKeyPair (to a file only its owner can read) or toPem (for the OS keychain).
class SigningKey
{
public:
    static Result<SigningKey> generate();
    // A PEM private key file (PKCS#8, as `openssl genpkey -algorithm ed25519` writes it).
    // Passphrase-protected keys are refused rather than prompted for.
    static Result<SigningKey> load(const QString &pemPath);
    // The same, from PEM bytes (`what` names where they came from, for the messages).
    static Result<SigningKey> fromPem(QByteArray pem, const QString &what);

    // Writes the private key (PEM, permissions 0600) and the public key (PEM). Refuses to
    // overwrite either file; writes neither when one cannot be written.
    Status saveKeyPair(const QString &privateKeyPath, const QString &publicKeyPath) const;
    // The private key as PEM (PKCS#8): only for a keychain. The caller wipes it.
    Result<QByteArray> toPem() const;
    // The public key as PEM ("-----BEGIN PUBLIC KEY-----").
    QByteArray publicKeyPem() const;

    QByteArray publicKey() const; // raw, 32 bytes
    QString fingerprint() const { return keyFingerprint(publicKey()); }
    Result<QByteArray> sign(const QByteArray &bytes) const;

private:
    void hold(evp_pkey_st *key); // owns it from here

    std::shared_ptr<evp_pkey_st> m_key;
    // A signing context set up once for the key; each signature starts from a copy of it, which
    // saves OpenSSL's look-up of the algorithm on every batch a writer signs.
    std::shared_ptr<evp_md_ctx_st> m_signer;
};

// Done when `signature` is an Ed25519 signature of `bytes` by `rawPublicKey`. Integrity when it
// is well formed but does not verify; InvalidArgument when the key or the signature is malformed.
Status verifyEd25519(const QByteArray &rawPublicKey, const QByteArray &bytes, const QByteArray &signature);

// PRIVATE.pem → PRIVATE.pub.pem (other names: the name + ".pub.pem").
QString publicKeyPathFor(const QString &privateKeyPath);
// A raw Ed25519 public key from a PEM file ("-----BEGIN PUBLIC KEY-----").
Result<QByteArray> readPublicKey(const QString &pemPath);
// The same from PEM bytes.
Result<QByteArray> publicKeyFromPem(const QByteArray &pem, const QString &what);
// A warning when a private key file can be read or written by anyone but its owner; empty otherwise.
QString privateKeyExposure(const QString &pemPath);
// OpenSSL's reason for its last failure on this thread (and an empty error queue after it).
QString openSslReason();
// A small file read whole (at most 1 MiB); NotFound when it is not there.
Result<QByteArray> readSmallFile(const QString &path, const QString &what);

} // namespace instant
