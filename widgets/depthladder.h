#pragma once

#include "clicktotrade.h"
#include "laddermodel.h"

#include "oms/ordermanager.h"

#include <QHash>
#include <QPoint>
#include <QWidget>

#include <optional>

class QComboBox;
class QLabel;
class QLineEdit;
class QMouseEvent;
class QPushButton;
class QTableView;

namespace instant {

class ReferenceData;
struct CommandOutcome;
struct Instrument;
class TradingEngine;
class OrderPreviewer;
struct OrderPreview;

// The depth ladder for one instrument: click-to-trade on prices that stay where they are. A click
// on the bid column buys at the row's price, on the ask column sells, with the click quantity
// shown above the rows; a click on an own order cancels it, a drag moves it to another price.
// The rows re-centre on Space, C or the Centre button, and by themselves only while the pointer is
// away from the ladder and the market has left the rows.
class DepthLadder : public QWidget
{
    Q_OBJECT

public:
    DepthLadder(TradingEngine *engine, const ReferenceData &reference, QWidget *parent = nullptr);
    void setInstrument(const QString &instrument);
    QString instrument() const { return m_instrument; }
    QTableView *view() const { return m_view; }
    LadderModel *model() const { return m_model; }
    void applyDepth(const QString &instrument, const QList<LevelView> &bids, const QList<LevelView> &asks);
    void applyOrders(const QList<OrderRef> &orders);

    // The quantity a click trades ("5mm", "250k", "100"): the instrument's usual one until the
    // trader sets another, and the usual one again whenever the instrument changes.
    QString clickQuantity() const;
    void setClickQuantity(const QString &quantity);
    QString account() const;
    void setAccount(const QString &account);
    // Large orders ask first; tests answer the question themselves.
    void setConfirmation(ClickToTrade::Question ask) { m_confirm = std::move(ask); }

    bool pointerOver() const { return m_pointerOver; }
    void centre(); // the market on the middle row
    QString statusText() const;

Q_SIGNALS:
    void sent(const QString &orderId);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void enterEvent(QEnterEvent *event) override;
    void leaveEvent(QEvent *event) override;

private:
    struct Press
    {
        int row = -1;
        int column = -1;
        Price price;
        QPoint at;
        bool dragging = false;
    };
    void followEngine();
    bool onMouse(QMouseEvent *mouse);
    QList<OrderRef> pressedOrders() const; // the own orders under the press, if it is on them
    void clickCell(const Press &press);
    bool trade(Side side, Price price); // true: asked (it goes once the engine has checked it)
    void onChecked(const OrderPreview &preview);
    void cancelOwn(const QList<OrderRef> &orders);
    void moveOwn(const QList<OrderRef> &orders, Price to);
    void followMarket();
    void showMarketAway(int direction); // 1: above the rows, -1: below, 0: on them
    void fitRows();
    void refreshOwnOrders();
    void showQuantityUnits();
    void onOutcome(const CommandOutcome &outcome);
    void say(const QString &text, bool problem = false);

    TradingEngine *m_engine;
    const ReferenceData &m_reference;
    OrderPreviewer *m_previewer;
    QString m_instrument;
    QLabel *m_title;
    QComboBox *m_account;
    QLineEdit *m_quantity;
    QLabel *m_units;
    QPushButton *m_centre;
    QTableView *m_view;
    QLabel *m_status;
    LadderModel *m_model;
    ClickToTrade::Question m_confirm;
    QHash<QString, OrderRef> m_working; // the trader's own working orders, every instrument
    QStringList m_mine;                 // orders sent from the ladder, for their outcome
    std::optional<NewOrderCommand> m_tradeAsked; // clicked, waiting for the engine's check
    std::optional<Press> m_press;
    bool m_pointerOver = false;
    bool m_onMarket = false; // centred on the market since the instrument was set
    int m_wheel = 0;         // wheel turn not yet a whole row
};

} // namespace instant
