import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif

/// A usual record's JSON, written by hand, byte for byte what `JSONEncoder` writes for it
/// (`.prettyPrinted`, `.sortedKeys`, `.iso8601`).
///
/// `run` saves its container's record before it clones the first process, and the first use of
/// `JSONEncoder` with these types costs more than the save: each generic container the encoder
/// instantiates (one per `CodingKeys`) is a search of the runtime's conformance tables. Measured
/// with callgrind, the first save was 4.7 M instructions, a fifth of `run`'s work before its clone.
///
/// Only the shapes `run` usually writes are handled: no ports, mounts, devices, security options,
/// CPU limit, healthcheck, logging options, extra networks or on-failure restart policy, and strings
/// of printable ASCII. A bridge network's attachment without published ports is handled: every
/// default `run` saves one twice (before its veth exists, and once the process runs), and through
/// `JSONEncoder` those two saves cost more CPU than all the bridge's kernel work (docs/run-hot-path.md).
/// For anything else this gives nil and the record goes through `JSONEncoder` as before; a test
/// compares both writers' bytes.
extension ContainerRecord {
    var plainJSONText: String? {
        plainFields().flatMap { PlainJSON.object($0).text }
    }

    private func plainFields() -> [(String, PlainJSON)]? {
        guard extraAttachments.isEmpty, userModeNetwork == nil, var fields = config.plainFields() else { return nil }
        fields += [("id", .object([("full", .string(id.full))])), ("name", .string(name)),
                   ("created", .date(created)), ("cgroupPaths", .strings(cgroupPaths))]
        if let networkAttachment {
            guard let attachment = networkAttachment.plainJSON else { return nil }
            fields.append(("networkAttachment", attachment))
        }
        if stopRequested { fields.append(("stopRequested", .bool(true))) }
        if restartCount > 0 { fields.append(("restartCount", .int(Int64(restartCount)))) }
        if let creatingRun {
            guard let startTime = Int64(exactly: creatingRun.startTime) else { return nil }
            fields.append(("creatingRun", .object([("pid", .int(Int64(creatingRun.pid))), ("startTime", .int(startTime))])))
        }
        switch state {
        case .created:
            fields += [("status", .string("created")), ("oomKilled", .bool(false))]
        case let .running(process), let .paused(process):
            fields.append(("status", .string("running")))
            if state.isPaused { fields.append(("paused", .bool(true))) }
            fields.append(("pid", .int(Int64(process.pid))))
            if let startTime = process.startTime {
                guard let value = Int64(exactly: startTime) else { return nil }
                fields.append(("pidStartTime", .int(value)))
            }
            fields += [("startedAt", .date(process.startedAt)), ("oomKilled", .bool(false))]
        case let .exited(exit):
            fields += [("status", .string("exited")), ("exitCode", .int(Int64(exit.code))),
                       ("oomKilled", .bool(exit.oomKilled))]
            if let startedAt = exit.startedAt { fields.append(("startedAt", .date(startedAt))) }
            fields.append(("finishedAt", .date(exit.finishedAt)))
        }
        return fields
    }
}

extension ContainerConfiguration {
    /// The keys `encode(to:)` writes, for the shapes `plainJSONText` handles.
    fileprivate func plainFields() -> [(String, PlainJSON)]? {
        guard publishedPorts.isEmpty, mounts.isEmpty, devices.isEmpty, security == SecurityOptions(),
              limits == ResourceLimits(memoryBytes: limits.memoryBytes, pids: limits.pids), labels.isEmpty,
              nameResolution == NameResolution(), ulimits.isEmpty, sysctls.isEmpty, shmSize == nil,
              containerIDFile == nil, healthcheck == nil, logConfig == nil, !cgroupnsHost else { return nil }
        let restart: String
        switch restartPolicy {
        case .no: restart = "no"
        case .always: restart = "always"
        case .onFailure: return nil
        }
        var limitFields: [(String, PlainJSON)] = []
        if let memoryBytes = limits.memoryBytes { limitFields.append(("memoryBytes", .int(memoryBytes))) }
        if let pids = limits.pids { limitFields.append(("pids", .int(pids))) }
        var fields: [(String, PlainJSON)] = [
            ("image", .string(image)), ("imageID", .string(imageID)), ("lowerdirs", .strings(lowerdirs)),
            ("argv", .strings(argv)), ("environment", .strings(environment)),
            ("workingDirectory", .string(workingDirectory)), ("user", .string(user)),
            ("uid", .int(Int64(uid))), ("gid", .int(Int64(gid))), ("groups", .array(groups.map { .int(Int64($0)) })),
            ("hostname", .string(hostname)), ("network", .string(network.rawValue)), ("limits", .object(limitFields)),
            ("autoRemove", .bool(autoRemove)), ("interactive", .bool(interactive)), ("tty", .bool(tty)),
            ("restartPolicy", .object([(restart, .object([]))])),
        ]
        if !groupAdd.isEmpty { fields.append(("groupAdd", .strings(groupAdd))) }
        if readOnlyRootfs { fields.append(("readOnlyRootfs", .bool(true))) }
        if userNamespace { fields.append(("userNamespace", .bool(true))) }
        if let initBinary { fields.append(("initBinary", .string(initBinary))) }
        if let stopSignal { fields.append(("stopSignal", .int(Int64(stopSignal)))) }
        if let stopTimeout { fields.append(("stopTimeout", .int(Int64(stopTimeout)))) }
        for (key, mode) in [("pidMode", pidMode), ("ipcMode", ipcMode), ("utsMode", utsMode)] where mode != .private {
            fields.append((key, .string(mode.text())))
        }
        if let pod { fields.append(("pod", .string(pod))) }
        if let requested {
            fields.append(("requested", .object([
                ("entrypoint", .strings(requested.entrypoint)), ("cmd", .strings(requested.cmd)),
                ("env", .strings(requested.env)), ("workingDir", .string(requested.workingDir)),
                ("exposedPorts", .strings(requested.exposedPorts)),
            ])))
        }
        return fields
    }
}

