// Compiled as C++14: QuickFIX's headers declare dynamic exception specifications.
#include "fix/fixsession.h"

#include <quickfix/Application.h>
#include <quickfix/Exceptions.h>
#include <quickfix/FileLog.h>
#include <quickfix/FileStore.h>
#include <quickfix/Message.h>
#include <quickfix/Session.h>
#include <quickfix/SessionSettings.h>
#include <quickfix/ThreadedSSLSocketAcceptor.h>
#include <quickfix/ThreadedSSLSocketInitiator.h>
#include <quickfix/ThreadedSocketAcceptor.h>
#include <quickfix/ThreadedSocketInitiator.h>

#include <mutex>
#include <sstream>

#if defined(__linux__)
#include <arpa/inet.h>
#include <cstring>
#include <dlfcn.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <map>
#include <mutex>

// QuickFIX 1.15 listens on every interface (its acceptor binds INADDR_ANY, with no setting for
// an address). An acceptor that was asked for one address must not be reachable on the others:
// while an acceptor on a port is registered here, a bind of that port to INADDR_ANY, which only
// QuickFIX's acceptor makes, is made to the registered address instead. Every other bind goes
// through unchanged.
namespace {
std::mutex acceptMutex;
std::map<int, in_addr> &acceptAddresses()
{
    static std::map<int, in_addr> ports;
    return ports;
}
} // namespace

extern "C" int bind(int fd, const struct sockaddr *address, socklen_t length)
{
    using Real = int (*)(int, const struct sockaddr *, socklen_t);
    static const Real real = reinterpret_cast<Real>(dlsym(RTLD_NEXT, "bind"));
    if (address && address->sa_family == AF_INET && length >= socklen_t(sizeof(sockaddr_in))) {
        sockaddr_in in;
        std::memcpy(&in, address, sizeof in);
        if (in.sin_addr.s_addr == htonl(INADDR_ANY)) {
            std::lock_guard<std::mutex> lock(acceptMutex);
            auto it = acceptAddresses().find(ntohs(in.sin_port));
            if (it != acceptAddresses().end()) {
                in.sin_addr = it->second;
                return real(fd, reinterpret_cast<const sockaddr *>(&in), sizeof in);
            }
        }
    }
    return real(fd, address, length);
}

namespace {
// False when the address is not an IPv4 address.
bool registerAcceptAddress(int port, const std::string &address)
{
    if (address.empty() || address == "0.0.0.0")
        return true;
    in_addr in{};
    if (inet_pton(AF_INET, address.c_str(), &in) != 1)
        return false;
    std::lock_guard<std::mutex> lock(acceptMutex);
    acceptAddresses()[port] = in;
    return true;
}
void unregisterAcceptAddress(int port)
{
    std::lock_guard<std::mutex> lock(acceptMutex);
    acceptAddresses().erase(port);
}
} // namespace
#else
namespace {
bool registerAcceptAddress(int, const std::string &address)
{
    return address.empty() || address == "0.0.0.0" || address == "127.0.0.1"; // see the note in the README
}
void unregisterAcceptAddress(int) {}
} // namespace
#endif

namespace instant {
namespace fix {

const std::string *Message::get(int tag) const
{
    for (const auto &f : fields)
        if (f.first == tag)
            return &f.second;
    return nullptr;
}

void Message::set(int tag, std::string value)
{
    for (auto &f : fields)
        if (f.first == tag) {
            f.second = std::move(value);
            return;
        }
    fields.emplace_back(tag, std::move(value));
}

std::string Message::text() const
{
    std::string out = "35=" + type;
    for (const auto &f : fields)
        out += '|' + std::to_string(f.first) + '=' + f.second;
    return out;
}

namespace {

Message fromQuickFix(const FIX::Message &m)
{
    Message out;
    out.type = m.getHeader().getField(FIX::FIELD::MsgType);
    FIX::PossDupFlag dup;
    out.possibleDuplicate = m.getHeader().getFieldIfSet(dup) && dup.getValue();
    for (auto it = m.begin(); it != m.end(); ++it)
        out.fields.emplace_back(it->getTag(), it->getString());
    return out;
}

FIX::Message toQuickFix(const Message &m)
{
    FIX::Message out;
    out.getHeader().setField(FIX::FIELD::BeginString, "FIX.4.4");
    out.getHeader().setField(FIX::FIELD::MsgType, m.type);
    for (const auto &f : m.fields)
        out.setField(f.first, f.second);
    return out;
}

} // namespace

class Endpoint::Impl : public FIX::Application
{
public:
    Impl(Role role, SessionConfig config, Handlers handlers)
        : m_role(role), m_config(std::move(config)), m_handlers(std::move(handlers))
    {
    }

