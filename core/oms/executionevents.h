#pragma once

#include "common/result.h"
#include "common/types.h"
#include "events/event.h"
#include "events/orderevents.h"
#include "events/payload.h"

#include <QString>

#include <optional>

// What a venue reports beyond the plain lifecycle of an order: executions that were not expected
// here (ExecutionException), trades the venue breaks or corrects afterwards, terms it restates,
// orders it reports that this workstation did not send, and reports that change nothing but are
// kept for the record. One struct per event type, each with one encoder and one decoder; all on
// the account's stream.
namespace instant::executions {

inline const QString ExecutionException = QStringLiteral("ExecutionException");
inline const QString ExceptionAcknowledged = QStringLiteral("ExecutionExceptionAcknowledged");
inline const QString ExecutionBusted = QStringLiteral("ExecutionBusted");
inline const QString ExecutionCorrected = QStringLiteral("ExecutionCorrected");
inline const QString OrderRestated = QStringLiteral("OrderRestated");
// An order the venue reports that this workstation never sent (another session's, a drop copy's):
// recorded with the terms the venue gives, so that its executions can be booked.
inline const QString OrderDiscovered = QStringLiteral("OrderDiscovered");
inline const QString VenueReportNoted = QStringLiteral("VenueReportNoted");

// The account that takes executions no account of this desk can be named for: the desk's error
// (suspense) account, opened with no cash the first time it is needed.
inline const QString SuspenseAccount = QStringLiteral("SUSPENSE");

bool isExecutionEvent(const QString &type);

// What was unexpected about an execution, in the trader's words.
namespace kind {
inline const QString FillAfterCancel = QStringLiteral("fill after cancel");
inline const QString FillAfterExpiry = QStringLiteral("fill after expiry");
inline const QString FillAfterReject = QStringLiteral("fill after reject");
inline const QString FillAfterFilled = QStringLiteral("fill on a filled order");
inline const QString Overfill = QStringLiteral("overfill");
inline const QString UnknownOrder = QStringLiteral("order unknown here");
inline const QString Bust = QStringLiteral("trade busted");
inline const QString Correction = QStringLiteral("trade corrected");
inline const QString UnknownExecution = QStringLiteral("bust or correction of an unknown execution");
inline const QString MissingFill = QStringLiteral("fill learnt from the venue's status");
inline const QString VenueHasLess = QStringLiteral("venue reports less filled");
inline const QString OrderRefused = QStringLiteral("order refused by the counterparty's session");
// Whether an exception of this kind booked something the OMS would not have allowed (it may take
// the account past its limits); the others only say something.
bool booksSomething(const QString &kind);
} // namespace kind

// A fact the OMS booked but did not expect: for the trader (alert, blotter badge), the audit log
// and `instant orders --exceptions`. Recorded in the same append as what it is about.
struct Exception
{
    QString account;
    QString orderId;
    QString execId;
    QString kind;
    QString expected; // what this workstation expected
    QString came;     // what the venue reported
};

// A trader saw an exception (by its event's sequence) and says so.
struct Acknowledgement
{
    QString account;
    Sequence exception = 0;
    QString note;
};

// A trade the venue broke (ExecType H): its quantity, cash, settlement and P&L are reversed.
// A correction (ExecType G) replaces its quantity and price: the old booking is reversed and the
// new one booked under the same execution.
struct Adjustment
{
    QString account;
    QString orderId;
    QString execId;     // the bust's or correction's own
    QString execRefId;  // the execution it breaks or corrects
    qint64 quantity = 0;       // corrections: the new quantity
    qint64 price = 0;          // corrections: the new price (nearest unit)
    QString priceText;         // corrections: the exact price as sent, when it is off the grid
    qint64 notionalCents = 0;  // corrections: the new amount
    qint64 accruedCents = 0;   // corrections: the new accrued interest (notes and bonds)
    QString reason;
};

// The venue changed an order's terms by itself (ExecType D).
struct Restatement
{
    QString account;
    QString orderId;
    QString execId;
    qint64 quantity = 0;
    std::optional<qint64> limitPrice;
    qint64 reservedCents = 0;
    QString reason;
};

// A report that changes nothing here but belongs in the record (pending, stopped, suspended,
// calculated, done for day on a GTC order, a status that matched what was booked).
struct Note
{
    QString account;
    QString orderId;
    QString execId;
    QString what; // "pending cancel", "suspended", …
    QString text;
    qint64 matchedQuantity = 0; // a fill that had been booked from the venue's status already
};

// An order the venue reported that this workstation never sent: its terms as the venue gives them
// (a limit day order that holds nothing), and whose report it was.
struct Discovery
{
    events::OrderAcceptance terms;
    QString reason;
};

NewEvent encode(const Exception &e, const Actor &actor);
NewEvent encode(const Discovery &d, const Actor &actor);
NewEvent encode(const Acknowledgement &a, const Actor &actor);
NewEvent encode(const Adjustment &a, bool bust, const Actor &actor);
NewEvent encode(const Restatement &r, const Actor &actor);
NewEvent encode(const Note &n, const Actor &actor);

Result<Exception> decodeException(const Payload &p);
Result<Acknowledgement> decodeAcknowledgement(const Payload &p);
Result<Adjustment> decodeAdjustment(const Payload &p);
Result<Restatement> decodeRestatement(const Payload &p);
Result<Note> decodeNote(const Payload &p);
Discovery decodeDiscovery(const Payload &p);

} // namespace instant::executions
