#include "killswitchdialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>

namespace instant {

KillSwitchDialog::KillSwitchDialog(KillSwitch current, QWidget *parent)
    : QDialog(parent), m_current(current), m_mode(new QComboBox(this)), m_reason(new QLineEdit(this)),
      m_effect(new QLabel(this)), m_confirm(nullptr)
{
    setObjectName(QStringLiteral("KillSwitchDialog"));
    setWindowTitle(tr("Kill switch"));
    setMinimumWidth(fontMetrics().averageCharWidth() * 60); // the effect reads on two lines, not six
    m_mode->setObjectName(QStringLiteral("KillSwitchMode"));
    m_mode->addItem(tr("Active: trading as usual"), int(KillSwitch::Active));
    m_mode->addItem(tr("Reducing only: orders that reduce a position"), int(KillSwitch::ReducingOnly));
    m_mode->addItem(tr("Halted: no new orders"), int(KillSwitch::Halted));
    m_reason->setObjectName(QStringLiteral("KillSwitchReason"));
    m_reason->setPlaceholderText(tr("Why (recorded with your name)"));
    m_effect->setWordWrap(true);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_confirm = buttons->button(QDialogButtonBox::Ok);
    auto *form = new QFormLayout(this);
    form->addRow(tr("Now"), new QLabel(toString(current), this));
    form->addRow(tr("Set to"), m_mode);
    form->addRow(tr("Reason"), m_reason);
    form->addRow(m_effect);
    form->addRow(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_mode, &QComboBox::currentIndexChanged, this, &KillSwitchDialog::update);
    connect(m_reason, &QLineEdit::textChanged, this, &KillSwitchDialog::update);
    setMode(current == KillSwitch::Active ? KillSwitch::Halted : KillSwitch::Active);
    update();
}

KillSwitch KillSwitchDialog::mode() const
{
    return KillSwitch(m_mode->currentData().toInt());
}

QString KillSwitchDialog::reason() const
{
    return m_reason->text().trimmed();
}

void KillSwitchDialog::setMode(KillSwitch mode)
{
    m_mode->setCurrentIndex(m_mode->findData(int(mode)));
}

void KillSwitchDialog::setReason(const QString &reason)
{
    m_reason->setText(reason);
}

// What the chosen mode does to the whole desk, and the button that confirms it.
void KillSwitchDialog::update()
{
    switch (mode()) {
    case KillSwitch::Active:
        m_effect->setText(tr("Every workstation of the desk may trade again."));
        m_confirm->setText(tr("Resume trading"));
        break;
    case KillSwitch::ReducingOnly:
        m_effect->setText(tr("Every workstation of the desk may only send orders that reduce a position; "
                             "orders already working keep working."));
        m_confirm->setText(tr("Allow only reducing orders"));
        break;
    case KillSwitch::Halted:
        m_effect->setText(tr("Every new order of the desk is refused until the switch is set back to active; "
                             "orders already working keep working (cancel them from the blotter)."));
        m_confirm->setText(tr("Halt trading"));
        break;
    }
    m_confirm->setEnabled(mode() != m_current && !reason().isEmpty());
}

} // namespace instant
