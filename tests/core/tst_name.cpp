// Names: a text many records repeat, held once in the process. The same text gives the same name
// on any thread, whatever copy of it is given; a different text, a different one; and a name reads
// exactly as the text it was made from.
#include "common/name.h"
#include "records/orderrecords.h"

#include <QJsonDocument>
#include <QTest>

#include <thread>
#include <vector>

using namespace instant;

class NameTest : public QObject
{
    Q_OBJECT
private slots:
    void theSameTextIsOneName()
    {
        const QString a = QStringLiteral("ACC-") + QString::number(7);
        const QString b = QStringLiteral("ACC-") + QString::number(7); // another copy, another address
        QVERIFY(a.constData() != b.constData());
        const Name x(a), y(b);
        QVERIFY(&x.text() == &y.text());
        QVERIFY(x == y);
        QCOMPARE(x.text(), a);
        QVERIFY(x == a);
        QVERIFY(x == QStringView(a));
        QVERIFY(x == QLatin1StringView("ACC-7"));
        const Name z(QStringLiteral("ACC-8"));
        QVERIFY(!(x == z));
        QVERIFY(x < z);
        QCOMPARE(qHash(x), qHash(a));
    }

    void anEmptyTextIsTheEmptyName()
    {
        const Name none, empty{QString()}, blank{QStringLiteral("")};
        QVERIFY(none.isEmpty());
        QVERIFY(none == empty);
        QVERIFY(none == blank);
        QCOMPARE(none.size(), 0);
        QVERIFY(!Name(QStringLiteral("x")).isEmpty());
    }

    // The recent-texts shortcut recognises a text by where it lies: a text that was freed and
    // whose memory now holds another text must not be taken for the first.
    void aTextAtAnAddressOnceSeenIsReadAgain()
    {
        for (int i = 0; i < 2000; ++i) {
            const QString text = QStringLiteral("T-") + QString::number(i);
            const Name name(text);
            QCOMPARE(name.text(), text);
        }
        QString changing = QStringLiteral("BEFORE");
        changing.detach();
        const Name before(changing);
        changing[0] = u'Z'; // a text changed in place (its only holder)
        const Name after(changing);
        QCOMPARE(before.text(), QStringLiteral("BEFORE"));
        QCOMPARE(after.text(), QStringLiteral("ZEFORE"));
    }

    // More texts alive at once than the recent-texts table has slots: slots are shared and
    // replaced, and each text still gives its own name, the same as the first time.
    void moreTextsThanRecentSlotsKeepTheirNames()
    {
        constexpr int Texts = 10'000;
        QStringList texts;
        std::vector<const QString *> first;
        for (int i = 0; i < Texts; ++i) {
            texts << QStringLiteral("ACC-%1").arg(i);
            first.push_back(&Name(texts.last()).text());
        }
        for (int round = 0; round < 2; ++round)
            for (int i = Texts; i-- > 0;) {
                const Name name(texts.at(i));
                QVERIFY(&name.text() == first.at(size_t(i)));
                QCOMPARE(name.text(), texts.at(i));
            }
    }

    void everyThreadGetsTheSameName()
    {
        constexpr int Threads = 4, Texts = 500;
        std::vector<std::vector<const QString *>> seen(Threads);
        std::vector<std::thread> workers;
        for (int t = 0; t < Threads; ++t)
            workers.emplace_back([t, &seen] {
                for (int round = 0; round < 3; ++round)
                    for (int i = 0; i < Texts; ++i) {
                        const Name name(QStringLiteral("W-") + QString::number((i * 7 + t) % Texts));
                        if (round == 0)
                            seen[t].push_back(&name.text());
                    }
            });
        for (auto &w : workers)
            w.join();
        for (int i = 0; i < Texts; ++i) {
            const Name name(QStringLiteral("W-") + QString::number(i));
            for (int t = 0; t < Threads; ++t)
                QCOMPARE(seen[t][(i - t + Texts * 7) * 143 % Texts], &name.text()); // 143 = 7⁻¹ mod 500
        }
    }

    // An order's names read and write as the texts they were: its canonical bytes are the same.
    void anOrderReadsAndWritesItsNamesAsTexts()
    {
        OrderRecord o;
        o.orderId = QStringLiteral("ORD-1");
        o.account = QStringLiteral("ACC-1");
        o.instrument = QStringLiteral("AAPL");
        o.actor = QStringLiteral("trader1");
        o.reason = QStringLiteral("price outside the band");
        o.quantity = Quantity(100);
        const QJsonObject json = o.toJson();
        QCOMPARE(json.value(QStringLiteral("account")).toString(), QStringLiteral("ACC-1"));
        QCOMPARE(json.value(QStringLiteral("reason")).toString(), QStringLiteral("price outside the band"));
        QVERIFY(!json.contains(QStringLiteral("workstation"))); // empty: not written, as before
        const OrderRecord back = OrderRecord::fromJson(json);
        QVERIFY(back.account == o.account);
        QVERIFY(&back.instrument.text() == &o.instrument.text());
        QByteArray a, b;
        o.appendCanonicalJson(a);
        back.appendCanonicalJson(b);
        QCOMPARE(a, b);
        QCOMPARE(QJsonDocument::fromJson(a).object(), json);
    }

    void anOrderRecordIsSmall()
    {
        // Five names where there were five texts: 80 bytes less on each of a million records.
        QCOMPARE(sizeof(Name), sizeof(void *));
        QVERIFY(sizeof(OrderRecord) <= 224);
    }
};

QTEST_GUILESS_MAIN(NameTest)
#include "tst_name.moc"
