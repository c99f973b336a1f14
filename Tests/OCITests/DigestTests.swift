import OCI
import Testing

@Suite("Digests")
struct DigestTests {
    @Test("sha256 of some bytes is the well-known value, with hex, string and short ID forms")
    func sha256OfBytes() {
        let digest = Digest.sha256(of: Array("abc".utf8))
        #expect(digest.hex == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(digest.string == "sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(digest.shortID == "ba7816bf8f01")
        #expect(Digest.sha256(of: []).hex == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }

    @Test("a hasher fed in pieces gives the same digest as hashing at once")
    func streaming() {
        var hasher = Digest.Hasher()
        hasher.update(Array("a".utf8))
        hasher.update(Array("bc".utf8))
        #expect(hasher.finalize() == Digest.sha256(of: Array("abc".utf8)))
    }

    @Test("parsing accepts sha256 and 64 lowercase hex digits")
    func parses() throws {
        let text = "sha256:" + String(repeating: "0a", count: 32)
        let digest = try Digest(parsing: text)
        #expect(digest.string == text)
        #expect(digest.algorithm == "sha256")
    }

    @Test("parsing refuses malformed digests with an error naming the value",
          arguments: ["", "sha256", "sha256:", "sha256:abc", "sha512:" + String(repeating: "a", count: 64),
                      "sha256:" + String(repeating: "A", count: 64), "sha256:" + String(repeating: "g", count: 64),
                      "sha256:" + String(repeating: "a", count: 65), String(repeating: "a", count: 64)])
    func refuses(_ text: String) {
        #expect {
            _ = try Digest(parsing: text)
        } throws: { error in
            guard let error = error as? OCIError else { return false }
            return error.code == .invalidDigest && error.message.contains("\"\(text)\"")
        }
    }

    @Test("digests round-trip through JSON as strings, and bad ones fail decoding")
    func codable() throws {
        let digest = Digest.sha256(of: Array("x".utf8))
        let bytes = try CanonicalJSON.encode([digest])
        #expect(String(decoding: bytes, as: UTF8.self) == "[\"\(digest.string)\"]")
        #expect(try CanonicalJSON.decode([Digest].self, from: bytes, what: "test") == [digest])
        #expect(throws: OCIError.self) {
            _ = try CanonicalJSON.decode([Digest].self, from: Array("[\"sha256:nope\"]".utf8), what: "test")
        }
    }
}
