#pragma once

// Portfolio targets and the arithmetic that moves a book to them: from positions, marks and
// cash to the orders of a rebalance proposal, with the exposure before and after. No store and
// no engine here: the same inputs always give the same proposal.

#include "common/result.h"
#include "common/types.h"
#include "events/event.h"

#include <QDate>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QStringList>

namespace instant {

class ReferenceData;
struct Instrument;

enum class TargetKind : quint8 {
    Weights, // percent of the account's value (positions at mark + cash) by instrument
    Dv01,    // Treasury DV01 (dollars per basis point) by tenor bucket
};
QString toString(TargetKind kind);
std::optional<TargetKind> targetKindFromString(const QString &text);

// Tenor buckets of Treasury DV01, by remaining maturity from the settlement date:
//   2Y: up to 3.5 years   5Y: over 3.5, up to 7.5   10Y: over 7.5, up to 15   30Y: over 15
// (bills fall in 2Y). DV01 is added to a bucket by buying its benchmark, the on-the-run issue
// of that tenor, and taken out by selling what the bucket holds, the benchmark first.
const QStringList &tenorBuckets();
QString tenorBucket(const Instrument &instrument, QDate settle); // empty: not a Treasury, or matured
const Instrument *bucketBenchmark(const QString &bucket, const ReferenceData &reference);

struct PortfolioTargets
{
    QString account;
    TargetKind kind = TargetKind::Weights;
    // Weights: instrument id → basis points of the account's value (10000 = 100%). Instruments
    // not listed are left alone; list one at 0 to sell out of it. What is not invested is cash.
    QMap<QString, qint64> weightsBp;
    // DV01: bucket ("2Y", "5Y", "10Y", "30Y") → dollars per basis point. Buckets not listed are left alone.
    QMap<QString, qint64> dv01Dollars;
    qint64 toleranceBp = 25;        // weights: changes smaller than this share of the value are skipped
    qint64 toleranceDollars = 500;  // DV01: changes smaller than this are skipped

    bool isEmpty() const { return kind == TargetKind::Weights ? weightsBp.isEmpty() : dv01Dollars.isEmpty(); }
    Status validate(const ReferenceData &reference) const;
    QJsonObject toJson() const;
    static PortfolioTargets fromJson(const QJsonObject &o);
};

// One order of a proposal. Line numbers are stable: an edit changes or removes lines, never renumbers.
struct RebalanceLine
{
    int line = 0;
    QString instrument;
    Side side = Side::Buy;
    qint64 quantity = 0;
    qint64 requestedQuantity = 0; // before the buys were scaled down to the cash available
    Price limitPrice;             // the mark on a tick: buys rounded up, sells down
    qint64 notionalCents = 0;     // at the limit; buys rounded up as the reservation is
    double dv01Change = 0;        // Treasuries: dollars per bp the line adds (negative for a sale)
    QString note;                 // e.g. "held only 3,000,000"

    // From the order manager once the line was sent (not recorded with the proposal: the order's
    // own events say it).
    QString orderId;
    QString orderState;
    QString orderReason;

    QJsonObject toJson() const;
    static RebalanceLine fromJson(const QJsonObject &o);
};

// One row of exposure: an instrument's weight (percent) or a bucket's DV01 (dollars).
struct ExposureRow
{
    QString key; // instrument id, bucket, or "CASH"
    std::optional<double> target;
    double before = 0;
    double after = 0;
    QJsonObject toJson() const;
    static ExposureRow fromJson(const QJsonObject &o);
};

// What a proposal was computed from, per instrument: kept with it so an edit recomputes the
// exposure after from the same marks.
struct RebalanceHolding
{
    QString instrument;
    qint64 quantity = 0;   // position
    qint64 sellable = 0;   // position less working sells
    Price mark;
    double dv01PerUnit = 0; // Treasuries, at the mark
    QString bucket;
};

struct RebalanceProposal
{
    enum class Status { Open, Accepted, Rejected };
    QString id;
    QString account;
    TargetKind kind = TargetKind::Weights;
    Status status = Status::Open;
    QString rejectReason;
    QDate settleDate;
    TimestampUs proposedUs = 0;
    QString proposedBy;
    int edits = 0;
    QList<RebalanceLine> lines;
    QList<ExposureRow> exposure;
    QList<RebalanceHolding> holdings;
    qint64 accountValueCents = 0; // positions at mark + cash, before
    qint64 cashBeforeCents = 0;   // settled cash + sales to settle − purchases to settle
    qint64 cashAfterCents = 0;
    qint64 buyingPowerCents = 0;  // what new buys may use (the order manager's available cash)
    double buyScale = 1;          // < 1: buys were scaled down to the buying power
    qint64 buysWantedCents = 0;   // the buys before scaling
    PortfolioTargets targets;
    QStringList notes;

    bool isOpen() const { return status == Status::Open; }
    const RebalanceLine *line(int number) const;
    qint64 buyCents() const;
    qint64 sellCents() const;
    QJsonObject toJson() const;
    static RebalanceProposal fromJson(const QJsonObject &o);
};
QString toString(RebalanceProposal::Status status);

// The inputs of a proposal.
struct RebalanceInput
{
    PortfolioTargets targets;
    QList<RebalanceHolding> holdings;   // every instrument held, and every instrument a target names
    qint64 cashCents = 0;               // settled cash + sales to settle − purchases to settle
    qint64 buyingPowerCents = 0;        // what new buys may use
    QDate settleDate;
};

// A change the trader makes to a proposal's line: a new quantity (0 removes the line).
struct RebalanceEdit
{
    int line = 0;
    qint64 quantity = 0;
};

class Rebalancer
{
public:
    // The orders that move the book to the targets: quantities rounded to each instrument's lot
    // (to the nearest lot), never selling more than is sellable, buys within the buying power
    // (when it is short every buy is scaled down by the same factor, to whole lots), changes
    // under the tolerance skipped. The proposal's id, account and times are the caller's.
    static Result<RebalanceProposal> propose(const RebalanceInput &input, const ReferenceData &reference);
    // Applies the trader's edits (validated: whole lots, no more than sellable) and recomputes
    // notionals, cash and the exposure after.
    static Result<RebalanceProposal> edit(const RebalanceProposal &proposal, const QList<RebalanceEdit> &edits,
                                          const ReferenceData &reference);
    // Notional, cash after and exposure after, from the lines and the holdings.
    static void recompute(RebalanceProposal &proposal, const ReferenceData &reference);
};

} // namespace instant

Q_DECLARE_METATYPE(instant::PortfolioTargets)
Q_DECLARE_METATYPE(instant::RebalanceProposal)
