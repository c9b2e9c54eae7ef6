#include "auditviewer.h"

#include "audit/auditexport.h"
#include "audit/chainverifier.h"
#include "audit/writerverifier.h"
#include "auditlogmodel.h"
#include "store/eventstore.h"

#include <QComboBox>
#include <QDateTimeEdit>
#include <QFileDialog>
#include <QSignalBlocker>
#include <QTimeZone>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSaveFile>
#include <QScrollBar>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTableView>
#include <QThread>
#include <QTimer>
#include <QApplication>
#include <QVBoxLayout>

#include <deque>

namespace instant {
namespace {

// The type box's entries that are not one type.
const QString HideReads = QStringLiteral("@hide-reads");
const QString OnlyReads = QStringLiteral("@reads");
// A live filter nobody has touched for this long is a search (recorded once).
constexpr int FilterSettleMs = 1500;

} // namespace

AuditViewer::AuditViewer(EventStore *store, QWidget *parent, int capacity)
    : QWidget(parent), m_store(store), m_model(new AuditLogModel(this)), m_proxy(new AuditFilterProxy(this)),
      m_type(new QComboBox(this)), m_stream(new QLineEdit(this)), m_actor(new QLineEdit(this)),
      m_from(new QDateTimeEdit(this)), m_to(new QDateTimeEdit(this)), m_asOf(new QDateTimeEdit(this)),
      m_view(new QTableView(this)), m_filter(new QLineEdit(this)),
      m_verifyButton(new QPushButton(tr("Verify chain"), this)), m_status(new QLabel(this)),
      m_detail(new QPlainTextEdit(this))
{
    m_model->setCapacity(capacity);
    m_proxy->setSourceModel(m_model);

    m_filter->setPlaceholderText(tr("Search anywhere, payloads too…"));
    m_filter->setClearButtonEnabled(true);
    m_type->addItem(tr("All events"), QString());
    m_type->addItem(tr("All but reads"), HideReads);
    m_type->addItem(tr("Reads: who looked at what"), OnlyReads);
    for (const char *t : {"OrderAccepted", "OrderRejected", "OrderAcknowledged", "OrderPartiallyFilled", "OrderFilled",
                          "CancelRequested", "OrderCancelled", "ReplaceRequested", "OrderReplaced", "OrderExpired",
                          "VenueRejected", "IllegalTransitionRefused", "CommandRefused", "TradeSettled", "AccountOpened",
                          "ComplianceRulesChanged", "KillSwitchChanged", "StoreOutage", "WorkstationSessionStarted", "WorkstationSessionEnded"})
        m_type->addItem(QString::fromLatin1(t), QString::fromLatin1(t));
    m_stream->setPlaceholderText(tr("Order id or stream"));
    m_stream->setClearButtonEnabled(true);
    m_actor->setPlaceholderText(tr("User or role"));
    m_actor->setClearButtonEnabled(true);
    // Events are recorded on the machine's clock: "now" for the audit log is the machine's.
    const QDateTime now = QDateTime::fromMSecsSinceEpoch(nowUtcMicros() / 1000, QTimeZone::utc());
    for (QDateTimeEdit *edit : {m_from, m_to, m_asOf}) {
        edit->setTimeSpec(Qt::UTC);
        edit->setDisplayFormat(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
        edit->setCalendarPopup(true);
        edit->setDateTime(now);
    }
    m_from->setDateTime(now.addDays(-1));
    m_from->setSpecialValueText(tr("from the start"));
    m_from->setMinimumDateTime(QDateTime(QDate(2000, 1, 1), QTime(0, 0), Qt::UTC));
    m_from->setDateTime(m_from->minimumDateTime());
    // A special value shows only at the minimum: there it means "no bound".
    m_to->setMinimumDateTime(QDateTime(QDate(2000, 1, 1), QTime(0, 0), Qt::UTC));
    m_to->setSpecialValueText(tr("until now"));
    m_to->setDateTime(m_to->minimumDateTime());
    connect(m_filter, &QLineEdit::textChanged, this, &AuditViewer::applyFields);
    connect(m_stream, &QLineEdit::textChanged, this, &AuditViewer::applyFields);
    connect(m_actor, &QLineEdit::textChanged, this, &AuditViewer::applyFields);
    connect(m_type, &QComboBox::currentIndexChanged, this, &AuditViewer::applyFields);
    connect(m_from, &QDateTimeEdit::dateTimeChanged, this, &AuditViewer::applyFields);
    connect(m_to, &QDateTimeEdit::dateTimeChanged, this, &AuditViewer::applyFields);
    m_filterSettled = new QTimer(this);
    m_filterSettled->setSingleShot(true);
    m_filterSettled->setInterval(FilterSettleMs);
    connect(m_filterSettled, &QTimer::timeout, this, &AuditViewer::recordLiveFilter);

    auto *exportButton = new QPushButton(tr("Export…"), this);
    m_searchButton = new QPushButton(tr("Search whole log"), this);
    m_searchButton->setToolTip(tr("Run the filter over every event in the store, not only the newest ones shown live"));
    connect(m_searchButton, &QPushButton::clicked, this, &AuditViewer::searchWholeLog);
    connect(exportButton, &QPushButton::clicked, this, &AuditViewer::exportEvents);
    connect(m_verifyButton, &QPushButton::clicked, this, &AuditViewer::verify);
    m_verifyButton->setToolTip(tr("Recompute every hash of the chain and name the first bad event"));

    auto *bar = new QHBoxLayout;
    bar->addWidget(m_filter, 2);
    bar->addWidget(m_type);
    bar->addWidget(m_stream, 1);
    bar->addWidget(m_actor, 1);
    bar->addWidget(m_searchButton);
    bar->addWidget(m_verifyButton);
    bar->addWidget(exportButton);
    auto *asOfButton = new QPushButton(tr("Show as of"), this);
    auto *liveButton = new QPushButton(tr("Live"), this);
    asOfButton->setToolTip(tr("Show the blotter and holdings as they were at this time"));
    connect(asOfButton, &QPushButton::clicked, this, [this] {
        const TimestampUs asOfUs = m_asOf->dateTime().toMSecsSinceEpoch() * 1000;
        recordRead(events::ReadAsOf, QStringLiteral("the blotter and holdings"), -1, {}, asOfUs);
        Q_EMIT asOfRequested(asOfUs);
    });
    connect(liveButton, &QPushButton::clicked, this, [this] { Q_EMIT asOfRequested(std::nullopt); });
    auto *times = new QHBoxLayout;
    times->addWidget(new QLabel(tr("From"), this));
    times->addWidget(m_from);
    times->addWidget(new QLabel(tr("to"), this));
    times->addWidget(m_to);
    times->addStretch(1);
    times->addWidget(new QLabel(tr("As of (UTC)"), this));
    times->addWidget(m_asOf);
    times->addWidget(asOfButton);
    times->addWidget(liveButton);

    m_view->setModel(m_proxy);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setAlternatingRowColors(true);
    m_view->setWordWrap(false);
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 6);
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->horizontalHeader()->setHighlightSections(false);
    const int digit = m_view->fontMetrics().horizontalAdvance(u'0');
    m_view->setColumnWidth(AuditLogModel::Sequence, digit * 8);
    m_view->setColumnWidth(AuditLogModel::Time, digit * 28);
    m_view->setColumnWidth(AuditLogModel::Stream, digit * 22);
    m_view->setColumnWidth(AuditLogModel::Version, digit * 5);
    m_view->setColumnWidth(AuditLogModel::Type, digit * 20);
    m_view->setColumnWidth(AuditLogModel::User, digit * 12);
    m_view->setColumnWidth(AuditLogModel::Role, digit * 10);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &AuditViewer::showSelected);

