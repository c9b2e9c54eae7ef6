#pragma once

// The vocabulary of the order lifecycle: event type names and payload field names, in one place.

#include "common/types.h"

#include <QString>

namespace instant::events {

// Stream ids
QString accountStream(const QString &account); // "account-DESK-01": orders, fills, settlement, cash
QString complianceStream();                    // "compliance": rule sets and the kill switch

// Event types
inline const QString AccountOpened = QStringLiteral("AccountOpened");
inline const QString OrderAccepted = QStringLiteral("OrderAccepted");
inline const QString OrderRejected = QStringLiteral("OrderRejected");
inline const QString OrderAcknowledged = QStringLiteral("OrderAcknowledged");
inline const QString OrderPartiallyFilled = QStringLiteral("OrderPartiallyFilled");
inline const QString OrderFilled = QStringLiteral("OrderFilled");
inline const QString CancelRequested = QStringLiteral("CancelRequested");
inline const QString OrderCancelled = QStringLiteral("OrderCancelled");
inline const QString CancelRejected = QStringLiteral("CancelRejected");
inline const QString ReplaceRequested = QStringLiteral("ReplaceRequested");
inline const QString OrderReplaced = QStringLiteral("OrderReplaced");
inline const QString ReplaceRejected = QStringLiteral("ReplaceRejected");
inline const QString OrderExpired = QStringLiteral("OrderExpired");
inline const QString VenueRejected = QStringLiteral("VenueRejected");
inline const QString IllegalTransitionRefused = QStringLiteral("IllegalTransitionRefused");
inline const QString CommandRefused = QStringLiteral("CommandRefused");
inline const QString TradeSettled = QStringLiteral("TradeSettled");
// A due trade that could not settle (cash short, securities not there): it stays unsettled
// and is tried again on the next settlement run.
inline const QString SettlementFailed = QStringLiteral("SettlementFailed");
inline const QString ComplianceRulesChanged = QStringLiteral("ComplianceRulesChanged");
inline const QString KillSwitchChanged = QStringLiteral("KillSwitchChanged");
// Trading was halted because the store could not record (reason, halted_us, resumed_us,
// commands_refused, reports_held), recorded on the compliance stream when it records again.
inline const QString StoreOutage = QStringLiteral("StoreOutage");

QString toString(Side side);
QString toString(OrderType type);
QString toString(TimeInForce tif);
bool parseSide(const QString &text, Side &out);
bool parseOrderType(const QString &text, OrderType &out);
bool parseTimeInForce(const QString &text, TimeInForce &out);

} // namespace instant::events
