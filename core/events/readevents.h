#pragma once

// Who looked at what: the reads of the store that are recorded as events (searched, viewed,
// verified, exported, looked "as of"), and the workstation sessions they happen in. These are the
// access records: the only events a compliance session writes (audit/deskkeys.h for its key,
// the PostgreSQL instant_compliance role for its database user).

#include "common/result.h"
#include "events/event.h"

#include <QString>
#include <QStringView>

#include <optional>

namespace instant::events {

inline const QString RecordsRead = QStringLiteral("RecordsRead");
inline const QString WorkstationSessionStarted = QStringLiteral("WorkstationSessionStarted");
inline const QString WorkstationSessionEnded = QStringLiteral("WorkstationSessionEnded");

// RecordsRead, WorkstationSessionStarted, WorkstationSessionEnded.
bool isAccessRecord(QStringView type);
// "reads-alice": one stream of reads per user.
QString readsStream(const QString &user);

// RecordsRead: one read of the store by a person, through the workstation or the command line.
struct ReadRecord
{
    // What was done: one of the Read* names below.
    QString action;
    // What was read: the filter of a search, the event viewed, the range exported.
    QString subject;
    // The time the desk was looked at "as of" (action AsOf, and views the command line ran as of).
    std::optional<TimestampUs> asOfUs;
    // How many records the read returned or covered; -1 when not counted.
    qint64 records = -1;
    // What the reader was told: verify's verdict, where an export went.
    QString outcome;
    // Where the read was made: "workstation" or "command line".
    QString channel;

    NewEvent encode(const Actor &actor) const;
    // The append that records it: on the reader's stream, whatever its version.
    AppendRequest appendRequest(const Actor &actor) const;
    static Result<ReadRecord> decode(const QByteArray &payload);
    // For people: "searched type OrderFilled (12 records)".
    QString describe() const;
};

inline const QString ReadSearched = QStringLiteral("searched");
inline const QString ReadViewed = QStringLiteral("viewed");
inline const QString ReadVerified = QStringLiteral("verified");
inline const QString ReadExported = QStringLiteral("exported");
inline const QString ReadAsOf = QStringLiteral("as_of");

} // namespace instant::events
