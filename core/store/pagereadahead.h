#pragma once

// SQLite files read ahead for a scan. SQLite asks its file for one page at a time, one system call
// each: a replay of a million events makes about 90,000 of them, and on a virtual machine each
// costs more than copying its page. Under the VFS named here, a read of the page just after the
// one read before (a scan of the log in order) takes the next 64 KiB from the file at once, and
// the pages after it come from memory; each window read through doubles the next, up to 1 MiB.
// Other reads go straight to the file.
//
// For read-only connections that read in short transactions (the projections' reads): what was
// read ahead is forgotten at the start of each transaction (forgetPagesReadAhead()). Within one,
// the pages SQLite takes from the database file cannot change: a writer in rollback mode waits for
// the reader's lock, and a checkpoint in WAL mode copies into the file only pages that the
// reader's snapshot reads from the log, never from the file.

struct sqlite3;

namespace instant::detail {

// The VFS's name, to open a connection with (sqlite3_open_v2); registered on first use, over the
// default VFS.
const char *pageReadAheadVfs();

// Forgets what this connection's database file read ahead; before each read transaction. Does
// nothing on a connection opened with another VFS.
void forgetPagesReadAhead(sqlite3 *db);

} // namespace instant::detail