    m_detail->setReadOnly(true);
    m_detail->setPlaceholderText(tr("Select an event to see all of its fields and hashes."));
    m_detail->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));

    auto *split = new QSplitter(Qt::Vertical, this);
    split->addWidget(m_view);
    split->addWidget(m_detail);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 1);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(bar);
    layout->addLayout(times);
    layout->addWidget(split, 1);
    layout->addWidget(m_status);

    // Keep the newest event in sight while the user is at the bottom.
    connect(m_model, &QAbstractItemModel::rowsAboutToBeInserted, this, [this] {
        QScrollBar *scroll = m_view->verticalScrollBar();
        const bool atBottom = scroll->value() == scroll->maximum();
        if (atBottom)
            QMetaObject::invokeMethod(m_view, &QTableView::scrollToBottom, Qt::QueuedConnection);
    });

    if (m_store) {
        // The subscription reads the store on a thread of its own; rows arrive here in batches.
        m_feedThread = new QThread(this);
        m_feedThread->setObjectName(QStringLiteral("instant-audit-feed"));
        m_feedThread->start();
        startLiveTail();
        connect(m_model, &QAbstractItemModel::rowsRemoved, this, &AuditViewer::showWindow);
    } else {
        m_status->setText(tr("No event store is open."));
        m_verifyButton->setEnabled(false);
        exportButton->setEnabled(false);
        m_searchButton->setEnabled(false);
    }
}

