/// Builds the parse tree from tokens as Go's text/template parser does, with its checks at parse
/// time: unknown functions, undeclared variables, `{{end}}` without a block, `{{break}}` outside
/// `{{range}}`. Errors carry Go's wording and the line.
struct Parser {
    private let tokens: [Token]
    private let source: [UInt8]
    private let functions: Set<String>
    private var position = 0
    /// Variables in scope, innermost last; `$` is always there.
    private var variables = ["$"]
    private var rangeDepth = 0

    /// What ended a list: `{{end}}`, or `{{else}}` (with an `if`/`with` left pending for `else if`).
    private enum Terminator { case end, `else` }

    init(tokens: [Token], source: [UInt8], functions: Set<String>) {
        self.tokens = tokens
        self.source = source
        self.functions = functions
    }

    mutating func parse() throws(TemplateError) -> [Node] {
        var nodes: [Node] = []
        while peek().kind != .endOfInput {
            let start = peek()
            let (node, terminator) = try textOrAction()
            if let terminator {
                throw .parse(line: start.line, terminator == .end ? "unexpected {{end}}" : "unexpected {{else}}")
            }
            if let node { nodes.append(node) }
        }
        return nodes
    }

    // MARK: lists and actions

    private mutating func textOrAction() throws(TemplateError) -> (Node?, Terminator?) {
        let token = next()
        switch token.kind {
        case .text: return (.text(token.text), nil)
        case .leftDelimiter: return try action()
        default: throw unexpected(token, in: "input")
        }
    }

    /// Nodes up to `{{end}}` or `{{else}}`.
    private mutating func list() throws(TemplateError) -> ([Node], Terminator) {
        var nodes: [Node] = []
        while peekNonSpace().kind != .endOfInput {
            let (node, terminator) = try textOrAction()
            if let terminator { return (nodes, terminator) }
            if let node { nodes.append(node) }
        }
        throw .parse(line: peek().line, "unexpected EOF")
    }

    private mutating func action() throws(TemplateError) -> (Node?, Terminator?) {
        let token = nextNonSpace()
        if case let .keyword(keyword) = token.kind {
            switch keyword {
            case .else:
                let after = peekNonSpace()
                if after.kind == .keyword(.if) || after.kind == .keyword(.with) { return (nil, .else) }
                try expectRightDelimiter(in: "else")
                return (nil, .else)
            case .end:
                try expectRightDelimiter(in: "end")
                return (nil, .end)
            case .if: return (.if(try control("if")), nil)
            case .with: return (.with(try control("with")), nil)
            case .range: return (.range(try control("range")), nil)
            case .break, .continue:
                guard rangeDepth > 0 else { throw .parse(line: token.line, "{{\(keyword.rawValue)}} outside {{range}}") }
                try expectRightDelimiter(in: keyword.rawValue)
                return (keyword == .break ? .break(token.offset) : .continue(token.offset), nil)
            case .define, .template, .block:
                throw .parse(line: token.line, "{{\(keyword.rawValue)}} is not supported in --format templates")
            }
        }
        position -= 1
        return (.action(try pipeline(context: "command", end: .rightDelimiter)), nil)
    }

    /// `if`, `with`, `range`: the pipeline, the list, and an `{{else}}` list (`else if` and
    /// `else with` nest a new block in the else list, as Go does).
    private mutating func control(_ context: String) throws(TemplateError) -> Branch {
        let scope = variables.count
        defer { variables.removeLast(variables.count - scope) }
        let pipe = try pipeline(context: context, end: .rightDelimiter)
        if context == "range" { rangeDepth += 1 }
        let (list, terminator) = try self.list()
        if context == "range" { rangeDepth -= 1 }
        var elseList: [Node]?
        if terminator == .else {
            if context == "if", peekNonSpace().kind == .keyword(.if) {
                _ = nextNonSpace()
                elseList = [.if(try control("if"))]
            } else if context == "with", peekNonSpace().kind == .keyword(.with) {
                _ = nextNonSpace()
                elseList = [.with(try control("with"))]
            } else {
                let (nodes, end) = try self.list()
                guard end == .end else { throw .parse(line: peek().line, "expected end; found {{else}}") }
                elseList = nodes
            }
        }
        return Branch(pipeline: pipe, list: list, elseList: elseList)
    }

    // MARK: pipelines and commands

    private mutating func pipeline(context: String, end: Token.Kind) throws(TemplateError) -> Pipeline {
        var pipe = Pipeline(offset: peekNonSpace().offset)
        try declarations(into: &pipe, context: context)
        while true {
            let token = nextNonSpace()
            switch token.kind {
            case end:
                guard !pipe.commands.isEmpty else { throw .parse(line: token.line, "missing value for \(context)") }
                for (index, command) in pipe.commands.enumerated().dropFirst() {
                    switch command.operands[0].kind {
                    case .constant, .dot, .nil:
                        throw .parse(line: token.line, "non executable command in pipeline stage \(index + 1)")
                    default: break
                    }
                }
                return pipe
            case .bool, .character, .dot, .field, .identifier, .number, .nilValue, .rawString, .string, .variable, .leftParen:
                position -= 1
                pipe.commands.append(try command())
            default:
                throw unexpected(token, in: context)
            }
        }
    }

