#pragma once

// One delivery at a time to a receiver on another thread (the GUI) for what is sent whole each
// time (the portfolio: every account and position). A list sent again before the receiver's
// thread has taken the last would queue behind it: thirty whole books a second, while the GUI is
// busy loading a long log, were hundreds of megabytes. The next is sent once the last was taken;
// what changed meanwhile goes in it, nothing is lost.

#include <QMetaObject>
#include <QObject>

#include <atomic>
#include <memory>

namespace instant {

class GuiDelivery
{
public:
    // `receiver` lives on the receiving thread (the engine's front object, on the GUI thread).
    explicit GuiDelivery(QObject *receiver)
        : m_receiver(receiver)
    {
    }

    // True while the last delivery is still queued for the receiving thread.
    bool inFlight() const { return m_inFlight->load(std::memory_order_acquire); }

    // Call right after emitting: the receiving thread clears the mark after it has run the
    // queued signal (events posted to one thread are delivered in the order they were posted).
    void sent()
    {
        m_inFlight->store(true, std::memory_order_release);
        QMetaObject::invokeMethod(
            m_receiver, [inFlight = m_inFlight] { inFlight->store(false, std::memory_order_release); }, Qt::QueuedConnection);
    }

private:
    QObject *m_receiver;
    std::shared_ptr<std::atomic<bool>> m_inFlight = std::make_shared<std::atomic<bool>>(false);
};

} // namespace instant
