#pragma once

#include "screener/alertrule.h"

#include <QDialog>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace instant {

class TradingEngine;

// "Alert when…": a price, a Treasury's yield or a spread between two Treasuries crossing a level,
// above or below. The level is typed as the market writes it (99-16+ for a note's price, 4.25 for
// a yield in percent, 35 for a spread in bp). OK is enabled only for a rule core accepts.
class AlertRuleDialog : public QDialog
{
    Q_OBJECT

public:
    AlertRuleDialog(const ReferenceData &reference, const QString &instrument, QWidget *parent = nullptr);

    // The rule as typed; an error says what to fix.
    Result<AlertRule> rule() const;
    QComboBox *measureBox() const { return m_measure; }
    QComboBox *instrumentBox() const { return m_instrument; }
    QComboBox *versusBox() const { return m_versus; }
    QComboBox *directionBox() const { return m_direction; }
    QLineEdit *levelEdit() const { return m_level; }

    // Opens the dialog (not modal to the event loop); an accepted rule goes to the engine.
    static AlertRuleDialog *ask(TradingEngine *engine, const ReferenceData &reference, const QString &instrument, QWidget *parent);

private:
    void check();
    const ReferenceData &m_reference;
    QComboBox *m_measure;
    QComboBox *m_instrument;
    QComboBox *m_versus;
    QComboBox *m_direction;
    QLineEdit *m_level;
    QLineEdit *m_note;
    QLabel *m_problem;
    QPushButton *m_ok = nullptr;
};

} // namespace instant
