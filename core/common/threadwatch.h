#pragma once

// Work a thread must not do. The GUI thread paints and reads projections; pricing (QuantLib) and
// the store run on other threads. Pricing and the store say when they are entered; a test forbids
// the GUI thread and reads what entered it there.

#include <QString>
#include <QStringList>

class QThread;

namespace instant::threadwatch {

void forbid(QThread *thread); // nullptr: nothing is watched (the default)
// Called by pricing and the store on entry: counted when the calling thread is the forbidden one.
// Costs one atomic load otherwise.
void entered(const char *what);
qint64 count();         // entries on the forbidden thread since forbid()
QStringList entries();  // what they were (the first 50)

} // namespace instant::threadwatch
