#include "compliance/compliance.h"

#include "analytics/bondanalytics.h"
#include "records/bookview.h"
#include "refdata/referencedata.h"

#include <cmath>

namespace instant {

QString toString(KillSwitch mode)
{
    switch (mode) {
    case KillSwitch::Active: return QStringLiteral("active");
    case KillSwitch::ReducingOnly: return QStringLiteral("reducing-only");
    case KillSwitch::Halted: return QStringLiteral("halted");
    }
    return {};
}

std::optional<KillSwitch> killSwitchFromString(const QString &text)
{
    for (KillSwitch k : {KillSwitch::Active, KillSwitch::ReducingOnly, KillSwitch::Halted})
        if (text.compare(toString(k), Qt::CaseInsensitive) == 0)
            return k;
    return std::nullopt;
}

QJsonObject ComplianceRule::toJson() const
{
    QJsonObject o = params;
    o.insert(QStringLiteral("id"), id);
    o.insert(QStringLiteral("kind"), kind);
    o.insert(QStringLiteral("severity"), severity == Severity::Hard ? QStringLiteral("hard") : QStringLiteral("soft"));
    if (!accounts.isEmpty())
        o.insert(QStringLiteral("accounts"), QJsonArray::fromStringList(accounts));
    if (!approvers.isEmpty())
        o.insert(QStringLiteral("approvers"), QJsonArray::fromStringList(approvers));
    return o;
}

Result<QList<ComplianceRule>> ComplianceEngine::parseRules(const QJsonArray &rules)
{
    QList<ComplianceRule> out;
    QStringList ids;
    for (int i = 0; i < rules.size(); ++i) {
        if (!rules.at(i).isObject())
            return makeError(ErrorCode::InvalidArgument, QStringLiteral("rule %1 is not an object").arg(i + 1));
        const QJsonObject o = rules.at(i).toObject();
        ComplianceRule r;
        r.id = o.value(QStringLiteral("id")).toString();
        r.kind = o.value(QStringLiteral("kind")).toString();
        const QString where = r.id.isEmpty() ? QStringLiteral("rule %1").arg(i + 1) : QStringLiteral("rule \"%1\"").arg(r.id);
        if (r.id.isEmpty())
            return makeError(ErrorCode::InvalidArgument, where + QStringLiteral(" has no id"));
        if (ids.contains(r.id))
            return makeError(ErrorCode::InvalidArgument, where + QStringLiteral(" appears twice"));
        ids << r.id;
        const QString severity = o.value(QStringLiteral("severity")).toString(QStringLiteral("hard"));
        if (severity != u"hard" && severity != u"soft")
            return makeError(ErrorCode::InvalidArgument, where + QStringLiteral(": severity must be hard or soft"));
        r.severity = severity == u"hard" ? Severity::Hard : Severity::Soft;
        for (const QJsonValue &a : o.value(QStringLiteral("accounts")).toArray())
            r.accounts << a.toString();
        for (const QJsonValue &a : o.value(QStringLiteral("approvers")).toArray())
            if (!a.toString().trimmed().isEmpty())
                r.approvers << a.toString().trimmed();
        if (!r.approvers.isEmpty() && r.severity != Severity::Soft)
            return makeError(ErrorCode::InvalidArgument, where + QStringLiteral(": only a soft rule can be approved (approvers)"));
        auto needPositive = [&](const char *key) -> Status {
            const QJsonValue v = o.value(QLatin1String(key));
            if (!v.isDouble() || v.toDouble() <= 0)
                return makeError(ErrorCode::InvalidArgument,
                                 where + QStringLiteral(": %1 must be a positive number").arg(QLatin1String(key)));
            r.params.insert(QLatin1String(key), v);
            return Done{};
        };
        Status s = Done{};
        if (r.kind == u"max_order_notional")
            s = needPositive("limit_cents");
        else if (r.kind == u"max_position") {
            s = needPositive("limit_quantity");
            if (o.contains(QStringLiteral("instrument")))
                r.params.insert(QStringLiteral("instrument"), o.value(QStringLiteral("instrument")));
        } else if (r.kind == u"restricted_list") {
            if (!o.value(QStringLiteral("instruments")).isArray())
                s = makeError(ErrorCode::InvalidArgument, where + QStringLiteral(": instruments must be a list"));
            else
                r.params.insert(QStringLiteral("instruments"), o.value(QStringLiteral("instruments")));
        } else if (r.kind == u"price_collar")
            s = needPositive("percent");
        else if (r.kind == u"max_dv01")
            s = needPositive("limit_dollars");
        else
            s = makeError(ErrorCode::InvalidArgument, where + QStringLiteral(": unknown kind \"%1\" (known: max_order_notional, "
                                                                             "max_position, restricted_list, price_collar, max_dv01)")
                                                                  .arg(r.kind));
        if (!s)
            return s.error();
        out.append(r);
    }
    return out;
}

QJsonArray ComplianceEngine::defaultRules()
{
    return QJsonArray{
        QJsonObject{{QStringLiteral("id"), QStringLiteral("order-notional")}, {QStringLiteral("kind"), QStringLiteral("max_order_notional")},
                    {QStringLiteral("limit_cents"), 2'500'000'000.0}, {QStringLiteral("severity"), QStringLiteral("hard")}},
        QJsonObject{{QStringLiteral("id"), QStringLiteral("large-order")}, {QStringLiteral("kind"), QStringLiteral("max_order_notional")},
                    {QStringLiteral("limit_cents"), 1'000'000'000.0}, {QStringLiteral("severity"), QStringLiteral("soft")}},
        QJsonObject{{QStringLiteral("id"), QStringLiteral("position-limit")}, {QStringLiteral("kind"), QStringLiteral("max_position")},
                    {QStringLiteral("limit_quantity"), 100'000'000.0}},
        QJsonObject{{QStringLiteral("id"), QStringLiteral("restricted")}, {QStringLiteral("kind"), QStringLiteral("restricted_list")},
                    {QStringLiteral("instruments"), QJsonArray{}}},
        QJsonObject{{QStringLiteral("id"), QStringLiteral("collar")}, {QStringLiteral("kind"), QStringLiteral("price_collar")},
                    {QStringLiteral("percent"), 5.0}},
        QJsonObject{{QStringLiteral("id"), QStringLiteral("dv01")}, {QStringLiteral("kind"), QStringLiteral("max_dv01")},
                    {QStringLiteral("limit_dollars"), 250'000.0}},
    };
}

double ComplianceEngine::accountDv01(const QString &account, const BookView &state, const ReferenceData &reference,
                                     QDate settle)
{
    double total = 0;
    auto add = [&](const QString &instrumentId, qint64 quantity) {
        const Instrument *i = reference.instrument(instrumentId);
        if (!i || !isTreasury(i->kind) || quantity == 0)
            return;
        const Price px = state.lastPrice(instrumentId).value_or(i->referencePrice);
        if (auto dv01 = analytics::dv01PerUnitFace(*i, px, settle))
            total += *dv01 * double(quantity);
    };
    for (const PositionRecord &p : state.positionsOf(account))
        add(p.instrument, p.quantity);
    for (const OrderRef &o : state.workingOrdersOf(account))
        add(o->instrument, o->side == Side::Buy ? o->leaves().value() : -o->leaves().value());
    return total;
}

QList<Violation> ComplianceEngine::check(const QList<ComplianceRule> &rules, const OrderCheck &order,
                                         const BookView &state, const ReferenceData &reference)
{
    QList<Violation> out;
    const Instrument &instrument = *order.instrument;
    for (const ComplianceRule &rule : rules) {
        if (!rule.appliesTo(order.account))
            continue;
        auto violate = [&](const QString &message, const QString &value = {}, const QString &limit = {}) {
            out.append(Violation{rule.id, rule.kind, rule.severity, message, value, limit, rule.approvers});
        };
        auto dollars = [](double cents) { return QStringLiteral("$%L1").arg(cents / 100.0, 0, 'f', 2); };
        if (rule.kind == u"max_order_notional") {
            // Limits are any positive number: compared as doubles (a cast of 1e30 to qint64 is undefined).
            const double limit = std::floor(rule.params.value(QStringLiteral("limit_cents")).toDouble());
            if (double(order.notionalCents) > limit)
                violate(QStringLiteral("order notional $%L1 is over the $%L2 limit (%3)")
                            .arg(double(order.notionalCents) / 100.0, 0, 'f', 2)
                            .arg(limit / 100.0, 0, 'f', 2)
                            .arg(rule.id),
                        dollars(double(order.notionalCents)), dollars(limit));
        } else if (rule.kind == u"max_position") {
            const QString only = rule.params.value(QStringLiteral("instrument")).toString();
            if (!only.isEmpty() && only != instrument.id && only.compare(instrument.symbol, Qt::CaseInsensitive) != 0)
                continue;
            const double limit = std::floor(rule.params.value(QStringLiteral("limit_quantity")).toDouble());
            const PositionRecord *p = state.position(order.account, instrument.id);
            qint64 after = p ? p->quantity : 0;
            for (const OrderRef &o : state.workingOrdersOf(order.account))
                if (o->instrument == instrument.id && o->side == Side::Buy)
                    after += o->leaves().value();
            if (order.side == Side::Buy)
                after += order.quantity.value();
            if (order.side == Side::Buy && double(after) > limit)
                violate(QStringLiteral("position in %1 would reach %L2, over the %L3 limit (%4)")
                            .arg(instrument.symbol).arg(after).arg(limit, 0, 'f', 0).arg(rule.id),
                        QStringLiteral("%L1").arg(after), QStringLiteral("%L1").arg(limit, 0, 'f', 0));
        } else if (rule.kind == u"restricted_list") {
            for (const QJsonValue &v : rule.params.value(QStringLiteral("instruments")).toArray()) {
                const QString name = v.toString();
                if (name == instrument.id || name.compare(instrument.symbol, Qt::CaseInsensitive) == 0
                    || (!instrument.underlying.isEmpty() && name == instrument.underlying)) {
                    violate(QStringLiteral("%1 is on the restricted list (%2)").arg(instrument.symbol, rule.id));
                    break;
                }
            }
        } else if (rule.kind == u"price_collar") {
            if (!order.limitPrice)
                continue;
            const auto last = state.lastPrice(instrument.id);
            const Price anchor = last.value_or(instrument.referencePrice);
            const double percent = rule.params.value(QStringLiteral("percent")).toDouble();
            const double distance = std::abs(double(order.limitPrice->value() - anchor.value())) / double(anchor.value()) * 100.0;
            if (distance > percent)
                violate(QStringLiteral("limit %1 is %2% from the last trade %3, outside the ±%4% collar (%5)")
                            .arg(instrument.formatPrice(*order.limitPrice))
                            .arg(distance, 0, 'f', 2)
                            .arg(instrument.formatPrice(anchor))
                            .arg(percent, 0, 'f', 2)
                            .arg(rule.id),
                        QStringLiteral("%1%").arg(distance, 0, 'f', 2), QStringLiteral("±%1%").arg(percent, 0, 'f', 2));
        } else if (rule.kind == u"max_dv01") {
            if (!isTreasury(instrument.kind))
                continue;
            const double limit = rule.params.value(QStringLiteral("limit_dollars")).toDouble();
            const double before = accountDv01(order.account, state, reference, order.settleDate);
            const auto perUnit = analytics::dv01PerUnitFace(instrument, order.referencePrice, order.settleDate);
            const double delta = perUnit ? *perUnit * double(order.quantity.value()) * (order.side == Side::Buy ? 1 : -1) : 0;
            const double after = before + delta;
            if (std::abs(after) > limit && std::abs(after) > std::abs(before))
                violate(QStringLiteral("account DV01 would be $%L1, over the $%L2 limit (%3)")
                            .arg(after, 0, 'f', 0).arg(limit, 0, 'f', 0).arg(rule.id),
                        QStringLiteral("$%L1").arg(after, 0, 'f', 0), QStringLiteral("$%L1").arg(limit, 0, 'f', 0));
        }
    }
    return out;
}

} // namespace instant
