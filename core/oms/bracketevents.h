#pragma once

#include "events/event.h"
#include "oms/brackets.h"

#include <QString>

#include <optional>

// A bracket's events, all on its account's stream and correlated by the bracket's id (its entry
// order's): one struct per event type, each with one encoder and one decoder. The encoders write
// the bytes stores have always held (tests/core/tst_eventcodecs).
namespace instant::brackets {

// BracketPlaced: recorded with the entry's OrderAccepted, in the same append.
struct Placement
{
    QString bracketId;
    QString account;
    QString instrument;
    qint64 quantity = 0;
    BracketExits exits;
    QString workstation; // written only when set
};

// BracketArmed (the entry's first fill: with what was filled) or BracketStopMoved (a trailing
// stop followed the market): the stop level and the high-water mark it trails.
struct StopLevel
{
    enum class Kind { Armed, Moved } kind = Kind::Moved;
    QString bracketId;
    std::optional<Price> stop;
    std::optional<Price> high;
    qint64 filled = 0; // armed only
};

// BracketAmended: new exits before the bracket exits, and the stop level they make.
struct Amendment
{
    QString bracketId;
    BracketExits exits;
    std::optional<Price> stop;
};

// BracketExitTriggered: why the position goes now (stop, trailing-stop, time, trader), at what
// price, and what was held.
struct Trigger
{
    QString bracketId;
    QString why;
    std::optional<Price> price;
    QString priceText; // the price as the market writes it (written when set)
    std::optional<Price> stop;
    qint64 held = 0;
};

// BracketClosed: how it ended, why, and what was still held.
struct Closing
{
    QString bracketId;
    QString outcome;
    QString reason;
    qint64 held = 0;
};

NewEvent encode(const Placement &e, const Actor &actor);
NewEvent encode(const StopLevel &e, const Actor &actor);
NewEvent encode(const Amendment &e, const Actor &actor);
NewEvent encode(const Trigger &e, const Actor &actor);
NewEvent encode(const Closing &e, const Actor &actor);

Placement decodePlacement(const Payload &p);
StopLevel decodeStopLevel(const Payload &p, StopLevel::Kind kind);
Amendment decodeAmendment(const Payload &p);
Trigger decodeTrigger(const Payload &p);
Closing decodeClosing(const Payload &p);

// A bracket event decoded and encoded again (nullopt for another family's type).
std::optional<NewEvent> reencode(const RecordedEvent &event);

} // namespace instant::brackets
