#include "store/pagereadahead.h"

#include <sqlite3.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <mutex>

namespace instant::detail {
namespace {

// A short read (a page of the audit log, a follower's new events) reads little ahead; a scan
// doubles it at each window it reads through, up to a MiB.
constexpr int FirstWindow = 64 << 10, LastWindow = 1 << 20;
constexpr int ForgetOp = 0x1a5e0001; // our own file control: no SQLite opcode is near it

sqlite3_vfs *base(sqlite3_vfs *vfs) { return static_cast<sqlite3_vfs *>(vfs->pAppData); }

// The file SQLite holds: ours, with the base VFS's file right after it in the same allocation.
struct File
{
    sqlite3_file file; // first: SQLite sees this
    sqlite3_file *real;
    bool mainDb;
    char *ahead;             // what was read ahead: `filled` bytes of the file from `start`
    int allocated;           // of `ahead`
    sqlite3_int64 start;
    int filled;
    int window;              // the next read ahead
    sqlite3_int64 lastEnd;   // where the last read ended: the next page there reads ahead
};

File *self(sqlite3_file *f) { return reinterpret_cast<File *>(f); }
sqlite3_file *real(sqlite3_file *f) { return self(f)->real; }

void forget(File *p)
{
    p->filled = 0;
    p->lastEnd = -1;
    p->window = FirstWindow;
}

int xClose(sqlite3_file *f)
{
    File *p = self(f);
    const int rc = p->real->pMethods->xClose(p->real);
    std::free(p->ahead);
    p->ahead = nullptr;
    return rc;
}

// Copies what was read ahead when it holds the whole request.
bool fromAhead(File *p, void *out, int amount, sqlite3_int64 offset)
{
    if (p->filled == 0 || offset < p->start || offset + amount > p->start + p->filled)
        return false;
    std::memcpy(out, p->ahead + (offset - p->start), size_t(amount));
    return true;
}

int xRead(sqlite3_file *f, void *out, int amount, sqlite3_int64 offset)
{
    File *p = self(f);
    const bool next = offset == p->lastEnd;
    p->lastEnd = offset + amount;
    if (fromAhead(p, out, amount, offset))
        return SQLITE_OK;
    if (!p->mainDb || !next || amount > FirstWindow / 4)
        return p->real->pMethods->xRead(p->real, out, amount, offset);
    // Read through the window before this one: the next is twice as long.
    if (p->filled > 0 && offset == p->start + p->filled)
        p->window = std::min(p->window * 2, LastWindow);
    if (p->allocated < p->window) {
        char *grown = static_cast<char *>(std::realloc(p->ahead, size_t(p->window)));
        if (!grown)
            return p->real->pMethods->xRead(p->real, out, amount, offset);
        p->ahead = grown;
        p->allocated = p->window;
    }
    p->filled = 0;
    int rc = p->real->pMethods->xRead(p->real, p->ahead, p->window, offset);
    int filled = p->window;
    if (rc == SQLITE_IOERR_SHORT_READ) { // the file ends within: keep what it holds
        sqlite3_int64 size = 0;
        rc = p->real->pMethods->xFileSize(p->real, &size);
        filled = int(std::clamp<sqlite3_int64>(size - offset, 0, p->window));
    }
    if (rc != SQLITE_OK)
        return p->real->pMethods->xRead(p->real, out, amount, offset); // as if never tried
    p->start = offset;
    p->filled = filled;
    if (fromAhead(p, out, amount, offset))
        return SQLITE_OK;
    return p->real->pMethods->xRead(p->real, out, amount, offset); // past the end: the file says so
}

int xWrite(sqlite3_file *f, const void *in, int amount, sqlite3_int64 offset)
{
    forget(self(f));
    return real(f)->pMethods->xWrite(real(f), in, amount, offset);
}

int xTruncate(sqlite3_file *f, sqlite3_int64 size)
{
    forget(self(f));
    return real(f)->pMethods->xTruncate(real(f), size);
}

int xSync(sqlite3_file *f, int flags) { return real(f)->pMethods->xSync(real(f), flags); }
int xFileSize(sqlite3_file *f, sqlite3_int64 *size) { return real(f)->pMethods->xFileSize(real(f), size); }
int xLock(sqlite3_file *f, int level) { return real(f)->pMethods->xLock(real(f), level); }
int xUnlock(sqlite3_file *f, int level) { return real(f)->pMethods->xUnlock(real(f), level); }
int xCheckReservedLock(sqlite3_file *f, int *out) { return real(f)->pMethods->xCheckReservedLock(real(f), out); }

int xFileControl(sqlite3_file *f, int op, void *arg)
{
    if (op == ForgetOp) {
        forget(self(f));
        return SQLITE_OK;
    }
    return real(f)->pMethods->xFileControl(real(f), op, arg);
}

int xSectorSize(sqlite3_file *f) { return real(f)->pMethods->xSectorSize(real(f)); }
int xDeviceCharacteristics(sqlite3_file *f) { return real(f)->pMethods->xDeviceCharacteristics(real(f)); }
int xShmMap(sqlite3_file *f, int region, int size, int extend, void volatile **out)
{
    return real(f)->pMethods->xShmMap(real(f), region, size, extend, out);
}
int xShmLock(sqlite3_file *f, int offset, int n, int flags) { return real(f)->pMethods->xShmLock(real(f), offset, n, flags); }
void xShmBarrier(sqlite3_file *f) { real(f)->pMethods->xShmBarrier(real(f)); }
int xShmUnmap(sqlite3_file *f, int deleteFlag) { return real(f)->pMethods->xShmUnmap(real(f), deleteFlag); }
int xFetch(sqlite3_file *f, sqlite3_int64 offset, int amount, void **out) { return real(f)->pMethods->xFetch(real(f), offset, amount, out); }
int xUnfetch(sqlite3_file *f, sqlite3_int64 offset, void *page) { return real(f)->pMethods->xUnfetch(real(f), offset, page); }

const sqlite3_io_methods Methods = {3,         xClose,      xRead,       xWrite,          xTruncate,  xSync,
                                    xFileSize, xLock,       xUnlock,     xCheckReservedLock, xFileControl, xSectorSize,
                                    xDeviceCharacteristics, xShmMap, xShmLock, xShmBarrier, xShmUnmap, xFetch,
                                    xUnfetch};

int xOpen(sqlite3_vfs *vfs, sqlite3_filename name, sqlite3_file *f, int flags, int *outFlags)
{
    File *p = self(f);
    std::memset(p, 0, sizeof(File));
    p->real = reinterpret_cast<sqlite3_file *>(p + 1);
    p->mainDb = (flags & SQLITE_OPEN_MAIN_DB) != 0;
    forget(p);
    const int rc = base(vfs)->xOpen(base(vfs), name, p->real, flags, outFlags);
    // The base's file methods are of version 3 (unix and win32 both): anything older is not
    // wrapped, and the open fails rather than call what the file does not have.
    if (p->real->pMethods && p->real->pMethods->iVersion < 3) {
        p->real->pMethods->xClose(p->real);
        return SQLITE_CANTOPEN;
    }
    p->file.pMethods = p->real->pMethods ? &Methods : nullptr;
    return rc;
}

int xDelete(sqlite3_vfs *vfs, const char *name, int syncDir) { return base(vfs)->xDelete(base(vfs), name, syncDir); }
int xAccess(sqlite3_vfs *vfs, const char *name, int flags, int *out) { return base(vfs)->xAccess(base(vfs), name, flags, out); }
int xFullPathname(sqlite3_vfs *vfs, const char *name, int size, char *out) { return base(vfs)->xFullPathname(base(vfs), name, size, out); }
void *xDlOpen(sqlite3_vfs *vfs, const char *name) { return base(vfs)->xDlOpen(base(vfs), name); }
void xDlError(sqlite3_vfs *vfs, int size, char *out) { base(vfs)->xDlError(base(vfs), size, out); }
void (*xDlSym(sqlite3_vfs *vfs, void *handle, const char *symbol))(void) { return base(vfs)->xDlSym(base(vfs), handle, symbol); }
void xDlClose(sqlite3_vfs *vfs, void *handle) { base(vfs)->xDlClose(base(vfs), handle); }
int xRandomness(sqlite3_vfs *vfs, int size, char *out) { return base(vfs)->xRandomness(base(vfs), size, out); }
int xSleep(sqlite3_vfs *vfs, int us) { return base(vfs)->xSleep(base(vfs), us); }
int xCurrentTime(sqlite3_vfs *vfs, double *out) { return base(vfs)->xCurrentTime(base(vfs), out); }
int xGetLastError(sqlite3_vfs *vfs, int size, char *out) { return base(vfs)->xGetLastError(base(vfs), size, out); }
int xCurrentTimeInt64(sqlite3_vfs *vfs, sqlite3_int64 *out) { return base(vfs)->xCurrentTimeInt64(base(vfs), out); }

} // namespace

const char *pageReadAheadVfs()
{
    static constexpr const char *Name = "instant-page-read-ahead";
    static std::once_flag registered;
    std::call_once(registered, [] {
        sqlite3_vfs *underneath = sqlite3_vfs_find(nullptr);
        if (!underneath || underneath->iVersion < 2)
            return; // no such VFS then: the open fails with SQLite's own message
        static sqlite3_vfs vfs{};
        vfs.iVersion = 2;
        vfs.szOsFile = int(sizeof(File)) + underneath->szOsFile;
        vfs.mxPathname = underneath->mxPathname;
        vfs.zName = Name;
        vfs.pAppData = underneath;
        vfs.xOpen = xOpen;
        vfs.xDelete = xDelete;
        vfs.xAccess = xAccess;
        vfs.xFullPathname = xFullPathname;
        vfs.xDlOpen = xDlOpen;
        vfs.xDlError = xDlError;
        vfs.xDlSym = xDlSym;
        vfs.xDlClose = xDlClose;
        vfs.xRandomness = xRandomness;
        vfs.xSleep = xSleep;
        vfs.xCurrentTime = xCurrentTime;
        vfs.xGetLastError = xGetLastError;
        vfs.xCurrentTimeInt64 = xCurrentTimeInt64;
        sqlite3_vfs_register(&vfs, 0);
    });
    return Name;
}

void forgetPagesReadAhead(sqlite3 *db)
{
    sqlite3_file_control(db, "main", ForgetOp, nullptr); // another VFS answers "not found": nothing to forget
}

} // namespace instant::detail
