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
            // Two ASCII digits a byte, appended as UTF-8 code units: no intermediate strings, and
            // none of the generic `joined()`, whose first call costs a conformance search (see
            // Array+Joined.swift in HostSystem).
            let digits = Array("0123456789abcdef".utf8)
            var hex: [UInt8] = []
            hex.reserveCapacity(64)
            state.finalize().withUnsafeBytes { bytes in   // not `for byte in digest`: Crypto's iterator is generic too
                for byte in bytes {
                    hex.append(digits[Int(byte >> 4)])
                    hex.append(digits[Int(byte & 0x0f)])
                }
            }
            return Digest(trustedSHA256Hex: String(decoding: hex, as: UTF8.self))
        }
    }

    /// For hex the hasher itself produced: always 64 lowercase digits.
    private init(trustedSHA256Hex hex: String) {
        self.algorithm = "sha256"
        self.hex = hex
    }
}
