#include "analytics/optionchain.h"

#include "refdata/referencedata.h"

#include <map>

namespace instant {

QList<QDate> OptionChain::expiries(const ReferenceData &reference, const QString &underlying)
{
    QList<QDate> out;
    for (const Instrument *i : reference.instruments(InstrumentKind::EquityOption))
        if (i->underlying == underlying && !out.contains(i->expiry))
            out.append(i->expiry);
    std::sort(out.begin(), out.end());
    return out;
}

Result<OptionChain> OptionChain::build(const ReferenceData &reference, const QString &underlying, QDate expiry, double spot,
                                       double volatility, double rate, QDate valuation)
{
    OptionChain chain;
    chain.underlying = underlying;
    chain.expiry = expiry;
    chain.spot = spot;
    std::map<qint64, OptionChainRow> byStrike;
    for (const Instrument *i : reference.instruments(InstrumentKind::EquityOption)) {
        if (i->underlying != underlying || i->expiry != expiry)
            continue;
        analytics::OptionQuery q;
        q.call = i->right == OptionRight::Call;
        q.spot = spot;
        q.strike = i->toDouble(i->strike);
        q.valuation = valuation;
        q.expiry = expiry;
        q.volatility = volatility;
        q.rate = rate;
        auto a = analytics::analyzeOption(q);
        if (!a)
            return a.error();
        OptionChainRow &row = byStrike[i->strike.value()];
        row.strike = q.strike;
        (q.call ? row.callId : row.putId) = i->id;
        (q.call ? row.call : row.put) = *a;
    }
    if (byStrike.empty())
        return makeError(ErrorCode::NotFound, QStringLiteral("no listed options on %1 expiring %2").arg(underlying, expiry.toString(Qt::ISODate)));
    for (const auto &[strike, row] : byStrike)
        chain.rows.append(row);
    return chain;
}

} // namespace instant
