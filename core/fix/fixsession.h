#pragma once

// FIX 4.4 sessions over QuickFIX. QuickFIX's headers need C++14 (dynamic exception
// specifications), so this interface uses only standard types and the library that implements it
// is compiled as C++14; the rest of Instant (C++20) maps these messages onto its own types.

#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace instant {
namespace fix {

// An application message: its MsgType (35) and its body fields in order. Header and trailer
// fields (sequence numbers, CompIDs, sending time, checksum) belong to the session.
struct Message
{
    std::string type;
    std::vector<std::pair<int, std::string>> fields;
    bool possibleDuplicate = false; // PossDupFlag (43) on a message received again after a resend

    const std::string *get(int tag) const;
    void set(int tag, std::string value);
    std::string text() const; // "35=D|11=..|55=..": for logs and errors
};

// Why an inbound application message is refused at the session level: QuickFIX answers it with
// a Reject (35=3) that names the tag and the reason.
struct Refusal
{
    enum class Reason { RequiredTagMissing, ValueIncorrect, IncorrectDataFormat, UnsupportedMessageType };
    Reason reason = Reason::ValueIncorrect;
    int tag = 0;
    std::string text;
};

struct SessionConfig
{
    std::string host = "127.0.0.1"; // initiator: where the venue listens
    int port = 0;                    // initiator: the venue's port; acceptor: the port to listen on
    // Acceptor: the IPv4 address to listen on ("127.0.0.1"; "0.0.0.0" or empty: every interface).
    std::string acceptAddress = "127.0.0.1";
    std::string senderCompId;        // ours
    std::vector<std::string> targetCompIds; // the counterparties (an initiator has one)
    int heartbeatSeconds = 30;
    int reconnectSeconds = 2;        // initiator: wait between connection attempts
    std::string stateDirectory;      // sequence numbers and messages (file store) and session logs
    bool tls = false;
    std::string caFile;              // initiator: the authorities to trust (TLS verification)
    std::string certificateFile;     // acceptor: its certificate; initiator: a client certificate
    std::string keyFile;
};

// Callbacks run on QuickFIX's threads. `received` runs before the session counts the message as
// received: when it returns, the message must be safe (recorded), because after a crash it will
// not be sent again.
struct Handlers
{
    std::function<void(const std::string &session)> loggedOn;
    std::function<void(const std::string &session)> loggedOut;
    // Returns false (and fills the refusal) to refuse the message at the session level.
    std::function<bool(const std::string &session, const Message &message, Refusal &refusal)> received;
    std::function<void(const std::string &session, const std::string &text)> event;
    // An application message going out with its sequence number (also when sent again).
    std::function<void(const std::string &session, int sequence, const Message &message)> sent;
    // A session-level Reject (35=3) from the counterparty: RefSeqNum (45) names what it refused.
    std::function<void(const std::string &session, const Message &reject)> sessionReject;
};

// One FIX endpoint: an initiator (connects to a venue) or an acceptor (a venue: several sessions).
class Endpoint
{
public:
    enum class Role { Initiator, Acceptor };
    Endpoint(Role role, SessionConfig config, Handlers handlers);
    ~Endpoint();
    Endpoint(const Endpoint &) = delete;
    Endpoint &operator=(const Endpoint &) = delete;

    // Starts the session threads; false with a message when the settings are wrong.
    bool start(std::string &error);
    // Logs out and joins the session threads. Callbacks may still run until it returns.
    void stop();
    // Sends to a session (the counterparty's CompID; empty: the only one). False with a message
    // when that session is unknown, or (initiator) not logged on; an acceptor's message to a
    // session that is away is stored and sent again after its next logon.
    bool send(const std::string &session, const Message &message, std::string &error);
    bool loggedOn(const std::string &session = std::string()) const;
    // The next sequence numbers of a session (to show and to test resumption).
    std::pair<int, int> sequenceNumbers(const std::string &session = std::string()) const;

private:
    class Impl;
    std::unique_ptr<Impl> m_impl;
};

// Parses a raw FIX string ('\x01'-separated): checks BeginString, BodyLength and CheckSum.
// False with a message when it is not a well-formed FIX message.
bool parse(const std::string &raw, Message &out, std::string &error);
// A raw FIX 4.4 message with the given header fields, a correct body length and checksum.
std::string compose(const Message &message, const std::string &sender, const std::string &target, int sequence);

} // namespace fix
} // namespace instant
