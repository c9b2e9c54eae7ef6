#pragma once

#include "venue/fixvenue.h"

#include <QDialog>
#include <QUrl>

class QCheckBox;
class QLabel;
class QLineEdit;
class QRadioButton;
class QSpinBox;
class QDialogButtonBox;

namespace instant {

// Demo or live, and where the live venue and feed are (settings group "connection").
struct ConnectionSettings
{
    bool live = false;
    QUrl venue; // fix://HOST:PORT?sender=..&target=..
    QUrl feed;  // ws:// or wss://

    static ConnectionSettings load();
    void save() const;
};

// File → Connection…: Demo (the simulated venue in this process) or Live (a FIX 4.4 venue and a
// WebSocket market data feed), with the FIX session's host, port, CompIDs, heartbeat and TLS.
// Applies at the next start: a running session is never switched under open orders.
class ConnectionDialog : public QDialog
{
    Q_OBJECT

public:
    explicit ConnectionDialog(const ConnectionSettings &current, QWidget *parent = nullptr);

    // What the form says, or why it cannot be used.
    Result<ConnectionSettings> settings() const;

private:
    void validate();

    QRadioButton *m_demo;
    QRadioButton *m_live;
    QLineEdit *m_host;
    QSpinBox *m_port;
    QLineEdit *m_sender;
    QLineEdit *m_target;
    QSpinBox *m_heartbeat;
    QCheckBox *m_tls;
    QLineEdit *m_caFile;
    QLineEdit *m_feed;
    QLabel *m_problem;
    QDialogButtonBox *m_buttons;
};

} // namespace instant
