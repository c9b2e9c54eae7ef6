#include "aboutdialog.h"

#include "common/diagnostics.h"

#include <QDialogButtonBox>
#include <QIcon>
#include <QJsonObject>
#include <QLabel>
#include <QTableWidget>
#include <QHeaderView>
#include <QVBoxLayout>

namespace instant {

QList<QPair<QString, QString>> AboutDialog::licences()
{
    return {{QStringLiteral("Qt 6 (Core, Gui, Widgets, Charts, Network, WebSockets, Sql)"), QStringLiteral("LGPL-3.0 / GPL; Charts: GPL-3.0")},
            {QStringLiteral("QuickFIX"), QStringLiteral("QuickFIX Software License (BSD-style)")},
            {QStringLiteral("QuantLib"), QStringLiteral("BSD-3-Clause (modified)")},
            {QStringLiteral("OpenSSL"), QStringLiteral("Apache-2.0")},
            {QStringLiteral("QCoro"), QStringLiteral("MIT")},
            {QStringLiteral("SQLite"), QStringLiteral("Public domain")},
            {QStringLiteral("PostgreSQL client (libpq)"), QStringLiteral("PostgreSQL License")},
            {QStringLiteral("simdjson"), QStringLiteral("Apache-2.0")},
            {QStringLiteral("QtKeychain"), QStringLiteral("BSD-2-Clause")},
            {QStringLiteral("Boost (headers, via QuantLib)"), QStringLiteral("BSL-1.0")}};
}

AboutDialog::AboutDialog(QWidget *parent) : QDialog(parent)
{
    setObjectName(QStringLiteral("AboutDialog"));
    setWindowTitle(tr("About Instant"));
    const QJsonObject v = diagnostics::versions();
    auto *icon = new QLabel(this);
    icon->setPixmap(QIcon(QStringLiteral(":/instant/icons/instant.svg")).pixmap(64, 64));
    auto *title = new QLabel(tr("<h2>Instant %1</h2><p>A trading workstation: order lifecycle, a hash-chained audit trail, "
                                "dockable panels.</p><p>Built from commit <tt>%2</tt><br>Qt %3 · %4 · SQLite %5<br>%6 (%7)</p>")
                                 .arg(v.value(QStringLiteral("instant")).toString(), v.value(QStringLiteral("commit")).toString(),
                                      v.value(QStringLiteral("qt")).toString(), v.value(QStringLiteral("openssl")).toString(),
                                      v.value(QStringLiteral("sqlite")).toString(), v.value(QStringLiteral("os")).toString(),
                                      v.value(QStringLiteral("cpu")).toString()),
                             this);
    title->setObjectName(QStringLiteral("aboutText"));
    title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    const auto list = licences();
    auto *table = new QTableWidget(int(list.size()), 2, this);
    table->setObjectName(QStringLiteral("licences"));
    table->setHorizontalHeaderLabels({tr("Library"), tr("Licence")});
    table->verticalHeader()->hide();
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    for (int i = 0; i < list.size(); ++i) {
        table->setItem(i, 0, new QTableWidgetItem(list.at(i).first));
        table->setItem(i, 1, new QTableWidgetItem(list.at(i).second));
    }
    table->resizeColumnsToContents();
    table->horizontalHeader()->setStretchLastSection(true);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *top = new QHBoxLayout;
    top->addWidget(icon, 0, Qt::AlignTop);
    top->addWidget(title, 1);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(new QLabel(tr("Made with these libraries:"), this));
    layout->addWidget(table);
    layout->addWidget(buttons);
    resize(640, 480);
}

} // namespace instant
