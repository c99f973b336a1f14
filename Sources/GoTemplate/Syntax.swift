/// The parsed template: Go's parse tree, cut down to what Docker's users write.
indirect enum Node: Sendable {
    /// Text outside actions, printed as it is.
    case text(String)
    /// `{{pipeline}}`: printed unless it declares or assigns a variable.
    case action(Pipeline)
    case `if`(Branch)
    case range(Branch)
    case with(Branch)
    case `break`(Int)
    case `continue`(Int)
}

/// `if`, `range` and `with`: a pipeline, the list it guards and the `{{else}}` list.
struct Branch: Sendable {
    var pipeline: Pipeline
    var list: [Node]
    var elseList: [Node]?
}

/// Commands joined by `|`, each one's result passed as the last argument of the next;
/// optionally declaring (`$x := `) or assigning (`$x = `) variables.
struct Pipeline: Sendable {
    var declarations: [String] = []
    var isAssignment = false
    var commands: [Command] = []
    var offset: Int
}

/// One command: a function and its arguments, or a single value.
struct Command: Sendable {
    var operands: [Operand]
    var offset: Int
    /// The command's text, which execution errors quote.
    var text: String
}

/// An argument or the head of a command, with where it stands in the template.
struct Operand: Sendable {
    indirect enum Kind: Sendable {
        /// `.A.B` (fields from dot); `.` alone is `dot`.
        case field([String])
        case dot
        /// `$x.A.B`.
        case variable(String, fields: [String])
        case function(String)
        /// `(pipeline).A.B`
        case chain(Operand, fields: [String])
        case pipeline(Pipeline)
        case constant(TemplateValue)
        case `nil`
    }

    var kind: Kind
    var offset: Int
    var text: String
}
