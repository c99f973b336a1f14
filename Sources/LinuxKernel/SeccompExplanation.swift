/// What `--explain` says about a seccomp filter: which profile it came from, how many calls it
/// allows, its default, its argument-conditional rules, and the calls the profile names that this
/// process is refused (those its capabilities do not unlock).
struct SeccompExplanation {
    var lines: [String]
    var refusedNames: [String]

    init(profile: SeccompProfile, filter: SeccompFilter) {
        let rules = filter.rules
        let allowed = rules.calls.filter { $0.unconditional == SeccompFilter.allow }.count
        let conditional = rules.calls.filter { $0.unconditional == nil && !$0.conditional.isEmpty }
        let name = profile == .dockerDefault ? "Docker's default profile" : "a custom profile"
        // A deny-list profile (default allow) is told by its exceptions alone, listed below.
        var summary = rules.defaultVerdict == SeccompFilter.allow
            ? "\(name): every call allowed but those below"
            : "\(name): \(allowed) calls allowed, \(conditional.count) on conditions, "
                + "every other call \(Self.describe(rules.defaultVerdict))"
        if let highest = rules.enosysAbove { summary += " (ENOSYS past \(highest))" }
        lines = [summary]
        for call in conditional {
            let alternatives = call.conditional.map { rule in
                rule.comparisons.map(Self.describe).joined(separator: " and ") + " -> " + Self.describe(rule.verdict)
            }
            lines.append("\(call.name): \(alternatives.joined(separator: ", ")), else \(Self.describe(rules.defaultVerdict))")
        }
        for call in rules.calls where call.unconditional.map({ $0 != SeccompFilter.allow && $0 != rules.defaultVerdict }) ?? false {
            lines.append("\(call.name): \(Self.describe(call.unconditional ?? 0))")
        }
        let decided = Set(rules.calls.filter { $0.unconditional != rules.defaultVerdict }.map(\.number))
        let named = Set(profile.syscalls.flatMap(\.names))
        refusedNames = named.filter { name in SeccompFilter.number(name).map { !decided.contains($0) } ?? false }.sorted()
    }

    /// A verdict in words: "allowed", "EPERM", "errno 13", "kill".
    static func describe(_ verdict: UInt32) -> String {
        switch verdict & 0xffff_0000 {
        case SeccompFilter.allow: return "allowed"
        case 0x0005_0000:
            let errno = verdict & 0xffff
            return [1: "EPERM", 13: "EACCES", 38: "ENOSYS"][errno] ?? "errno \(errno)"
        case 0x0003_0000: return "SIGSYS"
        case 0x7ff0_0000: return "traced"
        case 0x7ffc_0000: return "logged and allowed"
        default: return "killed"
        }
    }

    /// A comparison as C would write it: `arg0 == 0x8`, `(arg0 & 0x7e020000) == 0x0`.
    static func describe(_ argument: SeccompProfile.Argument) -> String {
        let value = "0x" + String(argument.value, radix: 16)
        let name = "arg\(argument.index)"
        switch argument.op {
        case .equal: return "\(name) == \(value)"
        case .notEqual: return "\(name) != \(value)"
        case .lessThan: return "\(name) < \(value)"
        case .lessOrEqual: return "\(name) <= \(value)"
        case .greaterThan: return "\(name) > \(value)"
        case .greaterOrEqual: return "\(name) >= \(value)"
        case .maskedEqual: return "(\(name) & \(value)) == 0x" + String(argument.valueTwo ?? 0, radix: 16)
        }
    }
}
