import OCI
import Testing

@Suite("Image references")
struct ImageReferenceTests {
    @Test("a bare name gets the tag latest and displays as name:latest")
    func defaultTag() throws {
        let reference = try ImageReference(parsing: "busybox")
        #expect(reference.name == "busybox")
        #expect(reference.tag == "latest")
        #expect(reference.digest == nil)
        #expect(reference.description == "busybox:latest")
        #expect(reference.taggedName == "busybox:latest")
    }

    @Test("names, tags, registries with ports and digests are split correctly",
          arguments: [
            ("busybox:1.36", "busybox", "1.36", false),
            ("team/app:v2", "team/app", "v2", false),
            ("localhost:5000/app", "localhost:5000/app", "latest", false),
            ("localhost:5000/app:dev", "localhost:5000/app", "dev", false),
            ("registry.example.com/a/b-c__d.e:1_0", "registry.example.com/a/b-c__d.e", "1_0", false),
            ("docker.io/library/busybox:musl", "busybox", "musl", false),
            ("docker.io/someone/tool", "someone/tool", "latest", false),
          ])
    func splits(_ text: String, _ name: String, _ tag: String, _ unused: Bool) throws {
        let reference = try ImageReference(parsing: text)
        #expect(reference.name == name)
        #expect(reference.tag == tag)
    }

    @Test("a digest pins a manifest; without a tag there is no default tag")
    func digests() throws {
        let hex = String(repeating: "ab", count: 32)
        let pinned = try ImageReference(parsing: "busybox@sha256:" + hex)
        #expect(pinned.tag == nil)
        #expect(pinned.digest?.hex == hex)
        #expect(pinned.description == "busybox@sha256:" + hex)
        let both = try ImageReference(parsing: "busybox:1.36@sha256:" + hex)
        #expect(both.tag == "1.36")
        #expect(both.description == "busybox:1.36@sha256:" + hex)
    }

    @Test("invalid references are refused with an error naming the value",
          arguments: ["", "Busybox", "busy box", "busybox:", ":latest", "busybox:-x", "busybox:" + String(repeating: "t", count: 129),
                      "a//b", "-a", "a-", "a..b", "busybox@sha256:123", "/busybox", "busybox/", "bad_host:x/app"])
    func refuses(_ text: String) {
        #expect {
            _ = try ImageReference(parsing: text)
        } throws: { error in
            guard let error = error as? OCIError else { return false }
            return error.code == .invalidReference && error.message.contains("\"\(text)\"")
        }
    }

    @Test("Docker's lowercase message names the repository")
    func uppercase() {
        #expect {
            _ = try ImageReference(parsing: "Busybox")
        } throws: { error in
            (error as? OCIError)?.message.contains("repository name (Busybox) must be lowercase") == true
        }
    }
}
