#pragma once

#include "common/result.h"
#include "refdata/instrument.h"

#include <QByteArray>
#include <QList>

#include <functional>

namespace instant {

// A security master a desk loads from a file, all of it or nothing:
// - the Treasury's published auction results (TreasuryDirect's download or the Fiscal Data
//   "auctions_query" export): CUSIP, security type, security term, auction date, issue date,
//   maturity date, interest rate, high yield, price per $100; extra columns are ignored, and a
//   security auctioned several times (reopenings) is one instrument;
// - a plain list of equities and listed options: symbol, underlying, type (equity, call, put),
//   strike, expiry, multiplier; optionally price (a reference price) and name.
// A bad row is refused with its line number and the reason.
struct SecurityMaster
{
    enum class Format { TreasuryAuctions, EquitiesAndOptions };
    Format format = Format::TreasuryAuctions;
    int rows = 0;                   // data rows read
    QList<Instrument> instruments;  // in the file's order (one per security)
    QList<int> lines;               // the line each instrument was defined on
};

// `known` finds an instrument the desk already has (an option's underlying may be one).
Result<SecurityMaster> readSecurityMaster(const QByteArray &bytes,
                                          const std::function<const Instrument *(const QString &)> &known = {});

} // namespace instant