extension NetworkAttachment {
    /// The keys the synthesized `encode(to:)` writes, for an attachment without published ports.
    fileprivate var plainJSON: PlainJSON? {
        guard ports.isEmpty else { return nil }
        var fields: [(String, PlainJSON)] = [
            ("network", .string(network)), ("bridge", .string(bridge)), ("address", .string(address.description)),
            ("gateway", .string(gateway.description)), ("hostInterface", .string(hostInterface)), ("ports", .array([])),
        ]
        if let namespace { fields.append(("namespace", .string(namespace))) }
        if let interface { fields.append(("interface", .string(interface))) }
        return .object(fields)
    }
}

/// The JSON values a usual record (or an address pool's file) holds, written as `JSONEncoder`
/// pretty-prints them with sorted keys.
indirect enum PlainJSON {
    case string(String), int(Int64), bool(Bool), date(Date), array([PlainJSON]), object([(String, PlainJSON)])

    static func strings(_ values: [String]) -> PlainJSON { .array(values.map { .string($0) }) }

    /// The document's text, or nil when a string in it is not one `write` handles (`isPlain`).
    var text: String? {
        guard isPlain else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(4096)
        write(to: &bytes, indent: 0)
        return String(decoding: bytes, as: UTF8.self)
    }

    func write(to text: inout [UInt8], indent: Int) {
        switch self {
        case let .string(value): Self.quote(value, to: &text)
        case let .int(value): text += String(value).utf8
        case let .bool(value): text += (value ? "true" : "false").utf8
        case let .date(value): Self.quote(Self.iso8601(value), to: &text)
        case let .array(values):
            Self.container(UInt8(ascii: "["), UInt8(ascii: "]"), values.map { (nil, $0) }, indent: indent, to: &text)
        case let .object(fields):
            Self.container(UInt8(ascii: "{"), UInt8(ascii: "}"), fields.sorted { $0.0 < $1.0 }.map { ($0.0, $0.1) },
                           indent: indent, to: &text)
        }
    }

    /// `JSONEncoder`'s layout: one member a line, two more spaces each level, and an empty
    /// container as an empty line.
    private static func container(_ open: UInt8, _ close: UInt8, _ members: [(String?, PlainJSON)],
                                  indent: Int, to text: inout [UInt8]) {
        let space = UInt8(ascii: " "), newline = UInt8(ascii: "\n")
        text += [open, newline]
        if members.isEmpty { text.append(newline) }
        for (index, (key, value)) in members.enumerated() {
            text += repeatElement(space, count: indent + 2)
            if let key { quote(key, to: &text); text += " : ".utf8 }
            value.write(to: &text, indent: indent + 2)
            if index < members.count - 1 { text.append(UInt8(ascii: ",")) }
            text.append(newline)
        }
        text += repeatElement(space, count: indent)
        text.append(close)
    }

    /// `JSONEncoder` escapes the quote, the backslash and the slash; a record with any other
    /// character that needs care (controls, non-ASCII) never gets here (`isPlain`).
    private static func quote(_ value: String, to text: inout [UInt8]) {
        let quote = UInt8(ascii: "\""), backslash = UInt8(ascii: "\\")
        text.append(quote)
        for byte in value.utf8 {
            if byte == quote || byte == backslash || byte == UInt8(ascii: "/") { text.append(backslash) }
            text.append(byte)
        }
        text.append(quote)
    }

    /// `2026-12-06T22:28:27Z`: whole seconds, UTC.
    private static func iso8601(_ date: Date) -> String {
        var seconds = time_t(date.timeIntervalSince1970.rounded(.down))
        var parts = tm()
        gmtime_r(&seconds, &parts)
        func two(_ value: Int32) -> String { value < 10 ? "0" + String(value) : String(value) }
        return String(parts.tm_year + 1900) + "-" + two(parts.tm_mon + 1) + "-" + two(parts.tm_mday) + "T"
            + two(parts.tm_hour) + ":" + two(parts.tm_min) + ":" + two(parts.tm_sec) + "Z"
    }

    /// Whether every string in this value is printable ASCII, which `quote` writes as the encoder does.
    var isPlain: Bool {
        switch self {
        case let .string(value): value.utf8.allSatisfy { $0 >= 0x20 && $0 < 0x7f }
        case .int, .bool: true
        case let .date(value): value.timeIntervalSince1970 >= 0 && value.timeIntervalSince1970 < 253_402_300_800
        case let .array(values): values.allSatisfy(\.isPlain)
        case let .object(fields): fields.allSatisfy { $0.1.isPlain && PlainJSON.string($0.0).isPlain }
        }
    }
}
