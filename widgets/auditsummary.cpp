#include "auditsummary.h"

#include "events/readevents.h"
#include "refdata/referencedata.h"
#include "screener/alertrule.h"

#include <QJsonObject>
#include <QLocale>

namespace instant {

QString AuditSummary::quantity(qint64 quantity, const Instrument *instrument)
{
    if (instrument && isTreasury(instrument->kind))
        return formatQuantity(quantity, instrument); // 5mm, 250k: face as the desk says it
    return QLocale().toString(quantity);
}

QString AuditSummary::price(const QJsonValue &priceUnits, const Instrument *instrument)
{
    if (priceUnits.isString())
        return priceUnits.toString(); // a price exactly as a venue wrote it
    if (!priceUnits.isDouble())
        return {};
    const qint64 units = priceUnits.toInteger();
    return instrument ? instrument->formatPrice(Price(units)) : QString::number(units);
}

QString AuditSummary::terms(const Terms &t, const Instrument *instrument) const
{
    const QString p = price(t.limitPrice, instrument);
    return p.isEmpty() ? quantity(t.quantity, instrument) : tr("%1 @ %2").arg(quantity(t.quantity, instrument), p);
}

void AuditSummary::remember(const QString &orderId, const Terms &terms)
{
    const qsizetype before = m_terms.size();
    m_terms.insert(orderId, terms);
    if (m_terms.size() == before)
        return; // a replace: the order is remembered already
    m_entered.push_back(orderId);
    while (m_entered.size() > size_t(m_capacity)) {
        m_terms.remove(m_entered.front());
        m_entered.pop_front();
    }
}

QString AuditSummary::describe(const RecordedEvent &e)
{
    const QJsonObject p = e.payloadObject();
    const QString orderId = p.value(QStringLiteral("order_id")).toString();
    const auto known = m_terms.constFind(orderId);
    const QString instrumentId = p.value(QStringLiteral("instrument")).toString(known != m_terms.cend() ? known->instrument : QString());
    const Instrument *instrument = m_reference ? m_reference->instrument(instrumentId) : nullptr;
    const QString symbol = instrument ? instrument->symbol : instrumentId;
    const bool hasQuantity = p.value(QStringLiteral("quantity")).isDouble();
    Terms now{instrumentId, p.value(QStringLiteral("quantity")).toInteger(), p.value(QStringLiteral("limit_price"))};

    if (e.type == u"OrderAccepted" || e.type == u"OrderRejected") {
        if (e.type == u"OrderAccepted")
            remember(orderId, now);
        const QString what = tr("%1 %2 %3").arg(p.value(QStringLiteral("side")).toString(), quantity(now.quantity, instrument), symbol);
        const QString at = price(now.limitPrice, instrument);
        const QString text = at.isEmpty() ? what : tr("%1 @ %2").arg(what, at);
        return e.type == u"OrderRejected" ? tr("%1 rejected: %2").arg(text, p.value(QStringLiteral("reason")).toString()) : text;
    }
    if ((e.type == u"ReplaceRequested" || e.type == u"OrderReplaced") && hasQuantity) {
        const QString after = terms(now, instrument);
        QString text = known != m_terms.cend() ? tr("%1 → %2").arg(terms(*known, instrument), after) : after;
        if (e.type == u"OrderReplaced")
            remember(orderId, now);
        return tr("%1 %2: %3").arg(e.type == u"OrderReplaced" ? tr("replaced") : tr("replace"), symbol, text);
    }
    if ((e.type == u"OrderFilled" || e.type == u"OrderPartiallyFilled") && hasQuantity)
        return tr("filled %1 %2 @ %3").arg(quantity(now.quantity, instrument), symbol, price(p.value(QStringLiteral("price")), instrument));
    if (e.type == events::RecordsRead)
        if (auto read = events::ReadRecord::decode(e.payload))
            return tr("%1 %2").arg(e.actor.user, read->describe());
    if (e.type == u"AlertRuleSet") {
        if (auto rule = AlertRule::fromJson(p); rule && m_reference)
            return tr("alert %1: %2").arg(rule->id, rule->describe(*m_reference));
    }
    if (e.type == u"AlertRuleRemoved")
        return tr("alert %1 removed").arg(p.value(QStringLiteral("rule_id")).toString());
    if (e.type == u"AlertQuietPeriodSet")
        return tr("breakout alerts at most every %n minute(s) per instrument", nullptr, p.value(QStringLiteral("minutes")).toInt());
    if (p.contains(QStringLiteral("message")))
        return p.value(QStringLiteral("message")).toString();
    if (p.contains(QStringLiteral("reason")))
        return p.value(QStringLiteral("reason")).toString();
    return {};
}

} // namespace instant
