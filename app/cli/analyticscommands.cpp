// instant analytics bond | bill | option: price, yield and risk of one instrument (QuantLib).

#include "cli/clisupport.h"

#include "analytics/fixedincome.h"

namespace instant::cli {

int analyticsBond(const QStringList &args, const CommandIo &io)
{
    const QString command = QStringLiteral("analytics bond");
    QCommandLineParser parser;
    for (const auto &[name, help] : std::initializer_list<std::pair<const char *, const char *>>{
             {"coupon", "Coupon, percent a year (4.25)."},
             {"maturity", "Maturity date (ISO 8601)."},
             {"issue", "Dated (issue) date; default: the coupon date before settlement."},
             {"settle", "Settlement date (ISO 8601)."},
             {"price", "Clean price per 100: 99-16, 99-16+, 99-162, 99-16¼ or 99.515625."},
             {"yield", "Yield, percent (4.375)."},
             {"convention", "street (default) or treasury (the auction formula)."}})
        parser.addOption(QCommandLineOption(QString::fromLatin1(name), QString::fromUtf8(help), QStringLiteral("value")));
    parser.addOption(QCommandLineOption(QStringLiteral("json"), QStringLiteral("Print JSON.")));
    if (auto done = parse(io, parser, args, command,
                              QStringLiteral("Price, yield, accrued, dirty price, durations, DV01 and convexity of a Treasury note or bond (QuantLib).")))
        return *done;
    analytics::NoteQuery q;
    bool ok = false;
    q.couponPercent = parser.value(QStringLiteral("coupon")).toDouble(&ok);
    if (!ok)
        return usageError(io, QStringLiteral("--coupon must be a number of percent, such as 4.25"), command);
    auto maturity = dateOption(parser, QStringLiteral("maturity"));
    auto settle = dateOption(parser, QStringLiteral("settle"));
    if (!maturity || !settle)
        return usageError(io, QStringLiteral("--maturity and --settle must be dates such as 2035-11-15"), command);
    q.maturity = *maturity;
    q.settle = *settle;
    if (parser.isSet(QStringLiteral("issue"))) {
        auto issue = dateOption(parser, QStringLiteral("issue"));
        if (!issue)
            return usageError(io, QStringLiteral("--issue must be a date"), command);
        q.dated = *issue;
    }
    if (parser.isSet(QStringLiteral("price")) == parser.isSet(QStringLiteral("yield")))
        return usageError(io, QStringLiteral("give --price or --yield (one of them)"), command);
    if (parser.isSet(QStringLiteral("price"))) {
        auto units = thirtyseconds::parse(parser.value(QStringLiteral("price")));
        if (units) {
            q.cleanPrice = double(*units) / 256.0;
        } else {
            const double d = parser.value(QStringLiteral("price")).toDouble(&ok);
            if (!ok)
                return usageError(io, units.message(), command);
            q.cleanPrice = d;
        }
    } else {
        q.yieldPercent = parser.value(QStringLiteral("yield")).toDouble(&ok);
        if (!ok)
            return usageError(io, QStringLiteral("--yield must be a number of percent, such as 4.375"), command);
    }
    const QString convention = parser.value(QStringLiteral("convention")).toLower();
    if (convention == u"treasury")
        q.convention = analytics::NoteQuery::Convention::Treasury;
    else if (!convention.isEmpty() && convention != u"street")
        return usageError(io, QStringLiteral("--convention is street or treasury"), command);
    auto a = analytics::analyzeNote(q);
    if (!a)
        return usageError(io, a.message(), command);
    return printAnalytics(io, parser, a->toJson());
}

int analyticsBill(const QStringList &args, const CommandIo &io)
{
    const QString command = QStringLiteral("analytics bill");
    QCommandLineParser parser;
    parser.addOption(QCommandLineOption(QStringLiteral("maturity"), QStringLiteral("Maturity date."), QStringLiteral("date")));
    parser.addOption(QCommandLineOption(QStringLiteral("settle"), QStringLiteral("Settlement date."), QStringLiteral("date")));
    parser.addOption(QCommandLineOption(QStringLiteral("price"), QStringLiteral("Price per 100 (98.765432)."), QStringLiteral("price")));
    parser.addOption(QCommandLineOption(QStringLiteral("discount"), QStringLiteral("Discount rate, percent."), QStringLiteral("rate")));
    parser.addOption(QCommandLineOption(QStringLiteral("json"), QStringLiteral("Print JSON.")));
    if (auto done = parse(io, parser, args, command, QStringLiteral("Price, discount rate and investment rate of a Treasury bill.")))
        return *done;
    analytics::BillQuery q;
    auto maturity = dateOption(parser, QStringLiteral("maturity"));
    auto settle = dateOption(parser, QStringLiteral("settle"));
    if (!maturity || !settle)
        return usageError(io, QStringLiteral("--maturity and --settle must be dates such as 2027-05-20"), command);
    q.maturity = *maturity;
    q.settle = *settle;
    if (parser.isSet(QStringLiteral("price")) == parser.isSet(QStringLiteral("discount")))
        return usageError(io, QStringLiteral("give --price or --discount (one of them)"), command);
    bool ok = false;
    if (parser.isSet(QStringLiteral("price")))
        q.price = parser.value(QStringLiteral("price")).toDouble(&ok);
    else
        q.discountPercent = parser.value(QStringLiteral("discount")).toDouble(&ok);
    if (!ok)
        return usageError(io, QStringLiteral("the price or discount is not a number"), command);
    auto a = analytics::analyzeBill(q);
    if (!a)
        return usageError(io, a.message(), command);
    return printAnalytics(io, parser, a->toJson());
}

int analyticsOption(const QStringList &args, const CommandIo &io)
{
    const QString command = QStringLiteral("analytics option");
    QCommandLineParser parser;
    for (const auto &[name, help] : std::initializer_list<std::pair<const char *, const char *>>{
             {"type", "call or put."}, {"spot", "Price of the underlying."}, {"strike", "Strike price."},
             {"expiry", "Expiry date."}, {"vol", "Volatility: 0.25 or 25%."}, {"rate", "Risk-free rate: 0.045 or 4.5%."},
             {"dividend", "Dividend yield: 0.01 or 1% (default 0)."}, {"valuation", "Valuation date (default today)."},
             {"price", "A market price: also solve the implied volatility."}})
        parser.addOption(QCommandLineOption(QString::fromLatin1(name), QString::fromLatin1(help), QStringLiteral("value")));
    parser.addOption(QCommandLineOption(QStringLiteral("json"), QStringLiteral("Print JSON.")));
    if (auto done = parse(io, parser, args, command,
                              QStringLiteral("Black-Scholes-Merton price, delta, gamma, vega, theta, rho and implied volatility (QuantLib).")))
        return *done;
    analytics::OptionQuery q;
    const QString type = parser.value(QStringLiteral("type")).toLower();
    if (type != u"call" && type != u"put")
        return usageError(io, QStringLiteral("--type is call or put"), command);
    q.call = type == u"call";
    bool ok1 = false, ok2 = false;
    q.spot = parser.value(QStringLiteral("spot")).toDouble(&ok1);
    q.strike = parser.value(QStringLiteral("strike")).toDouble(&ok2);
    if (!ok1 || !ok2)
        return usageError(io, QStringLiteral("--spot and --strike must be numbers"), command);
    auto expiry = dateOption(parser, QStringLiteral("expiry"));
    if (!expiry)
        return usageError(io, QStringLiteral("--expiry must be a date"), command);
    q.expiry = *expiry;
    q.valuation = parser.isSet(QStringLiteral("valuation")) ? dateOption(parser, QStringLiteral("valuation")).value_or(QDate())
                                                            : clock().tradeDate();
    if (!q.valuation.isValid())
        return usageError(io, QStringLiteral("--valuation must be a date"), command);
    auto vol = fractionOption(parser.value(QStringLiteral("vol")));
    auto rate = fractionOption(parser.value(QStringLiteral("rate")));
    auto dividend = parser.isSet(QStringLiteral("dividend")) ? fractionOption(parser.value(QStringLiteral("dividend"))) : std::optional<double>(0.0);
    if (!vol || !rate || !dividend)
        return usageError(io, QStringLiteral("--vol, --rate and --dividend are fractions (0.25) or percents (25%)"), command);
    q.volatility = *vol;
    q.rate = *rate;
    q.dividend = *dividend;
    if (parser.isSet(QStringLiteral("price"))) {
        bool ok = false;
        q.marketPrice = parser.value(QStringLiteral("price")).toDouble(&ok);
        if (!ok)
            return usageError(io, QStringLiteral("--price must be a number"), command);
    }
    auto a = analytics::analyzeOption(q);
    if (!a)
        return usageError(io, a.message(), command);
    return printAnalytics(io, parser, a->toJson());
}

} // namespace instant::cli