    /// `$x :=`, `$x =`, and range's `$i, $e :=`.
    private mutating func declarations(into pipe: inout Pipeline, context: String) throws(TemplateError) {
        let start = position
        guard peekNonSpace().kind == .variable else { return }
        let variable = nextNonSpace()
        let after = nextNonSpace()
        switch after.kind {
        case .declare, .assign:
            pipe.isAssignment = after.kind == .assign
            if pipe.isAssignment, !variables.contains(variable.text) {
                throw .parse(line: variable.line, "undefined variable \(GoQuote.quote(variable.text))")
            }
            pipe.declarations.append(variable.text)
            if !pipe.isAssignment { variables.append(variable.text) }
        case .char where after.text == ",":
            guard context == "range" else { throw .parse(line: after.line, "too many declarations in \(context)") }
            let second = nextNonSpace()
            let operation = nextNonSpace()
            guard second.kind == .variable, operation.kind == .declare || operation.kind == .assign else {
                throw .parse(line: after.line, "range can only initialize variables")
            }
            pipe.isAssignment = operation.kind == .assign
            pipe.declarations = [variable.text, second.text]
            if !pipe.isAssignment { variables.append(contentsOf: [variable.text, second.text]) }
        default:
            position = start
        }
    }

    private mutating func command() throws(TemplateError) -> Command {
        let start = peekNonSpace()
        var operands: [Operand] = []
        while true {
            _ = peekNonSpace()
            if let operand = try operand() { operands.append(operand) }
            let token = next()
            switch token.kind {
            case .space: continue
            case .rightDelimiter, .rightParen: position -= 1
            case .pipe: break
            default: throw unexpected(token, in: "operand")
            }
            break
        }
        guard !operands.isEmpty else { throw .parse(line: start.line, "missing value for command") }
        let end = operands.last.map { $0.offset + $0.text.utf8.count } ?? start.offset
        return Command(operands: operands, offset: start.offset, text: text(from: start.offset, to: end))
    }

    /// A term followed by `.Field`s, which make it a chain.
    private mutating func operand() throws(TemplateError) -> Operand? {
        guard var term = try term() else { return nil }
        var fields: [String] = []
        while peek().kind == .field { fields.append(String(next().text.dropFirst())) }
        guard !fields.isEmpty else { return term }
        let end = position > 0 ? tokens[position - 1].offset + tokens[position - 1].text.utf8.count : term.offset
        let whole = text(from: term.offset, to: end)
        switch term.kind {
        case let .field(names): term.kind = .field(names + fields)
        case let .variable(name, existing): term.kind = .variable(name, fields: existing + fields)
        case .constant, .nil, .dot:
            throw .parse(line: tokens[position - 1].line, "unexpected . after term \(GoQuote.quote(term.text))")
        default: term.kind = .chain(term, fields: fields)
        }
        term.text = whole
        return term
    }

    private mutating func term() throws(TemplateError) -> Operand? {
        let token = nextNonSpace()
        let kind: Operand.Kind
        switch token.kind {
        case .identifier:
            guard functions.contains(token.text) else {
                throw .parse(line: token.line, "function \(GoQuote.quote(token.text)) not defined")
            }
            kind = .function(token.text)
        case .dot: kind = .dot
        case .nilValue: kind = .nil
        case .variable:
            let name = token.text
            guard variables.contains(name) else { throw .parse(line: token.line, "undefined variable \(GoQuote.quote(name))") }
            kind = .variable(name, fields: [])
        case .field: kind = .field([String(token.text.dropFirst())])
        case .bool: kind = .constant(.bool(token.text == "true"))
        case .number, .character: kind = .constant(try Literal.number(token))
        case .string, .rawString: kind = .constant(.string(try Literal.string(token)))
        case .leftParen:
            let pipe = try pipeline(context: "parenthesized pipeline", end: .rightParen)
            let close = tokens[position - 1]
            return Operand(kind: .pipeline(pipe), offset: token.offset, text: text(from: token.offset, to: close.offset + 1))
        default:
            position -= 1
            return nil
        }
        return Operand(kind: kind, offset: token.offset, text: token.text)
    }

    // MARK: token cursor

    private func peek() -> Token { tokens[min(position, tokens.count - 1)] }

    private mutating func next() -> Token {
        let token = peek()
        position += 1
        return token
    }

    private mutating func nextNonSpace() -> Token {
        var token = next()
        while token.kind == .space { token = next() }
        return token
    }

    private mutating func peekNonSpace() -> Token {
        let token = nextNonSpace()
        position -= 1
        return token
    }

    private mutating func expectRightDelimiter(in context: String) throws(TemplateError) {
        let token = nextNonSpace()
        guard token.kind == .rightDelimiter else { throw unexpected(token, in: context) }
    }

    private func unexpected(_ token: Token, in context: String) -> TemplateError {
        .parse(line: token.line, "unexpected \(token.quoted) in \(context)")
    }

    private func text(from start: Int, to end: Int) -> String {
        String(decoding: source[max(0, start)..<min(max(start, end), source.count)], as: UTF8.self)
    }
}
