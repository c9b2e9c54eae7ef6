// The fast hash the replay's tables use: equal texts hash equal on every run, every byte and the
// length count, and ids as the OMS makes them (one prefix, a counter) spread over a table's slots
// as random keys would.
#include "common/texthash.h"

#include <QSet>
#include <QTest>

#include <bit>
#include <cmath>
#include <vector>

using namespace instant;

class TextHashTest : public QObject
{
    Q_OBJECT
private slots:
    void equalTextsHashEqual()
    {
        const QString a = QStringLiteral("D7~59-") + QString::number(761);
        const QString b = QStringLiteral("D7~59-761");
        QVERIFY(a.constData() != b.constData());
        QCOMPARE(hashText(a), hashText(b));
        QCOMPARE(hashText32(a), hashText32(b));
        // A text's hash is the hash of its UTF-16 bytes.
        QCOMPARE(hashText(a), hashBytes(a.constData(), size_t(a.size()) * 2));
        QCOMPARE(hashBytes(std::string_view("SIM-01")), hashBytes("SIM-01", 6));
        QVERIFY(hashText(a, 1) != hashText(a, 2)); // a seed makes another hash
        // An empty text, with data or without any (a null QString), is the empty bytes.
        QCOMPARE(hashText(QString()), hashBytes(nullptr, 0));
        QCOMPARE(hashText(QStringLiteral("")), hashText(QString()));
        QVERIFY(hashText(QString()) != hashText(QStringLiteral("0")));
    }

    // The length counts: runs of zero bytes of every length up to three words differ.
    void theLengthCounts()
    {
        const char zeros[32] = {};
        QSet<quint64> seen;
        for (size_t n = 0; n <= sizeof zeros; ++n)
            seen.insert(hashBytes(zeros, n));
        QCOMPARE(seen.size(), qsizetype(sizeof zeros + 1));
    }

    // Each bit of each byte, in the whole words and in the tail, changes about half the hash.
    void everyBitCounts()
    {
        double flipped = 0;
        int trials = 0;
        for (size_t n = 1; n <= 40; ++n) {
            std::vector<unsigned char> bytes(n);
            for (size_t i = 0; i < n; ++i)
                bytes[i] = static_cast<unsigned char>(i * 37 + n);
            const quint64 h = hashBytes(bytes.data(), n);
            for (size_t i = 0; i < n; ++i)
                for (int bit = 0; bit < 8; ++bit) {
                    bytes[i] ^= static_cast<unsigned char>(1u << bit);
                    const quint64 g = hashBytes(bytes.data(), n);
                    bytes[i] ^= static_cast<unsigned char>(1u << bit);
                    QVERIFY2(g != h, qPrintable(QStringLiteral("length %1, byte %2, bit %3").arg(n).arg(i).arg(bit)));
                    flipped += std::popcount(g ^ h);
                    ++trials;
                }
        }
        const double mean = flipped / trials;
        QVERIFY2(mean > 28 && mean < 36, qPrintable(QString::number(mean)));
    }

    // 200,000 ids from one workstation's counter in a table of 2^18 slots, by the low bits (as
    // OrdersById and FingerprintTally use them) and by the high bits: the share of empty slots is
    // what random keys leave, e^-(keys/slots), within a percent.
    void countedIdsSpreadAsRandomKeys()
    {
        constexpr int Keys = 200'000, Bits = 18, Slots = 1 << Bits;
        std::vector<char> low(Slots), high(Slots);
        for (int i = 1; i <= Keys; ++i) {
            const QString id = QStringLiteral("D7~59-%1").arg(i, 6, 10, QLatin1Char('0'));
            const quint32 h = hashText32(id);
            low[h & (Slots - 1)] = 1;
            high[h >> (32 - Bits)] = 1;
        }
        const double expected = std::exp(-double(Keys) / Slots);
        for (const auto *used : {&low, &high}) {
            const double empty = double(std::count(used->begin(), used->end(), 0)) / Slots;
            QVERIFY2(std::abs(empty - expected) < 0.01, qPrintable(QStringLiteral("%1 empty, %2 expected").arg(empty).arg(expected)));
        }
    }
};

QTEST_APPLESS_MAIN(TextHashTest)
#include "tst_texthash.moc"
