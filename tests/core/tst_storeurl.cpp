#include "store/storeurl.h"

#include <QDir>
#include <QTest>

using namespace instant;

class TestStoreUrl : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void sqlite()
    {
        auto loc = StoreLocation::parse(QStringLiteral("sqlite:///var/lib/instant/desk.db"));
        QVERIFY2(loc.ok(), qPrintable(loc.message()));
        QCOMPARE(loc->backend, StoreLocation::Backend::Sqlite);
        QCOMPARE(loc->path, QStringLiteral("/var/lib/instant/desk.db"));
        QCOMPARE(loc->toUrl(), QStringLiteral("sqlite:///var/lib/instant/desk.db"));
        QCOMPARE(StoreLocation::parse(loc->toUrl())->path, loc->path);

        auto relative = StoreLocation::parse(QStringLiteral("sqlite:data/x.db"));
        QVERIFY(relative.ok());
        QCOMPARE(relative->path, QDir::current().absoluteFilePath(QStringLiteral("data/x.db")));

        auto spaced = StoreLocation::parse(QStringLiteral("sqlite:///tmp/my%20desk/a.db"));
        QCOMPARE(spaced->path, QStringLiteral("/tmp/my desk/a.db"));
        QCOMPARE(StoreLocation::parse(QStringLiteral("SQLite:///a.db"))->path, QStringLiteral("/a.db"));
    }

    void postgres()
    {
        auto loc = StoreLocation::parse(QStringLiteral("postgresql://desk@db.example:6543/instant?sslmode=require"));
        QVERIFY2(loc.ok(), qPrintable(loc.message()));
        QCOMPARE(loc->backend, StoreLocation::Backend::PostgreSql);
        QCOMPARE(loc->user, QStringLiteral("desk"));
        QCOMPARE(loc->host, QStringLiteral("db.example"));
        QCOMPARE(loc->port, 6543);
        QCOMPARE(loc->database, QStringLiteral("instant"));
        QCOMPARE(loc->options.value(QStringLiteral("sslmode")), QStringLiteral("require"));
        QCOMPARE(loc->toUrl(), QStringLiteral("postgresql://desk@db.example:6543/instant?sslmode=require"));
        QCOMPARE(loc->credentialKey(), QStringLiteral("postgresql://desk@db.example:6543/instant"));

        auto defaults = StoreLocation::parse(QStringLiteral("postgres://trader@localhost/desk"));
        QVERIFY(defaults.ok());
        QCOMPARE(defaults->port, 5432);
    }

    void rejected_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<QString>("why");
        QTest::newRow("empty") << QString() << QStringLiteral("empty");
        QTest::newRow("no scheme") << QStringLiteral("/tmp/a.db") << QStringLiteral("no scheme");
        QTest::newRow("unknown scheme") << QStringLiteral("mysql://u@h/db") << QStringLiteral("unknown scheme");
        QTest::newRow("password") << QStringLiteral("postgresql://u:secret@h/db") << QStringLiteral("passwords are not accepted");
        QTest::newRow("password option") << QStringLiteral("postgresql://u@h/db?password=secret") << QStringLiteral("unknown option");
        QTest::newRow("no database") << QStringLiteral("postgresql://u@h") << QStringLiteral("no database");
        QTest::newRow("no host") << QStringLiteral("postgresql:///db") << QStringLiteral("no host");
        QTest::newRow("bad port") << QStringLiteral("postgresql://u@h:99999/db") << QStringLiteral("");
        QTest::newRow("sqlite host") << QStringLiteral("sqlite://relative/a.db") << QStringLiteral("three slashes");
        QTest::newRow("sqlite folder") << QStringLiteral("sqlite:///tmp/") << QStringLiteral("no file");
        QTest::newRow("sqlite options") << QStringLiteral("sqlite:///tmp/a.db?mode=ro") << QStringLiteral("no options");
        QTest::newRow("unknown option") << QStringLiteral("postgresql://u@h/db?foo=1") << QStringLiteral("unknown option");
    }

    void rejected()
    {
        QFETCH(QString, url);
        QFETCH(QString, why);
        auto loc = StoreLocation::parse(url);
        QVERIFY(!loc.ok());
        QCOMPARE(loc.code(), ErrorCode::InvalidArgument);
        QVERIFY2(loc.message().contains(why), qPrintable(loc.message()));
        QVERIFY2(!loc.message().contains(QStringLiteral("secret")), "a password leaked into the message");
    }

    void defaultIsInAppData()
    {
        const StoreLocation loc = StoreLocation::defaultLocation();
        QCOMPARE(loc.backend, StoreLocation::Backend::Sqlite);
        QVERIFY(loc.path.endsWith(QStringLiteral("/instant.db")));
    }
};

QTEST_GUILESS_MAIN(TestStoreUrl)
#include "tst_storeurl.moc"
