#include "refdata/securitymaster.h"

#include "common/csv.h"
#include "refdata/referencedata.h"

#include <QHash>
#include <QRegularExpression>

#include <cmath>
#include <optional>
#include <variant>

namespace instant {

namespace {

// "Price per $100", "price_per100" and "pricePer100" are one column.
QString columnKey(const QString &header)
{
    QString key;
    for (QChar c : header)
        if (c.isLetterOrNumber())
            key.append(c.toLower());
    return key;
}

class Columns
{
public:
    explicit Columns(const QStringList &header)
    {
        for (int i = 0; i < header.size(); ++i)
            m_index.insert(columnKey(header.at(i)), i);
    }
    std::optional<int> find(std::initializer_list<const char *> names) const
    {
        for (const char *n : names)
            if (auto it = m_index.constFind(QString::fromLatin1(n)); it != m_index.cend())
                return *it;
        return std::nullopt;
    }
    bool has(std::initializer_list<const char *> names) const { return find(names).has_value(); }

    // The required columns missing, by their published names.
    struct Required
    {
        const char *name;
        const char *key;
        const char *alias = nullptr;
    };
    template <std::size_t N>
    QStringList missing(const Required (&required)[N]) const
    {
        QStringList out;
        for (const Required &r : required)
            if (!find({r.key}) && !(r.alias && find({r.alias})))
                out << QString::fromLatin1(r.name);
        return out;
    }

private:
    QHash<QString, int> m_index;
};

// A row's cells by column, with the Treasury's decorations taken off ("4.125%", "$99.5", "null").
struct Row
{
    const CsvRecord &record;
    QString cell(std::optional<int> column) const
    {
        if (!column || *column >= record.fields.size())
            return {};
        QString v = record.fields.at(*column).trimmed();
        if (v.compare(QLatin1String("null"), Qt::CaseInsensitive) == 0 || v == u"-")
            return {};
        return v;
    }
    QString number(std::optional<int> column) const
    {
        QString v = cell(column);
        v.remove(u'%').remove(u'$').remove(u',');
        return v.trimmed();
    }
};

struct RowError
{
    int line = 0;
    QString why;
};

// 2023-11-14, 2023-11-14T00:00:00, 11/14/2023.
QDate parseDate(const QString &text)
{
    const QString t = text.trimmed();
    if (t.size() >= 10 && t.at(4) == u'-')
        return QDate::fromString(t.left(10), Qt::ISODate);
    static const QRegularExpression us(QStringLiteral(R"(^(\d{1,2})/(\d{1,2})/(\d{4})$)"));
    if (const auto m = us.match(t); m.hasMatch())
        return QDate(m.captured(3).toInt(), m.captured(1).toInt(), m.captured(2).toInt());
    return {};
}

std::optional<double> parseNumber(const QString &text)
{
    bool ok = false;
    const double v = text.toDouble(&ok);
    if (!ok || !std::isfinite(v))
        return std::nullopt;
    return v;
}

// "13-Week" → 13W, "10-Year" → 10Y, "42-Day" → 42D, "29-Year 10-Month" → 30Y.
QString tenorOfTerm(const QString &term)
{
    static const QRegularExpression re(QStringLiteral(R"(^\s*(\d+)-(Week|Year|Day|Month)(?:\s+(\d+)-Month)?\s*$)"),
                                       QRegularExpression::CaseInsensitiveOption);
    const auto m = re.match(term);
    if (!m.hasMatch())
        return {};
    const int n = m.captured(1).toInt();
    const QString unit = m.captured(2).toLower();
    if (unit == u"week")
        return QStringLiteral("%1W").arg(n);
    if (unit == u"day")
        return QStringLiteral("%1D").arg(n);
    if (unit == u"month")
        return QStringLiteral("%1M").arg(n);
    const int months = m.capturedLength(3) > 0 ? m.captured(3).toInt() : 0;
    return QStringLiteral("%1Y").arg(n + (months >= 6 ? 1 : 0));
}

// The coupon date on or before `issue`, back from maturity (the issue's dated date when the file
// does not say).
QDate datedBefore(QDate issue, QDate maturity)
{
    const bool endOfMonth = maturity.day() == maturity.daysInMonth();
    for (int k = 0;; ++k) {
        QDate d = maturity.addMonths(-6 * k);
        if (endOfMonth)
            d = QDate(d.year(), d.month(), d.daysInMonth());
        if (d <= issue)
            return d;
    }
}

// One auction result; a reopening is another row of the same CUSIP.
struct Auction
{
    int line = 0;
    Instrument instrument;
    QDate issueDate;
    double highYield = -1;
};

class TreasuryAuctionsReader
{
public:
    explicit TreasuryAuctionsReader(const Columns &c)
        : cusip(c.find({"cusip"})), type(c.find({"securitytype"})), term(c.find({"securityterm"})),
          auction(c.find({"auctiondate"})), issue(c.find({"issuedate"})), maturity(c.find({"maturitydate"})),
          rate(c.find({"interestrate", "intrate"})), yield(c.find({"highyield"})), price(c.find({"priceper100"})),
          dated(c.find({"dateddate"})), subtype(c.find({"type"})), tips(c.find({"inflationindexsecurity", "tips"})),
          floating(c.find({"floatingrate", "frn"}))
    {
    }

