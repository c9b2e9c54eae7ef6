#!/usr/bin/env python3
"""Verifies an Instant audit bundle (README.md, "A regulator's bundle") without Instant.

    python3 tools/verify_bundle.py BUNDLE_DIR

Exit 0: every check passed (a summary is printed). Exit 1: the first problem found is printed,
naming the file and, for an event, its sequence. Exit 2: BUNDLE_DIR is not a bundle at all.
Python 3 standard library only; checkpoint and writer signatures use the `openssl` command when it
exists.
"""

import base64
import csv
import datetime
import hashlib
import io
import json
import os
import shutil
import struct
import subprocess
import sys
import tempfile

FORMAT = "instant-audit-bundle"
GENESIS = bytes(32)
EVENT_KEYS = ("sequence", "stream_id", "stream_version", "type", "schema_version", "recorded_us",
              "recorded_at", "actor_user", "actor_role", "correlation_id", "causation_id", "prev_hash", "hash")
CSV_HEADER = ["sequence", "recorded_at", "recorded_us", "stream_id", "stream_version", "type", "schema_version",
              "actor_user", "actor_role", "correlation_id", "causation_id", "payload", "prev_hash", "hash"]
TERMS_EVENTS = ("OrderAccepted", "OrderRejected", "OrderDiscovered")
SELECTIONS = {"executions": ("OrderPartiallyFilled", "OrderFilled", "ExecutionException", "ExecutionBusted",
                             "ExecutionCorrected"),
              "cancels": ("CancelRequested", "OrderCancelled", "CancelRejected"),
              "replaces": ("ReplaceRequested", "OrderReplaced", "ReplaceRejected")}
ED25519_SPKI_PREFIX = bytes.fromhex("302a300506032b6570032100")


class Broken(Exception):
    """The bundle fails a check: what, where."""

    def __init__(self, where, what):
        super().__init__(f"{where}: {what}")


class NotABundle(Exception):
    pass


def integer(value):
    return isinstance(value, int) and not isinstance(value, bool)


def put_int(value):
    return struct.pack(">q", value)


def put_bytes(data):
    return struct.pack(">I", len(data)) + data


def put_text(text):
    return put_bytes(text.encode("utf-8"))


def payload_bytes(event):
    if "payload" in event:
        return event["payload"].encode("utf-8")
    return base64.b64decode(event["payload_base64"], validate=True)


def canonical_bytes(event):
    """Canonical bytes, version 1: the README's table, in order."""
    return b"".join([
        put_int(event["sequence"]),
        put_text(event["stream_id"]),
        put_int(event["stream_version"]),
        put_text(event["type"]),
        put_int(event["schema_version"]),
        put_int(event["recorded_us"]),
        put_text(event["actor_user"]),
        put_text(event["actor_role"]),
        put_text(event["correlation_id"]),
        put_text(event["causation_id"]),
        put_bytes(payload_bytes(event)),
    ])


def utc_micros(text):
    """'2026-11-21T13:59:58.102311Z' -> microseconds since the epoch."""
    if not isinstance(text, str) or not text.endswith("Z"):
        raise ValueError(f"not a UTC time: {text!r}")
    main, _, fraction = text[:-1].partition(".")
    moment = datetime.datetime.strptime(main, "%Y-%m-%dT%H:%M:%S").replace(tzinfo=datetime.timezone.utc)
    seconds = int((moment - datetime.datetime(1970, 1, 1, tzinfo=datetime.timezone.utc)).total_seconds())
    micros = int((fraction + "000000")[:6]) if fraction else 0
    return seconds * 1_000_000 + micros


