/// A Mustache template (https://mustache.github.io/mustache.5.html) parsed into a tree, for the
/// course site's pages in `site/templates`: the templates stay Mustache, written by designers.
///
/// Only the subset those templates use is read: escaped variables `{{name}}`, unescaped ones
/// `{{{name}}}` and `{{&name}}`, dotted names `{{label.search}}` and `{{.}}`, sections `{{#x}}…{{/x}}`
/// (over lists, booleans and objects), inverted sections `{{^x}}…{{/x}}` and comments `{{! … }}`.
/// Partials, delimiter changes, lambdas and inheritance are refused with the tag's text. A section,
/// inverted section or comment tag alone on its line (whitespace around it) takes the line with it,
/// as the specification's "standalone" rule says.
///
/// It replaces the swift-mustache library, whose Foundation (and ICU, 34 MB) every `dockyard` start
/// paid for in the runtime's conformance searches (docs/run-hot-path.md); for these templates it
/// renders the same bytes, which CourseSiteTests' template goldens pin.
struct MustacheTemplate {
    indirect enum Node {
        case text(String)
        /// `{{name}}` (escaped) or `{{{name}}}` / `{{&name}}` (not).
        case variable(name: String, escaped: Bool)
        case section(name: String, inverted: Bool, body: [Node])
    }

    /// A template that does not parse: what was wrong, and the tag or text where.
    struct ParseError: Error, CustomStringConvertible {
        var description: String
    }

    let nodes: [Node]

    init(_ text: String) throws(ParseError) {
        var parser = MustacheParser(characters: Array(text))
        nodes = try parser.nodes(closing: nil)
    }
}

/// The cursor that reads a template's characters into `MustacheTemplate.Node`s, one line at a time,
/// so that it can tell when a tag is alone on its line.
struct MustacheParser {
    let characters: [Character]
    var offset = 0
    /// Whether only spaces and tabs have been read since the last line break (or the start).
    var atLineStart = true

    init(characters: [Character]) { self.characters = characters }

    /// Nodes up to the end of the text, or up to `{{/name}}` when reading section `name`.
    mutating func nodes(closing name: String?) throws(MustacheTemplate.ParseError) -> [MustacheTemplate.Node] {
        var nodes: [MustacheTemplate.Node] = []
        var indent = ""
        while offset < characters.count {
            if atLineStart { indent = read { $0 == " " || $0 == "\t" } }
            let text = textUntilTagOrLineBreak()
            if offset < characters.count, Self.isLineBreak(characters[offset]) {
                nodes.append(.text(indent + text + String(characters[offset])))
                offset += 1
                atLineStart = true
                continue
            }
            if !text.isEmpty {
                nodes.append(.text(indent + text))
                indent = ""
                atLineStart = false
            }
            guard offset < characters.count else { break }
            // Just after `{{`: the tag's kind, then its name.
            let kind = characters[offset]
            var standalone = false
            switch kind {
            case "#", "^":
                offset += 1
                let section = try tagName()
                standalone = endsStandaloneLine()
                if !standalone, !indent.isEmpty { nodes.append(.text(indent)); indent = "" }
                if !standalone { atLineStart = false }
                let body = try self.nodes(closing: section)
                nodes.append(.section(name: section, inverted: kind == "^", body: body))
            case "/":
                offset += 1
                let closed = try tagName()
                guard closed == name else {
                    throw .init(description: "{{/\(closed)}} closes no open section" + (name.map { " (open: \($0))" } ?? ""))
                }
                if !endsStandaloneLine(), !indent.isEmpty { nodes.append(.text(indent)) }
                return nodes
            case "!":
                guard let end = find("}}") else { throw .init(description: "a comment {{! is never closed") }
                offset = end + 2
                standalone = endsStandaloneLine()
            case "{", "&":
                if !indent.isEmpty { nodes.append(.text(indent)); indent = "" }
                offset += 1
                let variable = try tagName()
                if kind == "{" {
                    guard offset < characters.count, characters[offset] == "}" else {
                        throw .init(description: "{{{\(variable)}} lacks its third closing brace")
                    }
                    offset += 1
                }
                nodes.append(.variable(name: variable, escaped: false))
            case ">", "=", "<", "$", "%":
                throw .init(description: "{{\(kind)…}} (partials, delimiters, inheritance, pragmas) is not supported by the site's Mustache subset")
            default:
                if !indent.isEmpty { nodes.append(.text(indent)); indent = "" }
                nodes.append(.variable(name: try tagName(), escaped: true))
            }
            atLineStart = standalone
        }
        if let name { throw .init(description: "the section {{#\(name)}} is never closed") }
        return nodes
    }

    /// Text up to a line break (not read) or up to and including `{{`.
    private mutating func textUntilTagOrLineBreak() -> String {
        var text = ""
        while offset < characters.count, !Self.isLineBreak(characters[offset]) {
            if characters[offset] == "{", offset + 1 < characters.count, characters[offset + 1] == "{" {
                offset += 2
                return text
            }
            text.append(characters[offset])
            offset += 1
        }
        return text
    }

    /// A tag's name and its closing `}}`, with spaces allowed around the name.
    private mutating func tagName() throws(MustacheTemplate.ParseError) -> String {
        _ = read(while: \.isWhitespace)
        let name = read { $0.isASCII && ($0.isLetter || $0.isNumber || "._-?".contains($0)) }
        _ = read(while: \.isWhitespace)
        guard offset + 1 < characters.count, characters[offset] == "}", characters[offset + 1] == "}", !name.isEmpty else {
            let rest = String(characters[offset..<min(offset + 20, characters.count)])
            throw .init(description: "a tag's name must be letters, digits and ._-? followed by }}: \(name)\(rest)")
        }
        offset += 2
        return name
    }

    /// Whether the tag just read ends its line (spaces or tabs, then a line break or the end), when
    /// it also began it; the rest of the line, its break included, is then consumed.
    private mutating func endsStandaloneLine() -> Bool {
        guard atLineStart else { return false }
        if offset == characters.count { return true }
        var end = offset
        while end < characters.count, characters[end] == " " || characters[end] == "\t" { end += 1 }
        guard end < characters.count, Self.isLineBreak(characters[end]) else { return false }
        offset = end + 1
        return true
    }

    /// `\n` or `\r\n` (one Character): the line breaks a template's lines end with.
    private static func isLineBreak(_ character: Character) -> Bool {
        character == "\n" || character == "\r\n"
    }

    private mutating func read(while accepts: (Character) -> Bool) -> String {
        let start = offset
        while offset < characters.count, accepts(characters[offset]) { offset += 1 }
        return String(characters[start..<offset])
    }

    private func find(_ marker: String) -> Int? {
        let wanted = Array(marker)
        var index = offset
        while index + wanted.count <= characters.count {
            if Array(characters[index..<index + wanted.count]) == wanted { return index }
            index += 1
        }
        return nil
    }
}