    ~Impl() override { stop(); }

    bool start(std::string &error)
    {
        if (m_config.senderCompId.empty() || m_config.targetCompIds.empty()) {
            error = "a FIX session needs a SenderCompID and at least one TargetCompID";
            return false;
        }
        if (m_config.port <= 0 || m_config.port > 65535) {
            error = "the FIX port must be between 1 and 65535";
            return false;
        }
        if (m_config.stateDirectory.empty()) {
            error = "the FIX session needs a directory for its sequence numbers";
            return false;
        }
        std::ostringstream ini;
        const bool initiator = m_role == Role::Initiator;
        ini << "[DEFAULT]\n"
            << "ConnectionType=" << (initiator ? "initiator" : "acceptor") << "\n"
            << "BeginString=FIX.4.4\n"
            << "SenderCompID=" << m_config.senderCompId << "\n"
            << "HeartBtInt=" << m_config.heartbeatSeconds << "\n"
            << "ReconnectInterval=" << m_config.reconnectSeconds << "\n"
            << "FileStorePath=" << m_config.stateDirectory << "/store\n"
            << "FileLogPath=" << m_config.stateDirectory << "/log\n"
            << "StartTime=00:00:00\nEndTime=00:00:00\n"
            << "UseDataDictionary=N\n"
            << "PersistMessages=Y\n"
            << "SocketNodelay=Y\n"
            << "TimestampPrecision=6\n";
        if (m_config.tls) {
            if (initiator) {
                if (!m_config.caFile.empty())
                    ini << "CertificationAuthoritiesFile=" << m_config.caFile << "\n";
                ini << "CertificateVerifyLevel=1\n";
                if (!m_config.certificateFile.empty())
                    ini << "ClientCertificateFile=" << m_config.certificateFile << "\n"
                        << "ClientCertificateKeyFile=" << m_config.keyFile << "\n";
            } else {
                ini << "ServerCertificateFile=" << m_config.certificateFile << "\n"
                    << "ServerCertificateKeyFile=" << m_config.keyFile << "\n"
                    << "CertificateVerifyLevel=0\n";
            }
            ini << "SSLProtocol=+TLSv1_2\n";
        }
        for (const std::string &target : m_config.targetCompIds) {
            ini << "[SESSION]\nTargetCompID=" << target << "\n";
            if (initiator)
                ini << "SocketConnectHost=" << m_config.host << "\nSocketConnectPort=" << m_config.port << "\n";
            else
                ini << "SocketAcceptPort=" << m_config.port << "\n";
        }
        try {
            std::istringstream in(ini.str());
            m_settings.reset(new FIX::SessionSettings(in));
            m_store.reset(new FIX::FileStoreFactory(*m_settings));
            m_log.reset(new FIX::FileLogFactory(*m_settings));
            if (initiator) {
                if (m_config.tls)
                    m_initiator.reset(new FIX::ThreadedSSLSocketInitiator(*this, *m_store, *m_settings, *m_log));
                else
                    m_initiator.reset(new FIX::ThreadedSocketInitiator(*this, *m_store, *m_settings, *m_log));
                m_initiator->start();
            } else {
                if (!registerAcceptAddress(m_config.port, m_config.acceptAddress)) {
                    error = "the FIX acceptor listens on an IPv4 address (" + m_config.acceptAddress + " is not one)";
                    return false;
                }
                if (m_config.tls)
                    m_acceptor.reset(new FIX::ThreadedSSLSocketAcceptor(*this, *m_store, *m_settings, *m_log));
                else
                    m_acceptor.reset(new FIX::ThreadedSocketAcceptor(*this, *m_store, *m_settings, *m_log));
                m_acceptor->start(); // binds its port: to the address asked for
                unregisterAcceptAddress(m_config.port);
            }
        } catch (const std::exception &e) {
            if (!initiator)
                unregisterAcceptAddress(m_config.port);
            error = e.what();
            m_initiator.reset();
            m_acceptor.reset();
            return false;
        }
        return true;
    }

