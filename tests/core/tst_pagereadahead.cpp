// SQLite files read ahead for a scan (store/pagereadahead.h): a scan through that VFS reads exactly
// the rows a plain connection reads, from the file and from its write-ahead log; it does read ahead
// (a few reads of the file for thousands of pages); and what it read ahead is forgotten at the next
// transaction, so rows a checkpoint rewrote in the file are read as they are now.
#include "store/pagereadahead.h"

#include <QCryptographicHash>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

#include <sqlite3.h>

#include <algorithm>

using namespace instant::detail;

namespace {

struct Db
{
    sqlite3 *db = nullptr;
    Db(const QString &path, int flags, const char *vfs = nullptr)
    {
        if (sqlite3_open_v2(path.toUtf8().constData(), &db, flags, vfs) != SQLITE_OK) {
            sqlite3_close(db);
            db = nullptr;
        }
    }
    ~Db() { sqlite3_close(db); }
    bool exec(const char *sql) { return sqlite3_exec(db, sql, nullptr, nullptr, nullptr) == SQLITE_OK; }
};

// The rows after `after` in rowid order (at most `limit`), as one hash and a count, read in
// transactions of `chunk` rows as the store's reader reads, each after forgetPagesReadAhead().
struct Scan
{
    QByteArray hash;
    int rows = 0;
    sqlite3_int64 last = 0;
};

Scan scan(sqlite3 *db, int chunk = 1 << 30, sqlite3_int64 after = 0, int limit = 1 << 30)
{
    Scan s;
    QCryptographicHash h(QCryptographicHash::Sha256);
    sqlite3_stmt *q = nullptr;
    if (sqlite3_prepare_v2(db, "SELECT id, body FROM t WHERE id > ?1 ORDER BY id LIMIT ?2", -1, &q, nullptr) != SQLITE_OK)
        return s;
    while (s.rows < limit) {
        const int wanted = std::min(chunk, limit - s.rows);
        forgetPagesReadAhead(db);
        sqlite3_reset(q);
        sqlite3_bind_int64(q, 1, after);
        sqlite3_bind_int(q, 2, wanted);
        int n = 0, rc;
        while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
            after = sqlite3_column_int64(q, 0);
            h.addData(QByteArrayView(reinterpret_cast<const char *>(&after), sizeof after));
            h.addData(QByteArrayView(static_cast<const char *>(sqlite3_column_blob(q, 1)), sqlite3_column_bytes(q, 1)));
            ++n;
        }
        s.rows += n;
        if (rc != SQLITE_DONE) {
            s.rows = -1;
            break;
        }
        if (n < wanted)
            break;
    }
    sqlite3_finalize(q);
    s.hash = h.result();
    s.last = after;
    return s;
}

// Rows [from, to) with bodies of 40 to 900 random bytes.
bool insertRows(sqlite3 *db, int from, int to, quint32 seed)
{
    QRandomGenerator random(seed);
    sqlite3_stmt *q = nullptr;
    if (sqlite3_prepare_v2(db, "INSERT INTO t (id, body) VALUES (?1, ?2)", -1, &q, nullptr) != SQLITE_OK)
        return false;
    sqlite3_exec(db, "BEGIN", nullptr, nullptr, nullptr);
    bool ok = true;
    for (int id = from; id < to && ok; ++id) {
        QByteArray body(40 + int(random.bounded(860)), Qt::Uninitialized);
        for (char &c : body)
            c = char(random.bounded(256));
        sqlite3_reset(q);
        sqlite3_bind_int(q, 1, id);
        sqlite3_bind_blob(q, 2, body.constData(), int(body.size()), SQLITE_TRANSIENT);
        ok = sqlite3_step(q) == SQLITE_DONE;
    }
    sqlite3_exec(db, ok ? "COMMIT" : "ROLLBACK", nullptr, nullptr, nullptr);
    sqlite3_finalize(q);
    return ok;
}

// How many times files were read: counted by the base VFS's own read calls (which of them it
// uses depends on how SQLite was built).
int g_reads = 0;
qint64 g_bytes = 0;
sqlite3_syscall_ptr g_pread = nullptr, g_pread64 = nullptr, g_read = nullptr;
ssize_t countedPread(int fd, void *out, size_t n, off_t offset)
{
    ++g_reads;
    g_bytes += qint64(n);
    return reinterpret_cast<ssize_t (*)(int, void *, size_t, off_t)>(g_pread)(fd, out, n, offset);
}
ssize_t countedPread64(int fd, void *out, size_t n, off_t offset)
{
    ++g_reads;
    g_bytes += qint64(n);
    return reinterpret_cast<ssize_t (*)(int, void *, size_t, off_t)>(g_pread64)(fd, out, n, offset);
}
ssize_t countedRead(int fd, void *out, size_t n)
{
    ++g_reads;
    g_bytes += qint64(n);
    return reinterpret_cast<ssize_t (*)(int, void *, size_t)>(g_read)(fd, out, n);
}

