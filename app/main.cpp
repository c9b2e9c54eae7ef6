#include "audit/deskkeys.h"
#include "audit/workstationkey.h"
#include "cli/commandline.h"
#include "common/clockoffset.h"
#include "common/diagnostics.h"
#include "engine/tradingengine.h"
#include "engine/workstationsession.h"
#include "connectiondialog.h"
#include "mainwindow.h"
#include "theme.h"
#include "demo/demomarket.h"
#include "oms/instrumentlistings.h"
#include "refdata/referencedata.h"
#include "store/eventstore.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDateTime>
#include <QTimeZone>
#include <QIcon>
#include <QLibraryInfo>
#include <QLocale>
#include <QScopeGuard>
#include <QSettings>
#include <QThread>
#include <QThreadPool>
#include <QMessageBox>
#include <QStandardPaths>
#include <QTimer>
#include <QTranslator>
#include <QUuid>

#ifdef __GLIBC__
#include <malloc.h>
#endif

#include <cstdio>

namespace {

void describeApplication()
{
    QCoreApplication::setOrganizationName(QStringLiteral("Instant"));
    QCoreApplication::setOrganizationDomain(QStringLiteral("instant.trading"));
    QCoreApplication::setApplicationName(QStringLiteral("Instant"));
    QCoreApplication::setApplicationVersion(QStringLiteral(INSTANT_VERSION));
}

// Who runs the workstation: the machine's user (the role's name when the system names nobody).
QString currentUser(const QString &role)
{
    const QString user = qEnvironmentVariable("USER", qEnvironmentVariable("USERNAME", qEnvironmentVariable("LOGNAME")));
    return user.isEmpty() ? role : user;
}

// Which workstation this is: an id made once and kept in its settings, so that after a restart
// it resumes its own brackets and never works another workstation's on a shared store.
QString workstationId()
{
    QSettings settings;
    QString id = settings.value(QStringLiteral("workstation/id")).toString();
    if (id.isEmpty()) {
        id = QUuid::createUuid().toString(QUuid::WithoutBraces);
        settings.setValue(QStringLiteral("workstation/id"), id);
    }
    return id;
}

// The language of the workstation: --lang, else the one picked in View → Language, else the
// system's (LANGUAGE, LC_ALL, LC_MESSAGES, LANG), else English.
QString uiLanguage(const QStringList &arguments)
{
    for (int i = 1; i < arguments.size(); ++i) {
        if (arguments.at(i).startsWith(u"--lang="))
            return arguments.at(i).mid(7);
        if (arguments.at(i) == u"--lang" && i + 1 < arguments.size())
            return arguments.at(i + 1);
    }
    const QString picked = QSettings().value(QStringLiteral("language")).toString();
    if (!picked.isEmpty())
        return picked;
    for (const QString &ui : QLocale::system().uiLanguages()) {
        const QString code = ui.section(u'-', 0, 0).toLower();
        if (instant::languageCodes().contains(code))
            return code;
    }
    return QStringLiteral("en");
}

} // namespace

