#include "replacedialog.h"

#include "events/orderevents.h"
#include "oms/tradingstate.h"
#include "refdata/instrument.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>

namespace instant {

ReplaceDialog::ReplaceDialog(const OrderRecord &order, const Instrument *instrument, QWidget *parent)
    : QDialog(parent), m_instrument(instrument), m_currentQuantity(order.quantity.value()),
      m_lot(instrument ? std::max<qint64>(1, instrument->lotSize) : 1), m_quantity(new QLineEdit(this)),
      m_message(new QLabel(this)), m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setObjectName(QStringLiteral("ReplaceDialog"));
    setWindowTitle(tr("Replace %1").arg(order.orderId));
    const QString symbol = instrument ? instrument->symbol : order.instrument.text();
    auto *form = new QFormLayout(this);
    form->addRow(new QLabel(tr("%1 %2, %3 filled").arg(events::toString(order.side), symbol, formatQuantity(order.filled.value(), instrument)), this));
    m_quantity->setObjectName(QStringLiteral("ReplaceQuantity"));
    m_quantity->setText(formatQuantity(m_currentQuantity, instrument));
    m_quantity->setToolTip(tr("New total quantity: 5mm, 250k, 1,000"));
    form->addRow(tr("&Quantity"), m_quantity);
    if (order.limitPrice && instrument) {
        m_currentPrice = instrument->formatPrice(*order.limitPrice);
        m_price = new QLineEdit(m_currentPrice, this);
        m_price->setObjectName(QStringLiteral("ReplacePrice"));
        m_price->setToolTip(isTreasury(instrument->kind) ? tr("New limit price in 32nds: 99-16, 99-16+, 99-162") : tr("New limit price"));
        form->addRow(tr("&Limit price"), m_price);
        connect(m_price, &QLineEdit::textChanged, this, &ReplaceDialog::check);
    }
    m_message->setObjectName(QStringLiteral("ReplaceProblem"));
    m_message->setStyleSheet(QStringLiteral("color:#c62828"));
    form->addRow(m_message);
    form->addRow(m_buttons);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Replace"));
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_quantity, &QLineEdit::textChanged, this, &ReplaceDialog::check);
    m_quantity->selectAll();
    check();
}

std::optional<qint64> ReplaceDialog::quantity() const
{
    const std::optional<qint64> q = parseQuantity(m_quantity->text());
    return q && *q != m_currentQuantity ? q : std::nullopt;
}

QString ReplaceDialog::limitPrice() const
{
    if (!m_price || !m_instrument)
        return {};
    const auto parsed = m_instrument->parsePrice(m_price->text().trimmed());
    if (!parsed || m_instrument->formatPrice(*parsed) == m_currentPrice)
        return {};
    return m_instrument->formatPrice(*parsed);
}

void ReplaceDialog::check()
{
    m_problem.clear();
    const std::optional<qint64> q = parseQuantity(m_quantity->text());
    if (!q || *q <= 0)
        m_problem = tr("Quantity: a number such as 5mm, 250k or 1,000");
    else if (*q % m_lot != 0)
        m_problem = tr("Quantity must be a multiple of %1").arg(formatQuantity(m_lot, m_instrument));
    else if (m_price && m_instrument) {
        if (auto parsed = m_instrument->parsePrice(m_price->text().trimmed()); !parsed)
            m_problem = tr("Price: %1").arg(parsed.message());
    }
    if (m_problem.isEmpty() && !quantity() && limitPrice().isEmpty())
        m_problem = tr("Nothing to change");
    m_message->setText(m_problem);
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(m_problem.isEmpty());
}

} // namespace instant
