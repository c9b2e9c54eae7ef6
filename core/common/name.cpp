#include "common/name.h"

#include "common/texthash.h"

#include <QHash>

#include <memory>
#include <mutex>
#include <unordered_set>

namespace instant {

namespace {

struct TextHash
{
    size_t operator()(const QString &text) const noexcept { return size_t(hashText(text)); }
};

struct NameTable
{
    std::mutex lock;
    std::unordered_set<QString, TextHash> texts; // nodes: an element keeps its address through a rehash
};

NameTable &table()
{
    static NameTable *names = new NameTable; // never destroyed: names are read until the process ends
    return *names;
}

} // namespace

const QString &Name::none() noexcept
{
    static const QString empty;
    return empty;
}

const QString &Name::intern(const QString &text)
{
    // The texts last met on this thread first: a projection meets the same few hundred again and
    // again (accounts, instruments, workstations, users), and the reader hands out one copy of
    // each, so most are recognised by where their text lies.
    // A slot holds a reference to the text it saw, so that text cannot change or be freed while
    // the slot names it; texts over raw data (not owned, not counted) are not kept.
    struct Recent
    {
        QString seen;
        const QString *name = nullptr;
    };
    // A replay meets hundreds of accounts and instruments: with 8 slots, and with 256, most of
    // its entries missed. Allocated on a thread's first name (128 KiB).
    constexpr quintptr Slots = 4096;
    thread_local std::unique_ptr<Recent[]> recent;
    if (!recent)
        recent = std::make_unique<Recent[]>(Slots);
    const QChar *data = text.constData();
    Recent &slot = recent[((quintptr(data) >> 4) ^ (quintptr(data) >> 16)) & (Slots - 1)];
    if (slot.name && slot.seen.constData() == data && slot.seen.size() == text.size())
        return *slot.name;
    NameTable &names = table();
    const QString *name;
    {
        std::lock_guard guard(names.lock);
        name = &*names.texts.insert(text).first;
    }
    if (text.data_ptr().isMutable())
        slot = {text, name};
    return *name;
}

} // namespace instant
