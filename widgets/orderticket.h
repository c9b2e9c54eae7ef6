#pragma once

#include "clicktotrade.h"
#include "oms/ordermanager.h"
#include "refdata/instrument.h" // parseQuantity

#include <QWidget>

#include <functional>
#include <optional>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QButtonGroup;
class QGroupBox;
class QSpinBox;

namespace instant {

class ReferenceData;
class TradingEngine;
class OrderPreviewer;
struct OrderPreview;

// The order ticket: keyboard-first entry with a live preview of notional, DV01, yield and what
// compliance will say, a confirmation for large orders, and the reason of a rejection.
class OrderTicket : public QWidget
{
    Q_OBJECT

public:
    OrderTicket(TradingEngine *engine, const ReferenceData &reference, QWidget *parent = nullptr);

    // Large orders ask first (ClickToTrade::largeOrderConfirmed); tests replace the question.
    void setConfirmation(std::function<bool(const QString &question)> confirm) { m_confirm = std::move(confirm); }

    void setInstrument(const QString &instrument);
    void setAccount(const QString &account);
    void setPrice(const QString &price);
    void setSide(Side side);
    void setType(const QString &type); // limit | market | stop | stop-limit
    void setQuantity(const QString &quantity);
    NewOrderCommand command() const; // what would be sent now
    QString previewText() const;
    QString statusText() const;
    void setOverrideReason(const QString &reason); // the reason field shown when a soft rule is broken
    bool overrideShown() const;
    // False when not valid or not confirmed. Terms the engine has not checked yet are sent once it
    // has (true now; the status says "Checking the order…", then what happened).
    bool send(std::optional<Side> side = std::nullopt);
    // Whether the preview shown is the engine's answer for the terms now in the ticket.
    bool previewCurrent() const;

    // Brackets: exits attached to a buy (stop-loss, trailing stop, take-profit, time exit).
    void setBracket(const QString &stopLoss, const QString &takeProfit, const QString &trailBy = {}, int exitAfterMinutes = 0);
    std::optional<BracketTerms> bracketTerms() const; // none when the bracket box is off
    // Loads an open bracket's exits to change them: "Amend exits" sends the change.
    void editBracket(const BracketRecord &bracket);
    QString editingBracket() const { return m_editing; }
    bool amendBracket(); // false when nothing is being edited or the exits do not parse
    void stopEditingBracket();

Q_SIGNALS:
    void instrumentChanged(const QString &instrument);
    void sent(const QString &orderId);

private:
    void suggestQuantity(const Instrument &i); // the usual quantity for the kind, unless the trader typed one
    void refreshPreview();
    void showPreview(const OrderPreview &p);
    void sendIfAsked();
    QStringList costLines(const OrderPreview &p) const;
    void clearStaleError();
    QString bracketPreview(const NewOrderCommand &c, bool &valid) const; // valid: no bracket, or one that parses
    void onOutcome(const CommandOutcome &outcome);

    TradingEngine *m_engine;
    const ReferenceData &m_reference;
    OrderPreviewer *m_previewer;
    std::optional<std::optional<Side>> m_sendAsked; // send() waits for the engine's check (with its side)
    QComboBox *m_account;
    QLineEdit *m_instrument;
    QButtonGroup *m_sides;
    QLineEdit *m_quantity;
    QComboBox *m_type;
    QLineEdit *m_limit;
    QLineEdit *m_stop;
    QComboBox *m_tif;
    QLabel *m_preview;
    QLabel *m_status;
    QPushButton *m_send;
    QGroupBox *m_bracket;
    QLineEdit *m_stopLoss;
    QLineEdit *m_trailBy;
    QLineEdit *m_takeProfit;
    QSpinBox *m_exitAfter;
    QLabel *m_editLabel;
    QPushButton *m_amend;
    QPushButton *m_doneEditing;
    QGroupBox *m_override;
    QLabel *m_overrideRules;
    QLineEdit *m_overrideReason;
    QStringList m_softRules; // soft rules the previewed order breaks: overridden with the reason
    bool m_halted = false; // the kill switch as it acts now (also while the store cannot record)
    QString m_editing; // the bracket whose exits are being changed
    QString m_defaultQuantity; // what setInstrument() last put in the quantity, replaced while untouched
    QString m_quantityFor;     // the instrument the trader set the quantity for (kept only for it)
    TimestampUs m_editingExitAtUs = 0;
    std::function<bool(const QString &)> m_confirm;
    QStringList m_mine; // client order ids sent from this ticket
    QStringList m_amending; // brackets whose new exits were sent from this ticket
    int m_counter = 0;
};

} // namespace instant