int main(int argc, char *argv[])
{
    QStringList arguments;
    for (int i = 0; i < argc; ++i)
        arguments << QString::fromLocal8Bit(argv[i]);

    if (instant::cli::isHeadless(arguments)) {
        QCoreApplication app(argc, argv);
        describeApplication();
        return instant::cli::run(app.arguments());
    }

    // Bad options are reported before any window system is needed (a clear error even without a display).
    if (arguments.size() > 1 && !arguments.at(1).startsWith(u'-') && arguments.at(1) != u"demo") {
        std::fprintf(stderr, "instant: unknown command \"%s\"\n%s", qPrintable(arguments.at(1)),
                     qPrintable(instant::cli::topLevelHelp()));
        return instant::cli::BadInput;
    }
    for (int i = 1; i + 1 < arguments.size(); ++i) {
        const QString &a = arguments.at(i);
        if (a == u"--store" || a == u"-s") {
            if (auto parsed = instant::StoreLocation::parse(arguments.at(i + 1)); !parsed) {
                std::fprintf(stderr, "instant: %s\n", qPrintable(parsed.message()));
                return instant::cli::BadInput;
            }
        } else if (a == u"--venue" || a == u"--drop-copy") {
            if (auto parsed = instant::FixVenueSettings::fromUrl(QUrl(arguments.at(i + 1))); !parsed) {
                std::fprintf(stderr, "instant: %s\n", qPrintable(parsed.message()));
                return instant::cli::BadInput;
            }
        } else if (a == u"--feed") {
            if (auto parsed = instant::cli::parseFeedUrl(arguments.at(i + 1)); !parsed) {
                std::fprintf(stderr, "instant: %s\n", qPrintable(parsed.message()));
                return instant::cli::BadInput;
            }
        } else if (a == u"--role" && arguments.at(i + 1) != u"trader" && arguments.at(i + 1) != u"compliance") {
            std::fprintf(stderr, "instant: --role must be trader or compliance\n");
            return instant::cli::BadInput;
        }
    }

    QApplication app(argc, argv);
    describeApplication();
    instant::diagnostics::startRecentLog(); // the last lines go into a problem report
    QApplication::setApplicationDisplayName(QStringLiteral("Instant"));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/instant/icons/instant.svg")));
    instant::applyTheme(QSettings().value(QStringLiteral("theme"), QStringLiteral("light")).toString());
    const QString language = uiLanguage(arguments);
    if (!instant::applyLanguage(language)) {
        std::fprintf(stderr, "instant: no %s translation (languages: %s); English it is\n", qPrintable(language),
                     qPrintable(instant::languageCodes().join(QStringLiteral(", "))));
    } else if (language != u"en") { // Qt's own dialogs and buttons (qt6-translations-l10n), when installed
        auto *qtTranslator = new QTranslator(&app);
        if (qtTranslator->load(QLocale(language), QStringLiteral("qtbase"), QStringLiteral("_"),
                               QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
            QCoreApplication::installTranslator(qtTranslator);
    }

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Instant trading workstation"));
    parser.addOption(QCommandLineOption(QStringList{QStringLiteral("s"), QStringLiteral("store")},
                                        QStringLiteral("Event store URL (demo default: instant-demo.db in the "
                                                       "app-data folder)."),
                                        QStringLiteral("url")));
    parser.addOption(QCommandLineOption(QStringLiteral("demo"), QStringLiteral("Demo mode (the default).")));
    parser.addOption(QCommandLineOption(QStringLiteral("role"), QStringLiteral("trader (default) or compliance (read-only)."),
                                        QStringLiteral("role"), QStringLiteral("trader")));
    parser.addOption(QCommandLineOption(QStringLiteral("seed"), QStringLiteral("Seed of the simulated market (demo)."),
                                        QStringLiteral("n"), QStringLiteral("1")));
    parser.addOption(QCommandLineOption(QStringLiteral("smoke-test"),
                                        QStringLiteral("Trade for this many seconds, save screenshots next to --screenshot, "
                                                       "check that the panels show data, and exit (0: they do)."),
                                        QStringLiteral("seconds")));
    parser.addOption(QCommandLineOption(QStringLiteral("screenshot"), QStringLiteral("Screenshot file of the smoke test (PNG)."),
                                        QStringLiteral("file")));
    parser.addOption(QCommandLineOption(QStringLiteral("venue"),
                                        QStringLiteral("Live: a FIX 4.4 venue, fix://HOST:PORT?sender=COMPID&target=COMPID "
                                                       "[&heartbeat=S&tls=1&ca=FILE]. Default: the Connection settings."),
                                        QStringLiteral("url")));
    parser.addOption(QCommandLineOption(QStringLiteral("drop-copy"),
                                        QStringLiteral("Live: the broker's drop copy, a second read-only FIX session (fix://…) whose "
                                                       "executions are booked like the venue's, once by ExecID."),
                                        QStringLiteral("url")));
    parser.addOption(QCommandLineOption(QStringLiteral("feed"), QStringLiteral("Live: market data, ws://HOST:PORT/ or wss://HOST:PORT/."),
                                        QStringLiteral("url")));
    parser.addOption(QCommandLineOption(QStringLiteral("ntp"),
                                        QStringLiteral("The time server this clock is measured against every five minutes "
                                                       "(SNTP; HOST or HOST:PORT), recorded with every batch and shown on the "
                                                       "status bar; \"off\": none."),
                                        QStringLiteral("server"), QStringLiteral("time.nist.gov")));
    parser.addOption(QCommandLineOption(QStringLiteral("demo-date"),
                                        QStringLiteral("Demo: the simulated market opens on this date (YYYY-MM-DD, 14:30 UTC) "
                                                       "instead of now, so that trades of earlier sessions come due."),
                                        QStringLiteral("date")));
    parser.addOption(QCommandLineOption(QStringLiteral("lang"),
                                        QStringLiteral("Language of the workstation: en, de or ja (default: View → Language, "
                                                       "else the system's)."),
                                        QStringLiteral("code")));
    parser.addPositionalArgument(QStringLiteral("demo"), QStringLiteral("Same as --demo."), QStringLiteral("[demo]"));
    if (!parser.parse(app.arguments())) {
        std::fprintf(stderr, "instant: %s\n%s", qPrintable(parser.errorText()),
                     qPrintable(instant::cli::topLevelHelp()));
        return instant::cli::BadInput;
    }
    const QStringList positional = parser.positionalArguments();
    if (!positional.isEmpty() && !(positional.size() == 1 && positional.constFirst() == u"demo")) {
        std::fprintf(stderr, "instant: unknown command \"%s\"\n%s", qPrintable(positional.join(u' ')),
                     qPrintable(instant::cli::topLevelHelp()));
        return instant::cli::BadInput;
    }
    // Demo or live: the command line first, then the Connection settings (File → Connection…).
    const instant::ConnectionSettings saved = instant::ConnectionSettings::load();
    const bool demoAsked = parser.isSet(QStringLiteral("demo")) || !positional.isEmpty();
    std::optional<instant::FixVenueSettings> fixVenue;
    QUrl feed;
    if (parser.isSet(QStringLiteral("venue"))) {
        fixVenue = *instant::FixVenueSettings::fromUrl(QUrl(parser.value(QStringLiteral("venue"))));
    } else if (!demoAsked && saved.live) {
        auto parsed = instant::FixVenueSettings::fromUrl(saved.venue);
        if (!parsed) {
            std::fprintf(stderr, "instant: the saved connection settings: %s\n", qPrintable(parsed.message()));
            return instant::cli::BadInput;
        }
        fixVenue = *parsed;
    }
    if (parser.isSet(QStringLiteral("feed")))
        feed = *instant::cli::parseFeedUrl(parser.value(QStringLiteral("feed")));
    else if (fixVenue && !parser.isSet(QStringLiteral("venue")))
        feed = saved.feed;
    const bool demo = !fixVenue;

    instant::StoreLocation location = instant::StoreLocation::defaultLocation();
    if (parser.isSet(QStringLiteral("store"))) {
        auto parsed = instant::StoreLocation::parse(parser.value(QStringLiteral("store")));
        if (!parsed) {
            std::fprintf(stderr, "instant: %s\n", qPrintable(parsed.message()));
            return instant::cli::BadInput;
        }
        location = *parsed;
    } else if (demo) {
        location.path = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)
                        + QStringLiteral("/instant-demo.db");
    }

    // The clock measured against an outside time server, on a thread of its own, so that the
    // batches written from now on record its offset (common/clockoffset.h).
    QThread clockThread;
    clockThread.setObjectName(QStringLiteral("instant-clock"));
    if (const QString ntp = parser.value(QStringLiteral("ntp")); ntp != u"off" && !ntp.isEmpty()) {
        auto *watch = new instant::ClockWatch(ntp, instant::systemClock());
        watch->moveToThread(&clockThread);
        QObject::connect(&clockThread, &QThread::finished, watch, &QObject::deleteLater);
        clockThread.start();
        QMetaObject::invokeMethod(watch, &instant::ClockWatch::start, Qt::QueuedConnection);
    }
    const auto stopClock = qScopeGuard([&clockThread] {
        clockThread.quit();
        clockThread.wait();
    });

    auto store = instant::openEventStore(location);
    if (!store) {
        std::fprintf(stderr, "instant: %s\n", qPrintable(store.message()));
        QMessageBox::critical(nullptr, QStringLiteral("Instant"),
                              QStringLiteral("The event store cannot be opened:\n\n%1").arg(store.message()));
        return instant::cli::BadInput;
    }

    const QString requestedRole = parser.value(QStringLiteral("role"));
    if (requestedRole != u"trader" && requestedRole != u"compliance") {
        std::fprintf(stderr, "instant: --role must be trader or compliance\n");
        return instant::cli::BadInput;
    }
    // The database has the last word: a user it lets only read is compliance, whatever was asked.
    instant::StoreAccess access;
    if (auto asked = (*store)->access())
        access = *asked;
    else
        std::fprintf(stderr, "instant: %s\n", qPrintable(asked.message()));
    const QString role = instant::roleFor(requestedRole, access);
    if (role != requestedRole)
        std::fprintf(stderr, "instant: the store is %s for %s: running as compliance (read-only)\n",
                     qPrintable(access.describe()), qPrintable(access.databaseUser));

    // The session in the audit log, in the role it runs as (a compliance session records its start
    // and what it reads, nothing else). A read-only store or database user leaves no event: it
    // cannot write one.
    const instant::Actor actor{currentUser(role), role};
    // Every batch this workstation writes is signed with its own key, enrolled on the store.
    QString writerNote;
    if (access.canRecordReads) {
        auto key = instant::workstationKey();
        auto status = key ? instant::signWritesWith(**store, key->key, actor, key->publicKeyPath) : instant::Result<instant::WriterStatus>(key.error());
        writerNote = status ? status->note : QStringLiteral("writes are not signed: %1").arg(status.message());
        if (!status || !status->signing)
            std::fprintf(stderr, "instant: %s\n", qPrintable(writerNote));
    }
    instant::WorkstationSession session(**store, actor, demo);
    if (access.canRecordReads)
        if (instant::Status s = session.start(); !s)
            std::fprintf(stderr, "instant: cannot record the session's start: %s\n", qPrintable(s.message()));

    // The workstation's one clock: the machine's. The demo market lives on its date (or
    // --demo-date); the instruments the store has recorded stay known whatever the date.
    const instant::Clock &clock = instant::systemClock();
    QDate marketDate = clock.tradeDate();
    if (parser.isSet(QStringLiteral("demo-date"))) {
        marketDate = QDate::fromString(parser.value(QStringLiteral("demo-date")), Qt::ISODate);
        if (!instant::DemoMarket::covers(marketDate)) {
            std::fprintf(stderr, "instant: --demo-date wants a date from 2001 to 2099, YYYY-MM-DD\n");
            return instant::cli::BadInput;
        }
    }
    instant::ReferenceData reference = instant::DemoMarket::referenceData(marketDate);
    if (auto listed = instant::listings::addTo(reference, **store); !listed)
        std::fprintf(stderr, "instant: %s\n", qPrintable(listed.message()));
    instant::EngineOptions engineOptions;
    engineOptions.seed = parser.value(QStringLiteral("seed")).toULongLong();
    engineOptions.actor = actor;
    engineOptions.workstation = workstationId();
    engineOptions.demoFlowIntervalMs = demo ? 1500 : 0;
    engineOptions.fixVenue = fixVenue;
    if (fixVenue && parser.isSet(QStringLiteral("drop-copy"))) {
        engineOptions.dropCopy = *instant::FixVenueSettings::fromUrl(QUrl(parser.value(QStringLiteral("drop-copy"))));
        if (engineOptions.dropCopy->senderCompId == fixVenue->senderCompId && engineOptions.dropCopy->targetCompId == fixVenue->targetCompId) {
            std::fprintf(stderr, "instant: the drop copy is a session of its own: give it its own sender= or target=\n");
            return instant::cli::BadInput;
        }
    }
    engineOptions.feedUrl = feed;
    if (fixVenue)
        engineOptions.feedOptions.caCertificatesFile = fixVenue->caFile; // a desk's own authority serves both
    engineOptions.stepIntervalMs = 200;
    engineOptions.stepMicros = 2'000'000; // a simulated minute every six seconds: candles form while you watch
    // The simulated market opens at 14:30 UTC of the date's session; today's, when it is one, runs
    // from now.
    const QDate opening = instant::DemoMarket::sessionDate(marketDate);
    if (parser.isSet(QStringLiteral("demo-date")) || opening != clock.tradeDate())
        engineOptions.startUs = instant::utcMicros(opening, 14, 30);
    instant::TradingEngine engine(**store, reference, clock, engineOptions);

    int rc = 0;
    {
        instant::MainWindow window(store->get(), &engine, reference, instant::WorkstationOptions{demo, QStringLiteral("MainWindow")});
        window.show();
#ifdef __GLIBC__
        // Loading a long log allocates and frees gigabytes on two threads; glibc keeps what was
        // freed in its arenas. Hand it back once the panels have their rows, and then every 30 s:
        // the panels' refreshes and the engine's publishes free as much as they allocate, and
        // glibc keeps that too (on 1.1M orders, resident memory crept up 40 MiB in three minutes;
        // with the trims it stays level, about 50 MiB lower). A trim takes about 16 ms there, on
        // a thread of the pool, not the GUI's.
        const auto trim = [] { QThreadPool::globalInstance()->start([] { malloc_trim(0); }); };
        auto *trims = new QTimer(&window);
        trims->setInterval(30'000);
        QObject::connect(trims, &QTimer::timeout, trim);
        QObject::connect(&engine, &instant::TradingEngine::started, &window, [trims, trim] {
            QTimer::singleShot(5000, trims, [trims, trim] {
                trim();
                trims->start();
            });
        });
#endif
        engine.start();
        if (parser.isSet(QStringLiteral("smoke-test"))) {
            const int seconds = parser.value(QStringLiteral("smoke-test")).toInt();
            QTimer::singleShot(seconds * 1000, &window, [&window, &parser] {
                const QString shot = parser.value(QStringLiteral("screenshot"));
                const QStringList empty = window.smokeCheck(shot);
                std::printf("instant: smoke test: %s\n", qPrintable(window.smokeSummary()));
                std::fflush(stdout);
                for (const QString &panel : empty)
                    std::fprintf(stderr, "instant: smoke test: %s shows no data\n", qPrintable(panel));
                QCoreApplication::exit(empty.isEmpty() ? 0 : 1);
            });
        }
        rc = app.exec();
        engine.stop();
    }
    if (instant::Status s = session.end(); !s)
        std::fprintf(stderr, "instant: cannot record the session's end: %s\n", qPrintable(s.message()));
    return rc;
}
