import Explain
import OCI
import Testing
@testable import Registry

@Suite("Names as Docker reads them")
struct RegistryNameTests {
    @Test("Docker Hub names: library/ for one component, registry-1.docker.io for the API",
          arguments: [
              ("busybox", "docker.io", "library/busybox", "docker.io/library/busybox"),
              ("team/app:v1", "docker.io", "team/app", "docker.io/team/app"),
              ("docker.io/library/busybox", "docker.io", "library/busybox", "docker.io/library/busybox"),
              ("index.docker.io/team/app", "docker.io", "team/app", "docker.io/team/app"),
              ("localhost:5000/app", "localhost:5000", "app", "localhost:5000/app"),
              ("localhost/app", "localhost", "app", "localhost/app"),
              ("ghcr.io/owner/image", "ghcr.io", "owner/image", "ghcr.io/owner/image"),
              ("127.0.0.1:5000/a/b/c@sha256:" + String(repeating: "a", count: 64), "127.0.0.1:5000", "a/b/c", "127.0.0.1:5000/a/b/c"),
          ])
    func names(text: String, registry: String, repository: String, full: String) throws {
        let reference = try ImageReference(parsing: text)
        #expect(reference.registry == registry)
        #expect(reference.repository == repository)
        #expect(reference.fullyQualifiedName == full)
    }

    @Test("Docker Hub's API host and config.json key")
    func dockerHub() {
        let endpoint = RegistryEndpoint(registry: "docker.io")
        #expect(endpoint.host == "registry-1.docker.io")
        #expect(!endpoint.allowsPlainHTTP)
        #expect(DockerConfigFile.key(for: "docker.io") == "https://index.docker.io/v1/")
        #expect(DockerConfigFile.key(for: "localhost:5000") == "localhost:5000")
    }

    @Test("Plain HTTP only for loopback registries and the insecure list")
    func plainHTTP() {
        for loopback in ["localhost", "localhost:5000", "127.0.0.1:5000", "127.10.0.3", "[::1]:5000"] {
            #expect(RegistryEndpoint.isLoopback(loopback), "\(loopback)")
        }
        for remote in ["example.com", "128.0.0.1:5000", "localhost.example.com", "127.0.0.1.nip.io", "[::2]:5000", "127.0.0"] {
            #expect(!RegistryEndpoint.isLoopback(remote), "\(remote)")
        }
        let settings = RegistrySettings(insecureRegistries: ["lab.example:5000"])
        #expect(RegistryEndpoint(registry: "lab.example:5000", settings: settings).allowsPlainHTTP)
        #expect(RegistryEndpoint(registry: "lab.example:5000", settings: settings).tls.skipsVerification)
        #expect(!RegistryEndpoint(registry: "other.example:5000", settings: settings).allowsPlainHTTP)
        #expect(!RegistryEndpoint(registry: "localhost:5000", settings: settings).tls.skipsVerification)
    }

    @Test("Platforms: os/arch[/variant], aliases, and an error listing what an index has")
    func platforms() throws {
        #expect(try PlatformChoice(parsing: "linux/arm/v7") == PlatformChoice(os: "linux", architecture: "arm", variant: "v7"))
        #expect(try PlatformChoice(parsing: "linux/x86_64").architecture == "amd64")
        #expect(throws: RegistryError.self) { try PlatformChoice(parsing: "linux//v7") }
        #expect(throws: RegistryError.self) { try PlatformChoice(parsing: "a/b/c/d") }

        let digest = { (c: Character) in try Digest(sha256Hex: String(repeating: c, count: 64)) }
        let index = ImageIndex(manifests: [
            Descriptor(mediaType: MediaType.imageManifest, digest: try digest("a"), size: 1, platform: Platform(architecture: "arm64", os: "linux")),
            Descriptor(mediaType: MediaType.imageManifest, digest: try digest("b"), size: 1, platform: Platform(architecture: "amd64", os: "linux")),
            Descriptor(mediaType: MediaType.imageManifest, digest: try digest("c"), size: 1, platform: Platform(architecture: "unknown", os: "unknown")),
        ])
        let reference = try ImageReference(parsing: "localhost:5000/app")
        #expect(try PlatformChoice(os: "linux", architecture: "amd64").choose(from: index, reference: reference).digest == digest("b"))
        #expect(try PlatformChoice(os: "linux", architecture: "arm64", variant: "v8").choose(from: index, reference: reference).digest == digest("a"))
        do {
            _ = try PlatformChoice(os: "linux", architecture: "s390x").choose(from: index, reference: reference)
            Issue.record("s390x is not in the index")
        } catch {
            #expect(error.message.contains("linux/arm64, linux/amd64"))
            #expect(!error.message.contains("unknown"))
        }
    }
}

