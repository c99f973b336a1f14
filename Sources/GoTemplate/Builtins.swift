/// The functions a `--format` template can call: Go's predefined ones (`eq`, `len`, `index`,
/// `printf`, …; `and`/`or` live in the evaluator, which short-circuits them) and the ones
/// Docker's CLI adds in `templates/templates.go` (`json`, `join`, `split`, `upper`, `pad`, …).
enum Builtins {
    /// How a function failed: Go prefixes a call's own error with "error calling NAME: ", but not
    /// an argument that does not fit the parameter's type.
    enum Failure: Error { case call(String), argument(String) }

    struct Function: Sendable {
        enum Arity: Sendable { case exactly(Int), atLeast(Int) }
        var arity: Arity
        var call: @Sendable ([TemplateValue]) throws(Failure) -> TemplateValue
    }

    /// Every name the parser accepts as a function.
    static var names: Set<String> { Set(all.keys).union(["and", "or"]) }

    static let all: [String: Function] = [
        "not": Function(arity: .exactly(1)) { .bool(!$0[0].isTruthy) },
        "len": Function(arity: .exactly(1)) { args throws(Failure) in try length(args[0]) },
        "index": Function(arity: .atLeast(1)) { args throws(Failure) in try index(args[0], Array(args.dropFirst())) },
        "print": Function(arity: .atLeast(0)) { .string(GoPrint.sprint($0)) },
        "println": Function(arity: .atLeast(0)) { .string(GoPrint.sprintln($0)) },
        "printf": Function(arity: .atLeast(1)) { args throws(Failure) in
            .string(Printf.format(try string(args[0]), Array(args.dropFirst())))
        },
        "eq": Function(arity: .atLeast(1)) { args throws(Failure) in try Comparison.equal(args[0], Array(args.dropFirst())) },
        "ne": Function(arity: .exactly(2)) { args throws(Failure) in
            let equal = try Comparison.equal(args[0], [args[1]])
            return .bool(!equal.isTruthy)
        },
        "lt": Function(arity: .exactly(2)) { args throws(Failure) in .bool(try Comparison.less(args[0], args[1])) },
        "le": Function(arity: .exactly(2)) { args throws(Failure) in
            let less = try Comparison.less(args[0], args[1])
            let equal = try Comparison.equal(args[0], [args[1]])
            return .bool(less || equal.isTruthy)
        },
        "gt": Function(arity: .exactly(2)) { args throws(Failure) in
            let less = try Comparison.less(args[0], args[1])
            let equal = try Comparison.equal(args[0], [args[1]])
            return .bool(!less && !equal.isTruthy)
        },
        "ge": Function(arity: .exactly(2)) { args throws(Failure) in
            let less = try Comparison.less(args[0], args[1])
            return .bool(!less)
        },
        // Docker's additions.
        "json": Function(arity: .exactly(1)) { .string($0[0].compactJSON) },
        "split": Function(arity: .exactly(2)) { args throws(Failure) in try split(string(args[0]), string(args[1])) },
        "join": Function(arity: .exactly(2)) { args throws(Failure) in try join(args[0], string(args[1])) },
        "title": Function(arity: .exactly(1)) { args throws(Failure) in .string(TextCase.title(try string(args[0]))) },
        "lower": Function(arity: .exactly(1)) { args throws(Failure) in .string(TextCase.lower(try string(args[0]))) },
        "upper": Function(arity: .exactly(1)) { args throws(Failure) in .string(TextCase.upper(try string(args[0]))) },
        "pad": Function(arity: .exactly(3)) { args throws(Failure) in try pad(string(args[0]), integer(args[1]), integer(args[2])) },
        "truncate": Function(arity: .exactly(2)) { args throws(Failure) in try truncate(string(args[0]), integer(args[1])) },
    ]

    // MARK: argument types, as Go's reflection checks them

    static func string(_ value: TemplateValue) throws(Failure) -> String {
        switch value {
        case let .string(text): return text
        case .missing: throw .argument("invalid value; expected string")
        default: throw .argument("wrong type for value; expected string; got \(value.goTypeName)")
        }
    }

    static func integer(_ value: TemplateValue) throws(Failure) -> Int64 {
        switch value {
        case let .int(number): return number
        case .missing: throw .argument("invalid value; expected int")
        default: throw .argument("wrong type for value; expected int; got \(value.goTypeName)")
        }
    }

    // MARK: Go's functions

    static func length(_ value: TemplateValue) throws(Failure) -> TemplateValue {
        switch value {
        case let .string(text): .int(Int64(text.utf8.count))
        case let .array(values): .int(Int64(values.count))
        case let .object(object): .int(Int64(object.count))
        case .null: throw .call("len of nil pointer")
        case .missing: throw .call("len of untyped nil")
        default: throw .call("len of type \(value.goTypeName)")
        }
    }

