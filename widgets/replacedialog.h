#pragma once

#include <QDialog>

#include <optional>

class QDialogButtonBox;
class QLabel;
class QLineEdit;

namespace instant {

struct Instrument;
struct OrderRecord;

// Replace a working order in one dialog: the new total quantity ("3mm" is 3,000,000, read by
// parseQuantity) and, for a priced order, the new limit price as the market writes it, both shown
// with the order's current terms. OK stays disabled while the text is not a valid change.
class ReplaceDialog : public QDialog
{
    Q_OBJECT

public:
    ReplaceDialog(const OrderRecord &order, const Instrument *instrument, QWidget *parent = nullptr);

    QLineEdit *quantityEdit() const { return m_quantity; }
    QLineEdit *priceEdit() const { return m_price; } // null for an order without a limit price
    // What to send to TradingEngine::replace: nullopt when the quantity stays, an empty text when
    // the price stays. Valid only while problem() is empty.
    std::optional<qint64> quantity() const;
    QString limitPrice() const;
    // Why OK is disabled, in the trader's words; empty when the change can be sent.
    QString problem() const { return m_problem; }

private:
    void check();
    const Instrument *m_instrument;
    qint64 m_currentQuantity;
    QString m_currentPrice;
    qint64 m_lot;
    QLineEdit *m_quantity;
    QLineEdit *m_price = nullptr;
    QLabel *m_message;
    QDialogButtonBox *m_buttons;
    QString m_problem;
};

} // namespace instant
