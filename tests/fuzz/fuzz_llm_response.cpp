// A streamed answer from a language model, as the copilot reads it (copilot/llmprotocol.h): the
// bytes go through SseParser (whole, and in pieces of a size the first byte picks: the same
// events either way), then through StreamAccumulator for both chat APIs (OpenAI-style and Cohere).
// Every tool call the answer asks for runs as the copilot session would run it: against the
// tools, with whatever arguments the model wrote.

#include "copilot/copilot.h"
#include "copilot/llmprotocol.h"
#include "fuzzsupport.h"
#include "oms/tradingstate.h"
#include "refdata/referencedata.h"
#include "testmarket.h"

using namespace instant;
using namespace instant::copilot;

namespace {

const ReferenceData &reference()
{
    static const ReferenceData demo = test::market();
    return demo;
}

QString describe(const QList<SseEvent> &events)
{
    QString out;
    for (const SseEvent &e : events)
        out += u'[' + e.event + u'|' + QString::fromUtf8(e.data.toPercentEncoding()) + u']';
    return out;
}

bool same(const QList<SseEvent> &a, const QList<SseEvent> &b)
{
    if (a.size() != b.size())
        return false;
    for (qsizetype i = 0; i < a.size(); ++i)
        if (a.at(i).event != b.at(i).event || a.at(i).data != b.at(i).data)
            return false;
    return true;
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    fuzz::quietQt();
    (void)reference();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 16 * 1024)
        return -1;
    const QByteArray stream = fuzz::bytes(data, size);

    SseParser whole;
    QList<SseEvent> events = whole.feed(stream);
    events += whole.finish();

    const qsizetype step = size ? 1 + data[0] % 13 : 1;
    SseParser pieces;
    QList<SseEvent> again;
    for (qsizetype at = 0; at < stream.size(); at += step)
        again += pieces.feed(stream.mid(at, step));
    again += pieces.finish();
    fuzz::check(same(events, again), "the events depend on how the stream was cut",
                describe(events) + u" / " + QString::number(step) + u": " + describe(again));

    const TradingState empty;
    for (Provider provider : {Provider::OpenAi, Provider::Cohere}) {
        StreamAccumulator accumulator(provider);
        for (const SseEvent &e : std::as_const(events)) {
            const auto added = accumulator.add(e);
            fuzz::check(added.ok() || !added.message().isEmpty(), "a chunk refused without a reason");
        }
        const ChatMessage answer = accumulator.message();
        (void)chatRequest(provider, QStringLiteral("model"), {ChatMessage{QStringLiteral("user"), QStringLiteral("hi"), {}, {}, {}}, answer},
                          {});
        static const SimulatedClock clock(test::MarketOpenUs);
        CopilotTools tools(empty, reference(), nullptr, clock);
        for (const ToolCall &call : answer.toolCalls.mid(0, 4)) {
            const auto result = tools.call(call.name, call.arguments);
            fuzz::check(result.ok() || !result.message().isEmpty(), "a tool failed without a reason", call.name);
        }
    }
    return 0;
}
