#pragma once

// A broker's FIX 4.4 acceptor written by hand on a plain socket, for conformance tests: not
// QuickFIX and not the product's own FIX code, so that the workstation meets a counterparty that
// writes FIX its own way. It keeps the session (logon, heartbeats, test requests, sequence
// numbers, resend with PossDupFlag and gap fill, logout) and leaves the application to the test:
// every order the workstation sends is kept, and the test answers with whatever a real broker may
// send, rude messages included (decimals, off-tick average prices, busts, late fills).

#include <QDateTime>
#include <QHostAddress>
#include <QList>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimeZone>

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace instant::test {

struct FixFields
{
    std::string type;
    std::vector<std::pair<int, std::string>> fields;
    int sequence = 0;

    const std::string *get(int tag) const
    {
        for (const auto &f : fields)
            if (f.first == tag)
                return &f.second;
        return nullptr;
    }
    std::string value(int tag) const
    {
        const std::string *v = get(tag);
        return v ? *v : std::string();
    }
    FixFields &set(int tag, std::string v)
    {
        for (auto &f : fields)
            if (f.first == tag) {
                f.second = std::move(v);
                return *this;
            }
        fields.emplace_back(tag, std::move(v));
        return *this;
    }
};

class ScriptedBroker : public QObject
{
public:
    std::string compId = "BROKER";
    std::string clientCompId;
    QList<FixFields> received;          // application messages from the workstation, in order
    std::function<void(const FixFields &)> onApplication; // the script
    int logons = 0;
    bool answerResends = true;          // resend what the workstation missed (PossDupFlag=Y)
    // When the broker's trades happen (TransactTime): the test market's clock, never the
    // machine's, so that trade and settlement dates are the same on any day. The session's own
    // SendingTime (52) is the machine's: a FIX engine checks it against its clock.
    static inline std::string transactTime = "20261120-14:30:00.000";

    ScriptedBroker()
    {
        QObject::connect(&m_server, &QTcpServer::newConnection, this, [this] { accept(); });
    }
    ~ScriptedBroker() override { drop(); }

    bool listen()
    {
        return m_server.listen(QHostAddress::LocalHost, 0);
    }
    quint16 port() const { return m_server.serverPort(); }
    bool loggedOn() const { return m_loggedOn && m_socket && m_socket->state() == QAbstractSocket::ConnectedState; }
    int nextOutgoing() const { return m_outgoing; }

    // Sends an application message now (or stores it for the next logon when the workstation is
    // away, as a broker's engine does). Returns its sequence number.
    int send(FixFields m)
    {
        m.sequence = m_outgoing++;
        const std::string sendingTime = now();
        m_sent[m.sequence] = {m, sendingTime};
        if (loggedOn())
            write(m, false, sendingTime);
        return m.sequence;
    }
    // A raw line of bytes, for what no engine would send.
    void writeRaw(const std::string &raw)
    {
        if (m_socket) {
            m_socket->write(raw.data(), qint64(raw.size()));
            m_socket->flush();
        }
    }
    void drop()
    {
        if (m_socket) {
            m_socket->abort();
            m_socket->deleteLater();
            m_socket = nullptr;
        }
        m_loggedOn = false;
    }

    // An ExecutionReport with the fields every one carries; `extra` adds or overrides.
    static FixFields report(const std::string &clOrdId, const std::string &orderId, const std::string &execId, char execType,
                            char ordStatus, const FixFields &order, const std::string &leaves, const std::string &cum,
                            std::vector<std::pair<int, std::string>> extra = {})
    {
        FixFields m;
        m.type = "8";
        m.set(37, orderId).set(11, clOrdId).set(17, execId).set(150, std::string(1, execType))
            .set(39, std::string(1, ordStatus)).set(55, order.value(55)).set(54, order.value(54))
            .set(38, order.value(38)).set(151, leaves).set(14, cum).set(6, "0").set(60, transactTime);
        for (auto &[tag, v] : extra)
            m.set(tag, v);
        return m;
    }
    static std::string now()
    {
        return QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyyMMdd-HH:mm:ss.zzz")).toStdString();
    }

    // The application messages of a type received so far.
    QList<FixFields> ofType(const std::string &type) const
    {
        QList<FixFields> out;
        for (const FixFields &m : received)
            if (m.type == type)
                out << m;
        return out;
    }

private:
    struct Stored
    {
        FixFields message;
        std::string sendingTime;
    };

    void accept()
    {
        while (QTcpSocket *s = m_server.nextPendingConnection()) {
            drop();
            m_socket = s;
            m_buffer.clear();
            QObject::connect(s, &QTcpSocket::readyRead, this, [this, s] {
                if (s != m_socket)
                    return;
                m_buffer += s->readAll();
                parseFrames();
            });
            QObject::connect(s, &QTcpSocket::disconnected, this, [this, s] {
                if (s == m_socket)
                    m_loggedOn = false;
            });
        }
    }

    static std::string checksum(const std::string &s)
    {
        unsigned sum = 0;
        for (unsigned char c : s)
            sum += c;
        char buf[4];
        std::snprintf(buf, sizeof buf, "%03u", sum % 256);
        return buf;
    }

    void write(const FixFields &m, bool possDup, const std::string &origSendingTime)
    {
        std::string body = "35=" + m.type + '\x01' + "49=" + compId + '\x01' + "56=" + clientCompId + '\x01'
                           + "34=" + std::to_string(m.sequence) + '\x01' + "52=" + now() + '\x01';
        if (possDup)
            body += "43=Y\x01" "122=" + origSendingTime + '\x01';
        for (const auto &[tag, v] : m.fields)
            body += std::to_string(tag) + '=' + v + '\x01';
        std::string out = "8=FIX.4.4\x01" "9=" + std::to_string(body.size()) + '\x01' + body;
        out += "10=" + checksum(out) + '\x01';
        writeRaw(out);
    }

    void admin(const std::string &type, std::vector<std::pair<int, std::string>> fields)
    {
        FixFields m;
        m.type = type;
        m.fields = std::move(fields);
        m.sequence = m_outgoing++;
        m_sent[m.sequence] = {m, now()};
        write(m, false, {});
    }

    void parseFrames()
    {
        while (true) {
            const qsizetype end = m_buffer.indexOf(QByteArray("\x01" "10="));
            if (end < 0)
                return;
            const qsizetype stop = m_buffer.indexOf('\x01', end + 4);
            if (stop < 0)
                return;
            const QByteArray frame = m_buffer.left(stop + 1);
            m_buffer.remove(0, stop + 1);
            FixFields m;
            for (const QByteArray &field : frame.split('\x01')) {
                const qsizetype eq = field.indexOf('=');
                if (eq <= 0)
                    continue;
                const int tag = field.left(eq).toInt();
                const std::string v = field.mid(eq + 1).toStdString();
                if (tag == 35)
                    m.type = v;
                else if (tag == 34)
                    m.sequence = std::stoi(v);
                else if (tag == 49 && clientCompId.empty())
                    clientCompId = v;
                else if (tag != 8 && tag != 9 && tag != 10 && tag != 49 && tag != 56 && tag != 52 && tag != 43 && tag != 122)
                    m.fields.emplace_back(tag, v);
            }
            handle(m);
        }
    }

    void handle(const FixFields &m)
    {
        if (m.type == "A") {
            ++logons;
            m_loggedOn = true;
            admin("A", {{98, "0"}, {108, m.value(108).empty() ? std::string("30") : m.value(108)}});
            return;
        }
        if (m.type == "1") {
            admin("0", {{112, m.value(112)}});
            return;
        }
        if (m.type == "2") {
            resend(std::stoi(m.value(7)), std::stoi(m.value(16).empty() ? std::string("0") : m.value(16)));
            return;
        }
        if (m.type == "5") {
            admin("5", {});
            m_loggedOn = false;
            return;
        }
        if (m.type == "0" || m.type == "4" || m.type == "3")
            return;
        received << m;
        if (onApplication)
            onApplication(m);
    }

    // Everything from `begin` sent again: application messages with PossDupFlag, the session's own
    // as a gap fill.
    void resend(int begin, int end)
    {
        if (end == 0 || end >= m_outgoing)
            end = m_outgoing - 1;
        int gapFrom = 0;
        auto flushGap = [&](int upTo) {
            if (!gapFrom)
                return;
            FixFields gap;
            gap.type = "4";
            gap.sequence = gapFrom;
            gap.set(123, "Y").set(36, std::to_string(upTo));
            write(gap, true, now());
            gapFrom = 0;
        };
        for (int seq = begin; seq <= end; ++seq) {
            auto it = m_sent.find(seq);
            const bool application = it != m_sent.end() && it->second.message.type != "A" && it->second.message.type != "0"
                                     && it->second.message.type != "5" && it->second.message.type != "4";
            if (application && answerResends) {
                flushGap(seq);
                write(it->second.message, true, it->second.sendingTime);
            } else if (!gapFrom) {
                gapFrom = seq;
            }
        }
        flushGap(end + 1);
    }

    QTcpServer m_server;
    QTcpSocket *m_socket = nullptr;
    QByteArray m_buffer;
    bool m_loggedOn = false;
    int m_outgoing = 1;
    std::map<int, Stored> m_sent;
};

} // namespace instant::test
