#pragma once

#include "engine/orderpreview.h"
#include "oms/ordermanager.h"

#include <QObject>
#include <QPointer>

#include <atomic>
#include <memory>
#include <optional>

namespace instant {

class TradingEngine;

// One asker's previews (a ticket, a ladder, a rebalance panel): ask() as often as the terms
// change; the engine's thread computes the newest and skips the ones it replaced (latest wins),
// and answered() comes for the newest only. Lives on the GUI thread.
class OrderPreviewer : public QObject
{
    Q_OBJECT

public:
    explicit OrderPreviewer(QObject *parent = nullptr);
    void setEngine(const TradingEngine *engine) { m_engine = engine; }
    void ask(const NewOrderCommand &command);
    // The answer for the terms asked last; nullopt while the first answer for them is on its way.
    const std::optional<OrderPreview> &answer() const { return m_answer; }
    const NewOrderCommand &asked() const { return m_asked; }

Q_SIGNALS:
    void answered(const instant::OrderPreview &preview);

private:
    QPointer<const TradingEngine> m_engine;
    std::shared_ptr<std::atomic<quint64>> m_newest = std::make_shared<std::atomic<quint64>>(0);
    std::optional<OrderPreview> m_answer;
    NewOrderCommand m_asked;
};

} // namespace instant
