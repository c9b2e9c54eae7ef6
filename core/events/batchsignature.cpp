#include "events/batchsignature.h"

#include "events/eventhash.h"

namespace instant {

QByteArray BatchSignature::signedBytes(const QString &keyId, Sequence first, Sequence last, const QString &clock,
                                       const QByteArray &concatenatedHashes)
{
    QByteArray out;
    out.reserve(64 + keyId.size() + concatenatedHashes.size());
    eventhash::putBytes(out, QByteArrayLiteral("instant-batch"));
    eventhash::putInt(out, FormatVersion);
    eventhash::putBytes(out, keyId.toUtf8());
    eventhash::putInt(out, first);
    eventhash::putInt(out, last);
    eventhash::putBytes(out, clock.toUtf8());
    out.append(concatenatedHashes);
    return out;
}

} // namespace instant
