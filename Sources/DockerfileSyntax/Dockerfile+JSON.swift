/// The `dockyard parse --json` shape: directives, then each instruction with its name, lines,
/// form, flags, arguments and heredocs.
extension Dockerfile {
    public var json: JSONValue {
        var directiveMembers: [(String, JSONValue)] = [("escape", .string(String(directives.escape)))]
        if let syntax = directives.syntax { directiveMembers.append(("syntax", .string(syntax))) }
        if let check = directives.check { directiveMembers.append(("check", .string(check))) }
        return .object([
            ("directives", .object(directiveMembers)),
            ("instructions", .array(instructions.map(\.json))),
        ])
    }
}

extension Instruction {
    public var json: JSONValue {
        var members: [(String, JSONValue)] = [
            ("name", .string(keyword.rawValue)),
            ("line", .int(line)),
            ("endLine", .int(endLine)),
            ("json", .bool(isJSONForm)),
            ("flags", flagsJSON),
            ("args", .array(arguments.map(JSONValue.string))),
            ("heredocs", .array(heredocs.map { heredoc in
                .object([
                    ("name", .string(heredoc.name)),
                    ("content", .string(heredoc.content)),
                    ("chomp", .bool(heredoc.chomp)),
                    ("expand", .bool(heredoc.expand)),
                ])
            })),
        ]
        if case .onbuild(let trigger) = details {
            members.append(("trigger", trigger.json))
        }
        return .object(members)
    }

    /// `--name=value` as `"name": "value"`, a bare `--name` as `""`; a flag given several times
    /// (`--mount`, `--exclude`) maps to the array of its values.
    private var flagsJSON: JSONValue {
        var order: [String] = []
        var values: [String: [String]] = [:]
        for flag in flags {
            if values[flag.name] == nil { order.append(flag.name) }
            values[flag.name, default: []].append(flag.value ?? "")
        }
        return .object(order.map { name in
            let all = values[name] ?? []
            return (name, all.count == 1 ? .string(all[0]) : .array(all.map(JSONValue.string)))
        })
    }
}
