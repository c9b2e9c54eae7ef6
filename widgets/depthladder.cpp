#include "depthladder.h"

#include "engine/orderpreviewer.h"
#include "engine/tradingengine.h"
#include "refdata/referencedata.h"

#include <QApplication>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QMouseEvent>
#include <QPushButton>
#include <QTableView>
#include <QUuid>
#include <QVBoxLayout>
#include <QWheelEvent>

#include <algorithm>

namespace instant {

DepthLadder::DepthLadder(TradingEngine *engine, const ReferenceData &reference, QWidget *parent)
    : QWidget(parent), m_engine(engine), m_reference(reference), m_previewer(new OrderPreviewer(this)), m_title(new QLabel(this)), m_account(new QComboBox(this)),
      m_quantity(new QLineEdit(this)), m_units(new QLabel(this)), m_centre(new QPushButton(tr("Centre"), this)),
      m_view(new QTableView(this)), m_status(new QLabel(this)), m_model(new LadderModel(this)),
      m_confirm(ClickToTrade::messageBox(this))
{
    setObjectName(QStringLiteral("DepthLadder"));
    m_title->setText(tr("Pick an instrument in the market watch"));
    for (const Account *a : reference.accounts()) {
        m_account->addItem(a->id, a->id);
        m_account->setItemData(m_account->count() - 1, a->name, Qt::ToolTipRole);
    }
    m_account->setToolTip(tr("The account a click trades for"));
    m_quantity->setObjectName(QStringLiteral("clickQuantity"));
    m_quantity->setPlaceholderText(tr("e.g. 5mm, 250k, 100"));
    m_quantity->setToolTip(tr("The quantity a click trades: 5mm, 250k or 100. "
                              "It goes back to the instrument's usual quantity when the instrument changes."));
    m_quantity->setMaximumWidth(fontMetrics().horizontalAdvance(QStringLiteral("0000000000000")));
    m_centre->setObjectName(QStringLiteral("centreLadder"));
    m_centre->setMinimumWidth(m_centre->fontMetrics().horizontalAdvance(tr("▼ Centre")) + 24);
    showMarketAway(0);
    auto *bar = new QHBoxLayout;
    bar->addWidget(new QLabel(tr("Account"), this));
    bar->addWidget(m_account);
    bar->addWidget(new QLabel(tr("Qty"), this));
    bar->addWidget(m_quantity);
    bar->addWidget(m_units);
    bar->addStretch(1);
    bar->addWidget(m_centre);

    m_view->setModel(m_model);
    m_view->setSelectionMode(QAbstractItemView::NoSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setFocusPolicy(Qt::StrongFocus); // Space and C re-centre
    m_view->setWordWrap(false);
    m_view->setCornerButtonEnabled(false);
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 4);
    m_view->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_view->horizontalHeader()->setSectionsClickable(false);
    // Every row is on screen: the prices move only when the ladder is re-centred (or wheeled).
    m_view->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_view->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    // Enough rows to trade from, however little room the dock is given.
    m_view->setMinimumHeight(m_view->horizontalHeader()->sizeHint().height() + 7 * m_view->verticalHeader()->defaultSectionSize()
                             + 2 * m_view->frameWidth());
    m_view->installEventFilter(this);
    m_view->viewport()->installEventFilter(this);
    m_status->setWordWrap(true);
    m_status->setTextFormat(Qt::PlainText);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(2, 2, 2, 2);
    layout->addWidget(m_title);
    layout->addLayout(bar);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_status);

    connect(m_centre, &QPushButton::clicked, this, &DepthLadder::centre);
    connect(m_quantity, &QLineEdit::textChanged, this, &DepthLadder::showQuantityUnits);
    if (m_engine)
        followEngine();
}

// The depth of the ladder's instrument, the trader's orders and what became of them.
void DepthLadder::followEngine()
{
    connect(m_engine, &TradingEngine::depthUpdated, this, &DepthLadder::applyDepth);
    connect(m_engine, &TradingEngine::ordersUpdated, this, &DepthLadder::applyOrders);
    connect(m_engine, &TradingEngine::commandFinished, this, &DepthLadder::onOutcome);
    m_previewer->setEngine(m_engine);
    connect(m_previewer, &OrderPreviewer::answered, this, &DepthLadder::onChecked);
    if (auto state = m_engine->snapshot()) { // the orders published before this ladder was made
        QList<OrderRef> orders;
        for (const OrderRecord &o : state->orders())
            if (!isTerminal(o.state) && o.actor == m_engine->actor().user)
                orders << state->orderRef(o.orderId);
        applyOrders(orders);
    }
    if (!m_engine->canTrade()) {
        m_quantity->setEnabled(false);
        say(tr("Read-only: the %1 role cannot send orders.").arg(m_engine->actor().role));
    }
}

