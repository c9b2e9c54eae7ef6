#pragma once

#include <QObject>
#include <QStringList>

#include <functional>

class QWidget;

namespace instant {

class TradingEngine;

// Quitting while the trader's own orders are working asks first: "Quit anyway", "Cancel them
// all and quit" or "Stay". The question is a function, so tests answer it without a dialog.
// A child of the main window; its closeEvent asks mayQuit().
class QuitQuestion : public QObject
{
    Q_OBJECT

public:
    enum class Answer { QuitAnyway, CancelAllAndQuit, Stay };
    using Ask = std::function<Answer(int working)>;

    QuitQuestion(TradingEngine *engine, QWidget *window);
    void setAsk(Ask ask) { m_ask = std::move(ask); }
    // The trader's working orders (entered by them or on their accounts), from the engine's last
    // published state.
    QStringList workingOrders() const;
    // True when the window may close: nothing working, or the trader said to quit (after asking
    // the engine to cancel them, when that was the answer).
    bool mayQuit();
    // The question in a message box over `window`, Stay by default.
    static Ask messageBox(QWidget *window);

private:
    TradingEngine *m_engine;
    Ask m_ask;
};

} // namespace instant
