// FIX 4.4 application messages both ways (fix/fixsession.h, venue/fixmapping.h). The input is a
// raw FIX message ('\x01' between fields). It goes through fix::parse (QuickFIX: BeginString,
// BodyLength, CheckSum), and, so that the mapping sees bodies a fuzzer would rarely get a valid
// checksum for, it is also split into tag=value fields directly. Each message is read as the
// venue reads a request (fixmap::readRequest) and as the workstation reads a report
// (fixmap::readReport) against the demo reference data. A new order the venue reads, written
// again by the workstation's newOrderSingle, reads back as the same order.

#include "fix/fixsession.h"
#include "fuzzsupport.h"
#include "venue/fixmapping.h"
#include "testmarket.h"

#include <charconv>
#include <string>

using namespace instant;

namespace {

const ReferenceData &reference()
{
    static const ReferenceData demo = test::market();
    return demo;
}

// "8=FIX.4.4\x01" "9=.." "35=D\x01" "11=O-1\x01" ...: every field with a numeric tag; 35 is the
// type, 43 the PossDupFlag, header and trailer fields stay in the body (as if a session let them).
fix::Message split(const std::string &raw)
{
    fix::Message m;
    size_t at = 0;
    while (at < raw.size() && m.fields.size() < 200) {
        size_t end = raw.find('\x01', at);
        if (end == std::string::npos)
            end = raw.size();
        const std::string field = raw.substr(at, end - at);
        at = end + 1;
        const size_t eq = field.find('=');
        int tag = 0;
        const auto [ptr, ec] = std::from_chars(field.data(), field.data() + (eq == std::string::npos ? 0 : eq), tag);
        if (eq == std::string::npos || ec != std::errc() || ptr != field.data() + eq)
            continue;
        const std::string value = field.substr(eq + 1);
        if (tag == 35)
            m.type = value;
        else if (tag == 43)
            m.possibleDuplicate = value == "Y";
        else
            m.fields.emplace_back(tag, value);
    }
    return m;
}

void sameOrder(const fixmap::VenueRequest &a, const fixmap::VenueRequest &b, const fix::Message &written)
{
    const VenueOrder &x = a.order, &y = b.order;
    const bool limit = x.type == OrderType::Limit || x.type == OrderType::StopLimit;
    const bool stop = x.type == OrderType::Stop || x.type == OrderType::StopLimit;
    const bool same = a.clOrdId == b.clOrdId && x.instrument == y.instrument && x.side == y.side && x.type == y.type
                      && x.tif == y.tif && x.quantity == y.quantity && (!limit || x.limitPrice == y.limitPrice)
                      && (!stop || x.stopPrice == y.stopPrice) && x.protectionPrice == y.protectionPrice;
    fuzz::check(same, "a new order written by newOrderSingle reads back different",
                QString::fromStdString(written.text()));
}

void readBothWays(const fix::Message &m)
{
    (void)m.text();
    const fixmap::RequestOrRefusal in = fixmap::readRequest(m, reference());
    if (!in.request) {
        fuzz::check(!in.refusal.text.empty() && in.refusal.tag != 0, "a request refused without a tag or a reason",
                    QString::fromStdString(m.text()));
    } else if (in.request->kind == fixmap::VenueRequest::Kind::New && in.rejectText.isEmpty()) {
        const fixmap::VenueRequest &r = *in.request;
        fuzz::check(r.order.quantity > Quantity(0), "a new order without a quantity");
        const Instrument *instrument = reference().instrument(r.order.instrument);
        fuzz::check(instrument != nullptr, "a new order for an unknown symbol without a reject text");
        const fix::Message written = fixmap::newOrderSingle(r.order, *instrument, r.clOrdId, 1'795'186'800'000'000, fixmap::Bilateral{true});
        const fixmap::RequestOrRefusal back = fixmap::readRequest(written, reference());
        fuzz::check(back.request.has_value() && back.rejectText.isEmpty(), "newOrderSingle wrote a request the venue refuses",
                    QString::fromStdString(written.text() + " / " + back.refusal.text) + back.rejectText);
        sameOrder(r, *back.request, written);
    }

    const auto report = fixmap::readReport(m, reference());
    fuzz::check(report.ok() || !report.message().isEmpty(), "a report refused without a reason");
    if (report)
        (void)fixmap::orderIdOf(report->clOrdId);
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
    if (size > 4096)
        return -1;
    const std::string raw(reinterpret_cast<const char *>(data), size);
    fix::Message parsed;
    std::string error;
    if (fix::parse(raw, parsed, error))
        readBothWays(parsed);
    else
        fuzz::check(!error.empty(), "fix::parse refused a message without a reason");
    readBothWays(split(raw));
    return 0;
}