    void stop()
    {
        try {
            if (m_initiator)
                m_initiator->stop();
            if (m_acceptor)
                m_acceptor->stop();
        } catch (const std::exception &) {
        }
        m_initiator.reset();
        m_acceptor.reset();
    }

    FIX::Session *session(const std::string &counterparty) const
    {
        const std::set<FIX::SessionID> *ids = nullptr;
        if (m_initiator)
            ids = &m_initiator->getSessions();
        else if (m_acceptor)
            ids = &m_acceptor->getSessions();
        if (!ids)
            return nullptr;
        for (const FIX::SessionID &id : *ids)
            if (counterparty.empty() || id.getTargetCompID().getValue() == counterparty)
                return FIX::Session::lookupSession(id);
        return nullptr;
    }

    bool send(const std::string &counterparty, const Message &message, std::string &error)
    {
        FIX::Session *s = session(counterparty);
        if (!s) {
            error = "no FIX session with " + (counterparty.empty() ? std::string("the venue") : counterparty);
            return false;
        }
        // A venue keeps what it sends while a counterparty is away: the session stores it and
        // sends it again when asked after the next logon. A workstation sends only when logged on.
        if (!s->isLoggedOn() && m_role == Role::Initiator) {
            error = "the FIX session with " + s->getSessionID().getTargetCompID().getValue() + " is not logged on";
            return false;
        }
        try {
            FIX::Message m = toQuickFix(message);
            if (!s->send(m)) {
                error = "the FIX session refused to send " + message.type;
                return false;
            }
        } catch (const std::exception &e) {
            error = e.what();
            return false;
        }
        return true;
    }

