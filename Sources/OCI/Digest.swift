/// A content digest, the name of every blob in an OCI image: `sha256:` and 64 lowercase hex digits.
///
/// Images are content-addressed: a manifest names its config and layers by digest, and the store
/// keeps each blob in a file named by its digest, so any change to the bytes changes the name.
public struct Digest: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The algorithm before the colon. Only `sha256` is produced or accepted.
    public let algorithm: String
    /// The 64 lowercase hex digits after the colon.
    public let hex: String

    /// Parses `sha256:<64 lowercase hex>`, refusing anything else with an error naming the value.
    public init(parsing text: String) throws(OCIError) {
        guard let colon = text.firstIndex(of: ":") else {
            throw OCIError(.invalidDigest, "invalid digest \"\(text)\": expected sha256:<64 hex digits>")
        }
        let algorithm = String(text[..<colon])
        let hex = String(text[text.index(after: colon)...])
        guard algorithm == "sha256" else {
            throw OCIError(.invalidDigest, "invalid digest \"\(text)\": unsupported algorithm \"\(algorithm)\" (only sha256)")
        }
        guard Self.isLowercaseHex(hex, count: 64) else {
            throw OCIError(.invalidDigest, "invalid digest \"\(text)\": expected 64 lowercase hex digits after sha256:")
        }
        self.algorithm = algorithm
        self.hex = hex
    }

    /// A SHA-256 digest from its 64 lowercase hex digits.
    public init(sha256Hex hex: String) throws(OCIError) {
        try self.init(parsing: "sha256:" + hex)
    }

    /// The digest as written in JSON and on the command line: `sha256:…`.
    public var string: String { algorithm + ":" + hex }

    /// The first 12 hex digits, the short image ID Docker prints.
    public var shortID: String { String(hex.prefix(12)) }

    public var description: String { string }

    public static func < (lhs: Digest, rhs: Digest) -> Bool { lhs.string < rhs.string }

    static func isLowercaseHex(_ text: String, count: Int) -> Bool {
        var n = 0
        for byte in text.utf8 {
            guard (byte >= 0x30 && byte <= 0x39) || (byte >= 0x61 && byte <= 0x66) else { return false }
            n += 1
        }
        return n == count
    }
}

extension Digest: Codable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        do {
            try self.init(parsing: text)
        } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.message)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(string)
    }
}