namespace {

QString liveTailText(qint64 events, Sequence from)
{
    return AuditViewer::tr("Live: the newest %L1 events (from %L2 on); \"Search whole log\" finds older ones.").arg(events).arg(from);
}

} // namespace

void AuditViewer::startLiveTail()
{
    // Live again: the newest capacity() events, then everything appended (a new subscription
    // each time, so what a search showed meanwhile is simply replaced).
    m_model->clear();
    ++m_generation; // batches of an earlier subscription still queued are dropped
    m_searchButton->setText(tr("Search whole log"));
    if (m_feedContext)
        QMetaObject::invokeMethod(m_feedContext, [context = m_feedContext] { delete context; }, Qt::BlockingQueuedConnection);
    m_feedContext = new QObject;
    m_feedContext->moveToThread(m_feedThread);
    EventStore *feedStore = m_store;
    AuditLogModel *model = m_model;
    QLabel *status = m_status;
    const int capacity = m_model->capacity();
    QPointer<AuditViewer> self(this);
    const int generation = m_generation;
    QMetaObject::invokeMethod(
        m_feedContext,
        [self, feedStore, model, status, capacity, generation, context = m_feedContext] {
            auto head = feedStore->head();
            const Sequence from = head ? std::max<Sequence>(0, head->sequence - capacity) : 0;
            EventSubscription *sub = feedStore->subscribe(from, context);
            QObject::connect(sub, &EventSubscription::events, model, [self, model, generation](const QList<RecordedEvent> &events) {
                if (self && self->m_generation == generation)
                    model->addEvents(events);
            });
            QObject::connect(sub, &EventSubscription::problem, status, [status](const QString &message) {
                if (!message.isEmpty())
                    status->setText(tr("Live updates interrupted: %1").arg(message));
            });
            if (from > 0)
                QMetaObject::invokeMethod(status, [status, from, capacity] { status->setText(liveTailText(capacity, from + 1)); });
        },
        Qt::QueuedConnection);
}

void AuditViewer::showWindow()
{
    if (!m_model->isLive() || m_model->rowCount() == 0)
        return;
    m_status->setText(liveTailText(m_model->rowCount(), m_model->eventAt(0).sequence));
}

void AuditViewer::searchWholeLog()
{
    if (!m_store || m_searching)
        return;
    if (!m_model->isLive()) { // showing results: back to the live tail
        startLiveTail();
        return;
    }
    m_searching = true;
    m_searchButton->setEnabled(false);
    m_status->setText(tr("Searching the whole log…"));
    QPointer<AuditViewer> self(this);
    EventStore *store = m_store;
    const AuditFilter filter = m_proxy->filter();
    const int capacity = m_model->capacity();
    QThread *worker = QThread::create([self, store, filter, capacity] {
        std::deque<RecordedEvent> found; // the newest `capacity` matches
        qint64 matches = 0, scanned = 0;
        ReadQuery query;
        Status status = store->forEach(query, [&](const RecordedEvent &e) {
            ++scanned;
            if (!filter.matches(e))
                return true;
            ++matches;
            found.push_back(e);
            if (found.size() > size_t(capacity))
                found.pop_front();
            return true;
        });
        QList<RecordedEvent> rows(found.begin(), found.end());
        const QString error = status ? QString() : status.message();
        QMetaObject::invokeMethod(qApp, [self, rows = std::move(rows), matches, scanned, error, capacity]() mutable {
            if (!self)
                return;
            self->m_searching = false;
            self->m_searchButton->setEnabled(true);
            if (!error.isEmpty()) {
                self->m_status->setText(tr("The search failed: %1").arg(error));
                return;
            }
            self->m_model->setEvents(std::move(rows)); // the only holder: the rows are moved, not copied
            self->recordRead(events::ReadSearched, QStringLiteral("the whole log: ") + self->m_proxy->filter().describe(), matches);
            self->m_searchButton->setText(tr("Back to live"));
            self->m_status->setText(matches > capacity
                                        ? tr("%L1 of %L2 events match; the newest %L3 are shown. Live updates paused.")
                                              .arg(matches).arg(scanned).arg(capacity)
                                        : tr("%L1 of %L2 events match. Live updates paused.").arg(matches).arg(scanned));
            Q_EMIT self->searchFinished(matches);
        });
    });
    connect(worker, &QThread::finished, worker, &QObject::deleteLater);
    worker->start();
}

