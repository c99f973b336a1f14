/// Runs a parse tree over a value as Go's text/template executes it: dot and `$`, variables in
/// scopes, `if`/`with`/`range` with Go's truth, pipelines passing each result on as the last argument.
struct Evaluator {
    let source: [UInt8]
    let missingKey: MissingKey
    /// Docker's `HeaderFunctions`: for a table's header, `json`, `split`, `join`, `title`,
    /// `lower`, `upper` and `truncate` give back their text, so the header shows the column names.
    var isHeader = false
    private var variables: [(name: String, value: TemplateValue)]
    private(set) var output = ""
    private var steps = 0

    /// What `range`'s body asks of the loop around it.
    private enum Flow { case normal, breakLoop, continueLoop }

    init(source: [UInt8], root: TemplateValue, missingKey: MissingKey) {
        self.source = source
        self.missingKey = missingKey
        variables = [("$", root)]
    }

    mutating func run(_ nodes: [Node], dot: TemplateValue) throws(TemplateError) {
        _ = try walk(nodes, dot: dot)
    }

    private mutating func walk(_ nodes: [Node], dot: TemplateValue) throws(TemplateError) -> Flow {
        for node in nodes {
            let flow = try walk(node, dot: dot)
            if flow != .normal { return flow }
        }
        return .normal
    }

    private mutating func walk(_ node: Node, dot: TemplateValue) throws(TemplateError) -> Flow {
        switch node {
        case let .text(text):
            output += text
        case let .action(pipe):
            let value = try evaluate(pipe, dot: dot)
            if pipe.declarations.isEmpty { value.writeGo(to: &output) }
        case let .if(branch), let .with(branch):
            let scope = variables.count
            defer { variables.removeLast(variables.count - scope) }
            let value = try evaluate(branch.pipeline, dot: dot)
            if case .with = node {
                if value.isTruthy { return try walk(branch.list, dot: value) }
            } else if value.isTruthy {
                return try walk(branch.list, dot: dot)
            }
            if let elseList = branch.elseList { return try walk(elseList, dot: dot) }
        case let .range(branch):
            return try range(branch, dot: dot)
        case .break: return .breakLoop
        case .continue: return .continueLoop
        }
        return .normal
    }

    private mutating func range(_ branch: Branch, dot: TemplateValue) throws(TemplateError) -> Flow {
        let scope = variables.count
        defer { variables.removeLast(variables.count - scope) }
        let value = try evaluate(branch.pipeline, dot: dot)
        let mark = variables.count
        // Elements are produced one at a time: `range 1000000000000` must not allocate them all.
        let count: Int64
        let element: (Int64) -> (key: TemplateValue, value: TemplateValue)
        switch value {
        case let .array(values):
            count = Int64(values.count)
            element = { (.int($0), values[Int($0)]) }
        case let .object(object):
            let keys = object.sortedKeys
            count = Int64(keys.count)
            element = { (.string(keys[Int($0)]), object[keys[Int($0)]] ?? .missing) }
        case let .int(number):
            count = max(0, number)
            element = { (.int($0), .int($0)) }
        case .null, .missing:
            count = 0
            element = { _ in (.missing, .missing) }
        default:
            throw error(at: branch.pipeline.offset, branch.pipeline.commands.first?.text ?? "", "range can't iterate over \(value.goDescription)")
        }
        let names = branch.pipeline.declarations
        var position: Int64 = 0
        while position < count {
            let element = element(position)
            position += 1
            try countStep(at: branch.pipeline.offset)
            // The pipeline pushed range's variables; each iteration sets them in place.
            let values = names.count == 2 ? [element.key, element.value] : [element.value]
            for (offset, name) in names.enumerated() {
                if branch.pipeline.isAssignment {
                    assign(name, values[offset])
                } else {
                    variables[mark - names.count + offset].value = values[offset]
                }
            }
            let flow = try walk(branch.list, dot: element.value)
            variables.removeLast(variables.count - mark)
            if flow == .breakLoop { break }
        }
        if count == 0, let elseList = branch.elseList { return try walk(elseList, dot: dot) }
        return .normal
    }

    private mutating func assign(_ name: String, _ value: TemplateValue) {
        if let index = variables.lastIndex(where: { $0.name == name }) { variables[index].value = value }
    }

    // MARK: pipelines

    mutating func evaluate(_ pipe: Pipeline, dot: TemplateValue) throws(TemplateError) -> TemplateValue {
        var value: TemplateValue?
        for command in pipe.commands {
            value = try evaluate(command, dot: dot, final: value)
        }
        let result = value ?? .missing
        if pipe.declarations.count == 2 {
            // range's `$i, $e :=`: both are pushed now and set per element.
            if !pipe.isAssignment { for name in pipe.declarations { variables.append((name, result)) } }
        } else {
            for name in pipe.declarations {
                if pipe.isAssignment { assign(name, result) } else { variables.append((name, result)) }
            }
        }
        return result
    }

    private mutating func evaluate(_ command: Command, dot: TemplateValue, final: TemplateValue?) throws(TemplateError) -> TemplateValue {
        try countStep(at: command.offset, command.text)
        let head = command.operands[0]
        let arguments = Array(command.operands.dropFirst())
        switch head.kind {
        case let .field(names):
            return try fieldChain(dot, names, operand: head, hasArguments: !arguments.isEmpty || final != nil)
        case let .variable(name, fields):
            let value = variables.last { $0.name == name }?.value ?? .missing
            if fields.isEmpty {
                try notAFunction(head, arguments: arguments, final: final)
                return value
            }
            return try fieldChain(value, fields, operand: head, hasArguments: !arguments.isEmpty || final != nil)
        case let .chain(inner, fields):
            let value = try argument(inner, dot: dot)
            return try fieldChain(value, fields, operand: head, hasArguments: !arguments.isEmpty || final != nil)
        case let .function(name):
            return try call(name, command: command, arguments: arguments, dot: dot, final: final)
        case let .pipeline(pipe):
            try notAFunction(head, arguments: arguments, final: final)
            return try evaluate(pipe, dot: dot)
        case .dot:
            try notAFunction(head, arguments: arguments, final: final)
            return dot
        case let .constant(value):
            try notAFunction(head, arguments: arguments, final: final)
            return value
        case .nil:
            throw error(at: head.offset, head.text, "nil is not a command")
        }
    }

