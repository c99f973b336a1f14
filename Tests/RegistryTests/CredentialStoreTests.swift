import Foundation
import HostSystem
import Testing
@testable import Registry

@Suite("Docker's config.json and credential helpers")
struct CredentialStoreTests {
    private func temporaryDirectory() throws -> String {
        let path = FileManager.default.temporaryDirectory.path + "/dockyard-creds-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    @Test("A login is filed as Docker files it, other keys kept, mode 0600; logout removes only it")
    func roundTrip() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/config.json"
        try #"{"auths":{"other:5000":{"auth":"eDp5"}},"psFormat":"table {{.ID}}","HttpHeaders":{"X":"1"}}"#
            .write(toFile: path, atomically: true, encoding: .utf8)
        let store = CredentialStore(configPath: path)
        try store.store(Credentials(username: "alice", password: "s3:cret"), for: "localhost:5000")
        try store.store(Credentials(username: "bob", password: "pw"), for: "docker.io")

        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as! [String: Any]
        let auths = json["auths"] as! [String: [String: String]]
        #expect(auths["localhost:5000"]?["auth"] == Data("alice:s3:cret".utf8).base64EncodedString())
        #expect(auths["https://index.docker.io/v1/"]?["auth"] == Data("bob:pw".utf8).base64EncodedString())
        #expect(auths["other:5000"]?["auth"] == "eDp5")
        #expect(json["psFormat"] as? String == "table {{.ID}}")
        #expect((json["HttpHeaders"] as? [String: String])?["X"] == "1")
        let mode = (try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber)?.intValue
        #expect(mode == 0o600)

        #expect(try store.credentials(for: "localhost:5000") == Credentials(username: "alice", password: "s3:cret"))
        #expect(try store.credentials(for: "docker.io")?.username == "bob")
        #expect(try store.credentials(for: "nowhere:1") == nil)
        #expect(try store.remove(for: "localhost:5000"))
        #expect(try store.credentials(for: "localhost:5000") == nil)
        #expect(try store.credentials(for: "other:5000") != nil)
        #expect(try !store.remove(for: "localhost:5000"))
    }

    @Test("An identity token is kept instead of the password, and read back")
    func identityToken() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let store = CredentialStore(configPath: directory + "/config.json")
        try store.store(Credentials(username: "carol", password: "pw", identityToken: "refresh-1"), for: "r.example")
        let read = try store.credentials(for: "r.example")
        #expect(read?.identityToken == "refresh-1")
        #expect(read?.password == "")
        let text = try String(contentsOfFile: directory + "/config.json", encoding: .utf8)
        #expect(!text.contains(Data("carol:pw".utf8).base64EncodedString()))
    }

    @Test("credHelpers and credsStore run docker-credential-NAME with Docker's protocol")
    func helpers() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        // A helper that keeps one secret in a file, speaking get/store/erase as Docker's do.
        let helper = directory + "/docker-credential-dytest"
        let script = """
        #!/bin/sh
        store="\(directory)/helper-store"
        case "$1" in
          get) read server; if [ -f "$store" ] && grep -q "\\"ServerURL\\":\\"$server\\"" "$store"; then cat "$store"; else echo "credentials not found in native keychain"; exit 1; fi ;;
          store) cat > "$store" ;;
          erase) rm -f "$store" ;;
        esac
        """
        // Written close-on-exec (AtomicFile): Foundation's write leaves its descriptor to any child
        // another test spawns meanwhile, and a file open for writing cannot run ("Text file busy").
        try AtomicFile.replace(Array(script.utf8), at: helper, mode: 0o755, durable: false)

        let path = directory + "/config.json"
        try #"{"credHelpers":{"helped.example":"dytest"}}"#.write(toFile: path, atomically: true, encoding: .utf8)
        let store = CredentialStore(configPath: path, helperSearchPath: [directory])
        #expect(try store.credentials(for: "helped.example") == nil)
        let place = try store.store(Credentials(username: "dave", password: "pw"), for: "helped.example")
        #expect(place.contains("dytest"))
        #expect(try store.credentials(for: "helped.example") == Credentials(username: "dave", password: "pw"))
        let config = try String(contentsOfFile: path, encoding: .utf8)
        #expect(!config.contains("pw"))
        #expect(try store.remove(for: "helped.example"))
        #expect(try store.credentials(for: "helped.example") == nil)
        // Other registries still use auths.
        try store.store(Credentials(username: "erin", password: "x"), for: "plain.example")
        #expect(try String(contentsOfFile: path, encoding: .utf8).contains("plain.example"))
    }

    @Test("A malformed config.json is an error naming the file")
    func malformed() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try "{not json".write(toFile: directory + "/config.json", atomically: true, encoding: .utf8)
        do {
            _ = try CredentialStore(configPath: directory + "/config.json").credentials(for: "x")
            Issue.record("a malformed file was read")
        } catch {
            #expect(error.message.contains(directory + "/config.json"))
        }
    }
}
