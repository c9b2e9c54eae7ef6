#pragma once

#include "events/event.h"

#include <QCoreApplication>
#include <QHash>

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
    void clear() { m_terms.clear(); }
    // Orders whose terms it keeps for a later replace: accepted, not yet filled, cancelled, expired or refused by the venue.
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
    QString describe(const RecordedEvent &event, const QJsonObject &payload);
    QString terms(const Terms &t, const Instrument *instrument) const;
    const ReferenceData *m_reference;
    QHash<QString, Terms> m_terms; // by order id
};

} // namespace instant
