#pragma once

#include <QString>

#include <utility>
#include <variant>

namespace instant {

// What went wrong, in words a user can act on, plus a code a caller can branch on.
enum class ErrorCode {
    InvalidArgument,   // bad input from a user or a caller
    NotFound,          // the thing named does not exist
    NotAStore,         // a file or database that is not an Instant event store
    SchemaTooNew,      // written by a newer Instant than this one
    Conflict,          // optimistic concurrency: the stream moved on
    IdempotencyMismatch, // a reused client key with a different request
    Unavailable,       // a server could not be reached
    Io,                // the database or the disk failed
    Integrity,         // stored data fails verification
};

struct Error
{
    ErrorCode code = ErrorCode::Io;
    QString message;
};

// A value or an error with a message (an expected-style result across module boundaries).
template <typename T>
class [[nodiscard]] Result
{
public:
    // An empty result is an error: only containers that need to default-construct use it.
    Result() : m_data(std::in_place_index<1>, Error{ErrorCode::Io, QStringLiteral("no result")}) {}
    Result(T value) : m_data(std::in_place_index<0>, std::move(value)) {}
    Result(Error error) : m_data(std::in_place_index<1>, std::move(error)) {}

    bool ok() const { return m_data.index() == 0; }
    explicit operator bool() const { return ok(); }

    T &value() & { return std::get<0>(m_data); }
    const T &value() const & { return std::get<0>(m_data); }
    T &&value() && { return std::get<0>(std::move(m_data)); }
    T *operator->() { return &value(); }
    const T *operator->() const { return &value(); }
    T &operator*() & { return value(); }
    const T &operator*() const & { return value(); }

    const Error &error() const { return std::get<1>(m_data); }
    ErrorCode code() const { return error().code; }
    QString message() const { return ok() ? QString() : error().message; }

private:
    std::variant<T, Error> m_data;
};

struct Done
{
};

using Status = Result<Done>;

inline Error makeError(ErrorCode code, QString message)
{
    return Error{code, std::move(message)};
}

} // namespace instant