AuditViewer::~AuditViewer()
{
    if (m_feedThread) {
        QMetaObject::invokeMethod(m_feedContext, [context = m_feedContext] { delete context; }, Qt::BlockingQueuedConnection);
        m_feedThread->quit();
        m_feedThread->wait();
    }
    if (m_verifyThread) {
        m_verifyThread->wait();
        delete m_verifyThread;
    }
}

void AuditFilterProxy::setFilter(const AuditFilter &filter)
{
    m_filter = filter;
    invalidateFilter();
}

bool AuditFilterProxy::filterAcceptsRow(int sourceRow, const QModelIndex &) const
{
    if (m_filter.isEmpty())
        return true;
    return m_filter.matches(static_cast<const AuditLogModel *>(sourceModel())->eventAt(sourceRow));
}

void AuditViewer::setFilterText(const QString &text)
{
    if (m_filter->text() != text)
        m_filter->setText(text);
    applyFields();
}

void AuditViewer::applyFields()
{
    AuditFilter f;
    f.text = m_filter->text().trimmed();
    f.type = m_type->currentData().toString();
    f.stream = m_stream->text().trimmed();
    f.actor = m_actor->text().trimmed();
    if (m_from->dateTime() != m_from->minimumDateTime())
        f.fromUs = m_from->dateTime().toMSecsSinceEpoch() * 1000;
    if (m_to->dateTime() != m_to->minimumDateTime())
        f.toUs = m_to->dateTime().toMSecsSinceEpoch() * 1000 + 999;
    const QString kind = m_type->currentData().toString();
    if (kind == HideReads || kind == OnlyReads) {
        f.type.clear();
        f.reads = kind == OnlyReads ? AuditFilter::Reads::Only : AuditFilter::Reads::Hidden;
    }
    m_proxy->setFilter(f);
    m_filterSettled->start();
}

void AuditViewer::recordLiveFilter()
{
    const AuditFilter &f = m_proxy->filter();
    // Hiding or showing the reads alone looks at nothing new; any other filter is a search.
    AuditFilter criteria = f;
    criteria.reads = AuditFilter::Reads::Shown;
    const QString subject = f.describe();
    if (criteria.isEmpty() || subject == m_recordedFilter) {
        if (criteria.isEmpty())
            m_recordedFilter.clear();
        return;
    }
    m_recordedFilter = subject;
    recordRead(events::ReadSearched, QStringLiteral("the live view: ") + subject, m_proxy->rowCount());
}

void AuditViewer::recordRead(const QString &action, const QString &subject, qint64 records, const QString &outcome,
                             std::optional<TimestampUs> asOfUs)
{
    events::ReadRecord read;
    read.action = action;
    read.subject = subject;
    read.records = records;
    read.outcome = outcome;
    read.asOfUs = asOfUs;
    read.channel = QStringLiteral("workstation");
    Q_EMIT readHappened(read);
}

void AuditViewer::setFilter(const AuditFilter &filter)
{
    QSignalBlocker a(m_filter), b(m_stream), c(m_actor), d(m_type);
    m_filter->setText(filter.text);
    m_stream->setText(filter.stream);
    m_actor->setText(filter.actor);
    const QString kind = filter.reads == AuditFilter::Reads::Only     ? OnlyReads
                         : filter.reads == AuditFilter::Reads::Hidden ? HideReads
                                                                      : filter.type;
    m_type->setCurrentIndex(std::max(0, m_type->findData(kind)));
    m_proxy->setFilter(filter);
    m_filterSettled->start();
}

void AuditViewer::showSelected()
{
    const QModelIndex index = m_view->currentIndex();
    if (!index.isValid()) {
        m_detail->clear();
        return;
    }
    const int row = m_proxy->mapToSource(index).row();
    const RecordedEvent &event = m_model->eventAt(row);
    if (event.sequence != m_recordedView) {
        m_recordedView = event.sequence;
        recordRead(events::ReadViewed, QStringLiteral("event %1 (%2 on %3)").arg(event.sequence).arg(event.type, event.streamId), 1);
    }
    const QJsonDocument doc(eventToJson(event));
    const QString summary = m_model->summaryAt(row);
    m_detail->setPlainText((summary.isEmpty() ? QString() : summary + QStringLiteral("\n\n"))
                           + QString::fromUtf8(doc.toJson(QJsonDocument::Indented)));
}

