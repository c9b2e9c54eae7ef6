// Opening a SQLite store: nothing is written before the file is known to be ours (issue 21).
// Another program's database is left byte for byte as it was, whichever command is pointed at it;
// a read-only store is read as it is; a full disk and a read-only disk each say what they are.

#include "audit/chainverifier.h"
#include "store/eventstore.h"
#include "teststores.h"
#include "programrun.h"

#include <QDir>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <sqlite3.h>

#ifdef Q_OS_UNIX
#include <unistd.h>
#endif

using namespace instant;
using namespace instant::test;

namespace {

Run instantCli(const QStringList &args)
{
    return runProgram(QStringLiteral(INSTANT_BINARY), args);
}

QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// The names in a folder, sorted (hidden ones too: a half-made store would be one).
QStringList namesIn(const QString &folder)
{
    QStringList names = QDir(folder).entryList(QDir::Files | QDir::Dirs | QDir::Hidden | QDir::NoDotAndDotDot);
    names.sort();
    return names;
}

// Another program's database, written with SQLite's own API in rollback-journal mode (or WAL),
// and closed: nothing of it is open while the test looks.
bool writeForeignDatabase(const QString &path, bool writeAheadLog)
{
    sqlite3 *db = nullptr;
    bool ok = sqlite3_open_v2(path.toUtf8().constData(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) == SQLITE_OK;
    const char *sql = writeAheadLog ? "PRAGMA journal_mode=WAL; CREATE TABLE recipes (name TEXT, minutes INTEGER);"
                                      "INSERT INTO recipes VALUES ('soup', 40), ('bread', 180);"
                                    : "PRAGMA journal_mode=DELETE; CREATE TABLE recipes (name TEXT, minutes INTEGER);"
                                      "INSERT INTO recipes VALUES ('soup', 40), ('bread', 180);";
    ok = ok && sqlite3_exec(db, sql, nullptr, nullptr, nullptr) == SQLITE_OK;
    sqlite3_close(db);
    return ok;
}

bool runsAsRoot()
{
#ifdef Q_OS_UNIX
    return ::geteuid() == 0;
#else
    return false;
#endif
}

// A small tmpfs mounted on a folder for one test (needs root), unmounted when it goes.
class ScratchDisk
{
public:
    ScratchDisk(const QString &folder, const QString &size) : m_folder(folder)
    {
        QProcess mount;
        mount.start(QStringLiteral("mount"), {QStringLiteral("-t"), QStringLiteral("tmpfs"), QStringLiteral("-o"),
                                              QStringLiteral("size=") + size, QStringLiteral("instant-test"), folder});
        if (!mount.waitForFinished(30000) || mount.exitStatus() != QProcess::NormalExit || mount.exitCode() != 0)
            m_problem = QStringLiteral("mount -t tmpfs failed: %1%2")
                            .arg(mount.errorString(), QString::fromLocal8Bit(mount.readAllStandardError()).trimmed());
        else
            m_mounted = true;
    }
    ~ScratchDisk()
    {
        if (m_mounted && QProcess::execute(QStringLiteral("umount"), {m_folder}) != 0)
            QProcess::execute(QStringLiteral("umount"), {QStringLiteral("-l"), m_folder});
    }
    ScratchDisk(const ScratchDisk &) = delete;
    ScratchDisk &operator=(const ScratchDisk &) = delete;

    bool mounted() const { return m_mounted; }
    QString problem() const { return m_problem; }

    bool remountReadOnly()
    {
        return QProcess::execute(QStringLiteral("mount"), {QStringLiteral("-o"), QStringLiteral("remount,ro"), m_folder}) == 0;
    }

    // Writes zeros to `path` until the disk takes no more.
    static void fill(const QString &path)
    {
        QFile filler(path);
        if (!filler.open(QIODevice::WriteOnly))
            return;
        const QByteArray block(4096, '\0');
        while (filler.write(block) == block.size() && filler.flush()) {
        }
    }

private:
    QString m_folder;
    QString m_problem;
    bool m_mounted = false;
};

} // namespace

class TestStoreOpening : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    int m_folders = 0;

    // A folder nobody has used yet.
    QString freshFolder()
    {
        const QString folder = m_dir.filePath(QStringLiteral("f%1").arg(++m_folders));
        QDir().mkpath(folder);
        return folder;
    }

    // A store with a few events, closed.
    static void writeStore(const QString &path, int events)
    {
        auto store = openEventStore(QStringLiteral("sqlite://") + path);
        QVERIFY2(store.ok(), qPrintable(store.message()));
        for (int i = 0; i < events; ++i)
            QVERIFY((*store)->append(request(QStringLiteral("order-%1").arg(i), ExpectedVersion::NoStream,
                                            {newEvent(QStringLiteral("OrderAccepted"), {{QStringLiteral("qty"), 100}})}))
                        .ok());
    }