@Suite("URL text and HTTP answers")
struct URLTextTests {
    @Test("Query escaping as Go's url.QueryEscape, minus the '+'")
    func escaping() {
        #expect(URLText.queryEscape("repository:library/busybox:pull,push") == "repository%3Alibrary%2Fbusybox%3Apull%2Cpush")
        #expect(URLText.query([("a", "1 2"), ("b", "é")]) == "a=1%202&b=%C3%A9")
    }

    @Test("Locations resolve against the URL they came from")
    func locations() {
        let base = "https://r.example:5000/v2/app/blobs/uploads/"
        #expect(URLText.resolve("/v2/app/blobs/uploads/u1?_state=x", against: base) == "https://r.example:5000/v2/app/blobs/uploads/u1?_state=x")
        #expect(URLText.resolve("https://s3.example/b?sig=1", against: base) == "https://s3.example/b?sig=1")
        #expect(URLText.resolve("u2", against: base) == "https://r.example:5000/v2/app/blobs/uploads/u2")
        #expect(URLText.appending([("digest", "sha256:ab")], to: "http://h/u?_state=x") == "http://h/u?_state=x&digest=sha256%3Aab")
        #expect(URLText.host(of: "https://user@h:1/x") == "h:1")
        #expect(URLText.origin(of: "http://h:1/x?y") == "http://h:1")
    }

    @Test("Header lines: a CRLF is trimmed, an interim status starts the list again")
    func headers() {
        var response = HTTPResponse(status: 0, headers: [])
        response.receiveHeaderLine("HTTP/1.1 100 Continue\r\n")
        response.receiveHeaderLine("X-Early: 1\r\n")
        response.receiveHeaderLine("HTTP/2 206\r\n")
        response.receiveHeaderLine("Docker-Content-Digest:   sha256:abc\r\n")
        response.receiveHeaderLine("www-authenticate: Bearer realm=\"x\"\r\n")
        response.receiveHeaderLine("\r\n")
        #expect(response.status == 206)
        #expect(response.header("X-Early") == nil)
        #expect(response.header("docker-content-digest") == "sha256:abc")
        #expect(response.headers(named: "WWW-Authenticate") == ["Bearer realm=\"x\""])
    }

    @Test("The registry's error body is told in Docker's words")
    func errorBody() {
        let body = Array(#"{"errors":[{"code":"MANIFEST_UNKNOWN","message":"manifest unknown","detail":{"Tag":"x"}}]}"#.utf8)
        let (codes, text) = RegistryErrorBody.describe(body)
        #expect(codes == ["MANIFEST_UNKNOWN"])
        #expect(text == "manifest unknown: manifest unknown")
        #expect(RegistryErrorBody.describe(Array("<html>502 Bad Gateway</html>".utf8)).text.contains("502"))
    }

    @Test("A token answer: token or access_token, 60 s at least")
    func tokens() throws {
        let hub = try BearerToken(answer: Array(#"{"token":"t1","access_token":"t1","expires_in":300}"#.utf8), now: 0)
        #expect(hub.value == "t1" && hub.expiresIn == 300)
        #expect(hub.isValid(at: 200) && !hub.isValid(at: 295))
        let short = try BearerToken(answer: Array(#"{"access_token":"t2","expires_in":5,"refresh_token":"r"}"#.utf8), now: 0)
        #expect(short.value == "t2" && short.expiresIn == 60 && short.refreshToken == "r")
        #expect(throws: RegistryError.self) { try BearerToken(answer: Array(#"{"nothing":1}"#.utf8), now: 0) }
    }
}

@Suite("Where credentials may go")
struct CredentialTravelTests {
    let client = RegistryClient(endpoint: RegistryEndpoint(registry: "registry.example"),
                                credentials: Credentials(username: "u", password: "p"), events: DiscardingSink())

    @Test("HTTPS anywhere, plain HTTP only on loopback")
    func realms() throws {
        try client.checkCredentialsMayTravel(to: "https://auth.example/token")
        try client.checkCredentialsMayTravel(to: "http://127.0.0.1:5001/token")
        try client.checkCredentialsMayTravel(to: "http://localhost/token")
        #expect(throws: RegistryError.self) { try client.checkCredentialsMayTravel(to: "http://auth.example/token") }
        #expect(throws: RegistryError.self) { try client.checkCredentialsMayTravel(to: "http://127.0.0.1.evil.example/token") }
    }
}