void DepthLadder::setInstrument(const QString &instrument)
{
    const Instrument *i = m_reference.instrument(instrument);
    if (!i || i->id == m_instrument)
        return;
    m_instrument = i->id;
    m_press.reset();
    m_title->setText(QStringLiteral("<b>%1</b> %2").arg(i->symbol.toHtmlEscaped(), i->description.toHtmlEscaped()));
    // A quantity is the trader's for one instrument: 15mm of a Treasury is not 15,000,000 shares.
    m_quantity->setText(ClickToTrade::usualQuantity(*i));
    m_model->setInstrument(i);
    m_onMarket = false;
    if (m_engine)
        if (auto state = m_engine->snapshot())
            if (auto last = state->lastPrice(i->id))
                m_model->centreOn(*last);
    refreshOwnOrders();
    showMarketAway(0);
    if (m_engine)
        m_engine->watchDepth(i->id);
}

void DepthLadder::applyDepth(const QString &instrument, const QList<LevelView> &bids, const QList<LevelView> &asks)
{
    if (instrument != m_instrument)
        return;
    m_model->setDepth(bids, asks);
    followMarket();
}

void DepthLadder::applyOrders(const QList<OrderRef> &orders)
{
    if (!m_engine)
        return;
    const QString me = m_engine->actor().user;
    bool here = false;
    for (const OrderRef &o : orders) {
        if (const auto known = m_working.constFind(o->orderId); known != m_working.cend() && (*known)->lastSequence > o->lastSequence)
            continue; // older than what the ladder holds
        const bool resting = o->actor == me && !isTerminal(o->state) && o->type == OrderType::Limit && o->limitPrice;
        if (resting)
            m_working.insert(o->orderId, o);
        else if (!m_working.remove(o->orderId))
            continue;
        here = here || o->instrument == m_instrument;
    }
    if (here)
        refreshOwnOrders();
}

void DepthLadder::refreshOwnOrders()
{
    QList<OrderRef> own;
    for (const OrderRef &o : std::as_const(m_working))
        if (o->instrument == m_instrument)
            own << o;
    m_model->setOwnOrders(own);
}

QString DepthLadder::clickQuantity() const
{
    return m_quantity->text();
}

void DepthLadder::setClickQuantity(const QString &quantity)
{
    m_quantity->setText(quantity);
}

QString DepthLadder::account() const
{
    return m_account->currentData().toString();
}

void DepthLadder::setAccount(const QString &account)
{
    if (const int index = m_account->findData(account); index >= 0)
        m_account->setCurrentIndex(index);
}

QString DepthLadder::statusText() const
{
    return m_status->text();
}

void DepthLadder::showQuantityUnits()
{
    const Instrument *i = m_reference.instrument(m_instrument);
    const std::optional<qint64> q = parseQuantity(m_quantity->text());
    m_quantity->setStyleSheet(q && *q > 0 ? QString() : QStringLiteral("border: 2px solid #c62828"));
    if (!i)
        return;
    m_units->setText(isTreasury(i->kind) ? tr("face") : i->kind == InstrumentKind::EquityOption ? tr("contracts") : tr("shares"));
}

void DepthLadder::say(const QString &text, bool problem)
{
    m_status->setText(text);
    m_status->setStyleSheet(problem ? QStringLiteral("color: #c62828") : QString());
}

void DepthLadder::centre()
{
    const Instrument *i = m_model->instrument();
    if (!i)
        return;
    std::optional<Price> at = m_model->marketPrice();
    m_onMarket = at.has_value();
    if (!at && m_engine)
        if (auto state = m_engine->snapshot())
            at = state->lastPrice(i->id);
    m_model->centreOn(at.value_or(i->referencePrice));
    m_wheel = 0;
    showMarketAway(0);
}

// The market left the rows (or the ladder was never on it): re-centred while the pointer is away,
// said while it is over the ladder, where the prices stay as the trader sees them.
void DepthLadder::followMarket()
{
    const std::optional<Price> bid = m_model->bestBid(), ask = m_model->bestAsk();
    if (!bid && !ask)
        return;
    const int last = m_model->rowCount() - 1;
    auto shown = [this, last](const std::optional<Price> &p) {
        const int row = p ? m_model->rowOf(*p) : 1;
        return row >= 1 && row < last;
    };
    const bool inView = shown(bid) && shown(ask);
    if (m_pointerOver || m_press) {
        const std::optional<Price> top = m_model->priceAt(0), market = m_model->marketPrice();
        showMarketAway(inView ? 0 : top && market && *market >= *top ? 1 : -1);
        return;
    }
    if (!inView || !m_onMarket)
        centre();
}

