import Crypto

extension Digest {
    /// The SHA-256 digest of some bytes, e.g. a config or manifest about to be stored.
    public static func sha256(of bytes: some Sequence<UInt8>) -> Digest {
        var hasher = Hasher()
        hasher.update(Array(bytes))
        return hasher.finalize()
    }

    /// Hashes a stream piece by piece, for layers too large to hold in memory.
    /// The store feeds it the bytes it writes or reads, so a blob is hashed in the same pass.
    public struct Hasher: Sendable {
        private var state = SHA256()

        public init() {}

        public mutating func update(_ bytes: UnsafeRawBufferPointer) {
            state.update(bufferPointer: bytes)
        }

        public mutating func update(_ bytes: [UInt8]) {
            bytes.withUnsafeBytes { state.update(bufferPointer: $0) }
        }

        /// The digest of everything fed so far.
        public func finalize() -> Digest {
            let hex = state.finalize().map { byte in
                let digits: [Character] = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "a", "b", "c", "d", "e", "f"]
                return String(digits[Int(byte >> 4)]) + String(digits[Int(byte & 0x0f)])
            }.joined()
            return Digest(trustedSHA256Hex: hex)
        }
    }

    /// For hex the hasher itself produced: always 64 lowercase digits.
    private init(trustedSHA256Hex hex: String) {
        self.algorithm = "sha256"
        self.hex = hex
    }
}