    static QStringList missing(const Columns &c)
    {
        static const Columns::Required required[] = {
            {"CUSIP", "cusip"}, {"Security Type", "securitytype"}, {"Security Term", "securityterm"},
            {"Auction Date", "auctiondate"}, {"Issue Date", "issuedate"}, {"Maturity Date", "maturitydate"},
            {"Interest Rate", "interestrate", "intrate"}, {"High Yield", "highyield"}, {"Price per $100", "priceper100"}};
        return c.missing(required);
    }

    std::variant<Auction, QString> read(const Row &r) const
    {
        Auction a;
        a.line = r.record.line;
        Instrument &i = a.instrument;
        i.id = r.cell(cusip).toUpper();
        if (!isValidCusip(i.id))
            return QStringLiteral("\"%1\" is not a CUSIP (nine characters, the last its check digit)").arg(r.cell(cusip));
        const QString kind = r.cell(type).toLower();
        const QString sub = r.cell(subtype).toUpper();
        auto yes = [&](std::optional<int> column) { return r.cell(column).compare(QLatin1String("yes"), Qt::CaseInsensitive) == 0; };
        if (sub == u"FRN" || sub == u"TIPS" || kind == u"frn" || kind == u"tips" || yes(tips) || yes(floating))
            return QStringLiteral("%1 is a %2: floating-rate and inflation-protected securities are not supported")
                .arg(i.id, !sub.isEmpty() ? sub : yes(tips) ? QStringLiteral("TIPS") : yes(floating) ? QStringLiteral("FRN") : kind.toUpper());
        if (kind == u"bill" || kind == u"cmb")
            i.kind = InstrumentKind::TreasuryBill;
        else if (kind == u"note")
            i.kind = InstrumentKind::TreasuryNote;
        else if (kind == u"bond")
            i.kind = InstrumentKind::TreasuryBond;
        else
            return QStringLiteral("security type \"%1\" is not Bill, Note or Bond").arg(r.cell(type));
        i.tenor = tenorOfTerm(r.cell(term));
        if (i.tenor.isEmpty())
            return QStringLiteral("security term \"%1\" is not a term such as 13-Week or 10-Year").arg(r.cell(term));
        const QDate auctioned = parseDate(r.cell(auction));
        a.issueDate = parseDate(r.cell(issue));
        i.maturityDate = parseDate(r.cell(maturity));
        if (!auctioned.isValid() || !a.issueDate.isValid() || !i.maturityDate.isValid())
            return QStringLiteral("the auction, issue and maturity dates must be dates (2023-11-14 or 11/14/2023)");
        if (auctioned > a.issueDate || a.issueDate >= i.maturityDate)
            return QStringLiteral("the dates are out of order: auctioned %1, issued %2, maturing %3")
                .arg(auctioned.toString(Qt::ISODate), a.issueDate.toString(Qt::ISODate), i.maturityDate.toString(Qt::ISODate));
        const QString rateText = r.number(rate);
        if (i.kind == InstrumentKind::TreasuryBill) {
            if (!rateText.isEmpty() && parseNumber(rateText).value_or(-1) != 0)
                return QStringLiteral("a bill pays no interest: interest rate \"%1\"").arg(r.cell(rate));
            i.datedDate = a.issueDate;
        } else {
            const auto coupon = parseNumber(rateText);
            if (!coupon || *coupon <= 0 || *coupon > 20)
                return QStringLiteral("interest rate \"%1\" is not a coupon (percent, above 0 and at most 20)").arg(r.cell(rate));
            i.couponPercent = std::round(*coupon * 1000.0) / 1000.0;
            const QDate givenDated = parseDate(r.cell(dated));
            i.datedDate = givenDated.isValid() ? givenDated : datedBefore(a.issueDate, i.maturityDate);
        }
        const QString yieldText = r.number(yield);
        if (!yieldText.isEmpty()) {
            const auto y = parseNumber(yieldText);
            if (!y || *y < -5 || *y > 50)
                return QStringLiteral("high yield \"%1\" is not a yield in percent").arg(r.cell(yield));
            a.highYield = *y;
        }
        const auto px = parseNumber(r.number(price));
        if (!px || *px <= 0 || *px > 200)
            return QStringLiteral("price per $100 \"%1\" is not a price (an auction not held yet has none)").arg(r.cell(price));
        i.quotedPer100 = true;
        i.lotSize = 1000;
        if (i.kind == InstrumentKind::TreasuryBill) {
            i.priceScale = 100000;
            i.tickSize = 5;
            i.annualVolatility = 15;
        } else {
            const double years = double(a.issueDate.daysTo(i.maturityDate)) / 365.25;
            i.priceScale = thirtyseconds::UnitsPerPoint;
            i.tickSize = years <= 3.5 ? 1 : years <= 7.5 ? 2 : 4; // 1/8, 1/4, 1/2 of a 32nd
            i.annualVolatility = 80;
        }
        i.referencePrice = Price(std::max<qint64>(1, qRound64(*px * double(i.priceScale) / double(i.tickSize))) * i.tickSize);
        i.symbol = treasuryName(i);
        i.description = i.kind == InstrumentKind::TreasuryBill
                            ? QStringLiteral("US Treasury bill %1 due %2").arg(i.tenor, i.maturityDate.toString(Qt::ISODate))
                            : QStringLiteral("US Treasury %1 %2% due %3")
                                  .arg(i.kind == InstrumentKind::TreasuryBond ? QStringLiteral("bond") : QStringLiteral("note"))
                                  .arg(i.couponPercent, 0, 'f', 3)
                                  .arg(i.maturityDate.toString(Qt::ISODate));
        return a;
    }

private:
    std::optional<int> cusip, type, term, auction, issue, maturity, rate, yield, price, dated, subtype, tips, floating;
};

class ListedEquitiesReader
{
public:
    ListedEquitiesReader(const Columns &c, const std::function<const Instrument *(const QString &)> &known,
                         const QHash<QString, Instrument> &earlier)
        : symbol(c.find({"symbol"})), underlying(c.find({"underlying"})), type(c.find({"type"})), strike(c.find({"strike"})),
          expiry(c.find({"expiry", "expiration"})), multiplier(c.find({"multiplier"})),
          price(c.find({"price", "referenceprice", "close"})), name(c.find({"name", "description"})), m_known(known), m_earlier(earlier)
    {
    }

