/// One lexical item of a template, as Go's text/template lexer cuts it: the text between actions,
/// the delimiters, and the words inside an action.
struct Token: Equatable {
    enum Kind: Equatable {
        case text, leftDelimiter, rightDelimiter, space
        case identifier, field, variable, dot, declare, assign, pipe, leftParen, rightParen
        case string, rawString, character, number, bool, nilValue, char
        case keyword(Keyword)
        case endOfInput
    }

    /// The words Go reserves inside an action.
    enum Keyword: String {
        case `if`, `else`, end, range, with, `break`, `continue`, define, template, block
    }

    var kind: Kind
    /// The token's text (for `.text`, after trim markers took their whitespace).
    var text: String
    /// Its byte offset in the template, which execution errors report as a column.
    var offset: Int
    /// The 1-based line it starts on, which parse errors report.
    var line: Int

    /// How Go's parser names a token in "unexpected ..." errors.
    var quoted: String {
        switch kind {
        case .endOfInput: "EOF"
        case .keyword: "<\(text)>"
        case .rightDelimiter: "\"}}\""
        case .leftDelimiter: "\"{{\""
        case .space: "space"
        default: text.utf8.count > 10 ? String(GoQuote.quote(String(text.prefix(10))).dropLast()) + "\"..." : GoQuote.quote(text)
        }
    }
}
