#include "alertruledialog.h"

#include "engine/tradingengine.h"
#include "refdata/referencedata.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>

namespace instant {

AlertRuleDialog::AlertRuleDialog(const ReferenceData &reference, const QString &instrument, QWidget *parent)
    : QDialog(parent), m_reference(reference), m_measure(new QComboBox(this)), m_instrument(new QComboBox(this)),
      m_versus(new QComboBox(this)), m_direction(new QComboBox(this)), m_level(new QLineEdit(this)), m_note(new QLineEdit(this)),
      m_problem(new QLabel(this))
{
    setObjectName(QStringLiteral("AlertRuleDialog"));
    setWindowTitle(tr("Alert when…"));
    m_measure->addItem(tr("Price"), QVariant::fromValue(int(AlertRule::Measure::LastPrice)));
    m_measure->addItem(tr("Yield (%)"), QVariant::fromValue(int(AlertRule::Measure::Yield)));
    m_measure->addItem(tr("Spread to another Treasury (bp)"), QVariant::fromValue(int(AlertRule::Measure::Spread)));
    for (const Instrument *i : reference.instruments()) {
        m_instrument->addItem(i->symbol, i->id);
        if (isTreasury(i->kind))
            m_versus->addItem(i->symbol, i->id);
    }
    m_instrument->setCurrentIndex(std::max(0, m_instrument->findData(instrument)));
    m_direction->addItem(tr("crosses above"), int(AlertRule::Direction::Above));
    m_direction->addItem(tr("crosses below"), int(AlertRule::Direction::Below));
    m_level->setObjectName(QStringLiteral("AlertLevel"));
    m_note->setPlaceholderText(tr("Optional note"));
    m_problem->setStyleSheet(QStringLiteral("color:#c62828"));
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_ok = buttons->button(QDialogButtonBox::Ok);
    m_ok->setText(tr("Set alert"));
    auto *form = new QFormLayout(this);
    form->addRow(tr("&Instrument"), m_instrument);
    form->addRow(tr("&Measure"), m_measure);
    form->addRow(tr("&Minus"), m_versus);
    form->addRow(tr("&When it"), m_direction);
    form->addRow(tr("&Level"), m_level);
    form->addRow(tr("&Note"), m_note);
    form->addRow(m_problem);
    form->addRow(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    for (QComboBox *box : {m_measure, m_instrument, m_versus, m_direction})
        connect(box, &QComboBox::currentIndexChanged, this, &AlertRuleDialog::check);
    connect(m_level, &QLineEdit::textChanged, this, &AlertRuleDialog::check);
    // A 2s10s: the 10-year minus the 2-year, when both are listed.
    m_versus->setCurrentIndex(std::max(0, m_versus->findText(QStringLiteral("UST 2Y"))));
    check();
}

Result<AlertRule> AlertRuleDialog::rule() const
{
    AlertRule r;
    r.measure = AlertRule::Measure(m_measure->currentData().toInt());
    r.instrument = m_instrument->currentData().toString();
    r.versus = r.measure == AlertRule::Measure::Spread ? m_versus->currentData().toString() : QString();
    r.direction = AlertRule::Direction(m_direction->currentData().toInt());
    r.note = m_note->text().trimmed();
    const QString text = m_level->text().trimmed();
    if (r.measure == AlertRule::Measure::LastPrice) {
        const Instrument *i = m_reference.instrument(r.instrument);
        auto price = i ? i->parsePrice(text) : Result<Price>(makeError(ErrorCode::NotFound, tr("Pick an instrument")));
        if (!price)
            return price.error();
        r.level = i->toDouble(*price);
    } else {
        bool ok = false;
        r.level = QLocale().toDouble(QString(text).remove(u'%').remove(QStringLiteral("bp")).trimmed(), &ok);
        if (!ok)
            return makeError(ErrorCode::InvalidArgument, r.measure == AlertRule::Measure::Yield ? tr("Type a yield in percent: 4.25")
                                                                                                  : tr("Type a spread in bp: 35"));
    }
    if (Status s = r.validate(m_reference); !s)
        return s.error();
    return r;
}

void AlertRuleDialog::check()
{
    m_versus->setEnabled(AlertRule::Measure(m_measure->currentData().toInt()) == AlertRule::Measure::Spread);
    const Result<AlertRule> r = rule();
    m_problem->setText(m_level->text().trimmed().isEmpty() ? QString() : (r ? QString() : r.message()));
    m_ok->setEnabled(bool(r));
}

AlertRuleDialog *AlertRuleDialog::ask(TradingEngine *engine, const ReferenceData &reference, const QString &instrument, QWidget *parent)
{
    auto *dialog = new AlertRuleDialog(reference, instrument, parent);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, dialog, [engine, dialog] {
        if (auto r = dialog->rule(); r && engine)
            engine->setAlertRule(*r);
    });
    dialog->open();
    return dialog;
}

} // namespace instant
