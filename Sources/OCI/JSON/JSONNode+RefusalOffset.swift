extension JSONNode {
    /// Where `parse` stopped in a document it refuses: the offset of the byte it could not read
    /// (or just past it), the document's length when the document ended too early; nil when
    /// `parse` accepts the document. For error messages that point at the problem, e.g. a
    /// seccomp profile's (`SeccompProfile.syntaxProblem`).
    public static func refusalOffset(_ bytes: [UInt8]) -> Int? {
        bytes.withUnsafeBufferPointer { buffer in
            var reader = JSONByteReader(bytes: buffer)
            if reader.value(depth: 0) != nil {
                reader.skipWhitespace()
                if reader.offset == buffer.count { return nil }
            }
            return min(reader.offset, buffer.count)
        }
    }
}
