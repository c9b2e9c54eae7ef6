#include "portfolio/rebalancer.h"

#include "events/orderevents.h"
#include "refdata/referencedata.h"

#include <QJsonArray>

#include <algorithm>
#include <cmath>

namespace instant {
namespace {

constexpr qint64 FullBp = 10'000;
const QString Cash = QStringLiteral("CASH");

// Cents one unit is worth at a price (a double: a Treasury's unit of face is a fraction of a cent).
double centsPerUnit(const Instrument &i, Price price)
{
    const double factor = double(i.contractMultiplier) * (i.quotedPer100 ? 1.0 : 100.0);
    return double(price.value()) * factor / double(i.priceScale);
}

qint64 valueCents(const Instrument &i, qint64 quantity, Price mark)
{
    return i.notionalCents(Quantity(quantity), mark, Instrument::Rounding::Nearest);
}

qint64 nearestLot(double quantity, qint64 lot)
{
    return qint64(std::llround(quantity / double(lot))) * lot;
}

qint64 lotsBelow(qint64 quantity, qint64 lot)
{
    return quantity / lot * lot;
}

// The mark on a tick: a buy pays up to the next tick, a sale asks down to the one below.
Price limitFromMark(const Instrument &i, Price mark, Side side)
{
    const qint64 tick = std::max<qint64>(1, i.tickSize);
    qint64 ticks = side == Side::Buy ? (mark.value() + tick - 1) / tick : mark.value() / tick;
    return Price(std::max<qint64>(1, ticks) * tick);
}

QString dollars(qint64 cents)
{
    return (cents < 0 ? QStringLiteral("−$%L1") : QStringLiteral("$%L1")).arg(std::abs(double(cents)) / 100.0, 0, 'f', 2);
}

const RebalanceHolding *holdingOf(const QList<RebalanceHolding> &holdings, const QString &instrument)
{
    for (const RebalanceHolding &h : holdings)
        if (h.instrument == instrument)
            return &h;
    return nullptr;
}

} // namespace

QString toString(TargetKind kind)
{
    return kind == TargetKind::Dv01 ? QStringLiteral("dv01") : QStringLiteral("weights");
}

std::optional<TargetKind> targetKindFromString(const QString &text)
{
    if (text == u"weights")
        return TargetKind::Weights;
    if (text == u"dv01")
        return TargetKind::Dv01;
    return std::nullopt;
}

QString toString(RebalanceProposal::Status status)
{
    switch (status) {
    case RebalanceProposal::Status::Open: return QStringLiteral("open");
    case RebalanceProposal::Status::Accepted: return QStringLiteral("accepted");
    case RebalanceProposal::Status::Rejected: return QStringLiteral("rejected");
    }
    return {};
}

const QStringList &tenorBuckets()
{
    static const QStringList buckets{QStringLiteral("2Y"), QStringLiteral("5Y"), QStringLiteral("10Y"), QStringLiteral("30Y")};
    return buckets;
}

QString tenorBucket(const Instrument &instrument, QDate settle)
{
    if (!isTreasury(instrument.kind) || !instrument.maturityDate.isValid() || !settle.isValid() || instrument.maturityDate <= settle)
        return {};
    // Whole months to maturity against the edges in months: exact, no day-count question at an edge.
    int months = (instrument.maturityDate.year() - settle.year()) * 12 + instrument.maturityDate.month() - settle.month();
    if (instrument.maturityDate.day() < settle.day())
        --months;
    const bool pastWholeMonths = instrument.maturityDate > settle.addMonths(months);
    auto over = [&](int edgeMonths) { return months > edgeMonths || (months == edgeMonths && pastWholeMonths); };
    if (!over(42))
        return QStringLiteral("2Y");
    if (!over(90))
        return QStringLiteral("5Y");
    if (!over(180))
        return QStringLiteral("10Y");
    return QStringLiteral("30Y");
}

const Instrument *bucketBenchmark(const QString &bucket, const ReferenceData &reference)
{
    // The on-the-run issue of the tenor, as the market names it; else the first of that tenor.
    if (const Instrument *i = reference.instrument(QStringLiteral("UST ") + bucket);
        i && (i->kind == InstrumentKind::TreasuryNote || i->kind == InstrumentKind::TreasuryBond))
        return i;
    for (const Instrument *i : reference.instruments())
        if ((i->kind == InstrumentKind::TreasuryNote || i->kind == InstrumentKind::TreasuryBond) && i->tenor == bucket)
            return i;
    return nullptr;
}

Status PortfolioTargets::validate(const ReferenceData &reference) const
{
    auto bad = [](const QString &why) { return makeError(ErrorCode::InvalidArgument, why); };
    if (account.isEmpty())
        return bad(QStringLiteral("targets need an account"));
    if (toleranceBp < 0 || toleranceBp > FullBp || toleranceDollars < 0)
        return bad(QStringLiteral("the tolerance must be from 0 to 100% (or a positive DV01)"));
    if (kind == TargetKind::Weights) {
        qint64 total = 0;
        for (auto it = weightsBp.cbegin(); it != weightsBp.cend(); ++it) {
            const Instrument *i = reference.instrument(it.key());
            if (!i)
                return bad(QStringLiteral("unknown instrument \"%1\"").arg(it.key()));
            if (it.value() < 0 || it.value() > FullBp)
                return bad(QStringLiteral("the weight of %1 must be from 0% to 100%").arg(i->symbol));
            total += it.value();
        }
        if (total > FullBp)
            return bad(QStringLiteral("the weights add up to %1%, more than 100%").arg(double(total) / 100.0, 0, 'f', 2));
    } else {
        for (auto it = dv01Dollars.cbegin(); it != dv01Dollars.cend(); ++it) {
            if (!tenorBuckets().contains(it.key()))
                return bad(QStringLiteral("\"%1\" is not a tenor bucket (2Y, 5Y, 10Y, 30Y)").arg(it.key()));
            if (it.value() < 0 || it.value() > 100'000'000)
                return bad(QStringLiteral("the %1 DV01 target must be from $0 to $100,000,000").arg(it.key()));
            if (!bucketBenchmark(it.key(), reference))
                return bad(QStringLiteral("no benchmark issue to buy for the %1 bucket").arg(it.key()));
        }
    }
    return Done{};
}

QJsonObject PortfolioTargets::toJson() const
{
    QJsonArray entries;
    if (kind == TargetKind::Weights) {
        for (auto it = weightsBp.cbegin(); it != weightsBp.cend(); ++it)
            entries.append(QJsonObject{{QStringLiteral("instrument"), it.key()}, {QStringLiteral("weight_bp"), it.value()}});
    } else {
        for (auto it = dv01Dollars.cbegin(); it != dv01Dollars.cend(); ++it)
            entries.append(QJsonObject{{QStringLiteral("bucket"), it.key()}, {QStringLiteral("dv01_dollars"), it.value()}});
    }
    return {{QStringLiteral("account"), account},
            {QStringLiteral("kind"), toString(kind)},
            {QStringLiteral("targets"), entries},
            {QStringLiteral("tolerance_bp"), toleranceBp},
            {QStringLiteral("tolerance_dollars"), toleranceDollars}};
}

PortfolioTargets PortfolioTargets::fromJson(const QJsonObject &o)
{
    PortfolioTargets t;
    t.account = o.value(QStringLiteral("account")).toString();
    t.kind = targetKindFromString(o.value(QStringLiteral("kind")).toString()).value_or(TargetKind::Weights);
    t.toleranceBp = o.value(QStringLiteral("tolerance_bp")).toInteger();
    t.toleranceDollars = o.value(QStringLiteral("tolerance_dollars")).toInteger();
    for (const QJsonValue &v : o.value(QStringLiteral("targets")).toArray()) {
        const QJsonObject e = v.toObject();
        if (t.kind == TargetKind::Weights)
            t.weightsBp.insert(e.value(QStringLiteral("instrument")).toString(), e.value(QStringLiteral("weight_bp")).toInteger());
        else
            t.dv01Dollars.insert(e.value(QStringLiteral("bucket")).toString(), e.value(QStringLiteral("dv01_dollars")).toInteger());
    }
    return t;
}

QJsonObject RebalanceLine::toJson() const
{
    return {{QStringLiteral("line"), line},
            {QStringLiteral("instrument"), instrument},
            {QStringLiteral("side"), events::toString(side)},
            {QStringLiteral("quantity"), quantity},
            {QStringLiteral("requested_quantity"), requestedQuantity},
            {QStringLiteral("limit_price"), limitPrice.value()},
            {QStringLiteral("notional_cents"), notionalCents},
            {QStringLiteral("dv01_change"), dv01Change},
            {QStringLiteral("note"), note}};
}

RebalanceLine RebalanceLine::fromJson(const QJsonObject &o)
{
    RebalanceLine l;
    l.line = o.value(QStringLiteral("line")).toInt();
    l.instrument = o.value(QStringLiteral("instrument")).toString();
    events::parseSide(o.value(QStringLiteral("side")).toString(), l.side);
    l.quantity = o.value(QStringLiteral("quantity")).toInteger();
    l.requestedQuantity = o.value(QStringLiteral("requested_quantity")).toInteger();
    l.limitPrice = Price(o.value(QStringLiteral("limit_price")).toInteger());
    l.notionalCents = o.value(QStringLiteral("notional_cents")).toInteger();
    l.dv01Change = o.value(QStringLiteral("dv01_change")).toDouble();
    l.note = o.value(QStringLiteral("note")).toString();
    return l;
}

QJsonObject ExposureRow::toJson() const
{
    QJsonObject o{{QStringLiteral("key"), key}, {QStringLiteral("before"), before}, {QStringLiteral("after"), after}};
    o.insert(QStringLiteral("target"), target ? QJsonValue(*target) : QJsonValue());
    return o;
}

ExposureRow ExposureRow::fromJson(const QJsonObject &o)
{
    ExposureRow r;
    r.key = o.value(QStringLiteral("key")).toString();
    r.before = o.value(QStringLiteral("before")).toDouble();
    r.after = o.value(QStringLiteral("after")).toDouble();
    if (o.value(QStringLiteral("target")).isDouble())
        r.target = o.value(QStringLiteral("target")).toDouble();
    return r;
}

const RebalanceLine *RebalanceProposal::line(int number) const
{
    for (const RebalanceLine &l : lines)
        if (l.line == number)
            return &l;
    return nullptr;
}

qint64 RebalanceProposal::buyCents() const
{
    qint64 sum = 0;
    for (const RebalanceLine &l : lines)
        if (l.side == Side::Buy)
            sum += l.notionalCents;
    return sum;
}

qint64 RebalanceProposal::sellCents() const
{
    qint64 sum = 0;
    for (const RebalanceLine &l : lines)
        if (l.side == Side::Sell)
            sum += l.notionalCents;
    return sum;
}

QJsonObject RebalanceProposal::toJson() const
{
    QJsonArray lineArray, exposureArray, holdingArray;
    for (const RebalanceLine &l : lines)
        lineArray.append(l.toJson());
    for (const ExposureRow &r : exposure)
        exposureArray.append(r.toJson());
    for (const RebalanceHolding &h : holdings)
        holdingArray.append(QJsonObject{{QStringLiteral("instrument"), h.instrument},
                                        {QStringLiteral("quantity"), h.quantity},
                                        {QStringLiteral("sellable"), h.sellable},
                                        {QStringLiteral("mark"), h.mark.value()},
                                        {QStringLiteral("dv01_per_unit"), h.dv01PerUnit},
                                        {QStringLiteral("bucket"), h.bucket}});
    return {{QStringLiteral("proposal_id"), id},
            {QStringLiteral("account"), account},
            {QStringLiteral("kind"), toString(kind)},
            {QStringLiteral("settle_date"), settleDate.toString(Qt::ISODate)},
            {QStringLiteral("lines"), lineArray},
            {QStringLiteral("exposure"), exposureArray},
            {QStringLiteral("holdings"), holdingArray},
            {QStringLiteral("account_value_cents"), accountValueCents},
            {QStringLiteral("cash_before_cents"), cashBeforeCents},
            {QStringLiteral("cash_after_cents"), cashAfterCents},
            {QStringLiteral("buying_power_cents"), buyingPowerCents},
            {QStringLiteral("buy_scale"), buyScale},
            {QStringLiteral("buys_wanted_cents"), buysWantedCents},
            {QStringLiteral("targets"), targets.toJson()},
            {QStringLiteral("notes"), QJsonArray::fromStringList(notes)}};
}

RebalanceProposal RebalanceProposal::fromJson(const QJsonObject &o)
{
    RebalanceProposal p;
    p.id = o.value(QStringLiteral("proposal_id")).toString();
    p.account = o.value(QStringLiteral("account")).toString();
    p.kind = targetKindFromString(o.value(QStringLiteral("kind")).toString()).value_or(TargetKind::Weights);
    p.settleDate = QDate::fromString(o.value(QStringLiteral("settle_date")).toString(), Qt::ISODate);
    for (const QJsonValue &v : o.value(QStringLiteral("lines")).toArray())
        p.lines.append(RebalanceLine::fromJson(v.toObject()));
    for (const QJsonValue &v : o.value(QStringLiteral("exposure")).toArray())
        p.exposure.append(ExposureRow::fromJson(v.toObject()));
    for (const QJsonValue &v : o.value(QStringLiteral("holdings")).toArray()) {
        const QJsonObject h = v.toObject();
        p.holdings.append(RebalanceHolding{h.value(QStringLiteral("instrument")).toString(),
                                           h.value(QStringLiteral("quantity")).toInteger(),
                                           h.value(QStringLiteral("sellable")).toInteger(),
                                           Price(h.value(QStringLiteral("mark")).toInteger()),
                                           h.value(QStringLiteral("dv01_per_unit")).toDouble(),
                                           h.value(QStringLiteral("bucket")).toString()});
    }
    p.accountValueCents = o.value(QStringLiteral("account_value_cents")).toInteger();
    p.cashBeforeCents = o.value(QStringLiteral("cash_before_cents")).toInteger();
    p.cashAfterCents = o.value(QStringLiteral("cash_after_cents")).toInteger();
    p.buyingPowerCents = o.value(QStringLiteral("buying_power_cents")).toInteger();
    p.buyScale = o.value(QStringLiteral("buy_scale")).toDouble(1);
    p.buysWantedCents = o.value(QStringLiteral("buys_wanted_cents")).toInteger();
    p.targets = PortfolioTargets::fromJson(o.value(QStringLiteral("targets")).toObject());
    for (const QJsonValue &v : o.value(QStringLiteral("notes")).toArray())
        p.notes.append(v.toString());
    return p;
}

Result<RebalanceProposal> Rebalancer::propose(const RebalanceInput &in, const ReferenceData &reference)
{
    if (Status valid = in.targets.validate(reference); !valid)
        return valid.error();
    RebalanceProposal p;
    p.account = in.targets.account;
    p.kind = in.targets.kind;
    p.targets = in.targets;
    p.settleDate = in.settleDate;
    p.holdings = in.holdings;
    p.cashBeforeCents = in.cashCents;
    p.buyingPowerCents = in.buyingPowerCents;

    auto instrumentOf = [&](const QString &id) -> const Instrument & {
        const Instrument *i = reference.instrument(id);
        Q_ASSERT(i);
        return *i;
    };
    for (const RebalanceHolding &h : in.holdings) {
        const Instrument *i = reference.instrument(h.instrument);
        if (!i)
            return makeError(ErrorCode::InvalidArgument, QStringLiteral("unknown instrument \"%1\" held").arg(h.instrument));
        if (h.mark <= Price(0) && (h.quantity != 0 || in.targets.weightsBp.contains(h.instrument)))
            return makeError(ErrorCode::InvalidArgument, QStringLiteral("no mark for %1").arg(i->symbol));
        p.accountValueCents += valueCents(*i, h.quantity, h.mark);
    }
    p.accountValueCents += in.cashCents;

    QList<RebalanceLine> sells, buys;
    auto addLine = [&](const RebalanceHolding &h, Side side, qint64 quantity, const QString &note) {
        const Instrument &i = instrumentOf(h.instrument);
        RebalanceLine l;
        l.instrument = h.instrument;
        l.side = side;
        l.quantity = quantity;
        l.requestedQuantity = quantity;
        l.limitPrice = limitFromMark(i, h.mark, side);
        l.note = note;
        (side == Side::Sell ? sells : buys).append(l);
    };

    if (in.targets.kind == TargetKind::Weights) {
        if (p.accountValueCents <= 0)
            return makeError(ErrorCode::InvalidArgument, QStringLiteral("account %1 has no value to allocate").arg(p.account));
        const double value = double(p.accountValueCents);
        const double tolerance = value * double(in.targets.toleranceBp) / double(FullBp);
        QStringList close;
        for (auto it = in.targets.weightsBp.cbegin(); it != in.targets.weightsBp.cend(); ++it) {
            const RebalanceHolding *h = holdingOf(in.holdings, it.key());
            const Instrument &i = instrumentOf(it.key());
            if (!h)
                return makeError(ErrorCode::InvalidArgument, QStringLiteral("no mark for %1").arg(i.symbol));
            const double diff = value * double(it.value()) / double(FullBp) - double(valueCents(i, h->quantity, h->mark));
            if (std::abs(diff) < tolerance || diff == 0) {
                if (diff != 0)
                    close << QStringLiteral("%1 (%2)").arg(i.symbol, dollars(qint64(std::llround(diff))));
                continue;
            }
            qint64 quantity = nearestLot(std::abs(diff) / centsPerUnit(i, h->mark), i.lotSize);
            QString note;
            if (diff < 0 && quantity > h->sellable) {
                quantity = lotsBelow(h->sellable, i.lotSize);
                note = QStringLiteral("only %L1 can be sold").arg(h->sellable);
            }
            if (quantity > 0)
                addLine(*h, diff > 0 ? Side::Buy : Side::Sell, quantity, note);
        }
        if (!close.isEmpty())
            p.notes << QStringLiteral("within the tolerance, not traded: %1").arg(close.join(QStringLiteral(", ")));
    } else {
        QMap<QString, double> before;
        for (const RebalanceHolding &h : in.holdings)
            if (!h.bucket.isEmpty())
                before[h.bucket] += double(h.quantity) * h.dv01PerUnit;
        const double tolerance = double(in.targets.toleranceDollars);
        for (auto it = in.targets.dv01Dollars.cbegin(); it != in.targets.dv01Dollars.cend(); ++it) {
            const QString &bucket = it.key();
            const double diff = double(it.value()) - before.value(bucket);
            if (std::abs(diff) < tolerance || diff == 0) {
                if (diff != 0)
                    p.notes << QStringLiteral("%1: within the tolerance ($%L2 DV01 off target)").arg(bucket).arg(diff, 0, 'f', 0);
                continue;
            }
            const Instrument *benchmark = bucketBenchmark(bucket, reference);
            if (diff > 0) {
                const RebalanceHolding *h = holdingOf(in.holdings, benchmark->id);
                if (!h || h->dv01PerUnit <= 0)
                    return makeError(ErrorCode::InvalidArgument, QStringLiteral("no mark or DV01 for %1").arg(benchmark->symbol));
                const qint64 quantity = nearestLot(diff / h->dv01PerUnit, benchmark->lotSize);
                if (quantity > 0)
                    addLine(*h, Side::Buy, quantity, {});
                continue;
            }
            // Less DV01: sell what the bucket holds, the benchmark first, then the largest DV01.
            QList<const RebalanceHolding *> candidates;
            for (const RebalanceHolding &h : in.holdings)
                if (h.bucket == bucket && h.sellable > 0 && h.dv01PerUnit > 0)
                    candidates.append(&h);
            std::stable_sort(candidates.begin(), candidates.end(), [&](const RebalanceHolding *a, const RebalanceHolding *b) {
                const bool aBench = a->instrument == benchmark->id, bBench = b->instrument == benchmark->id;
                if (aBench != bBench)
                    return aBench;
                return double(a->sellable) * a->dv01PerUnit > double(b->sellable) * b->dv01PerUnit;
            });
            double remaining = -diff;
            for (const RebalanceHolding *h : std::as_const(candidates)) {
                if (remaining < std::max(tolerance, 0.5))
                    break;
                const Instrument &i = instrumentOf(h->instrument);
                const qint64 sellable = lotsBelow(h->sellable, i.lotSize);
                const qint64 quantity = std::min(nearestLot(remaining / h->dv01PerUnit, i.lotSize), sellable);
                if (quantity <= 0)
                    continue;
                addLine(*h, Side::Sell, quantity, quantity == sellable ? QStringLiteral("all that can be sold") : QString());
                remaining -= double(quantity) * h->dv01PerUnit;
            }
            if (remaining >= std::max(tolerance, 0.5))
                p.notes << QStringLiteral("%1: $%L2 of DV01 more than the bucket holds to sell (no short sales)").arg(bucket).arg(remaining, 0, 'f', 0);
        }
    }

    // Buys within the buying power: sale proceeds settle later and do not count before then.
    auto buyNotional = [&](const RebalanceLine &l) {
        return instrumentOf(l.instrument).notionalCents(Quantity(l.quantity), l.limitPrice, Instrument::Rounding::Up);
    };
    qint64 wanted = 0;
    for (const RebalanceLine &l : std::as_const(buys))
        wanted += buyNotional(l);
    p.buysWantedCents = wanted;
    if (wanted > std::max<qint64>(0, in.buyingPowerCents)) {
        const qint64 available = std::max<qint64>(0, in.buyingPowerCents);
        p.buyScale = double(available) / double(wanted);
        for (RebalanceLine &l : buys)
            l.quantity = lotsBelow(qint64(std::floor(double(l.quantity) * p.buyScale)), instrumentOf(l.instrument).lotSize);
        // Rounding each notional up may still overshoot by cents: take a lot off the largest buy.
        for (;;) {
            qint64 total = 0;
            RebalanceLine *largest = nullptr;
            for (RebalanceLine &l : buys) {
                total += buyNotional(l);
                if (l.quantity > 0 && (!largest || buyNotional(l) > buyNotional(*largest)))
                    largest = &l;
            }
            if (total <= available || !largest)
                break;
            largest->quantity -= instrumentOf(largest->instrument).lotSize;
        }
        for (RebalanceLine &l : buys)
            if (l.quantity != l.requestedQuantity)
                l.note = QStringLiteral("scaled from %L1 (cash short)").arg(l.requestedQuantity);
        p.notes << QStringLiteral("cash short: buys of %1 scaled to %2% to fit the %3 available (sale proceeds count once settled)")
                       .arg(dollars(wanted))
                       .arg(p.buyScale * 100.0, 0, 'f', 1)
                       .arg(dollars(available));
        buys.erase(std::remove_if(buys.begin(), buys.end(), [](const RebalanceLine &l) { return l.quantity <= 0; }), buys.end());
    }

    int number = 0;
    for (RebalanceLine &l : sells) {
        l.line = ++number;
        p.lines.append(l);
    }
    for (RebalanceLine &l : buys) {
        l.line = ++number;
        p.lines.append(l);
    }
    recompute(p, reference);
    return p;
}

void Rebalancer::recompute(RebalanceProposal &p, const ReferenceData &reference)
{
    QHash<QString, qint64> after;
    for (const RebalanceHolding &h : std::as_const(p.holdings))
        after[h.instrument] = h.quantity;
    p.cashAfterCents = p.cashBeforeCents;
    for (RebalanceLine &l : p.lines) {
        const Instrument *i = reference.instrument(l.instrument);
        const RebalanceHolding *h = holdingOf(p.holdings, l.instrument);
        if (!i || !h)
            continue;
        l.notionalCents = i->notionalCents(Quantity(l.quantity), l.limitPrice,
                                           l.side == Side::Buy ? Instrument::Rounding::Up : Instrument::Rounding::Down);
        const qint64 signedQuantity = l.side == Side::Buy ? l.quantity : -l.quantity;
        l.dv01Change = double(signedQuantity) * h->dv01PerUnit;
        after[l.instrument] += signedQuantity;
        p.cashAfterCents += l.side == Side::Buy ? -l.notionalCents : l.notionalCents;
    }

    p.exposure.clear();
    if (p.kind == TargetKind::Weights) {
        qint64 valueAfter = p.cashAfterCents;
        for (const RebalanceHolding &h : std::as_const(p.holdings))
            if (const Instrument *i = reference.instrument(h.instrument))
                valueAfter += valueCents(*i, after.value(h.instrument), h.mark);
        const double before = double(std::max<qint64>(1, p.accountValueCents));
        const double afterValue = double(std::max<qint64>(1, valueAfter));
        qint64 targeted = 0;
        for (const RebalanceHolding &h : std::as_const(p.holdings)) {
            const Instrument *i = reference.instrument(h.instrument);
            const bool listed = p.targets.weightsBp.contains(h.instrument);
            if (!i || (!listed && h.quantity == 0 && after.value(h.instrument) == 0))
                continue;
            ExposureRow r;
            r.key = h.instrument;
            if (listed) {
                r.target = double(p.targets.weightsBp.value(h.instrument)) / 100.0;
                targeted += p.targets.weightsBp.value(h.instrument);
            }
            r.before = 100.0 * double(valueCents(*i, h.quantity, h.mark)) / before;
            r.after = 100.0 * double(valueCents(*i, after.value(h.instrument), h.mark)) / afterValue;
            p.exposure.append(r);
        }
        ExposureRow cash;
        cash.key = Cash;
        cash.target = double(FullBp - targeted) / 100.0;
        cash.before = 100.0 * double(p.cashBeforeCents) / before;
        cash.after = 100.0 * double(p.cashAfterCents) / afterValue;
        p.exposure.append(cash);
    } else {
        for (const QString &bucket : tenorBuckets()) {
            ExposureRow r;
            r.key = bucket;
            if (p.targets.dv01Dollars.contains(bucket))
                r.target = double(p.targets.dv01Dollars.value(bucket));
            for (const RebalanceHolding &h : std::as_const(p.holdings))
                if (h.bucket == bucket) {
                    r.before += double(h.quantity) * h.dv01PerUnit;
                    r.after += double(after.value(h.instrument)) * h.dv01PerUnit;
                }
            p.exposure.append(r);
        }
    }
}

Result<RebalanceProposal> Rebalancer::edit(const RebalanceProposal &proposal, const QList<RebalanceEdit> &edits,
                                           const ReferenceData &reference)
{
    if (!proposal.isOpen())
        return makeError(ErrorCode::InvalidArgument, QStringLiteral("proposal %1 is %2: it cannot be edited")
                                                         .arg(proposal.id, toString(proposal.status)));
    if (edits.isEmpty())
        return makeError(ErrorCode::InvalidArgument, QStringLiteral("nothing to change"));
    RebalanceProposal p = proposal;
    for (const RebalanceEdit &e : edits) {
        auto it = std::find_if(p.lines.begin(), p.lines.end(), [&e](const RebalanceLine &l) { return l.line == e.line; });
        if (it == p.lines.end())
            return makeError(ErrorCode::InvalidArgument, QStringLiteral("proposal %1 has no line %2").arg(p.id).arg(e.line));
        if (e.quantity == 0) {
            p.lines.erase(it);
            continue;
        }
        const Instrument *i = reference.instrument(it->instrument);
        const RebalanceHolding *h = holdingOf(p.holdings, it->instrument);
        if (!i || !h)
            return makeError(ErrorCode::InvalidArgument, QStringLiteral("line %1: unknown instrument").arg(e.line));
        if (e.quantity < 0 || e.quantity % i->lotSize != 0)
            return makeError(ErrorCode::InvalidArgument, QStringLiteral("line %1: %L2 is not a positive multiple of the %L3 lot of %4")
                                                             .arg(e.line).arg(e.quantity).arg(i->lotSize).arg(i->symbol));
        if (it->side == Side::Sell && e.quantity > h->sellable)
            return makeError(ErrorCode::InvalidArgument, QStringLiteral("line %1: cannot sell %L2 %3, %L4 held (no short sales)")
                                                             .arg(e.line).arg(e.quantity).arg(i->symbol).arg(h->sellable));
        it->quantity = e.quantity;
        it->note = QStringLiteral("edited");
    }
    recompute(p, reference);
    if (p.buyCents() > std::max<qint64>(0, p.buyingPowerCents) && p.buyCents() > proposal.buyCents())
        return makeError(ErrorCode::InvalidArgument, QStringLiteral("the buys would need %1, %2 available")
                                                         .arg(dollars(p.buyCents()), dollars(p.buyingPowerCents)));
    ++p.edits;
    return p;
}

} // namespace instant
