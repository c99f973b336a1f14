import FoundationEssentials

/// How Dockyard writes image documents: sorted keys, no insignificant whitespace, slashes unescaped.
/// The same value always gives the same bytes, so the same image always gets the same digest.
public enum CanonicalJSON {
    public static func encode(_ value: some Encodable) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return Array(try encoder.encode(value))
    }

    /// Decodes a document, turning decoding errors into an `OCIError` that names what was read.
    public static func decode<T: Decodable>(_ type: T.Type, from bytes: [UInt8], what: String) throws -> T {
        do {
            return try JSONDecoder().decode(type, from: Data(bytes))
        } catch {
            throw OCIError(.invalidDocument, "cannot read \(what): \(error)")
        }
    }
}