// The Centre button says where the market went while the rows are held: up, down, or nowhere.
void DepthLadder::showMarketAway(int direction)
{
    m_centre->setText(direction > 0 ? tr("▲ Centre") : direction < 0 ? tr("▼ Centre") : tr("Centre"));
    m_centre->setStyleSheet(direction ? QStringLiteral("background: #ffb300; color: black; font-weight: bold") : QString());
    m_centre->setToolTip(direction > 0   ? tr("The market is above the rows: Space, C or this button puts it on the middle row")
                         : direction < 0 ? tr("The market is below the rows: Space, C or this button puts it on the middle row")
                                         : tr("Put the market on the middle row (Space or C)"));
}

void DepthLadder::fitRows()
{
    const int rowHeight = std::max(1, m_view->verticalHeader()->defaultSectionSize());
    const bool held = m_pointerOver || m_press;
    m_model->setRows(m_view->viewport()->height() / rowHeight, held); // rows under the pointer keep their prices
    if (!held)
        followMarket();
}

void DepthLadder::enterEvent(QEnterEvent *event)
{
    m_pointerOver = true;
    QWidget::enterEvent(event);
}

void DepthLadder::leaveEvent(QEvent *event)
{
    m_pointerOver = false;
    QWidget::leaveEvent(event);
    if (!m_press)
        followMarket();
}

bool DepthLadder::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_view && event->type() == QEvent::KeyPress) {
        const auto *key = static_cast<QKeyEvent *>(event);
        if ((key->key() == Qt::Key_Space || key->key() == Qt::Key_C) && (key->modifiers() & ~Qt::KeypadModifier) == Qt::NoModifier) {
            centre();
            return true;
        }
    }
    if (watched != m_view->viewport())
        return QWidget::eventFilter(watched, event);
    switch (event->type()) {
    case QEvent::Resize:
        fitRows();
        return false;
    case QEvent::Wheel: {
        // The trader scrolls the prices a row a notch; nothing else moves them under the pointer.
        m_wheel += static_cast<QWheelEvent *>(event)->angleDelta().y();
        const int rows = m_wheel / 120;
        m_wheel -= rows * 120;
        m_model->shift(rows);
        return true;
    }
    case QEvent::MouseButtonPress:
    case QEvent::MouseMove:
    case QEvent::MouseButtonRelease:
    case QEvent::MouseButtonDblClick:
        return onMouse(static_cast<QMouseEvent *>(event));
    default:
        return QWidget::eventFilter(watched, event);
    }
}

// Press, then release on the same cell: a click. Press on an own order, move, release on another
// row: the order moves there. The price is the one the pressed row showed.
bool DepthLadder::onMouse(QMouseEvent *mouse)
{
    const QPoint at = mouse->position().toPoint();
    const int row = m_view->rowAt(at.y()), column = m_view->columnAt(at.x());
    const std::optional<Price> price = m_model->priceAt(row);
    switch (mouse->type()) {
    case QEvent::MouseButtonPress:
        m_press.reset();
        if (mouse->button() == Qt::LeftButton && price && column >= 0)
            m_press = Press{row, column, *price, at, false};
        return true;
    case QEvent::MouseMove:
        if (!m_press)
            return false;
        if (!m_press->dragging && LadderModel::isOwnColumn(m_press->column) && !pressedOrders().isEmpty()
            && (at - m_press->at).manhattanLength() >= QApplication::startDragDistance()) {
            m_press->dragging = true;
            m_view->viewport()->setCursor(Qt::ClosedHandCursor);
        }
        if (m_press->dragging)
            m_model->setDropRow(row);
        return true;
    case QEvent::MouseButtonRelease: {
        if (mouse->button() != Qt::LeftButton || !m_press)
            return true;
        const Press press = *m_press;
        const QList<OrderRef> orders = pressedOrders();
        m_press.reset();
        m_model->setDropRow(-1);
        m_view->viewport()->unsetCursor();
        if (press.dragging && price && *price != press.price)
            moveOwn(orders, *price);
        else if (!press.dragging && row == press.row && column == press.column && price == press.price)
            clickCell(press);
        if (!m_pointerOver)
            followMarket();
        return true;
    }
    default:
        return true; // a double click is one click: one order, not two
    }
}

QList<OrderRef> DepthLadder::pressedOrders() const
{
    if (!m_press || !LadderModel::isOwnColumn(m_press->column))
        return {};
    return m_model->ownOrders(m_press->price, m_press->column == LadderModel::MyBids ? Side::Buy : Side::Sell);
}

void DepthLadder::clickCell(const Press &press)
{
    switch (press.column) {
    case LadderModel::Bids: trade(Side::Buy, press.price); break;
    case LadderModel::Asks: trade(Side::Sell, press.price); break;
    case LadderModel::MyBids: cancelOwn(m_model->ownOrders(press.price, Side::Buy)); break;
    case LadderModel::MyAsks: cancelOwn(m_model->ownOrders(press.price, Side::Sell)); break;
    default: break;
    }
}