def read_lines(bundle, name):
    """The JSON objects of a JSON Lines file, with their line numbers."""
    with open(os.path.join(bundle, name), "rb") as f:
        data = f.read()
    if data and not data.endswith(b"\n"):
        raise Broken(name, "the last line is cut short (no line end)")
    records = []
    for number, line in enumerate(data.split(b"\n")[:-1] if data else [], start=1):
        try:
            record = json.loads(line.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as error:
            raise Broken(f"{name} line {number}", f"not a JSON object ({error})")
        if not isinstance(record, dict):
            raise Broken(f"{name} line {number}", "not a JSON object")
        records.append((number, record))
    return records


def check_manifest(bundle):
    path = os.path.join(bundle, "manifest.json")
    try:
        with open(path, "rb") as f:
            manifest = json.loads(f.read().decode("utf-8"))
    except FileNotFoundError:
        raise NotABundle(f"{bundle}: no manifest.json")
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise Broken("manifest.json", f"not JSON ({error})")
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise NotABundle(f"{bundle}: manifest.json is not an {FORMAT} manifest")
    if manifest.get("format_version") != 1:
        raise Broken("manifest.json", f"format version {manifest.get('format_version')!r}: this checker reads version 1")
    if manifest.get("canonical_bytes_version") != 1:
        raise Broken("manifest.json", f"canonical bytes version {manifest.get('canonical_bytes_version')!r}: "
                                      "this checker knows version 1")
    if manifest.get("hash_algorithm") != "SHA-256":
        raise Broken("manifest.json", f"hash algorithm {manifest.get('hash_algorithm')!r}")
    for section in ("files", "checkpoints", "public_keys", "timestamp_tokens"):
        if not isinstance(manifest.get(section), list):
            raise Broken("manifest.json", f"no list of {section}")
    head = manifest.get("head")
    if not isinstance(head, dict) or not integer(head.get("sequence")) or not isinstance(head.get("hash"), str) \
            or not integer(head.get("event_count")):
        raise Broken("manifest.json", "no head (sequence, hash, event_count)")

    listed = {}
    for entry in manifest["files"]:
        if not isinstance(entry, dict) or not isinstance(entry.get("path"), str) \
                or not isinstance(entry.get("sha256"), str) or not integer(entry.get("size")):
            raise Broken("manifest.json", f"a file entry without path, sha256 and size: {entry!r}")
        name = entry["path"]
        if name.startswith("/") or ".." in name.split("/") or name == "manifest.json" or name in listed:
            raise Broken("manifest.json", f"a file entry that cannot be: {name!r}")
        listed[name] = entry
    for name, entry in listed.items():
        path = os.path.join(bundle, *name.split("/"))
        if not os.path.isfile(path):
            raise Broken(name, "listed in the manifest but missing")
        with open(path, "rb") as f:
            data = f.read()
        if len(data) != entry["size"]:
            raise Broken(name, f"{len(data)} bytes, the manifest says {entry['size']}")
        if hashlib.sha256(data).hexdigest() != entry["sha256"].lower():
            raise Broken(name, "its SHA-256 is not the one in the manifest")
    for root, _dirs, files in os.walk(bundle):
        for file in files:
            name = os.path.relpath(os.path.join(root, file), bundle).replace(os.sep, "/")
            if name != "manifest.json" and name not in listed:
                raise Broken(name, "in the bundle but not in the manifest")
    for required in ("events.jsonl", "events.csv", "instruments.jsonl", "orders.jsonl"):
        if required not in listed:
            raise Broken("manifest.json", f"does not list {required}")
    return manifest, listed


def check_events(bundle, manifest):
    name = "events.jsonl"
    events = []
    previous = GENESIS
    stream_versions = {}
    for number, event in read_lines(bundle, name):
        sequence = event.get("sequence")
        where = f"{name} sequence {sequence}" if integer(sequence) else f"{name} line {number}"
        for key in ("sequence", "stream_version", "schema_version", "recorded_us"):
            if not integer(event.get(key)):
                raise Broken(where, f"{key} is not an integer")
        for key in ("stream_id", "type", "actor_user", "actor_role", "correlation_id", "causation_id",
                    "prev_hash", "hash", "recorded_at"):
            if not isinstance(event.get(key), str):
                raise Broken(where, f"{key} is not a text")
        if not isinstance(event.get("payload"), str) and not isinstance(event.get("payload_base64"), str):
            raise Broken(where, "no payload")
        expected_sequence = len(events) + 1
        if sequence != expected_sequence:
            raise Broken(where, f"expected sequence {expected_sequence} here: "
                                f"{'an event is missing or out of order' if sequence > expected_sequence else 'events are repeated or out of order'}")
        try:
            stored_prev = bytes.fromhex(event["prev_hash"])
            stored_hash = bytes.fromhex(event["hash"])
            data = canonical_bytes(event)
        except ValueError as error:
            raise Broken(where, f"malformed field ({error})")
        if stored_prev != previous:
            raise Broken(where, "its previous hash is not the hash of the event before it")
        if len(stored_hash) != 32 or hashlib.sha256(previous + data).digest() != stored_hash:
            raise Broken(where, "its hash is not the hash of its contents (previous hash + canonical bytes)")
        expected_version = stream_versions.get(event["stream_id"], 0) + 1
        if event["stream_version"] != expected_version:
            raise Broken(where, f"stream {event['stream_id']} version {event['stream_version']}, expected {expected_version}")
        try:
            if utc_micros(event["recorded_at"]) != event["recorded_us"]:
                raise ValueError("not the same time as recorded_us")
        except ValueError as error:
            raise Broken(where, f"recorded_at: {error}")
        stream_versions[event["stream_id"]] = expected_version
        previous = stored_hash
        events.append(event)

    head = manifest["head"]
    last_sequence = len(events)
    if head["sequence"] != last_sequence or head["event_count"] != len(events):
        raise Broken("manifest.json", f"head sequence {head['sequence']} ({head['event_count']} events), "
                                      f"but {name} ends at sequence {last_sequence}")
    if head["hash"].lower() != previous.hex():
        raise Broken("manifest.json", f"head hash {head['hash']} is not the hash of sequence {last_sequence}")
    return events


def check_csv(bundle, events):
    name = "events.csv"
    with open(os.path.join(bundle, name), "rb") as f:
        try:
            text = f.read().decode("utf-8")
        except UnicodeDecodeError:
            raise Broken(name, "not UTF-8")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    if not rows or rows[0] != CSV_HEADER:
        raise Broken(name, "the header row is not the documented one")
    body = rows[1:]
    for index, event in enumerate(events):
        where = f"{name} sequence {event['sequence']}"
        if index >= len(body):
            raise Broken(where, "missing")
        expected = [str(event["sequence"]), event["recorded_at"], str(event["recorded_us"]), event["stream_id"],
                    str(event["stream_version"]), event["type"], str(event["schema_version"]), event["actor_user"],
                    event["actor_role"], event["correlation_id"], event["causation_id"],
                    payload_bytes(event).decode("utf-8", errors="replace"), event["prev_hash"], event["hash"]]
        row = body[index]
        if row != expected:
            fields = [CSV_HEADER[i] for i in range(len(CSV_HEADER)) if i >= len(row) or row[i] != expected[i]]
            raise Broken(where, f"does not say what events.jsonl says ({', '.join(fields) or 'extra fields'})")
    if len(body) > len(events):
        raise Broken(f"{name} line {len(events) + 2}", "a row for no event")


def payload_object(event):
    try:
        value = json.loads(payload_bytes(event).decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError, ValueError):
        return None
    return value if isinstance(value, dict) else None


def event_at(events, sequence, where):
    if not integer(sequence) or not 1 <= sequence <= len(events):
        raise Broken(where, f"names sequence {sequence!r}, which is not an event of the bundle")
    return events[sequence - 1]


def check_instruments(bundle, events):
    name = "instruments.jsonl"
    listed = [e for e in events if e["stream_id"] == "instruments" and e["type"] == "InstrumentListed"]
    records = read_lines(bundle, name)
    for index, event in enumerate(listed):
        where = f"{name} sequence {event['sequence']}"
        if index >= len(records):
            raise Broken(where, "the instrument listed at this sequence is missing")
        number, record = records[index]
        if record.get("sequence") != event["sequence"]:
            raise Broken(where, f"line {number} is sequence {record.get('sequence')!r}: "
                                "an instrument is missing, repeated or out of order")
        payload = payload_object(event) or {}
        expected = {"sequence": event["sequence"], "recorded_us": event["recorded_us"],
                    "recorded_at": event["recorded_at"],
                    "listed_by": {"user": event["actor_user"], "role": event["actor_role"]},
                    "source": payload.get("source"), "instrument": payload.get("instrument")}
        for key, value in expected.items():
            if record.get(key) != value:
                raise Broken(where, f"{key} is not what the event says")
    if len(records) > len(listed):
        raise Broken(f"{name} line {records[len(listed)][0]}", "an instrument no event lists")
    return len(listed)


def check_orders(bundle, events):
    name = "orders.jsonl"
    named = {}  # order id -> sequences of the events that name it
    for event in events:
        if event["stream_id"].startswith("account-"):
            payload = payload_object(event)
            order_id = payload.get("order_id") if payload else None
            if isinstance(order_id, str) and order_id:
                named.setdefault(order_id, []).append(event["sequence"])
    seen = set()
    records = read_lines(bundle, name)
    for number, record in records:
        order_id = record.get("order_id")
        where = f"{name} order {order_id}"
        if not isinstance(order_id, str) or order_id not in named:
            raise Broken(f"{name} line {number}", f"order {order_id!r} is named by no event")
        if order_id in seen:
            raise Broken(where, "two memoranda")
        seen.add(order_id)
        for section in ("executions", "cancels", "replaces", "history"):
            entries = record.get(section)
            if not isinstance(entries, list):
                raise Broken(where, f"no {section}")
            for entry in entries:
                sequence = entry.get("sequence") if isinstance(entry, dict) else None
                event = event_at(events, sequence, f"{where} {section}")
                expected = {"sequence": sequence, "type": event["type"], "recorded_us": event["recorded_us"],
                            "recorded_at": event["recorded_at"],
                            "actor": {"user": event["actor_user"], "role": event["actor_role"]},
                            "details": payload_object(event)}
                for key, value in expected.items():
                    if entry.get(key) != value:
                        raise Broken(f"{where} {section} sequence {sequence}", f"{key} is not what the event says")
                if event["stream_id"] != record.get("stream_id"):
                    raise Broken(f"{where} {section} sequence {sequence}", "an event of another stream")
                if sequence not in named[order_id]:
                    raise Broken(f"{where} {section} sequence {sequence}", "an event of another order")
        if [e.get("sequence") for e in record["history"]] != named[order_id]:
            raise Broken(where, "its history is not every event that names the order")
        for section, types in SELECTIONS.items():
            if [e.get("sequence") for e in record[section]] != \
                    [e["sequence"] for e in record["history"] if e["type"] in types]:
                raise Broken(f"{where} {section}", f"not the order's {section} (its history's {', '.join(types)})")
        history = {e["sequence"]: e for e in record["history"]}
        firsts = {"received": next((e for e in record["history"] if e["type"] in TERMS_EVENTS), None),
                  "entered": next((e for e in record["history"] if e["type"] == "OrderAcknowledged"), None)}
        for moment, first in firsts.items():
            value = record.get(moment)
            if (value is None) != (first is None) or (first is not None and (not isinstance(value, dict)
                                                                              or value.get("sequence") != first["sequence"])):
                raise Broken(f"{where} {moment}", "not the first event of the order that says so")
        for moment in ("received", "entered"):
            value = record.get(moment)
            if value is None:
                continue
            entry = history.get(value.get("sequence") if isinstance(value, dict) else None)
            if entry is None or value.get("recorded_us") != entry["recorded_us"] \
                    or value.get("recorded_at") != entry["recorded_at"]:
                raise Broken(f"{where} {moment}", "not the time of an event of the order")
        received = record.get("received")
        if isinstance(received, dict) and received.get("sequence") in history:
            entry = history[received["sequence"]]
            if record.get("terms") != entry["details"] or record.get("terms_event") != entry["type"]:
                raise Broken(f"{where} terms", "not the terms of the event that received the order")
            responsible = record.get("responsible") or {}
            if responsible.get("user") != entry["actor"]["user"] or responsible.get("role") != entry["actor"]["role"] \
                    or responsible.get("workstation") != (entry["details"] or {}).get("workstation"):
                raise Broken(f"{where} responsible", "not who entered the order")
        elif record.get("terms") is not None or record.get("responsible") is not None:
            raise Broken(f"{where} terms", "terms with no event that received the order")
        terms = record.get("terms") if isinstance(record.get("terms"), dict) else {}
        if record.get("account") != terms.get("account", str(record.get("stream_id"))[len("account-"):]):
            raise Broken(f"{where} account", "not the account of its terms or its stream")
    missing = [order_id for order_id in named if order_id not in seen]
    if missing:
        raise Broken(f"{name} order {missing[0]}", "no memorandum")
    return len(records)


def verify_signature(checkpoint, where):
    """The Ed25519 signature over the checkpoint's signed bytes (README, core/audit/checkpoint.h)."""
    openssl = shutil.which("openssl")
    if not openssl:
        return "signature not checked (no openssl)"
    try:
        key = base64.b64decode(checkpoint["public_key"], validate=True)
        signature = base64.b64decode(checkpoint["signature"], validate=True)
        head_hash = bytes.fromhex(checkpoint["head_hash"])
        signed = b"".join([put_text("instant-checkpoint"), put_int(checkpoint["format_version"]),
                           put_text(checkpoint["store"]), put_int(checkpoint["sequence"]), put_bytes(head_hash),
                           put_int(checkpoint["event_count"]), put_int(utc_micros(checkpoint["head_recorded_at"])),
                           put_int(utc_micros(checkpoint["signed_at"]))])
    except (KeyError, ValueError, TypeError, struct.error) as error:
        raise Broken(where, f"malformed checkpoint ({error})")
    if len(key) != 32:
        raise Broken(where, "its public key is not an Ed25519 key")
    with tempfile.TemporaryDirectory() as tmp:
        paths = {n: os.path.join(tmp, n) for n in ("key.der", "signed.bin", "signature.bin")}
        for n, data in (("key.der", ED25519_SPKI_PREFIX + key), ("signed.bin", signed), ("signature.bin", signature)):
            with open(paths[n], "wb") as f:
                f.write(data)
        result = subprocess.run([openssl, "pkeyutl", "-verify", "-pubin", "-keyform", "DER", "-inkey", paths["key.der"],
                                 "-rawin", "-in", paths["signed.bin"], "-sigfile", paths["signature.bin"]],
                                capture_output=True)
    if result.returncode != 0:
        raise Broken(where, "its signature does not verify with the key it carries (the file was altered)")
    return "signature verified with the key it carries"


def check_timestamps(bundle, manifest):
    """Each RFC 3161 token the manifest lists: it is the checkpoint's, it stamps SHA-256 of the
    checkpoint's signature, and (with `openssl ts -verify`) it verifies against the carried CA."""
    notes = []
    openssl = shutil.which("openssl")
    for entry in manifest["timestamp_tokens"]:
        path = entry.get("checkpoint") if isinstance(entry, dict) else None
        if not isinstance(path, str) or path not in [c.get("path") for c in manifest["checkpoints"] if isinstance(c, dict)]:
            raise Broken("manifest.json", f"a timestamp token entry for no carried checkpoint: {entry!r}")
        with open(os.path.join(bundle, *path.split("/")), "rb") as f:
            checkpoint = json.loads(f.read().decode("utf-8"))
        try:
            token = base64.b64decode(checkpoint["timestamp_token"], validate=True)
            digest = hashlib.sha256(base64.b64decode(checkpoint["signature"], validate=True)).hexdigest()
        except (KeyError, ValueError, TypeError) as error:
            raise Broken(path, f"no readable timestamp token ({error})")
        if entry.get("digest") != digest:
            raise Broken(path, "the manifest's digest is not SHA-256 of the checkpoint's signature")
        ca = entry.get("ca")
        if not ca or not openssl:
            notes.append(f"{path}: time-stamped {entry.get('time')} by {entry.get('authority')}, token not checked "
                         f"({'no CA in the bundle' if not ca else 'no openssl'})")
            continue
        with tempfile.TemporaryDirectory() as tmp:
            token_path = os.path.join(tmp, "token.der")
            with open(token_path, "wb") as f:
                f.write(token)
            result = subprocess.run([openssl, "ts", "-verify", "-digest", digest, "-in", token_path, "-token_in",
                                     "-CAfile", os.path.join(bundle, *ca.split("/"))], capture_output=True)
        if result.returncode != 0:
            raise Broken(path, "its time-stamp token does not verify against the carried CA (or stamps something else)")
        with open(os.path.join(bundle, *ca.split("/")), "rb") as f:
            ca_sha = hashlib.sha256(f.read()).hexdigest()
        notes.append(f"{path}: time-stamped {entry.get('time')} by {entry.get('authority')}, verified against {ca} "
                     f"(SHA-256 {ca_sha[:16]}…: compare it with the authority's published CA)")
    return notes


def check_checkpoints(bundle, manifest, events):
    notes = []
    for entry in manifest["checkpoints"]:
        path = entry.get("path") if isinstance(entry, dict) else None
        if not isinstance(path, str):
            raise Broken("manifest.json", f"a checkpoint entry without a path: {entry!r}")
        with open(os.path.join(bundle, *path.split("/")), "rb") as f:
            try:
                checkpoint = json.loads(f.read().decode("utf-8"))
            except (UnicodeDecodeError, json.JSONDecodeError) as error:
                raise Broken(path, f"not JSON ({error})")
        sequence = checkpoint.get("sequence")
        where = f"{path} sequence {sequence}"
        event = event_at(events, sequence, path)
        if checkpoint.get("head_hash") != event["hash"] or entry.get("head_hash") != event["hash"] \
                or entry.get("sequence") != sequence:
            raise Broken(where, "the checkpoint's hash is not the hash of the event at its sequence")
        notes.append(f"{path}: {verify_signature(checkpoint, where)}, key {checkpoint.get('key_fingerprint')}")
    return notes


KEY_EVENTS = ("DeskAdministratorEstablished", "WriterEnrolled", "WriterRevoked")
KEY_ROLES = ("admin", "trader", "compliance")
# Who read what, and the sessions they read in: what a compliance key writes (a trader's too).
ACCESS_RECORDS = ("RecordsRead", "WorkstationSessionStarted", "WorkstationSessionEnded")


def key_id_of(raw_key):
    return "SHA256:" + hashlib.sha256(raw_key).hexdigest()


def ed25519_verify(openssl, tmp, raw_key, signed, signature):
    paths = {n: os.path.join(tmp, n) for n in ("key.der", "signed.bin", "signature.bin")}
    for n, data in (("key.der", ED25519_SPKI_PREFIX + raw_key), ("signed.bin", signed), ("signature.bin", signature)):
        with open(paths[n], "wb") as f:
            f.write(data)
    result = subprocess.run([openssl, "pkeyutl", "-verify", "-pubin", "-keyform", "DER", "-inkey", paths["key.der"],
                             "-rawin", "-in", paths["signed.bin"], "-sigfile", paths["signature.bin"]], capture_output=True)
    return result.returncode == 0


def batch_signed_bytes(key_id, first, last, clock, events):
    return b"".join([put_text("instant-batch"), put_int(1), put_text(key_id), put_int(first), put_int(last), put_text(clock)]
                    + [bytes.fromhex(events[s - 1]["hash"]) for s in range(first, last + 1)])


class DeskKeys:
    """The desk's keys as the desk-keys events say (README, "Signed writers")."""

    def __init__(self):
        self.administrator = None
        self.established_at = 0
        self.keys = {}  # key id -> {"public_key", "roles", "users", "enrolled_at", "revoked_at"}

    def apply(self, event, signer):
        try:
            payload = payload_object(event)
        except Broken:
            return "its payload is not a JSON object"
        kind = event["type"]
        if kind in ("DeskAdministratorEstablished", "WriterEnrolled"):
            try:
                raw = base64.b64decode(payload.get("public_key", ""), validate=True)
            except ValueError:
                return "its public key is not base64"
            if len(raw) != 32 or payload.get("key_id") != key_id_of(raw):
                return "its key id is not the fingerprint of a 32-byte public key"
            user, role = payload.get("user"), payload.get("role")
            if not isinstance(user, str) or not user or role not in KEY_ROLES:
                return "an enrolment names a user and a role"
            key_id = payload["key_id"]
            if kind == "DeskAdministratorEstablished":
                if self.administrator is not None:
                    return "the desk already has an administrator"
                if signer != key_id:
                    return "an administrator is established by a batch its own key signs"
                self.administrator, self.established_at = key_id, event["sequence"]
                role = "admin"
            else:
                signing = self.keys.get(signer)
                if not signing or "admin" not in signing["roles"] or signing["revoked_at"]:
                    return f"key {signer} enrols writers but is not the desk's administrator"
                if self.keys.get(key_id, {}).get("revoked_at"):
                    return f"key {key_id} was revoked: a revoked key is not enrolled again"
            entry = self.keys.setdefault(key_id, {"public_key": raw, "roles": set(), "users": set(),
                                                  "enrolled_at": event["sequence"], "revoked_at": 0})
            entry["roles"].add(role)
            entry["users"].add(user)
            return None
        signing = self.keys.get(signer)
        if not signing or "admin" not in signing["roles"] or signing["revoked_at"]:
            return f"key {signer} revokes writers but is not the desk's administrator"
        target = self.keys.get(payload.get("key_id"))
        if target is None:
            return f"key {payload.get('key_id')} is not enrolled: there is nothing to revoke"
        if not target["revoked_at"]:
            target["revoked_at"] = event["sequence"]
        return None


def may_write(key, event):
    """Why the key may not write the event (README, "Signed writers"), or None."""
    if event["type"] in KEY_EVENTS:
        return None if "admin" in key["roles"] and event["actor_role"] == "admin" else \
            f"{event['type']} is the desk administrator's to write"
    if event["type"] in ACCESS_RECORDS:
        if event["actor_role"] == "admin":
            return f"{event['type']} is an access record: it claims role admin"
        if not key["roles"] & {"trader", "compliance"}:
            return f"{event['type']} is an access record: a key enrolled as {','.join(sorted(key['roles']))} does not write it"
        return None
    if event["actor_role"] in ("compliance", "admin"):
        return f"{event['type']} is a trading or system event: it claims role {event['actor_role']}"
    if "trader" not in key["roles"]:
        return f"{event['type']} is a trading or system event: a key enrolled as {','.join(sorted(key['roles']))} does not write it"
    return None


def check_writers(bundle, manifest, listed, events):
    """Every batch's signature, its key's enrolment and role (README, "Signed writers")."""
    name = "signatures.jsonl"
    if name not in listed:
        return "writers not checked (the bundle has no signatures.jsonl)"
    batches = []
    for number, line in read_lines(bundle, name):
        where = f"{name} line {number}"
        first, last = line.get("first_sequence"), line.get("last_sequence")
        if not integer(first) or not integer(last) or not isinstance(line.get("key_id"), str) \
                or not isinstance(line.get("signature"), str) or not isinstance(line.get("clock"), str) \
                or not 1 <= first <= last <= len(events):
            raise Broken(where, "not a batch signature of this chain (first_sequence, last_sequence, key_id, clock, signature)")
        if batches and first <= batches[-1]["last_sequence"]:
            raise Broken(where, f"batch {first} to {last} overlaps the batch before it")
        try:
            line["signature_bytes"] = base64.b64decode(line["signature"], validate=True)
        except ValueError:
            raise Broken(where, "its signature is not base64")
        batches.append(line)
    openssl = shutil.which("openssl")
    if not openssl and batches:
        return "writers' signatures not checked (no openssl)"
    desk = DeskKeys()
    by_first = {b["first_sequence"]: b for b in batches}
    covered = 0
    with tempfile.TemporaryDirectory() as tmp:
        sequence = 1
        while sequence <= len(events):
            batch = by_first.get(sequence)
            if batch is None:
                where = f"events.jsonl sequence {sequence}"
                if desk.administrator is not None:
                    raise Broken(where, "it has no writer signature (signed writing began at sequence "
                                        f"{desk.established_at})")
                if events[sequence - 1]["type"] in KEY_EVENTS:
                    raise Broken(where, "an unsigned desk-keys event")
                sequence += 1
                continue
            first, last, key_id = batch["first_sequence"], batch["last_sequence"], batch["key_id"]
            where = f"events.jsonl sequence {first}"
            key = desk.keys.get(key_id)
            raw_key = key["public_key"] if key else None
            if raw_key is None and desk.administrator is None \
                    and events[first - 1]["type"] == "DeskAdministratorEstablished":
                try:
                    payload = payload_object(events[first - 1])
                    candidate = base64.b64decode(payload.get("public_key", ""), validate=True)
                    raw_key = candidate if key_id_of(candidate) == key_id else None
                except (Broken, ValueError):
                    raw_key = None
            if raw_key is None:
                raise Broken(where, f"batch {first} to {last} is signed by key {key_id}, which is not enrolled")
            if not ed25519_verify(openssl, tmp, raw_key, batch_signed_bytes(key_id, first, last, batch["clock"], events),
                                  batch["signature_bytes"]):
                raise Broken(where, f"the signature of batch {first} to {last} does not verify with key {key_id}")
            if key and key["revoked_at"] and key["revoked_at"] <= first:
                raise Broken(where, f"batch {first} to {last} is signed by key {key_id}, revoked at {key['revoked_at']}")
            for s in range(first, last + 1):
                event = events[s - 1]
                if event["type"] in KEY_EVENTS:
                    if event["actor_role"] != "admin":
                        raise Broken(f"events.jsonl sequence {s}", "desk-keys events are the administrator's")
                    problem = desk.apply(event, key_id)
                else:
                    signer = desk.keys.get(key_id)
                    problem = may_write(signer, event) if signer else f"key {key_id} is not enrolled"
                if problem:
                    raise Broken(f"events.jsonl sequence {s}", problem)
            covered += last - first + 1
            sequence = last + 1
    if len(by_first) != len(batches):
        raise Broken(name, "two batches start at the same sequence")
    listed_keys = {k.get("key_id"): k for k in manifest["public_keys"] if isinstance(k, dict)}
    for key_id, key in desk.keys.items():
        entry = listed_keys.get(key_id)
        if entry is None or entry.get("public_key") != base64.b64encode(key["public_key"]).decode() \
                or sorted(entry.get("roles", [])) != sorted(key["roles"]) or entry.get("revoked_at", 0) != key["revoked_at"]:
            raise Broken("manifest.json", f"public key {key_id} is not listed as the desk-keys events enrol it")
    if len(listed_keys) != len(desk.keys):
        raise Broken("manifest.json", "lists a public key that no desk-keys event enrols")
    unsigned = len(events) - covered
    return f"writers: {covered} events in {len(batches)} signed batches, {len(desk.keys)} keys" + \
        (f", administrator {desk.administrator}" if desk.administrator else ", no desk administrator") + \
        (f"; {unsigned} events unsigned (written before the desk had an administrator)" if unsigned else "")


def main(argv):
    if len(argv) != 2 or argv[1] in ("-h", "--help"):
        print(__doc__.strip(), file=sys.stderr)
        return 2
    bundle = argv[1]
    try:
        manifest, listed = check_manifest(bundle)
        events = check_events(bundle, manifest)
        check_csv(bundle, events)
        instruments = check_instruments(bundle, events)
        orders = check_orders(bundle, events)
        notes = check_checkpoints(bundle, manifest, events)
        notes += check_timestamps(bundle, manifest)
        writers = check_writers(bundle, manifest, listed, events)
    except NotABundle as error:
        print(f"instant bundle: {error}", file=sys.stderr)
        return 2
    except Broken as error:
        print(f"BROKEN: {error}")
        return 1
    head = manifest["head"]
    print(f"intact: {len(listed)} files, {len(events)} events (sequences 1 to {len(events)}), head hash {head['hash']}, "
          f"{instruments} instruments, {orders} orders, {len(manifest['checkpoints'])} checkpoints")
    for note in notes:
        print(note)
    print(writers)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
