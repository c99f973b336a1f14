extension MustacheTemplate {
    /// The template filled from `context`: dictionaries `[String: Any]`, arrays, strings, numbers and
    /// booleans, as the site's page builders make them.
    ///
    /// A name is looked up in the innermost section's value first, then outwards (Mustache's context
    /// stack); `a.b` finds `a` so, then `b` inside it only. A section repeats for each item of a list
    /// (none for an empty one), shows once for `true`, never for `false` or a missing name, and once
    /// with any other value (an object, even an empty one) as the innermost context. An inverted
    /// section shows exactly when its section would not. Values print as `String(describing:)`;
    /// an escaped variable goes through `HTMLText.escape`, Mustache's five entities.
    func render(_ context: [String: Any]) -> String {
        var output = ""
        Self.render(nodes, stack: [context], into: &output)
        return output
    }

    private static func render(_ nodes: [Node], stack: [Any], into output: inout String) {
        for node in nodes {
            switch node {
            case let .text(text):
                output += text
            case let .variable(name, escaped):
                guard let value = lookUp(name, in: stack) else { continue }
                let text = String(describing: value)
                output += escaped ? HTMLText.escape(text) : text
            case let .section(name, inverted, body):
                let value = lookUp(name, in: stack)
                if inverted {
                    if !shows(value) { render(body, stack: stack, into: &output) }
                } else if let items = value as? [Any] {
                    for item in items { render(body, stack: stack + [item], into: &output) }
                } else if let flag = value as? Bool {
                    if flag { render(body, stack: stack, into: &output) }
                } else if let value {
                    render(body, stack: stack + [value], into: &output)
                }
            }
        }
    }

    /// Whether a section over `value` shows at least once.
    private static func shows(_ value: Any?) -> Bool {
        if let items = value as? [Any] { return !items.isEmpty }
        if let flag = value as? Bool { return flag }
        return value != nil
    }

    /// `name`'s value: `.` is the innermost context; otherwise the first part is searched from the
    /// innermost context outwards, and each further part only inside the value found.
    private static func lookUp(_ name: String, in stack: [Any]) -> Any? {
        if name == "." { return stack.last }
        let parts = name.split(separator: ".").map(String.init)
        guard let first = parts.first else { return nil }
        guard var value = stack.reversed().lazy.compactMap({ ($0 as? [String: Any])?[first] }).first else { return nil }
        for part in parts.dropFirst() {
            guard let inner = (value as? [String: Any])?[part] else { return nil }
            value = inner
        }
        return value
    }
}
