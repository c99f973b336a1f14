import LinuxKernel

/// Writes a profile as the Swift source of `SeccompProfile+DockerDefault.swift`: the form the
/// binary decodes nothing from. The test that proves it equals the JSON also regenerates it.
extension SeccompProfile {
    func swiftSource() -> String {
        var lines = [
            "// Generated from `dockerDefaultJSON` (SeccompProfile+DockerDefaultJSON.swift), the source of truth: do not edit.",
            "// The test \"the built-in profile equals Docker's JSON\" proves they agree, and writes this file anew when they do not.",
            "",
            "extension SeccompProfile {",
            "    /// Docker's default profile as Swift values, equal to what `dockerDefaultJSON` decodes to, so a",
            "    /// container start does not pay for decoding JSON (about 1.3 ms in a release build here).",
            "    public static let dockerDefault = SeccompProfile(",
            "        defaultAction: .\(defaultAction), defaultErrnoRet: \(Self.literal(defaultErrnoRet)),",
            "        architectures: \(architectures.map { Self.literal($0) } ?? "nil"),",
            "        archMap: " + (archMap.map { maps in
                "[\n" + maps.map { "            ArchitectureMap(architecture: \(Self.quoted($0.architecture)), subArchitectures: "
                    + ($0.subArchitectures.map { Self.literal($0) } ?? "nil") + ")," }.joined(separator: "\n") + "\n        ]"
            } ?? "nil") + ",",
            "        syscalls: [",
        ]
        lines += syscalls.map(Self.source)
        lines += ["        ])", "}", ""]
        return lines.joined(separator: "\n")
    }

    static func literal(_ value: UInt32?) -> String { value.map { "\($0)" } ?? "nil" }
    static func literal(_ strings: [String]) -> String { "[" + strings.map(quoted).joined(separator: ", ") + "]" }
    /// A Swift string literal, escaped (`String`'s debug description).
    static func quoted(_ text: String) -> String { String(reflecting: text) }

    /// The names wrapped at about 110 columns, one entry per `Entry(...)`.
    static func source(_ entry: Entry) -> String {
        var rows: [String] = []
        var row = ""
        for name in entry.names.map(quoted) {
            if row.count + name.count > 96 { rows.append(row); row = "" }
            row += (row.isEmpty ? "" : " ") + name + ","
        }
        rows.append(row)
        let names = rows.count == 1
            ? "[" + String(rows[0].dropLast()) + "]"
            : "[\n" + rows.map { "                " + $0 }.joined(separator: "\n") + "\n            ]"
        var parts = ["names: \(names)", "action: .\(entry.action)"]
        if let errno = entry.errnoRet { parts.append("errnoRet: \(errno)") }
        if let args = entry.args {
            parts.append("args: [" + args.map { argument in
                "Argument(index: \(argument.index), value: 0x\(String(argument.value, radix: 16))"
                    + (argument.valueTwo.map { ", valueTwo: 0x\(String($0, radix: 16))" } ?? "") + ", op: .\(argument.op))"
            }.joined(separator: ", ") + "]")
        }
        if let comment = entry.comment { parts.append("comment: \(quoted(comment))") }
        for (label, condition) in [("includes", entry.includes), ("excludes", entry.excludes)] {
            guard let condition else { continue }
            var fields: [String] = []
            if let caps = condition.caps { fields.append("caps: \(literal(caps))") }
            if let arches = condition.arches { fields.append("arches: \(literal(arches))") }
            if let minimum = condition.minKernel { fields.append("minKernel: \(quoted(minimum))") }
            parts.append("\(label): Condition(\(fields.joined(separator: ", ")))")
        }
        return "            Entry(" + parts.joined(separator: ", ") + "),"
    }
}