    static func index(_ item: TemplateValue, _ indices: [TemplateValue]) throws(Failure) -> TemplateValue {
        var item = item
        for index in indices {
            switch (item, index) {
            case let (.array(values), .int(position)):
                guard position >= 0, position < values.count else { throw .call("index out of range: \(position)") }
                item = values[Int(position)]
            case let (.string(text), .int(position)):
                let bytes = Array(text.utf8)
                guard position >= 0, position < bytes.count else { throw .call("index out of range: \(position)") }
                item = .int(Int64(bytes[Int(position)]))
            case (.array, _), (.string, _):
                throw .call("cannot index slice/array with type \(index.goTypeName)")
            case let (.object(object), .string(key)):
                // A missing key gives the map's zero value: nil, printed `<nil>`.
                item = object[key] ?? .null
            case (.object, _):
                throw .call("value has type \(index.goTypeName); should be string")
            case (.null, _), (.missing, _):
                throw .call("index of untyped nil")
            default:
                throw .call("can't index item of type \(item.goTypeName)")
            }
        }
        return item
    }

    // MARK: Docker's functions

    /// Go's `strings.Split`: an empty separator splits after each UTF-8 character.
    static func split(_ text: String, _ separator: String) -> TemplateValue {
        if separator.isEmpty { return .array(text.unicodeScalars.map { .string(String($0)) }) }
        // By bytes, as Go compares strings.
        let bytes = Array(text.utf8), pattern = Array(separator.utf8)
        var parts: [TemplateValue] = []
        var start = 0, position = 0
        while position + pattern.count <= bytes.count {
            if bytes[position..<position + pattern.count].elementsEqual(pattern) {
                parts.append(.string(String(decoding: bytes[start..<position], as: UTF8.self)))
                position += pattern.count
                start = position
            } else {
                position += 1
            }
        }
        parts.append(.string(String(decoding: bytes[start...], as: UTF8.self)))
        return .array(parts)
    }

    /// Docker's `joinElements`: a slice's elements as `%v`, or a map's values sorted.
    static func join(_ value: TemplateValue, _ separator: String) throws(Failure) -> TemplateValue {
        switch value {
        case .null, .missing: return .string("")
        case let .array(values): return .string(values.map(\.goDescription).joined(separator: separator))
        case let .object(object):
            let values = object.pairs.map(\.value.goDescription).sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
            return .string(values.joined(separator: separator))
        default: throw .call("expected slice, got \(value.goTypeName)")
        }
    }

    /// Docker's `padWithSpace`: spaces before and after, unless the text is empty.
    static func pad(_ text: String, _ prefix: Int64, _ suffix: Int64) throws(Failure) -> TemplateValue {
        guard prefix >= 0, suffix >= 0 else { throw .call("strings: negative Repeat count") }
        guard !text.isEmpty else { return .string(text) }
        guard prefix < 1 << 20, suffix < 1 << 20 else { throw .call("strings: Repeat output length overflow") }
        return .string(String(repeating: " ", count: Int(prefix)) + text + String(repeating: " ", count: Int(suffix)))
    }

    /// Docker's `truncateWithLength`: the first LENGTH bytes (a cut inside a character leaves U+FFFD).
    static func truncate(_ text: String, _ length: Int64) throws(Failure) -> TemplateValue {
        let bytes = Array(text.utf8)
        if bytes.count < length { return .string(text) }
        guard length >= 0 else { throw .call("runtime error: slice bounds out of range [:\(length)]") }
        return .string(String(decoding: bytes.prefix(Int(length)), as: UTF8.self))
    }
}

/// Go's `eq` and `lt` over basic values: numbers with numbers, strings with strings, bools with
/// bools; nil equal only to nil. (Go refuses an int against a float; Dockyard compares them, as
/// its JSON values may be either.)
enum Comparison {
    static func equal(_ first: TemplateValue, _ others: [TemplateValue]) throws(Builtins.Failure) -> TemplateValue {
        guard !others.isEmpty else { throw .call("missing argument for comparison") }
        for other in others {
            switch (first, other) {
            case (.null, .null), (.missing, .missing), (.null, .missing), (.missing, .null): return .bool(true)
            case (.null, _), (.missing, _), (_, .null), (_, .missing): continue
            case let (.string(a), .string(b)): if a == b { return .bool(true) }
            case let (.bool(a), .bool(b)): if a == b { return .bool(true) }
            case (.array, _), (.object, _), (_, .array), (_, .object):
                throw .call("non-comparable type \(first.goDescription): \(first.goTypeName)")
            default:
                guard let a = number(first), let b = number(other) else { throw .call("incompatible types for comparison") }
                if a == b { return .bool(true) }
            }
        }
        return .bool(false)
    }

    static func less(_ first: TemplateValue, _ second: TemplateValue) throws(Builtins.Failure) -> Bool {
        switch (first, second) {
        case let (.string(a), .string(b)): return Array(a.utf8).lexicographicallyPrecedes(Array(b.utf8))
        case (.int, .int), (.int, .double), (.double, .int), (.double, .double):
            if case let (.int(a), .int(b)) = (first, second) { return a < b }
            return (number(first) ?? 0) < (number(second) ?? 0)
        case (.bool, _), (.array, _), (.object, _), (.null, _), (.missing, _):
            throw .call("invalid type for comparison")
        default:
            throw .call("incompatible types for comparison")
        }
    }

    private static func number(_ value: TemplateValue) -> Double? {
        switch value {
        case let .int(number): Double(number)
        case let .double(number): number
        default: nil
        }
    }
}