    static QStringList missing(const Columns &c)
    {
        static const Columns::Required required[] = {{"symbol", "symbol"}, {"underlying", "underlying"}, {"type", "type"},
                                                     {"strike", "strike"}, {"expiry", "expiry", "expiration"},
                                                     {"multiplier", "multiplier"}};
        return c.missing(required);
    }

    std::variant<Instrument, QString> read(const Row &r) const
    {
        Instrument i;
        const QString kind = r.cell(type).toLower();
        const QString sym = r.cell(symbol).toUpper();
        i.priceScale = 100;
        i.tickSize = 1;
        i.lotSize = 1;
        static const QRegularExpression ticker(QStringLiteral(R"(^[A-Z][A-Z0-9.\-]{0,9}$)"));
        if (kind == u"equity" || kind == u"stock") {
            if (!ticker.match(sym).hasMatch())
                return QStringLiteral("\"%1\" is not a ticker (a letter, then up to 9 letters, digits, . or -)").arg(r.cell(symbol));
            if (!r.cell(underlying).isEmpty() && r.cell(underlying).toUpper() != sym)
                return QStringLiteral("a stock is its own underlying, not %1").arg(r.cell(underlying));
            if (!r.cell(strike).isEmpty() || !r.cell(expiry).isEmpty())
                return QStringLiteral("a stock has no strike and no expiry");
            if (!r.cell(multiplier).isEmpty() && r.number(multiplier) != u"1")
                return QStringLiteral("a stock's multiplier is 1, not %1").arg(r.cell(multiplier));
            i.kind = InstrumentKind::Equity;
            i.id = sym;
            i.symbol = sym;
            i.description = r.cell(name).isEmpty() ? sym : r.cell(name);
            i.annualVolatility = 0.25;
        } else if (kind == u"call" || kind == u"put") {
            i.kind = InstrumentKind::EquityOption;
            i.right = kind == u"call" ? OptionRight::Call : OptionRight::Put;
            i.underlying = r.cell(underlying).toUpper();
            if (!ticker.match(i.underlying).hasMatch())
                return QStringLiteral("underlying \"%1\" is not a ticker").arg(r.cell(underlying));
            const auto earlier = m_earlier.constFind(i.underlying);
            const Instrument *u = earlier != m_earlier.cend() ? &*earlier : m_known ? m_known(i.underlying) : nullptr;
            if (!u || u->kind != InstrumentKind::Equity)
                return QStringLiteral("underlying %1 is not a stock this desk knows (list it first, in this file or before)").arg(i.underlying);
            const auto k = parseNumber(r.number(strike));
            if (!k || *k <= 0 || *k > 1e6 || std::abs(*k * 100 - std::round(*k * 100)) > 1e-6)
                return QStringLiteral("strike \"%1\" is not a price in dollars and cents").arg(r.cell(strike));
            i.strike = Price(qRound64(*k * 100));
            i.expiry = parseDate(r.cell(expiry));
            if (!i.expiry.isValid())
                return QStringLiteral("expiry \"%1\" is not a date").arg(r.cell(expiry));
            bool ok = false;
            i.contractMultiplier = r.number(multiplier).isEmpty() ? 100 : r.number(multiplier).toLongLong(&ok);
            if (!r.number(multiplier).isEmpty() && (!ok || i.contractMultiplier <= 0 || i.contractMultiplier > 100000))
                return QStringLiteral("multiplier \"%1\" is not a whole number of shares").arg(r.cell(multiplier));
            const QString cp = i.right == OptionRight::Call ? QStringLiteral("C") : QStringLiteral("P");
            i.id = QStringLiteral("%1%2%3%4").arg(i.underlying, i.expiry.toString(QStringLiteral("yyMMdd")), cp).arg(i.strike.value() * 10, 8, 10, QLatin1Char('0'));
            i.symbol = sym.isEmpty() ? QStringLiteral("%1 %2 %3 %4").arg(i.underlying, i.expiry.toString(QStringLiteral("ddMMMyy")).toUpper())
                                           .arg(*k, 0, 'f', *k == std::round(*k) ? 0 : 2).arg(cp)
                                     : sym;
            if (sym.startsWith(i.underlying) && !sym.contains(u' ') && sym != i.id)
                return QStringLiteral("symbol %1 is not the OCC symbol of these terms (%2)").arg(sym, i.id);
            i.description = QStringLiteral("%1 %2 %3 %4").arg(u->description, i.expiry.toString(Qt::ISODate)).arg(*k, 0, 'f', 2)
                                .arg(i.right == OptionRight::Call ? QStringLiteral("call") : QStringLiteral("put"));
            i.annualVolatility = u->annualVolatility;
        } else {
            return QStringLiteral("type \"%1\" is not equity, call or put").arg(r.cell(type));
        }
        const QString px = r.number(price);
        if (!px.isEmpty()) {
            const auto p = parseNumber(px);
            if (!p || *p <= 0 || *p > 1e7)
                return QStringLiteral("price \"%1\" is not a price").arg(r.cell(price));
            i.referencePrice = Price(std::max<qint64>(1, qRound64(*p * 100)));
        }
        return i;
    }

private:
    std::optional<int> symbol, underlying, type, strike, expiry, multiplier, price, name;
    const std::function<const Instrument *(const QString &)> &m_known;
    const QHash<QString, Instrument> &m_earlier;
};

Error refused(const QList<RowError> &errors)
{
    QStringList lines;
    for (const RowError &e : errors.mid(0, 20))
        lines << QStringLiteral("line %1: %2").arg(e.line).arg(e.why);
    if (errors.size() > 20)
        lines << QStringLiteral("… and %1 more").arg(errors.size() - 20);
    return makeError(ErrorCode::InvalidArgument, lines.join(u'\n'));
}

// Several auctions of one CUSIP (reopenings) are one security: the same terms, the first issue's
// dated date and tenor, the newest auction's price.
Result<SecurityMaster> mergeAuctions(QList<Auction> auctions, int rows)
{
    std::stable_sort(auctions.begin(), auctions.end(), [](const Auction &a, const Auction &b) { return a.issueDate < b.issueDate; });
    QHash<QString, qsizetype> at;
    SecurityMaster out;
    out.rows = rows;
    QList<RowError> errors;
    for (const Auction &a : std::as_const(auctions)) {
        auto it = at.constFind(a.instrument.id);
        if (it == at.cend()) {
            at.insert(a.instrument.id, out.instruments.size());
            out.instruments.append(a.instrument);
            out.lines.append(a.line);
            continue;
        }
        Instrument &first = out.instruments[*it];
        if (first.kind != a.instrument.kind || first.maturityDate != a.instrument.maturityDate
            || first.couponPercent != a.instrument.couponPercent) {
            errors.append({a.line, QStringLiteral("%1 is also on line %2 with other terms (a reopening keeps the coupon and maturity)")
                                       .arg(a.instrument.id).arg(out.lines.at(*it))});
            continue;
        }
        first.referencePrice = a.instrument.referencePrice;
    }
    if (!errors.isEmpty())
        return refused(errors);
    return out;
}

} // namespace

Result<SecurityMaster> readSecurityMaster(const QByteArray &bytes, const std::function<const Instrument *(const QString &)> &known)
{
    auto records = readCsv(bytes);
    if (!records)
        return records.error();
    if (records->isEmpty())
        return makeError(ErrorCode::InvalidArgument, QStringLiteral("the file is empty"));
    const CsvRecord &header = records->constFirst();
    const Columns columns(header.fields);
    const bool treasury = columns.has({"cusip"});
    const bool equities = columns.has({"symbol"}) && columns.has({"type"});
    if (!treasury && !equities)
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("line %1: the header names neither Treasury auction results (CUSIP, Security Type, …) "
                                        "nor equities and options (symbol, underlying, type, …)").arg(header.line));
    const QStringList missing = treasury ? TreasuryAuctionsReader::missing(columns) : ListedEquitiesReader::missing(columns);
    if (!missing.isEmpty())
        return makeError(ErrorCode::InvalidArgument, QStringLiteral("line %1: the header lacks %2").arg(header.line).arg(missing.join(QStringLiteral(", "))));
    if (records->size() == 1)
        return makeError(ErrorCode::InvalidArgument, QStringLiteral("the file has a header and no rows"));

