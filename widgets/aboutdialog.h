#pragma once

#include <QDialog>

namespace instant {

// Help → About Instant: the version and commit it was built from, what it runs on, and the
// licences of the libraries it is made with.
class AboutDialog : public QDialog
{
    Q_OBJECT

public:
    explicit AboutDialog(QWidget *parent = nullptr);

    // The libraries and their licences, as shown (also for a problem report).
    static QList<QPair<QString, QString>> licences();
};

} // namespace instant
