#include "connectiondialog.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSettings>
#include <QSpinBox>
#include <QVBoxLayout>

namespace instant {

ConnectionSettings ConnectionSettings::load()
{
    QSettings s;
    s.beginGroup(QStringLiteral("connection"));
    ConnectionSettings c;
    c.live = s.value(QStringLiteral("mode")).toString() == u"live";
    c.venue = QUrl(s.value(QStringLiteral("venue")).toString());
    c.feed = QUrl(s.value(QStringLiteral("feed")).toString());
    return c;
}

void ConnectionSettings::save() const
{
    QSettings s;
    s.beginGroup(QStringLiteral("connection"));
    s.setValue(QStringLiteral("mode"), live ? QStringLiteral("live") : QStringLiteral("demo"));
    s.setValue(QStringLiteral("venue"), venue.toString());
    s.setValue(QStringLiteral("feed"), feed.toString());
}

ConnectionDialog::ConnectionDialog(const ConnectionSettings &current, QWidget *parent)
    : QDialog(parent),
      m_demo(new QRadioButton(tr("&Demo: the simulated venue, in this workstation"), this)),
      m_live(new QRadioButton(tr("&Live: a FIX 4.4 venue and a WebSocket market data feed"), this)),
      m_host(new QLineEdit(this)),
      m_port(new QSpinBox(this)),
      m_sender(new QLineEdit(this)),
      m_target(new QLineEdit(this)),
      m_heartbeat(new QSpinBox(this)),
      m_tls(new QCheckBox(tr("TLS (the venue's certificate is verified)"), this)),
      m_caFile(new QLineEdit(this)),
      m_feed(new QLineEdit(this)),
      m_problem(new QLabel(this)),
      m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setObjectName(QStringLiteral("ConnectionDialog"));
    m_host->setObjectName(QStringLiteral("host"));
    m_sender->setObjectName(QStringLiteral("sender"));
    m_target->setObjectName(QStringLiteral("target"));
    m_caFile->setObjectName(QStringLiteral("caFile"));
    m_feed->setObjectName(QStringLiteral("feed"));
    setWindowTitle(tr("Connection"));
    FixVenueSettings fix;
    if (auto parsed = FixVenueSettings::fromUrl(current.venue))
        fix = *parsed;
    (current.live ? m_live : m_demo)->setChecked(true);
    m_host->setText(fix.host);
    m_port->setRange(1, 65535);
    m_port->setValue(fix.port);
    m_sender->setText(fix.senderCompId);
    m_target->setText(fix.targetCompId);
    m_heartbeat->setRange(1, 300);
    m_heartbeat->setSuffix(tr(" s"));
    m_heartbeat->setValue(fix.heartbeatSeconds);
    m_tls->setChecked(fix.tls);
    m_caFile->setText(fix.caFile);
    m_caFile->setPlaceholderText(tr("PEM file of the authority that signed the venue's certificate"));
    m_feed->setText(current.feed.isEmpty() ? QStringLiteral("ws://127.0.0.1:9879/") : current.feed.toString());
    m_problem->setObjectName(QStringLiteral("connectionProblem"));
    m_problem->setStyleSheet(QStringLiteral("color: #c62828"));
    m_problem->setWordWrap(true);

    auto *session = new QGroupBox(tr("FIX session"), this);
    auto *form = new QFormLayout(session);
    form->addRow(tr("Venue host"), m_host);
    form->addRow(tr("Port"), m_port);
    form->addRow(tr("SenderCompID (this desk)"), m_sender);
    form->addRow(tr("TargetCompID (the venue)"), m_target);
    form->addRow(tr("Heartbeat"), m_heartbeat);
    form->addRow(QString(), m_tls);
    form->addRow(tr("CA file"), m_caFile);
    auto *market = new QGroupBox(tr("Market data"), this);
    auto *marketForm = new QFormLayout(market);
    marketForm->addRow(tr("Feed URL"), m_feed);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_demo);
    layout->addWidget(m_live);
    layout->addWidget(session);
    layout->addWidget(market);
    layout->addWidget(new QLabel(tr("Changes apply at the next start."), this));
    layout->addWidget(m_problem);
    layout->addWidget(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    for (QLineEdit *e : {m_host, m_sender, m_target, m_caFile, m_feed})
        connect(e, &QLineEdit::textChanged, this, &ConnectionDialog::validate);
    for (QSpinBox *b : {m_port, m_heartbeat})
        connect(b, &QSpinBox::valueChanged, this, &ConnectionDialog::validate);
    for (QAbstractButton *b : std::initializer_list<QAbstractButton *>{m_tls, m_live, m_demo})
        connect(b, &QAbstractButton::toggled, this, &ConnectionDialog::validate);
    connect(m_live, &QRadioButton::toggled, session, &QWidget::setEnabled);
    connect(m_live, &QRadioButton::toggled, market, &QWidget::setEnabled);
    session->setEnabled(current.live);
    market->setEnabled(current.live);
    validate();
}

Result<ConnectionSettings> ConnectionDialog::settings() const
{
    FixVenueSettings fix;
    fix.host = m_host->text().trimmed();
    fix.port = m_port->value();
    fix.senderCompId = m_sender->text().trimmed();
    fix.targetCompId = m_target->text().trimmed();
    fix.heartbeatSeconds = m_heartbeat->value();
    fix.tls = m_tls->isChecked();
    fix.caFile = m_caFile->text().trimmed();
    ConnectionSettings c;
    c.live = m_live->isChecked();
    c.venue = fix.toUrl();
    c.feed = QUrl(m_feed->text().trimmed());
    if (!c.live)
        return c;
    if (fix.host.isEmpty())
        return makeError(ErrorCode::InvalidArgument, tr("Name the venue's host."));
    if (auto checked = FixVenueSettings::fromUrl(c.venue); !checked)
        return checked.error();
    if (!c.feed.isEmpty() && (!c.feed.isValid() || (c.feed.scheme() != u"ws" && c.feed.scheme() != u"wss") || c.feed.host().isEmpty()))
        return makeError(ErrorCode::InvalidArgument, tr("The feed URL is ws://HOST:PORT/ or wss://HOST:PORT/."));
    return c;
}

void ConnectionDialog::validate()
{
    const auto s = settings();
    m_problem->setText(s ? QString() : s.message());
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(s.ok());
}

} // namespace instant