    // FIX::Application
    void onCreate(const FIX::SessionID &) override {}
    void onLogon(const FIX::SessionID &id) override
    {
        if (m_handlers.loggedOn)
            m_handlers.loggedOn(id.getTargetCompID().getValue());
    }
    void onLogout(const FIX::SessionID &id) override
    {
        if (m_handlers.loggedOut)
            m_handlers.loggedOut(id.getTargetCompID().getValue());
    }
    void toAdmin(FIX::Message &, const FIX::SessionID &) override {}
    void toApp(FIX::Message &m, const FIX::SessionID &id) throw(FIX::DoNotSend) override
    {
        // An initiator never sends an order again on a resend request: a stale order could trade
        // twice or late. The session fills the gap instead, and the open orders are reconciled
        // with status requests after the logon. Those status requests are sent again: a venue that
        // lost the end of the session asks for everything after it, the status requests of this
        // logon included, and a gap fill over them would leave the open orders unchecked.
        FIX::PossDupFlag dup;
        const bool statusRequest = m.getHeader().getField(FIX::FIELD::MsgType) == "H";
        if (m_role == Role::Initiator && !statusRequest && m.getHeader().getFieldIfSet(dup) && dup.getValue())
            throw FIX::DoNotSend();
        if (m_handlers.sent) {
            FIX::MsgSeqNum seq;
            if (m.getHeader().getFieldIfSet(seq))
                m_handlers.sent(id.getTargetCompID().getValue(), seq.getValue(), fromQuickFix(m));
        }
    }
    void fromAdmin(const FIX::Message &m, const FIX::SessionID &id)
        throw(FIX::FieldNotFound, FIX::IncorrectDataFormat, FIX::IncorrectTagValue, FIX::RejectLogon) override
    {
        const std::string &type = m.getHeader().getField(FIX::FIELD::MsgType);
        if (type == "3" && m_handlers.event) // a session-level reject from the counterparty
            m_handlers.event(id.getTargetCompID().getValue(), "session reject: " + fromQuickFix(m).text());
        if (type == "3" && m_handlers.sessionReject)
            m_handlers.sessionReject(id.getTargetCompID().getValue(), fromQuickFix(m));
    }
    void fromApp(const FIX::Message &m, const FIX::SessionID &id)
        throw(FIX::FieldNotFound, FIX::IncorrectDataFormat, FIX::IncorrectTagValue, FIX::UnsupportedMessageType) override
    {
        if (!m_handlers.received)
            return;
        Refusal refusal;
        if (m_handlers.received(id.getTargetCompID().getValue(), fromQuickFix(m), refusal))
            return;
        switch (refusal.reason) {
        case Refusal::Reason::RequiredTagMissing:
            throw FIX::FieldNotFound(refusal.tag, refusal.text);
        case Refusal::Reason::IncorrectDataFormat:
            throw FIX::IncorrectDataFormat(refusal.tag, refusal.text);
        case Refusal::Reason::UnsupportedMessageType:
            throw FIX::UnsupportedMessageType(refusal.text);
        case Refusal::Reason::ValueIncorrect:
            break;
        }
        throw FIX::IncorrectTagValue(refusal.tag, refusal.text);
    }

    Role m_role;
    SessionConfig m_config;
    Handlers m_handlers;
    std::unique_ptr<FIX::SessionSettings> m_settings;
    std::unique_ptr<FIX::FileStoreFactory> m_store;
    std::unique_ptr<FIX::FileLogFactory> m_log;
    std::unique_ptr<FIX::Initiator> m_initiator;
    std::unique_ptr<FIX::Acceptor> m_acceptor;
};

Endpoint::Endpoint(Role role, SessionConfig config, Handlers handlers)
    : m_impl(new Impl(role, std::move(config), std::move(handlers)))
{
}

Endpoint::~Endpoint() = default;

bool Endpoint::start(std::string &error)
{
    return m_impl->start(error);
}

void Endpoint::stop()
{
    m_impl->stop();
}

bool Endpoint::send(const std::string &session, const Message &message, std::string &error)
{
    return m_impl->send(session, message, error);
}

bool Endpoint::loggedOn(const std::string &session) const
{
    FIX::Session *s = m_impl->session(session);
    return s && s->isLoggedOn();
}

std::pair<int, int> Endpoint::sequenceNumbers(const std::string &session) const
{
    FIX::Session *s = m_impl->session(session);
    if (!s)
        return {0, 0};
    return {s->getExpectedSenderNum(), s->getExpectedTargetNum()};
}

bool parse(const std::string &raw, Message &out, std::string &error)
{
    try {
        FIX::Message m(raw, true);
        const std::string &begin = m.getHeader().getField(FIX::FIELD::BeginString);
        if (begin != "FIX.4.4") {
            error = "not FIX 4.4 (BeginString " + begin + ")";
            return false;
        }
        out = fromQuickFix(m);
        return true;
    } catch (const std::exception &e) {
        error = std::string("malformed FIX message: ") + e.what();
        return false;
    }
}

std::string compose(const Message &message, const std::string &sender, const std::string &target, int sequence)
{
    FIX::Message m = toQuickFix(message);
    m.getHeader().setField(FIX::FIELD::SenderCompID, sender);
    m.getHeader().setField(FIX::FIELD::TargetCompID, target);
    m.getHeader().setField(FIX::MsgSeqNum(sequence));
    m.getHeader().setField(FIX::SendingTime(FIX::UtcTimeStamp(), 3));
    return m.toString();
}

} // namespace fix
} // namespace instant