    // The commands of the issue, each pointed at `path`: a result code and what it said.
    static std::pair<ErrorCode, QString> runAction(const QString &action, const QString &path, bool *ok)
    {
        const QString url = QStringLiteral("sqlite://") + path;
        *ok = false;
        if (action.startsWith(QStringLiteral("open "))) {
            OpenOptions options;
            options.mode = action == u"open existing" ? OpenOptions::Mode::OpenExisting : OpenOptions::Mode::CreateIfMissing;
            auto store = openEventStore(url, options);
            *ok = store.ok();
            return {store.ok() ? ErrorCode::Io : store.code(), store.message()};
        }
        QStringList args = action.split(u' ');
        args << QStringLiteral("--store") << url;
        if (action == u"demo run")
            args << QStringLiteral("--headless") << QStringLiteral("--orders") << QStringLiteral("3")
                 << QStringLiteral("--demo-date") << QStringLiteral("2027-03-10");
        const Run run = instantCli(args);
        *ok = run.exitCode == 0;
        return {ErrorCode::Io, run.err + run.out};
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void foreignDatabaseIsLeftAsItWas_data()
    {
        QTest::addColumn<QString>("action");
        QTest::addColumn<bool>("writeAheadLog");
        const QStringList actions{QStringLiteral("open create"),  QStringLiteral("open existing"),
                                  QStringLiteral("audit verify"), QStringLiteral("positions"),
                                  QStringLiteral("audit export"), QStringLiteral("store info"),
                                  QStringLiteral("store init"),   QStringLiteral("demo run")};
        for (const QString &action : actions) {
            QTest::addRow("%s, rollback journal", qPrintable(action)) << action << false;
            QTest::addRow("%s, write-ahead log", qPrintable(action)) << action << true;
        }
    }

    void foreignDatabaseIsLeftAsItWas()
    {
        QFETCH(QString, action);
        QFETCH(bool, writeAheadLog);
        const QString folder = freshFolder();
        const QString path = folder + QStringLiteral("/recipes.db");
        QVERIFY(writeForeignDatabase(path, writeAheadLog));
        const QByteArray before = readAll(path);
        QVERIFY(before.startsWith("SQLite format 3"));
        QCOMPARE(namesIn(folder), QStringList{QStringLiteral("recipes.db")});

        bool ok = true;
        const auto [code, said] = runAction(action, path, &ok);
        QVERIFY2(!ok, qPrintable(said));
        if (action.startsWith(QStringLiteral("open ")))
            QCOMPARE(code, ErrorCode::NotAStore);
        QVERIFY2(said.contains(QStringLiteral("not an Instant event store")), qPrintable(said));
        QVERIFY2(said.contains(QStringLiteral("nothing was changed")), qPrintable(said));

        QCOMPARE(readAll(path), before); // byte for byte: no WAL switch, no new header
        // No -wal, -shm or -journal, no half-made store beside it.
        QCOMPARE(namesIn(folder), QStringList{QStringLiteral("recipes.db")});
    }

    void notSqliteIsLeftAsItWas()
    {
        const QString folder = freshFolder();
        const QString path = folder + QStringLiteral("/notes.db");
        QByteArray bytes(8192, Qt::Uninitialized);
        for (int i = 0; i < bytes.size(); ++i)
            bytes[i] = char((i * 7919 + 13) & 0xff);
        {
            QFile file(path);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(bytes);
        }
        auto store = openEventStore(QStringLiteral("sqlite://") + path);
        QCOMPARE(store.code(), ErrorCode::NotAStore);
        QVERIFY2(store.message().contains(QStringLiteral("not a SQLite database")), qPrintable(store.message()));
        QCOMPARE(readAll(path), bytes);
        QCOMPARE(namesIn(folder), QStringList{QStringLiteral("notes.db")});
    }

    void emptyFileMayBecomeAStore()
    {
        const QString folder = freshFolder();
        const QString path = folder + QStringLiteral("/new.db");
        {
            QFile file(path);
            QVERIFY(file.open(QIODevice::WriteOnly));
        }
        OpenOptions existing;
        existing.mode = OpenOptions::Mode::OpenExisting;
        auto reading = openEventStore(QStringLiteral("sqlite://") + path, existing);
        QCOMPARE(reading.code(), ErrorCode::NotFound); // read-only tools do not set it up
        QCOMPARE(QFileInfo(path).size(), 0);
        QCOMPARE(namesIn(folder), QStringList{QStringLiteral("new.db")});

        writeStore(path, 2);
        auto store = openEventStore(QStringLiteral("sqlite://") + path, existing);
        QVERIFY2(store.ok(), qPrintable(store.message()));
        QCOMPARE((*store)->head()->sequence, 2);
    }

    void newStoreIsMadeWhole()
    {
        const QString folder = freshFolder();
        const QString path = folder + QStringLiteral("/desk/a/instant.db"); // folders made on the way
        writeStore(path, 3);
        QCOMPARE(namesIn(folder + QStringLiteral("/desk/a")), QStringList{QStringLiteral("instant.db")});
        OpenOptions existing;
        existing.mode = OpenOptions::Mode::OpenExisting;
        auto store = openEventStore(QStringLiteral("sqlite://") + path, existing);
        QVERIFY2(store.ok(), qPrintable(store.message()));
        QCOMPARE((*store)->head()->sequence, 3);
        QVERIFY((*store)->access()->canAppend);
    }

    void readOnlyStoreIsReadAsItIs()
    {
        const QString folder = freshFolder();
        std::unique_ptr<ScratchDisk> disk;
        if (runsAsRoot()) {
            // Permissions do not stop root: a read-only mount does.
            disk = std::make_unique<ScratchDisk>(folder, QStringLiteral("4m"));
            if (!disk->mounted())
                QSKIP(qPrintable(QStringLiteral("running as root, a read-only store needs a read-only mount: ")
                                 + disk->problem()));
        }
        const QString path = folder + QStringLiteral("/instant.db");
        writeStore(path, 4);
        if (disk) {
            QVERIFY(disk->remountReadOnly());
        } else {
            QVERIFY(QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::ReadGroup));
            QVERIFY(QFile::setPermissions(folder, QFileDevice::ReadOwner | QFileDevice::ExeOwner));
        }
        const QString readOnly = disk ? QStringLiteral("read-only file system") : QStringLiteral("no permission");
        const QByteArray before = readAll(path);
        const QStringList names = namesIn(folder);
        QCOMPARE(names, QStringList{QStringLiteral("instant.db")});

        {
            // A command that only reads: it reads.
            OpenOptions existing;
            existing.mode = OpenOptions::Mode::OpenExisting;
            auto store = openEventStore(QStringLiteral("sqlite://") + path, existing);
            QVERIFY2(store.ok(), qPrintable(store.message()));
            QCOMPARE((*store)->head()->sequence, 4);
            QCOMPARE((*store)->read(ReadQuery{})->size(), 4);
            auto report = verifyChain(**store);
            QVERIFY(report && report->intact);
            QCOMPARE(report->eventCount, 4);
            QVERIFY(!(*store)->access()->canAppend);
            auto append = (*store)->append(request(QStringLiteral("x"), ExpectedVersion::Any, {newEvent(QStringLiteral("Ping"))}));
            QVERIFY(!append.ok());
            QVERIFY2(append.message().contains(QStringLiteral("read-only")), qPrintable(append.message()));
            QVERIFY2(append.message().contains(readOnly), qPrintable(append.message()));
            QVERIFY(!(*store)->saveSnapshot(QStringLiteral("s"), 4, "{}").ok());
        }
        Run run = instantCli({QStringLiteral("audit"), QStringLiteral("verify"), QStringLiteral("--store"), QStringLiteral("sqlite://") + path});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QVERIFY2(run.out.contains(QStringLiteral("intact: 4 events")), qPrintable(run.out));
        run = instantCli({QStringLiteral("positions"), QStringLiteral("--store"), QStringLiteral("sqlite://") + path});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));

        // A command that writes: told why it cannot, and not that the store is not one.
        auto writing = openEventStore(QStringLiteral("sqlite://") + path);
        QVERIFY(!writing.ok());
        QVERIFY2(writing.message().contains(readOnly), qPrintable(writing.message()));
        QVERIFY2(!writing.message().contains(QStringLiteral("not an Instant event store")), qPrintable(writing.message()));
        run = instantCli({QStringLiteral("demo"), QStringLiteral("run"), QStringLiteral("--headless"), QStringLiteral("--orders"),
                          QStringLiteral("3"), QStringLiteral("--demo-date"), QStringLiteral("2027-03-10"), QStringLiteral("--store"),
                          QStringLiteral("sqlite://") + path});
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains(readOnly), qPrintable(run.err));
        // Nor can a new store be made there.
        auto creating = openEventStore(QStringLiteral("sqlite://") + folder + QStringLiteral("/other.db"));
        QVERIFY(!creating.ok());
        QVERIFY2(creating.message().contains(QStringLiteral("cannot create")), qPrintable(creating.message()));
        QVERIFY2(creating.message().contains(readOnly), qPrintable(creating.message()));

        QCOMPARE(readAll(path), before);
        QCOMPARE(namesIn(folder), names);
        if (!disk) {
            QFile::setPermissions(folder, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
            QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
        }
    }

    void fullDiskSaysSo()
    {
        if (!runsAsRoot())
            QSKIP("a full disk is a small tmpfs, which only root can mount");
        const QString folder = freshFolder();
        {
            // A new store on a disk with no room left: nothing is left behind.
            ScratchDisk disk(folder, QStringLiteral("64k"));
            if (!disk.mounted())
                QSKIP(qPrintable(disk.problem()));
            ScratchDisk::fill(folder + QStringLiteral("/filler"));
            auto store = openEventStore(QStringLiteral("sqlite://") + folder + QStringLiteral("/new.db"));
            QVERIFY(!store.ok());
            QVERIFY2(store.message().contains(QStringLiteral("the disk is full")), qPrintable(store.message()));
            QCOMPARE(namesIn(folder), QStringList{QStringLiteral("filler")});
            const Run run = instantCli({QStringLiteral("store"), QStringLiteral("init"), QStringLiteral("--store"),
                                        QStringLiteral("sqlite://") + folder + QStringLiteral("/new.db")});
            QCOMPARE(run.exitCode, 2);
            QVERIFY2(run.err.contains(QStringLiteral("the disk is full")), qPrintable(run.err));
            QCOMPARE(namesIn(folder), QStringList{QStringLiteral("filler")});
        }
        {
            // A store that was there before the disk filled up.
            ScratchDisk disk(folder, QStringLiteral("1m"));
            QVERIFY2(disk.mounted(), qPrintable(disk.problem()));
            const QString path = folder + QStringLiteral("/instant.db");
            writeStore(path, 3);
            ScratchDisk::fill(folder + QStringLiteral("/filler"));
            const QByteArray before = readAll(path);
            for (const QString &action : {QStringLiteral("open create"), QStringLiteral("audit verify")}) {
                bool ok = true;
                const auto [code, said] = runAction(action, path, &ok);
                QVERIFY2(!ok, qPrintable(action));
                QVERIFY2(said.contains(QStringLiteral("the disk is full")), qPrintable(said));
                QVERIFY2(!said.contains(QStringLiteral("not an Instant event store")), qPrintable(said));
            }
            QCOMPARE(readAll(path), before);
        }
    }

    void emptyStoreUrlIsAnError_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::newRow("audit verify") << QStringList{QStringLiteral("audit"), QStringLiteral("verify"), QStringLiteral("--store"), QString()};
        QTest::newRow("positions --store=") << QStringList{QStringLiteral("positions"), QStringLiteral("--store=")};
        QTest::newRow("demo run") << QStringList{QStringLiteral("demo"), QStringLiteral("run"), QStringLiteral("--headless"),
                                                 QStringLiteral("--demo-date"), QStringLiteral("2027-03-10"), QStringLiteral("-s"),
                                                 QStringLiteral(" ")};
        QTest::newRow("store init") << QStringList{QStringLiteral("store"), QStringLiteral("init"), QStringLiteral("--store"), QString()};
        QTest::newRow("workstation") << QStringList{QStringLiteral("--store"), QString()};
        QTest::newRow("workstation --store=") << QStringList{QStringLiteral("demo"), QStringLiteral("--store=")};
    }

    void emptyStoreUrlIsAnError()
    {
        QFETCH(QStringList, args);
        // Run where a default store would be made, so that one made by mistake is seen.
        QTemporaryDir home;
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("INSTANT_KEYCHAIN"), QStringLiteral("off"));
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        env.insert(QStringLiteral("HOME"), home.path());
        env.insert(QStringLiteral("XDG_DATA_HOME"), home.filePath(QStringLiteral("data")));
        p.setProcessEnvironment(env);
        p.start(QStringLiteral(INSTANT_BINARY), args);
        QVERIFY(p.waitForFinished(60000));
        const QString err = QString::fromUtf8(p.readAllStandardError());
        QCOMPARE(p.exitCode(), 2);
        QVERIFY2(err.contains(QStringLiteral("invalid store URL")), qPrintable(err));
        QVERIFY2(err.contains(QStringLiteral("it is empty")), qPrintable(err));
        QCOMPARE(namesIn(home.path()), QStringList{}); // no default store was opened instead
    }
};

QTEST_GUILESS_MAIN(TestStoreOpening)
#include "tst_storeopening.moc"