    private func notAFunction(_ head: Operand, arguments: [Operand], final: TemplateValue?) throws(TemplateError) {
        if !arguments.isEmpty || final != nil {
            throw error(at: head.offset, head.text, "can't give argument to non-function \(head.text)")
        }
    }

    /// An operand used as an argument: evaluated without arguments of its own.
    mutating func argument(_ operand: Operand, dot: TemplateValue) throws(TemplateError) -> TemplateValue {
        switch operand.kind {
        case .nil: return .null
        case let .function(name):
            let command = Command(operands: [operand], offset: operand.offset, text: operand.text)
            return try call(name, command: command, arguments: [], dot: dot, final: nil)
        default:
            let command = Command(operands: [operand], offset: operand.offset, text: operand.text)
            return try evaluate(command, dot: dot, final: nil)
        }
    }

    // MARK: fields

    private func fieldChain(_ receiver: TemplateValue, _ names: [String], operand: Operand,
                            hasArguments: Bool) throws(TemplateError) -> TemplateValue {
        var value = receiver
        for (index, name) in names.enumerated() {
            value = try field(name, of: value, operand: operand, hasArguments: hasArguments && index == names.count - 1)
        }
        return value
    }

    private func field(_ name: String, of receiver: TemplateValue, operand: Operand,
                       hasArguments: Bool) throws(TemplateError) -> TemplateValue {
        switch receiver {
        case .missing:
            if case .error = missingKey {
                throw error(at: operand.offset, operand.text, "nil data; no entry for key \(GoQuote.quote(name))")
            }
            return .missing
        case .null:
            throw error(at: operand.offset, operand.text, "nil pointer evaluating interface {}.\(name)")
        case let .object(object):
            if hasArguments { throw error(at: operand.offset, operand.text, "\(name) is not a method but has arguments") }
            if let value = object[name] { return value }
            switch missingKey {
            case .noValue: return .missing
            case .error: throw error(at: operand.offset, operand.text, "map has no entry for key \(GoQuote.quote(name))")
            case let .structField(type):
                throw error(at: operand.offset, operand.text, "can't evaluate field \(name) in type \(type)")
            }
        default:
            throw error(at: operand.offset, operand.text, "can't evaluate field \(name) in type \(receiver.goTypeName)")
        }
    }

    // MARK: functions

    private mutating func call(_ name: String, command: Command, arguments: [Operand], dot: TemplateValue,
                               final: TemplateValue?) throws(TemplateError) -> TemplateValue {
        let head = command.operands[0]
        let count = arguments.count + (final == nil ? 0 : 1)
        if name == "and" || name == "or" {
            guard count >= 1 else { throw error(at: head.offset, name, "wrong number of args for \(name): want at least 1 got 0") }
            var value = TemplateValue.missing
            for operand in arguments {
                value = try argument(operand, dot: dot)
                if value.isTruthy == (name == "or") { return value }
            }
            if let final { value = final }
            return value
        }
        guard let builtin = Builtins.all[name] else { throw error(at: head.offset, name, "\(GoQuote.quote(name)) is not a defined function") }
        switch builtin.arity {
        case let .exactly(wanted) where count != wanted:
            throw error(at: head.offset, name, "wrong number of args for \(name): want \(wanted) got \(count)")
        case let .atLeast(wanted) where count < wanted:
            throw error(at: head.offset, name, "wrong number of args for \(name): want at least \(wanted) got \(count)")
        default: break
        }
        var values: [TemplateValue] = []
        for operand in arguments { values.append(try argument(operand, dot: dot)) }
        if let final { values.append(final) }
        do {
            if isHeader, ["json", "split", "join", "title", "lower", "upper", "truncate"].contains(name) {
                return .string(try Builtins.string(values[0]))
            }
            return try builtin.call(values)
        } catch let failure {
            switch failure {
            case let .call(reason): throw error(at: command.offset, command.text, "error calling \(name): \(reason)")
            case let .argument(reason): throw error(at: command.offset, command.text, reason)
            }
        }
    }

    // MARK: errors and limits

    private func error(at offset: Int, _ context: String, _ reason: String) -> TemplateError {
        .execution(source: source, offset: offset, context: context, reason)
    }

    /// A bound on work, so `range` over a huge integer cannot hang a command.
    private mutating func countStep(at offset: Int, _ context: String = "range") throws(TemplateError) {
        steps += 1
        if steps > 1_000_000 || output.utf8.count > 64 << 20 {
            throw error(at: offset, context, "template too expensive to execute")
        }
    }
}

/// What a field lookup does with a key the object does not have.
public enum MissingKey: Sendable, Equatable {
    /// Go's default for maps: the value prints `<no value>`.
    case noValue
    /// `missingkey=error`, as `docker inspect` runs over the JSON: "map has no entry for key".
    case error
    /// A Go struct's field that does not exist, as `docker ps`'s rows are:
    /// "can't evaluate field Foo in type *formatter.ContainerContext".
    case structField(String)
}
