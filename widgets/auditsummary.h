#pragma once

#include "events/event.h"

#include <QCoreApplication>
#include <QHash>

#include <algorithm>
#include <deque>

namespace instant {

class ReferenceData;
struct Instrument;

// An event's payload in the desk's words, for the audit log's "What" column and its detail:
// "buy 5mm UST 10Y @ 99-16+", "replace 5mm @ 99-16 → 3mm @ 99-16+", "filled 1mm @ 99-162".
// Prices as the market writes them (32nds for notes and bonds), quantities with separators, or in
// mm/k for Treasuries. Fed events in sequence order, it remembers each order's terms so that a
// replace shows what it changed; an order it has not seen shows only the new terms.
class AuditSummary
{
    Q_DECLARE_TR_FUNCTIONS(AuditSummary)

public:
    explicit AuditSummary(const ReferenceData *reference = nullptr) : m_reference(reference) {}
    void setReference(const ReferenceData *reference) { m_reference = reference; }
    // The summary of the next event (in sequence order); empty for one it has nothing to add to.
    QString describe(const RecordedEvent &event);
    void clear()
    {
        m_terms.clear();
        m_entered.clear();
    }
    // It remembers the terms of the newest `capacity` orders, ended ones too: a fill the venue
    // reports after a cancel names no instrument and is written with its order's. An older order
    // shows only what its event carries (as one it never saw). As many as the audit panel holds
    // events: every order it remembers can still have a row there.
    static constexpr qsizetype DefaultCapacity = 100'000;
    void setCapacity(qsizetype capacity) { m_capacity = std::max<qsizetype>(1, capacity); }
    qsizetype ordersRemembered() const { return m_terms.size(); }

    static QString quantity(qint64 quantity, const Instrument *instrument);
    static QString price(const QJsonValue &priceUnits, const Instrument *instrument);

private:
    struct Terms
    {
        QString instrument;
        qint64 quantity = 0;
        QJsonValue limitPrice;
    };
    void remember(const QString &orderId, const Terms &terms);
    QString terms(const Terms &t, const Instrument *instrument) const;
    const ReferenceData *m_reference;
    QHash<QString, Terms> m_terms; // by order id
    std::deque<QString> m_entered; // the orders remembered, oldest first
    qsizetype m_capacity = DefaultCapacity;
};

} // namespace instant