    QList<RowError> errors;
    const int rows = int(records->size()) - 1;
    auto shapeOk = [&](const CsvRecord &r) {
        if (r.fields.size() == header.fields.size())
            return true;
        errors.append({r.line, QStringLiteral("%1 fields where the header has %2").arg(r.fields.size()).arg(header.fields.size())});
        return false;
    };
    if (treasury) {
        const TreasuryAuctionsReader reader(columns);
        QList<Auction> auctions;
        for (qsizetype k = 1; k < records->size(); ++k) {
            const CsvRecord &r = records->at(k);
            if (!shapeOk(r))
                continue;
            auto read = reader.read(Row{r});
            if (auto *why = std::get_if<QString>(&read))
                errors.append({r.line, *why});
            else
                auctions.append(std::get<Auction>(std::move(read)));
        }
        if (!errors.isEmpty())
            return refused(errors);
        auto merged = mergeAuctions(std::move(auctions), rows);
        if (merged)
            merged->format = SecurityMaster::Format::TreasuryAuctions;
        return merged;
    }
    SecurityMaster out;
    out.format = SecurityMaster::Format::EquitiesAndOptions;
    out.rows = rows;
    QHash<QString, Instrument> earlier; // by id: stocks listed above an option on them
    QHash<QString, int> lineOf;
    const ListedEquitiesReader reader(columns, known, earlier);
    for (qsizetype k = 1; k < records->size(); ++k) {
        const CsvRecord &r = records->at(k);
        if (!shapeOk(r))
            continue;
        auto read = reader.read(Row{r});
        if (auto *why = std::get_if<QString>(&read)) {
            errors.append({r.line, *why});
            continue;
        }
        Instrument i = std::get<Instrument>(std::move(read));
        if (lineOf.contains(i.id)) {
            errors.append({r.line, QStringLiteral("%1 is listed twice (line %2)").arg(i.id).arg(lineOf.value(i.id))});
            continue;
        }
        lineOf.insert(i.id, r.line);
        earlier.insert(i.id, i);
        out.instruments.append(i);
        out.lines.append(r.line);
    }
    if (!errors.isEmpty())
        return refused(errors);
    return out;
}

} // namespace instant
