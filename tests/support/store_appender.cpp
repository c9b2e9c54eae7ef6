// A child process for the durability test: appends one event per request to a store and prints
// "acked SEQ HASH" after each acknowledgement, until it is killed.

#include "store/eventstore.h"

#include <QCoreApplication>

#include <cstdio>

using namespace instant;

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() < 2) {
        std::fprintf(stderr, "usage: store_appender STORE_URL [WRITERS]\n");
        return 2;
    }
    auto store = openEventStore(args.at(1));
    if (!store) {
        std::fprintf(stderr, "%s\n", qPrintable(store.message()));
        return 2;
    }
    for (qint64 i = 0;; ++i) {
        AppendRequest r;
        r.streamId = QStringLiteral("durable-%1").arg(i % 7);
        r.idempotencyKey = QStringLiteral("key-%1-%2").arg(QCoreApplication::applicationPid()).arg(i);
        NewEvent e;
        e.type = QStringLiteral("Durable");
        e.payload = QJsonObject{{QStringLiteral("i"), i}};
        e.actor = Actor::system();
        r.events.append(e);
        auto result = (*store)->append(std::move(r));
        if (!result) {
            std::fprintf(stderr, "append failed: %s\n", qPrintable(result.message()));
            return 1;
        }
        std::printf("acked %lld\n", static_cast<long long>(result->lastSequence));
        std::fflush(stdout);
    }
}