namespace {

QString writerSummary(const Result<WriterReport> &writers)
{
    if (!writers)
        return AuditViewer::tr("· writers could not be checked: %1").arg(writers.message());
    if (!writers->intact)
        return AuditViewer::tr("· writers FORGED at sequence %1: %2").arg(writers->firstBadSequence).arg(writers->problem);
    if (writers->administrator.isEmpty())
        return AuditViewer::tr("· unsigned: the store has no desk administrator");
    QString text = AuditViewer::tr("· %n batch(es) signed by enrolled keys", nullptr, int(writers->batches));
    if (writers->unsignedUpTo > 0)
        text += AuditViewer::tr(", unsigned up to sequence %1").arg(writers->unsignedUpTo);
    return text;
}

} // namespace

void AuditViewer::verify()
{
    if (!m_store || m_verifyThread)
        return;
    m_verifyButton->setEnabled(false);
    m_status->setText(tr("Verifying the chain…"));
    QPointer<AuditViewer> self(this);
    EventStore *store = m_store;
    m_verifyThread = QThread::create([self, store] {
        auto report = verifyChain(*store, [self](qint64 verified) {
            if (self)
                QMetaObject::invokeMethod(self, [self, verified] {
                    if (self) {
                        self->m_status->setText(tr("Verifying the chain… %L1 events").arg(verified));
                        Q_EMIT self->verificationProgress(verified);
                    }
                });
        });
        bool intact = false;
        QString summary;
        qint64 verified = -1;
        if (!report) {
            summary = tr("Verification could not run: %1").arg(report.message());
        } else if (report->intact) {
            verified = report->eventCount;
            summary = tr("Chain intact: %n event(s), head %1", nullptr, static_cast<int>(report->eventCount))
                          .arg(QString::fromLatin1(report->head.hash.toHex().left(16)));
            // Then who wrote it: every batch since the desk had an administrator, signed.
            const auto writers = verifyWriters(*store);
            intact = writers && writers->intact;
            summary += u' ' + writerSummary(writers);
        } else {
            summary = tr("Chain BROKEN at sequence %1: %2").arg(report->firstBadSequence).arg(report->problem);
        }
        if (self) {
            QMetaObject::invokeMethod(self, [self, intact, summary, verified] {
                if (!self)
                    return;
                self->recordRead(events::ReadVerified, QStringLiteral("the whole chain and its writers"), verified, summary);
                self->m_verifyThread->wait();
                delete self->m_verifyThread;
                self->m_verifyThread = nullptr;
                self->m_verifyButton->setEnabled(true);
                self->m_status->setText(summary);
                self->m_status->setToolTip(summary); // the whole of a long problem
                self->m_status->setStyleSheet(intact ? QString() : QStringLiteral("color: #c0392b; font-weight: bold"));
                Q_EMIT self->verificationFinished(intact, summary);
            });
        }
    });
    m_verifyThread->start();
}

void AuditViewer::exportEvents()
{
    if (!m_store)
        return;
    QString selectedFilter;
    const QString path = QFileDialog::getSaveFileName(this, tr("Export audit log"), QStringLiteral("audit.jsonl"),
                                                      tr("JSON lines (*.jsonl);;CSV (*.csv)"), &selectedFilter);
    if (path.isEmpty())
        return;
    const ExportFormat format = path.endsWith(QStringLiteral(".csv"), Qt::CaseInsensitive) ? ExportFormat::Csv
                                                                                            : ExportFormat::JsonLines;
    m_status->setText(tr("Exporting to %1…").arg(path));
    QPointer<AuditViewer> self(this);
    EventStore *store = m_store;
    const AuditFilter filter = m_proxy->filter();
    // Export reads the whole log: off the GUI thread. What is exported is what the filter shows.
    QThread *worker = QThread::create([self, store, path, format, filter] {
        QString error;
        qint64 count = 0;
        QSaveFile file(path);
        if (!file.open(QIODevice::WriteOnly)) {
            error = tr("Cannot write %1: %2").arg(path, file.errorString());
        } else {
            auto written = instant::exportEvents(*store, ReadQuery{}, format, file,
                                                 [&filter](const RecordedEvent &e) { return filter.matches(e); });
            if (!written)
                error = tr("The export failed: %1").arg(written.message());
            else if (!file.commit())
                error = tr("The export failed: %1").arg(file.errorString());
            else
                count = *written;
        }
        QMetaObject::invokeMethod(qApp, [self, error, count, path, filter] {
            if (!self)
                return;
            if (!error.isEmpty()) {
                QMessageBox::warning(self, tr("Export audit log"), error);
                return;
            }
            self->recordRead(events::ReadExported, filter.describe(), count, QStringLiteral("written to ") + path);
            self->m_status->setText(tr("Exported %n event(s) to %1", nullptr, int(count)).arg(path));
        });
    });
    connect(worker, &QThread::finished, worker, &QObject::deleteLater);
    worker->start();
}

} // namespace instant
