/// An HTTP answer: its status line's code, its header lines, and (when kept in memory) its body.
public struct HTTPResponse: Sendable {
    public var status: Int
    /// Header lines in the order the server sent them, names as sent.
    public var headers: [(name: String, value: String)]
    /// The body, when the caller asked for it in memory; empty when it went to a file.
    public var body: [UInt8]
    /// "1.1" or "2".
    public var httpVersion: String

    public init(status: Int, headers: [(name: String, value: String)], body: [UInt8] = [], httpVersion: String = "1.1") {
        self.status = status
        self.headers = headers
        self.body = body
        self.httpVersion = httpVersion
    }

    /// The first header of that name (case-insensitive), as HTTP says names are.
    public func header(_ name: String) -> String? {
        let wanted = name.lowercased()
        return headers.first { $0.name.lowercased() == wanted }?.value
    }

    /// Every header of that name, e.g. the several `WWW-Authenticate` challenges a server may send.
    public func headers(named name: String) -> [String] {
        let wanted = name.lowercased()
        return headers.filter { $0.name.lowercased() == wanted }.map(\.value)
    }

    public var isSuccess: Bool { (200..<300).contains(status) }
    public var isRedirect: Bool { [301, 302, 303, 307, 308].contains(status) }

    /// Parses the header lines curl hands over, one at a time. A new status line (after a
    /// `100 Continue`, or an interim answer) starts the list afresh.
    mutating func receiveHeaderLine(_ line: String) {
        let text = line.trimmingLineEnd()
        if text.hasPrefix("HTTP/") {
            // "HTTP/1.1 206 Partial Content", "HTTP/2 200": the status is known before the body.
            headers = []
            status = text.split(separator: " ").dropFirst().first.flatMap { Int($0) } ?? 0
            return
        }
        guard let colon = text.firstIndex(of: ":") else { return }
        let name = String(text[..<colon])
        var value = text[text.index(after: colon)...]
        while value.first == " " || value.first == "\t" { value = value.dropFirst() }
        headers.append((name, String(value)))
    }
}

extension String {
    /// Without the trailing CR and LF of a header line.
    func trimmingLineEnd() -> String {
        // Scalars, not Characters: "\r\n" is one Character in Swift, equal to neither alone.
        var scalars = Substring(self).unicodeScalars
        while let last = scalars.last, last == "\n" || last == "\r" { scalars.removeLast() }
        return String(scalars)
    }
}
