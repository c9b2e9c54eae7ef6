#pragma once

#include "common/result.h"
#include "common/types.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QStringList>

#include <optional>

namespace instant {

class ReferenceData;
class BookView;
struct Instrument;

enum class Severity : quint8 { Hard, Soft };

// A rule as data. Kinds and their parameters:
//   max_order_notional {limit_cents}            an order's notional
//   max_position       {limit_quantity, [instrument]}  the position after the order fills
//   restricted_list    {instruments: [...]}     no buying or selling these
//   price_collar       {percent}                limit price within ±percent of the last trade
//   max_dv01           {limit_dollars}          Treasury DV01 of the account after the order fills
// Optional on every rule: accounts: [...] (default: all), severity: "hard" | "soft",
// approvers: [...] (a soft rule: an override also needs one of these users to approve it, never
// the trader who asked: four eyes).
struct ComplianceRule
{
    QString id;
    QString kind;
    Severity severity = Severity::Hard;
    QStringList accounts;
    QStringList approvers; // four eyes: who may approve an override of this (soft) rule
    QJsonObject params;

    bool appliesTo(const QString &account) const { return accounts.isEmpty() || accounts.contains(account); }
    QJsonObject toJson() const;
};

struct Violation
{
    QString ruleId;
    QString kind;
    Severity severity = Severity::Hard;
    QString message; // in the trader's words
    QString value;   // what the order comes to, as the rule measures it ("$12,000,000.00")
    QString limit;   // the rule's limit, in the same terms
    QStringList approvers; // four eyes: an override waits for one of these users
};

// An override of a soft rule: which rule, and why (recorded with the actor).
struct RuleOverride
{
    QString ruleId;
    QString reason;
    bool operator==(const RuleOverride &) const = default;
};

enum class KillSwitch : quint8 { Active, ReducingOnly, Halted };
QString toString(KillSwitch mode);
std::optional<KillSwitch> killSwitchFromString(const QString &text);

// What the compliance check looks at.
struct OrderCheck
{
    const Instrument *instrument = nullptr;
    QString account;
    Side side = Side::Buy;
    Quantity quantity;
    std::optional<Price> limitPrice;
    Price referencePrice; // the price the notional is computed at (limit, or the collar for market orders)
    qint64 notionalCents = 0;
    QDate settleDate;
};

class ComplianceEngine
{
public:
    // Parses and validates a rule set: every rule has an id, a known kind and its parameters.
    static Result<QList<ComplianceRule>> parseRules(const QJsonArray &rules);
    static QJsonArray defaultRules();

    // All violations of the rules in `rules` for the order against the state before it.
    static QList<Violation> check(const QList<ComplianceRule> &rules, const OrderCheck &order,
                                  const BookView &state, const ReferenceData &reference);
    // Treasury DV01 in dollars of an account's positions plus working buys.
    static double accountDv01(const QString &account, const BookView &state, const ReferenceData &reference,
                              QDate settle);
};

} // namespace instant
