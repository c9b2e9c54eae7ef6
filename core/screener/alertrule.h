#pragma once

#include "common/result.h"
#include "events/event.h"

#include <QJsonObject>
#include <QString>

namespace instant {

class ReferenceData;

// A level a trader asked to be told about: a price, a Treasury's yield, or the spread between two
// Treasuries' yields (2s10s: the 10-year's yield minus the 2-year's, in bp) crossing it.
// Recorded as an AlertRuleSet event (toJson/fromJson are its encoder and decoder).
struct AlertRule
{
    enum class Measure { LastPrice, Yield, Spread };
    enum class Direction { Above, Below }; // fires when the measure crosses to this side of the level

    QString id;
    Measure measure = Measure::LastPrice;
    QString instrument;   // id; for a spread the leg whose yield comes first
    QString versus;       // a spread's other leg (subtracted)
    Direction direction = Direction::Above;
    // In the measure's unit: a price as a number (points of 100 for Treasuries: 99-16 is 99.5),
    // a yield in percent, a spread in basis points.
    double level = 0;
    QString note;

    static QString toString(Measure measure);
    static std::optional<Measure> measureFrom(const QString &text);
    // The rule in words: "UST 10Y yield above 4.250%", "UST 10Y − UST 2Y above 35.0 bp".
    QString describe(const ReferenceData &reference) const;
    // The level as the market writes it (a Treasury price in 32nds).
    QString formatLevel(const ReferenceData &reference) const;
    // Refuses a rule that could never fire: unknown instruments, a yield on a stock, a spread on one leg.
    Status validate(const ReferenceData &reference) const;
    QJsonObject toJson() const;
    static Result<AlertRule> fromJson(const QJsonObject &o);
    friend bool operator==(const AlertRule &, const AlertRule &) = default;
};

} // namespace instant

Q_DECLARE_METATYPE(instant::AlertRule)
