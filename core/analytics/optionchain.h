#pragma once

#include "analytics/fixedincome.h"

#include <QList>
#include <QString>

namespace instant {

class ReferenceData;

// The option chain of an underlying for one expiry: strikes × calls and puts, with BSM Greeks.
struct OptionChainRow
{
    double strike = 0;
    QString callId;
    QString putId;
    analytics::OptionAnalytics call;
    analytics::OptionAnalytics put;
};

struct OptionChain
{
    QString underlying;
    QDate expiry;
    double spot = 0;
    QList<OptionChainRow> rows; // by strike, ascending

    QList<QDate> static expiries(const ReferenceData &reference, const QString &underlying);
    static Result<OptionChain> build(const ReferenceData &reference, const QString &underlying, QDate expiry, double spot,
                                     double volatility, double rate, QDate valuation);
};

} // namespace instant
