// File → Connection…: Demo or Live, the FIX session's settings and the feed, checked as typed
// and kept in the settings for the next start.

#include "connectiondialog.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSettings>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTest>

using namespace instant;

class TestConnectionDialog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("InstantTest"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_connectiondialog"));
        QSettings().clear();
    }

    void demoByDefaultAndLiveSettingsAreKept()
    {
        QCOMPARE(ConnectionSettings::load().live, false);
        ConnectionDialog dialog(ConnectionSettings::load());
        auto *live = dialog.findChildren<QRadioButton *>().value(1);
        QVERIFY(live);
        live->setChecked(true);
        QLineEdit *host = dialog.findChild<QLineEdit *>(QStringLiteral("host"));
        host->setText(QStringLiteral("venue.desk.example"));
        auto settings = dialog.settings();
        QVERIFY2(settings, qPrintable(settings.message()));
        QVERIFY(settings->live);
        QCOMPARE(settings->venue.host(), QStringLiteral("venue.desk.example"));
        settings->save();

        const ConnectionSettings loaded = ConnectionSettings::load();
        QVERIFY(loaded.live);
        auto fix = FixVenueSettings::fromUrl(loaded.venue);
        QVERIFY2(fix, qPrintable(fix.message()));
        QCOMPARE(fix->host, QStringLiteral("venue.desk.example"));
        QCOMPARE(fix->senderCompId, QStringLiteral("DESK1"));
        QCOMPARE(loaded.feed.scheme(), QStringLiteral("ws"));
    }

    void badSettingsSayWhyAndCannotBeSaved()
    {
        ConnectionSettings current;
        current.live = true;
        current.venue = QUrl(QStringLiteral("fix://127.0.0.1:9878?sender=DESK1&target=INSTANT"));
        current.feed = QUrl(QStringLiteral("ws://127.0.0.1:9879/"));
        ConnectionDialog dialog(current);
        QPushButton *ok = dialog.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
        auto *problem = dialog.findChild<QLabel *>(QStringLiteral("connectionProblem"));
        QVERIFY(ok->isEnabled());
        auto edit = [&dialog](const char *name) { return dialog.findChild<QLineEdit *>(QLatin1String(name)); };
        QLineEdit *sender = edit("sender");
        QLineEdit *feed = edit("feed");

        sender->setText(QStringLiteral("DESK 1")); // a space is not allowed in a CompID
        QVERIFY(!ok->isEnabled());
        QVERIFY(problem->text().contains(QStringLiteral("CompID")));
        sender->setText(QStringLiteral("DESK1"));
        QVERIFY(ok->isEnabled());

        feed->setText(QStringLiteral("http://127.0.0.1:9879/"));
        QVERIFY(!ok->isEnabled());
        QVERIFY(problem->text().contains(QStringLiteral("ws://")));
        feed->setText(QStringLiteral("wss://md.desk.example:443/"));
        QVERIFY(ok->isEnabled());

        dialog.findChild<QCheckBox *>()->setChecked(true); // TLS needs the authority to verify against
        QVERIFY(!ok->isEnabled());
        QVERIFY(problem->text().contains(QStringLiteral("ca=FILE")));
        edit("caFile")->setText(QStringLiteral("/etc/ssl/desk-ca.pem"));
        QVERIFY(ok->isEnabled());

        // Demo needs none of it.
        edit("host")->clear();
        dialog.findChildren<QRadioButton *>().value(0)->setChecked(true);
        QVERIFY(ok->isEnabled());
    }
};

QTEST_MAIN(TestConnectionDialog)
#include "tst_connectiondialog.moc"
