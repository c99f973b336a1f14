/// The text of a Dockerfile cut into physical lines, the way Docker's scanner reads it: lines end at
/// `\n`, trailing `\r` are dropped (so CRLF files read like LF files), and a UTF-8 byte-order mark
/// at the very start is skipped. Text that is not UTF-8, or that holds control bytes, is refused as binary.
public struct SourceFile: Sendable {
    /// One physical line, without its line ending, as Unicode scalars so columns are plain indices.
    public struct Line: Sendable {
        public var number: Int
        public var scalars: [Unicode.Scalar]
        public var text: String { String(String.UnicodeScalarView(scalars)) }
    }

    public private(set) var lines: [Line]

    /// Decodes `bytes`; throws `binaryContent` at the first byte that is not text.
    public init(bytes: [UInt8]) throws(DockerfileError) {
        var lines: [Line] = []
        var start = 0
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { start = 3 }
        var lineStart = start
        var index = start
        while index <= bytes.count {
            if index == bytes.count || bytes[index] == 0x0A {
                if index == bytes.count && lineStart == index { break }  // no empty line after the last \n
                var end = index
                while end > lineStart, bytes[end - 1] == 0x0D { end -= 1 }
                let scalars = try Self.decode(bytes[lineStart..<end], lineNumber: lines.count + 1)
                lines.append(Line(number: lines.count + 1, scalars: scalars))
                lineStart = index + 1
            }
            index += 1
        }
        self.lines = lines
    }

    public init(_ text: String) throws(DockerfileError) {
        try self.init(bytes: Array(text.utf8))
    }

    /// The physical line `number` (1-based) as text, or "" past the end.
    public func text(ofLine number: Int) -> String {
        guard number >= 1, number <= lines.count else { return "" }
        return lines[number - 1].text
    }

    private static func decode(_ bytes: ArraySlice<UInt8>, lineNumber: Int) throws(DockerfileError) -> [Unicode.Scalar] {
        var scalars: [Unicode.Scalar] = []
        scalars.reserveCapacity(bytes.count)
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar):
                if isBinaryControl(scalar) {
                    throw DockerfileError(.binaryContent,
                        "this file looks binary, not like a Dockerfile (control character U+\(hex(scalar.value)))",
                        at: SourceLocation(line: lineNumber, column: scalars.count + 1))
                }
                scalars.append(scalar)
            case .emptyInput:
                return scalars
            case .error:
                throw DockerfileError(.binaryContent,
                    "this file looks binary, not like a Dockerfile (bytes that are not UTF-8 text)",
                    at: SourceLocation(line: lineNumber, column: scalars.count + 1))
            }
        }
    }

    /// C0 control characters other than tab, vertical tab, form feed, carriage return and escape
    /// never appear in a text Dockerfile; NUL is the classic sign of a binary file.
    private static func isBinaryControl(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x0B, 0x0C, 0x0D, 0x1B: return false
        case 0x00...0x1F: return true
        default: return false
        }
    }

    private static func hex(_ value: UInt32) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}
