#pragma once

#include <QCoreApplication>
#include <QString>

#include <functional>

class QWidget;

namespace instant {

struct Instrument;
struct NewOrderCommand;

// What every click that sends an order has in common, wherever it is made: the order ticket's
// Send (with what the copilot and the option ideas stage on it) and the depth ladder.
class ClickToTrade
{
    Q_DECLARE_TR_FUNCTIONS(ClickToTrade)

public:
    // An order of this notional or more asks the trader first.
    static constexpr qint64 LargeOrderCents = 10'000'000'00; // $10mm
    // Asks a yes/no question; true is yes. Tests answer it themselves, without a dialog.
    using Question = std::function<bool(const QString &question)>;

    // The quantity a click trades in an instrument until the trader sets one for it: a round lot
    // of its kind (1mm face of a Treasury, 100 shares, 1 option contract), never less than a lot.
    static QString usualQuantity(const Instrument &instrument);
    // The question in a message box over `parent`, No by default.
    static Question messageBox(QWidget *parent);
    // Whether the order may go: below the large-order threshold, or the trader said yes to
    // "Sell 15,000,000 AAPL at 229.73 for $3,445,950,000.00. Send?".
    static bool largeOrderConfirmed(const NewOrderCommand &command, qint64 notionalCents, const Instrument *instrument,
                                    const Question &ask);
};

} // namespace instant
