#pragma once

#include "compliance/compliance.h"

#include <QDialog>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace instant {

// The kill switch, as a trader sets it from the workstation: the mode (active, reducing only,
// halted), the reason (required: it is recorded with the trader's name) and what the mode does,
// confirmed with a button that says so.
class KillSwitchDialog : public QDialog
{
    Q_OBJECT

public:
    KillSwitchDialog(KillSwitch current, QWidget *parent = nullptr);

    KillSwitch mode() const;
    QString reason() const;
    void setMode(KillSwitch mode);
    void setReason(const QString &reason);

private:
    void update();

    KillSwitch m_current;
    QComboBox *m_mode;
    QLineEdit *m_reason;
    QLabel *m_effect;
    QPushButton *m_confirm;
};

} // namespace instant
