#pragma once

// Streamed chunks as the two chat APIs send them (kept out of the test's class file: moc does not
// read raw string literals well).

#include <QByteArray>
#include <QList>

namespace fixtures {

inline QList<QByteArray> openAiChunks()
{
    return {
            R"({"choices":[{"delta":{"role":"assistant","content":"Let me "}}]})",
            R"({"choices":[{"delta":{"content":"check."}}]})",
            R"({"choices":[{"delta":{"tool_calls":[{"index":0,"id":"call_1","type":"function","function":{"name":"get_positions","arguments":"{\"acc"}}]}}]})",
            R"({"choices":[{"delta":{"tool_calls":[{"index":0,"function":{"arguments":"ount\":\"DESK-01\"}"}}]}}]})",
            R"({"choices":[{"delta":{},"finish_reason":"tool_calls"}]})"};
}

inline QList<QByteArray> cohereChunks()
{
    return {
            R"({"type":"message-start","delta":{"message":{"role":"assistant"}}})",
            R"({"type":"content-delta","index":0,"delta":{"message":{"content":{"text":"DV01 is "}}}})",
            R"({"type":"content-delta","index":0,"delta":{"message":{"content":{"text":"$4,000."}}}})",
            R"({"type":"tool-call-start","index":0,"delta":{"message":{"tool_calls":{"id":"t1","type":"function","function":{"name":"get_risk","arguments":""}}}}})",
            R"({"type":"tool-call-delta","index":0,"delta":{"message":{"tool_calls":{"function":{"arguments":"{}"}}}}})",
            R"({"type":"message-end","delta":{"finish_reason":"TOOL_CALL"}})"};
}

inline QByteArray openAiError()
{
    return R"({"error":{"message":"rate limited"}})";
}

} // namespace fixtures
