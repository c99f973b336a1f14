import FoundationEssentials

/// How Dockyard writes image documents: sorted keys, no insignificant whitespace, slashes unescaped.
/// The same value always gives the same bytes, so the same image always gets the same digest.
public enum CanonicalJSON {
    public static func encode(_ value: some Encodable) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return Array(try encoder.encode(value))
    }

    /// Reads one of the image documents `run` reads at every start through the hand-written
    /// `JSONNode` reader (no `JSONDecoder` start-up), and anything that reader is unsure of
    /// through `JSONDecoder`, so the result and any error are the same either way.
    public static func decode<T: Decodable & JSONNodeReadable>(_ type: T.Type, from bytes: [UInt8], what: String) throws -> T {
        if let node = JSONNode.parse(bytes), let value = T(json: node) { return value }
        return try decodeWithFoundation(type, from: bytes, what: what)
    }

    /// Decodes a document, turning decoding errors into an `OCIError` that names what was read.
    public static func decode<T: Decodable>(_ type: T.Type, from bytes: [UInt8], what: String) throws -> T {
        try decodeWithFoundation(type, from: bytes, what: what)
    }

    static func decodeWithFoundation<T: Decodable>(_ type: T.Type, from bytes: [UInt8], what: String) throws -> T {
        do {
            return try JSONDecoder().decode(type, from: Data(bytes))
        } catch {
            throw OCIError(.invalidDocument, "cannot read \(what): \(error)")
        }
    }
}