struct ReadCounting
{
    sqlite3_vfs *unix = sqlite3_vfs_find(nullptr);
    ReadCounting()
    {
        g_pread = unix->xGetSystemCall(unix, "pread");
        g_pread64 = unix->xGetSystemCall(unix, "pread64");
        g_read = unix->xGetSystemCall(unix, "read");
        unix->xSetSystemCall(unix, "pread", reinterpret_cast<sqlite3_syscall_ptr>(countedPread));
        unix->xSetSystemCall(unix, "pread64", reinterpret_cast<sqlite3_syscall_ptr>(countedPread64));
        unix->xSetSystemCall(unix, "read", reinterpret_cast<sqlite3_syscall_ptr>(countedRead));
    }
    ~ReadCounting() { unix->xSetSystemCall(unix, nullptr, nullptr); } // every call back to its own
};

} // namespace

class PageReadAheadTest : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_path = m_dir.filePath(QStringLiteral("t.db"));
        Db w(m_path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
        QVERIFY(w.db);
        QVERIFY(w.exec("PRAGMA journal_mode=WAL"));
        // Another table first, as a store has: the scanned table's root is not the page right
        // after the header, which a reader reads again at each change of the file (and so would
        // read the first MiB ahead anew by chance).
        QVERIFY(w.exec("CREATE TABLE schema_version (version INTEGER)"));
        QVERIFY(w.exec("CREATE TABLE t (id INTEGER PRIMARY KEY, body BLOB NOT NULL)"));
        QVERIFY(insertRows(w.db, 1, 20'001, 7)); // about 10 MB: ten read-ahead windows
        QVERIFY(w.exec("PRAGMA wal_checkpoint(TRUNCATE)"));
        QVERIFY(insertRows(w.db, 20'001, 21'001, 8)); // these stay in the log
    }

    void aScanReadsWhatAPlainOneReads()
    {
        Db plain(m_path, SQLITE_OPEN_READONLY);
        Db ahead(m_path, SQLITE_OPEN_READONLY, pageReadAheadVfs());
        QVERIFY(plain.db && ahead.db);
        const Scan expected = scan(plain.db);
        QCOMPARE(expected.rows, 21'000);
        for (int chunk : {1 << 30, 4096, 777}) {
            const Scan got = scan(ahead.db, chunk);
            QCOMPARE(got.rows, expected.rows);
            QCOMPARE(got.hash, expected.hash);
        }
    }

    void aScanReadsTheFileInLargeWindows()
    {
        int plainReads = 0, aheadReads = 0;
        {
            ReadCounting counting;
            {
                Db plain(m_path, SQLITE_OPEN_READONLY);
                g_reads = 0;
                QCOMPARE(scan(plain.db).rows, 21'000);
                plainReads = g_reads;
            }
            {
                Db ahead(m_path, SQLITE_OPEN_READONLY, pageReadAheadVfs());
                g_reads = 0;
                QCOMPARE(scan(ahead.db).rows, 21'000);
                aheadReads = g_reads;
            }
        }
        // The plain scan reads each of the file's 2,500-odd pages (and the log's) on its own; the
        // scan through the VFS reads windows of up to a MiB.
        QVERIFY2(plainReads > 2000, qPrintable(QString::number(plainReads)));
        QVERIFY2(aheadReads * 5 < plainReads, qPrintable(QStringLiteral("%1 against %2").arg(aheadReads).arg(plainReads)));
    }

    // A short read reads little ahead: 20 rows from the middle of the file read under 256 KiB.
    void aShortReadReadsLittleAhead()
    {
        ReadCounting counting;
        Db ahead(m_path, SQLITE_OPEN_READONLY, pageReadAheadVfs());
        QVERIFY(ahead.db);
        QVERIFY(ahead.exec("SELECT count(*) FROM sqlite_master")); // the schema read first
        g_bytes = 0;
        QCOMPARE(scan(ahead.db, 1 << 30, 12'000, 20).rows, 20);
        QVERIFY2(g_bytes < 256 * 1024, qPrintable(QString::number(g_bytes)));
    }

    // A reader reads the log in transactions, each from where the one before stopped. Between two
    // of them a writer changes the next rows in place and a checkpoint copies them into the file:
    // the next transaction reads them as they are now, not as its file read them ahead.
    void aCheckpointedChangeIsReadAtTheNextTransaction()
    {
        Db ahead(m_path, SQLITE_OPEN_READONLY, pageReadAheadVfs());
        QVERIFY(ahead.db);
        const Scan first = scan(ahead.db, 1 << 30, 0, 10'000);
        QCOMPARE(first.last, sqlite3_int64(10'000));
        {
            Db w(m_path, SQLITE_OPEN_READWRITE);
            QVERIFY(w.db);
            // The same length: the rows stay in their pages, just after those read.
            QVERIFY(w.exec("UPDATE t SET body = zeroblob(length(body)) WHERE id BETWEEN 10001 AND 10200"));
            QVERIFY(w.exec("PRAGMA wal_checkpoint(TRUNCATE)"));
        }
        Db plain(m_path, SQLITE_OPEN_READONLY);
        const Scan now = scan(plain.db, 1 << 30, first.last);
        QCOMPARE(now.rows, 11'000);
        const Scan rest = scan(ahead.db, 1 << 30, first.last);
        QCOMPARE(rest.rows, now.rows);
        QCOMPARE(rest.hash, now.hash);
    }

private:
    QTemporaryDir m_dir;
    QString m_path;
};

QTEST_APPLESS_MAIN(PageReadAheadTest)
#include "tst_pagereadahead.moc"
