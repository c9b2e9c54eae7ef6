// Help → About Instant and Help → Report a problem: the version and commit, the licences, and a
// diagnostics bundle that carries the settings and the last log lines but never a secret.

#include "aboutdialog.h"
#include "common/diagnostics.h"
#include "mainwindow.h"
#include "refdata/referencedata.h"
#include "teststores.h"
#include "testmarket.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QSettings>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace instant;
using namespace instant::test;

class TestAbout : public QObject
{
    Q_OBJECT

    TestStores stores{Backend::Sqlite};
    const ReferenceData reference = test::market();

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("InstantTest"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_about"));
        QSettings().clear();
        diagnostics::startRecentLog(50);
    }

    void aboutShowsVersionCommitAndLicences()
    {
        AboutDialog about;
        const QString text = about.findChild<QLabel *>(QStringLiteral("aboutText"))->text();
        QVERIFY(text.contains(QStringLiteral(INSTANT_VERSION)));
        QVERIFY(text.contains(diagnostics::versions().value(QStringLiteral("commit")).toString()));
        QVERIFY(text.contains(QString::fromLatin1(qVersion())));
        auto *table = about.findChild<QTableWidget *>(QStringLiteral("licences"));
        QVERIFY(table->rowCount() >= 8);
        QStringList libraries;
        for (int r = 0; r < table->rowCount(); ++r) {
            libraries << table->item(r, 0)->text();
            QVERIFY(!table->item(r, 1)->text().isEmpty());
        }
        for (const char *name : {"Qt 6", "QuickFIX", "QuantLib", "OpenSSL", "QCoro", "SQLite", "libpq"})
            QVERIFY2(libraries.join(u'\n').contains(QLatin1String(name)), name);
    }

    void problemReportCarriesNoSecret()
    {
        const QByteArray key = "sk-planted1234567890abcdef";
        QSettings settings;
        settings.setValue(QStringLiteral("theme"), QStringLiteral("dark"));
        settings.setValue(QStringLiteral("copilot/api_key"), QString::fromLatin1(key));
        settings.setValue(QStringLiteral("store/password"), QStringLiteral("hunter2"));
        settings.setValue(QStringLiteral("copilot/endpoint"), QStringLiteral("https://llm.example/v1?token=abcdef123456"));
        qWarning("instant: the feed dropped: connection reset");
        qWarning("instant: calling the model with Authorization: Bearer %s", key.constData());

        auto store = stores.open(stores.freshUrl());
        MainWindow window(store.get(), nullptr, reference, {});
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("report.json"));
        QCOMPARE(window.reportProblem(path), QString());
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray bytes = file.readAll();
        const QJsonObject report = QJsonDocument::fromJson(bytes).object();
        QCOMPARE(report.value(QStringLiteral("versions")).toObject().value(QStringLiteral("instant")).toString(), QStringLiteral(INSTANT_VERSION));
        QCOMPARE(report.value(QStringLiteral("settings")).toObject().value(QStringLiteral("theme")).toString(), QStringLiteral("dark"));
        QCOMPARE(report.value(QStringLiteral("settings")).toObject().value(QStringLiteral("copilot/api_key")).toString(), QStringLiteral("[removed]"));
        QCOMPARE(report.value(QStringLiteral("context")).toObject().value(QStringLiteral("mode")).toString(), QStringLiteral("demo"));
        const QString log = report.value(QStringLiteral("recent_log")).toVariant().toStringList().join(u'\n');
        QVERIFY2(log.contains(QStringLiteral("the feed dropped")), qPrintable(log));
        QVERIFY(log.contains(QStringLiteral("Bearer [removed]")));
        for (const QByteArray &secret : {key, QByteArray("hunter2"), QByteArray("abcdef123456")})
            QVERIFY2(!bytes.contains(secret), secret.constData());
        QVERIFY(!window.reportProblem(QStringLiteral("/nonexistent-folder/report.json")).isEmpty()); // a clear error, no crash
        QSettings().clear();
    }
};

QTEST_MAIN(TestAbout)
#include "tst_about.moc"