bool DepthLadder::trade(Side side, Price price)
{
    const Instrument *i = m_reference.instrument(m_instrument);
    if (!m_engine || !i)
        return false;
    if (!m_engine->canTrade()) {
        say(tr("Read-only: the %1 role cannot send orders.").arg(m_engine->actor().role), true);
        return false;
    }
    NewOrderCommand c;
    c.account = account();
    c.instrument = i->id;
    c.side = side == Side::Buy ? QStringLiteral("buy") : QStringLiteral("sell");
    c.quantity = parseQuantity(m_quantity->text()).value_or(0);
    c.type = QStringLiteral("limit"); // at the row's price, a day order
    c.timeInForce = QStringLiteral("day");
    c.limitPrice = i->formatPrice(price);
    c.actor = m_engine->actor();
    if (c.quantity <= 0) {
        say(tr("Quantity: write 5mm, 250k or 100"), true);
        return false;
    }
    // The engine's thread checks it (the order manager's own check); it goes when checked.
    m_tradeAsked = c;
    m_previewer->ask(c);
    say(tr("Checking %1 %2 at %3…").arg(formatQuantity(c.quantity, i), i->symbol, c.limitPrice));
    return true;
}

// The engine has checked the clicked order: large ones ask first, then it goes.
void DepthLadder::onChecked(const OrderPreview &p)
{
    if (!m_tradeAsked || !(m_tradeAsked->terms() == m_previewer->asked().terms()))
        return;
    NewOrderCommand c = *m_tradeAsked;
    m_tradeAsked.reset();
    const Instrument *i = m_reference.instrument(c.instrument);
    if (!m_engine || !i)
        return;
    const Side side = c.side == u"buy" ? Side::Buy : Side::Sell;
    if (!p.valid) {
        say(p.problem, true);
        return;
    }
    if (!ClickToTrade::largeOrderConfirmed(c, p.notionalCents, i, m_confirm)) {
        say(side == Side::Buy ? tr("Not sent: buy %1 %2 at %3").arg(formatQuantity(c.quantity, i), i->symbol, c.limitPrice)
                              : tr("Not sent: sell %1 %2 at %3").arg(formatQuantity(c.quantity, i), i->symbol, c.limitPrice),
            true);
        return;
    }
    // Random, not timed: unique across sessions without reading a clock.
    c.clientOrderId = QStringLiteral("%1-L%2").arg(c.actor.user.isEmpty() ? QStringLiteral("t") : c.actor.user,
                                                  QUuid::createUuid().toString(QUuid::Id128).left(12).toUpper());
    m_mine << c.clientOrderId;
    m_engine->submit(c);
    say(side == Side::Buy ? tr("Buy %1 %2 at %3 sent (%4)").arg(formatQuantity(c.quantity, i), i->symbol, c.limitPrice, c.clientOrderId)
                          : tr("Sell %1 %2 at %3 sent (%4)").arg(formatQuantity(c.quantity, i), i->symbol, c.limitPrice, c.clientOrderId));
    Q_EMIT sent(c.clientOrderId);
}

void DepthLadder::cancelOwn(const QList<OrderRef> &orders)
{
    if (!m_engine || !m_engine->canTrade() || orders.isEmpty())
        return;
    int asked = 0;
    for (const OrderRef &o : orders)
        if (o->state != OrderState::PendingCancel) {
            m_mine << o->orderId;
            m_engine->cancel(o->orderId);
            ++asked;
        }
    say(tr("Cancelling %n order(s) at %1", nullptr, asked).arg(m_model->instrument()->formatPrice(*orders.first()->limitPrice)));
}

void DepthLadder::moveOwn(const QList<OrderRef> &orders, Price to)
{
    if (!m_engine || !m_engine->canTrade() || orders.isEmpty())
        return;
    const QString price = m_model->instrument()->formatPrice(to);
    int asked = 0;
    for (const OrderRef &o : orders)
        if (o->state != OrderState::PendingCancel && o->state != OrderState::PendingReplace) {
            m_mine << o->orderId;
            m_engine->replace(o->orderId, std::nullopt, price);
            ++asked;
        }
    say(tr("Moving %n order(s) to %1", nullptr, asked).arg(price));
}

void DepthLadder::onOutcome(const CommandOutcome &outcome)
{
    if (!m_mine.contains(outcome.orderId))
        return;
    if (outcome.accepted)
        say(tr("%1: %2").arg(outcome.orderId, stateName(outcome.state)));
    else
        say(tr("%1 refused: %2").arg(outcome.orderId, outcome.reason), true);
}

} // namespace instant
