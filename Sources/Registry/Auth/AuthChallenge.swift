/// A `WWW-Authenticate` challenge: how a registry that answered 401 wants to be asked again.
///
///     Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:library/busybox:pull"
///     Basic realm="Registry Realm"
///
/// Bearer means "get a token from `realm` for `service` and `scope`, then send it"; Basic means
/// "send the user name and password with every request".
public struct AuthChallenge: Sendable, Equatable {
    public enum Scheme: String, Sendable { case bearer = "Bearer", basic = "Basic" }

    public let scheme: Scheme
    /// The auth-params, names lowercased: `realm`, `service`, `scope`, `error`.
    public let parameters: [String: String]

    public var realm: String? { parameters["realm"] }
    public var service: String? { parameters["service"] }

    /// The challenges in one or more header values; schemes Dockyard does not speak are skipped.
    public static func parse(_ values: [String]) -> [AuthChallenge] {
        values.flatMap(parse(_:))
    }

    /// The challenges in one header value (a server may put several in one, comma-separated).
    public static func parse(_ value: String) -> [AuthChallenge] {
        var scanner = Scanner(Array(value.utf8))
        var found: [(scheme: String, parameters: [String: String])] = []
        var current: (scheme: String, parameters: [String: String])?
        while true {
            scanner.skipSpacesAndCommas()
            guard scanner.peek != nil else { break }
            guard let token = scanner.token() else {
                scanner.advance()  // a stray '=' or quote (token68 padding such as "abc=="): skipped
                continue
            }
            scanner.skipSpaces()
            if scanner.peek == UInt8(ascii: "=") {
                scanner.advance()
                scanner.skipSpaces()
                let value = scanner.peek == UInt8(ascii: "\"") ? scanner.quoted() : (scanner.token() ?? "")
                current?.parameters[token.lowercased()] = value
            } else {
                if let finished = current { found.append(finished) }
                current = (token, [:])
            }
        }
        if let finished = current { found.append(finished) }
        return found.compactMap { challenge in
            let scheme: Scheme? = switch challenge.scheme.lowercased() {
            case "bearer": .bearer
            case "basic": .basic
            default: nil
            }
            return scheme.map { AuthChallenge(scheme: $0, parameters: challenge.parameters) }
        }
    }

    init(scheme: Scheme, parameters: [String: String]) {
        self.scheme = scheme
        self.parameters = parameters
    }

    /// RFC 7235's grammar, just enough of it: tokens, quoted strings with `\` escapes, commas.
    private struct Scanner {
        let bytes: [UInt8]
        var index = 0

        init(_ bytes: [UInt8]) { self.bytes = bytes }

        var peek: UInt8? { index < bytes.count ? bytes[index] : nil }
        mutating func advance() { index += 1 }

        mutating func skipSpaces() {
            while let b = peek, b == 0x20 || b == 0x09 { advance() }
        }

        mutating func skipSpacesAndCommas() {
            while let b = peek, b == 0x20 || b == 0x09 || b == 0x2C { advance() }
        }

        /// A token: anything up to a space, comma, `=` or quote.
        mutating func token() -> String? {
            let start = index
            while let b = peek, b != 0x20, b != 0x09, b != 0x2C, b != 0x3D, b != 0x22 { advance() }
            // token68 values (Basic's credentials) may end in `=` padding; parameters never do.
            return index > start ? String(decoding: bytes[start..<index], as: UTF8.self) : nil
        }

        mutating func quoted() -> String {
            advance()  // the opening quote
            var value: [UInt8] = []
            while let b = peek {
                advance()
                if b == 0x22 { break }
                if b == 0x5C, let escaped = peek { value.append(escaped); advance(); continue }
                value.append(b)
            }
            return String(decoding: value, as: UTF8.self)
        }
    }
}
