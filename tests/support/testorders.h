#pragma once

// What the order tests share: the people who trade and watch, and order states in QCOMPARE's
// failure messages.

#include "events/event.h"
#include "records/orderstate.h"

#include <QtTest/qtestcase.h>

namespace instant {
inline char *toString(OrderState state)
{
    return qstrdup(qPrintable(stateName(state)));
}
} // namespace instant

namespace instant::test {
inline const Actor Alice{QStringLiteral("alice"), QStringLiteral("trader")};
inline const Actor Carol{QStringLiteral("carol"), QStringLiteral("compliance")};
} // namespace instant::test
