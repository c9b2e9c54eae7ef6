#include "audit/timestamptoken.h"

#include "events/signingkey.h"

#include <QEventLoop>
#include <QFile>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QRandomGenerator>
#include <QTimer>

#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/ts.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <cctype>
#include <cstring>
#include <ctime>
#include <memory>

namespace instant {
namespace {

template <typename T, void (*Free)(T *)>
struct Deleter
{
    void operator()(T *p) const { Free(p); }
};
template <typename T, void (*Free)(T *)>
using Owned = std::unique_ptr<T, Deleter<T, Free>>;

TimestampUs microsOf(const ASN1_GENERALIZEDTIME *time)
{
    std::tm tm{};
    if (!time || ASN1_TIME_to_tm(time, &tm) != 1)
        return 0;
    const qint64 seconds = qint64(timegm(&tm));
    // Fractions of a second, when the TSA gives them ("…SS.fffZ").
    qint64 micros = 0;
    const QByteArray text(reinterpret_cast<const char *>(time->data), time->length);
    if (const qsizetype dot = text.indexOf('.'); dot >= 0) {
        QByteArray digits;
        for (qsizetype i = dot + 1; i < text.size() && std::isdigit(static_cast<unsigned char>(text[i])); ++i)
            digits += text[i];
        micros = digits.left(6).leftJustified(6, '0').toLongLong();
    }
    return seconds * 1'000'000 + micros;
}

QString hexOf(const ASN1_INTEGER *value)
{
    Owned<BIGNUM, BN_free> bn(value ? ASN1_INTEGER_to_BN(value, nullptr) : nullptr);
    if (!bn)
        return {};
    char *hex = BN_bn2hex(bn.get());
    const QString text = QString::fromLatin1(hex).toLower();
    OPENSSL_free(hex);
    return text;
}

QString authorityOf(TS_TST_INFO *info, PKCS7 *token)
{
    if (GENERAL_NAME *name = TS_TST_INFO_get_tsa(info); name && name->type == GEN_DIRNAME) {
        char *text = X509_NAME_oneline(name->d.directoryName, nullptr, 0);
        const QString result = QString::fromUtf8(text);
        OPENSSL_free(text);
        return result;
    }
    STACK_OF(X509) *certs = token && PKCS7_type_is_signed(token) ? token->d.sign->cert : nullptr;
    if (certs && sk_X509_num(certs) > 0) {
        char *text = X509_NAME_oneline(X509_get_subject_name(sk_X509_value(certs, 0)), nullptr, 0);
        const QString result = QString::fromUtf8(text);
        OPENSSL_free(text);
        return result;
    }
    return {};
}

Result<TimestampToken> describe(PKCS7 *token, const QByteArray &der)
{
    Owned<TS_TST_INFO, TS_TST_INFO_free> info(PKCS7_to_TS_TST_INFO(token));
    if (!info)
        return makeError(ErrorCode::InvalidArgument, QStringLiteral("not a time-stamp token: %1").arg(openSslReason()));
    TimestampToken t;
    t.der = der;
    t.timeUs = microsOf(TS_TST_INFO_get_time(info.get()));
    t.serial = hexOf(TS_TST_INFO_get_serial(info.get()));
    t.authority = authorityOf(info.get(), token);
    return t;
}

QByteArray imprintOf(TS_TST_INFO *info)
{
    TS_MSG_IMPRINT *imprint = TS_TST_INFO_get_msg_imprint(info);
    ASN1_OCTET_STRING *digest = imprint ? TS_MSG_IMPRINT_get_msg(imprint) : nullptr;
    return digest ? QByteArray(reinterpret_cast<const char *>(ASN1_STRING_get0_data(digest)), ASN1_STRING_length(digest))
                  : QByteArray();
}

} // namespace

QByteArray timestampRequest(const QByteArray &sha256Digest, quint64 nonce)
{
    Owned<TS_REQ, TS_REQ_free> request(TS_REQ_new());
    Owned<TS_MSG_IMPRINT, TS_MSG_IMPRINT_free> imprint(TS_MSG_IMPRINT_new());
    Owned<X509_ALGOR, X509_ALGOR_free> algorithm(X509_ALGOR_new());
    Owned<ASN1_INTEGER, ASN1_INTEGER_free> number(ASN1_INTEGER_new());
    if (!request || !imprint || !algorithm || !number
        || X509_ALGOR_set0(algorithm.get(), OBJ_nid2obj(NID_sha256), V_ASN1_NULL, nullptr) != 1
        || TS_MSG_IMPRINT_set_algo(imprint.get(), algorithm.get()) != 1
        || TS_MSG_IMPRINT_set_msg(imprint.get(), reinterpret_cast<unsigned char *>(const_cast<char *>(sha256Digest.constData())),
                                  int(sha256Digest.size())) != 1
        || TS_REQ_set_version(request.get(), 1) != 1 || TS_REQ_set_msg_imprint(request.get(), imprint.get()) != 1
        || ASN1_INTEGER_set_uint64(number.get(), nonce) != 1 || TS_REQ_set_nonce(request.get(), number.get()) != 1
        || TS_REQ_set_cert_req(request.get(), 1) != 1)
        return {};
    unsigned char *out = nullptr;
    const int size = i2d_TS_REQ(request.get(), &out);
    if (size <= 0)
        return {};
    QByteArray der(reinterpret_cast<const char *>(out), size);
    OPENSSL_free(out);
    return der;
}

Result<TimestampToken> tokenFromResponse(const QByteArray &responseDer, const QByteArray &sha256Digest, quint64 nonce)
{
    const auto *p = reinterpret_cast<const unsigned char *>(responseDer.constData());
    Owned<TS_RESP, TS_RESP_free> response(d2i_TS_RESP(nullptr, &p, long(responseDer.size())));
    if (!response)
        return makeError(ErrorCode::InvalidArgument, QStringLiteral("the TSA's answer is not a time-stamp response"));
    const long status = ASN1_INTEGER_get(TS_STATUS_INFO_get0_status(TS_RESP_get_status_info(response.get())));
    if (status != 0 && status != 1) // granted, grantedWithMods
        return makeError(ErrorCode::Unavailable, QStringLiteral("the TSA refused the request (PKIStatus %1)").arg(status));
    PKCS7 *token = TS_RESP_get_token(response.get());
    TS_TST_INFO *info = TS_RESP_get_tst_info(response.get());
    if (!token || !info)
        return makeError(ErrorCode::InvalidArgument, QStringLiteral("the TSA granted the request but sent no token"));
    if (imprintOf(info) != sha256Digest)
        return makeError(ErrorCode::Integrity, QStringLiteral("the TSA's token stamps another digest than the one asked"));
    Owned<ASN1_INTEGER, ASN1_INTEGER_free> expected(ASN1_INTEGER_new());
    ASN1_INTEGER_set_uint64(expected.get(), nonce);
    const ASN1_INTEGER *got = TS_TST_INFO_get_nonce(info);
    if (!got || ASN1_INTEGER_cmp(got, expected.get()) != 0)
        return makeError(ErrorCode::Integrity, QStringLiteral("the TSA's token does not carry the request's nonce (a replayed answer?)"));
    unsigned char *out = nullptr;
    const int size = i2d_PKCS7(token, &out);
    if (size <= 0)
        return makeError(ErrorCode::Io, QStringLiteral("cannot encode the token: %1").arg(openSslReason()));
    const QByteArray der(reinterpret_cast<const char *>(out), size);
    OPENSSL_free(out);
    return describe(token, der);
}

Result<TimestampToken> requestTimestamp(const QUrl &url, const QByteArray &sha256Digest, int timeoutMs)
{
    if (!url.isValid() || (url.scheme() != u"http" && url.scheme() != u"https"))
        return makeError(ErrorCode::InvalidArgument, QStringLiteral("the TSA's URL must be http:// or https://"));
    const quint64 nonce = QRandomGenerator::system()->generate64();
    const QByteArray query = timestampRequest(sha256Digest, nonce);
    if (query.isEmpty())
        return makeError(ErrorCode::Io, QStringLiteral("cannot make the time-stamp request: %1").arg(openSslReason()));
    QNetworkAccessManager network;
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/timestamp-query"));
    request.setRawHeader("Accept", "application/timestamp-reply");
    request.setTransferTimeout(timeoutMs);
    std::unique_ptr<QNetworkReply> reply(network.post(request, query));
    QEventLoop loop;
    QObject::connect(reply.get(), &QNetworkReply::finished, &loop, &QEventLoop::quit);
    loop.exec();
    if (reply->error() != QNetworkReply::NoError)
        return makeError(ErrorCode::Unavailable, QStringLiteral("the TSA at %1 did not answer: %2").arg(url.toString(), reply->errorString()));
    return tokenFromResponse(reply->readAll(), sha256Digest, nonce);
}

Result<TimestampToken> readToken(const QByteArray &der)
{
    const auto *p = reinterpret_cast<const unsigned char *>(der.constData());
    Owned<PKCS7, PKCS7_free> token(d2i_PKCS7(nullptr, &p, long(der.size())));
    if (!token)
        return makeError(ErrorCode::InvalidArgument, QStringLiteral("not a time-stamp token (DER CMS)"));
    return describe(token.get(), der);
}

Status verifyTimestamp(const QByteArray &der, const QByteArray &sha256Digest, const QString &caFile)
{
    const auto *p = reinterpret_cast<const unsigned char *>(der.constData());
    Owned<PKCS7, PKCS7_free> token(d2i_PKCS7(nullptr, &p, long(der.size())));
    if (!token)
        return makeError(ErrorCode::InvalidArgument, QStringLiteral("not a time-stamp token (DER CMS)"));
    if (!QFile::exists(caFile))
        return makeError(ErrorCode::NotFound, QStringLiteral("the TSA's CA certificate %1 does not exist").arg(caFile));
    Owned<TS_VERIFY_CTX, TS_VERIFY_CTX_free> ctx(TS_VERIFY_CTX_new());
    X509_STORE *store = X509_STORE_new();
    if (!ctx || !store || X509_STORE_load_file(store, QFile::encodeName(caFile).constData()) != 1) {
        X509_STORE_free(store);
        return makeError(ErrorCode::InvalidArgument, QStringLiteral("cannot read the TSA's CA certificate %1: %2").arg(caFile, openSslReason()));
    }
    TS_VERIFY_CTX_set_store(ctx.get(), store); // the context owns it now
    auto *imprint = static_cast<unsigned char *>(OPENSSL_malloc(size_t(sha256Digest.size())));
    std::memcpy(imprint, sha256Digest.constData(), size_t(sha256Digest.size()));
    TS_VERIFY_CTX_set_imprint(ctx.get(), imprint, long(sha256Digest.size())); // and this
    TS_VERIFY_CTX_set_flags(ctx.get(), TS_VFY_VERSION | TS_VFY_SIGNATURE | TS_VFY_IMPRINT);
    if (TS_RESP_verify_token(ctx.get(), token.get()) != 1)
        return makeError(ErrorCode::Integrity,
                         QStringLiteral("the time-stamp token does not verify against %1: %2").arg(caFile, openSslReason()));
    return Done{};
}

} // namespace instant
