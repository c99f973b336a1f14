import Foundation
import Testing
import TestSupport
#if canImport(Glibc)
import Glibc
#endif

/// Why these tests cannot run here (a program missing), or nil.
private let registryToolsMissing = TestRegistry.unavailableReason ?? TestRegistry.skopeoUnavailableReason

/// The registries that registry-client tests push to and pull from, proven before any client
/// relies on them: every mode starts, answers `GET /v2/` as a registry does, takes an image that
/// skopeo pushes and serves it back, refuses whom it should, and leaves nothing behind.
@Suite("TestRegistry: real registries on 127.0.0.1 for tests",
       .disabled(if: registryToolsMissing != nil, Comment(rawValue: registryToolsMissing ?? "")))
struct TestRegistryTests {
    @Test("Each mode starts, answers GET /v2/ with the status a client expects, and stops without a trace",
          arguments: [TestRegistry.Mode.plain, .tls, .tlsWithBasicAuth, .token(), .token(tls: true)])
    func startsAnswersAndStops(mode: TestRegistry.Mode) throws {
        let registry = try TestRegistry(mode)
        let pids = try #require(registryProcesses(registry))
        let answer = try HTTPProbe.get(registry.baseURL + "/v2/", caCertificatePath: registry.caCertificatePath)
        #expect(answer.headers["docker-distribution-api-version"] == "registry/2.0")
        switch mode.authentication {
        case .none:
            #expect(answer.status == 200)
        case .htpasswd:
            #expect(answer.status == 401)
            #expect(answer.headers["www-authenticate"] == #"Basic realm="dockyard-test-registry""#)
            let withLogin = try HTTPProbe.get(registry.baseURL + "/v2/", caCertificatePath: registry.caCertificatePath,
                                              credentials: registry.credentials)
            #expect(withLogin.status == 200)
        case .token:
            let realm = try #require(registry.tokenService?.realm)
            #expect(answer.status == 401)
            #expect(answer.headers["www-authenticate"]
                    == #"Bearer realm="\#(realm)",service="\#(RegistryTokenService.service)""#)
            #expect(realm.hasPrefix(mode.tls ? "https://127.0.0.1:" : "http://127.0.0.1:"))
        }
        let workspace = registry.workspacePath
        registry.stop()
        for pid in pids { #expect(RunningProcess.live(pid) == nil, "pid \(pid) still runs after stop()") }
        #expect(!FileManager.default.fileExists(atPath: workspace))
        #expect(try HTTPProbe.get(registry.baseURL + "/v2/", caCertificatePath: nil, timeoutSeconds: 1).status == 0)
    }

    @Test("skopeo pushes an OCI layout into a plain-HTTP registry and reads the same manifest back")
    func plainPushAndInspect() throws {
        try withTestRegistry(.plain) { registry in
            let image = try registry.seed("demo/hello:v1")
            let manifest = try registry.rawManifest("demo/hello:v1")
            #expect(try ImageArchiveFixture.digest(Array(manifest.utf8)) == image.manifestDigest)
            #expect(manifest.contains("image.layer.v1.tar+gzip"))
            #expect(try registry.rawManifest("demo/hello@" + image.manifestDigest) == manifest)
        }
    }

    @Test("Over TLS with htpasswd, skopeo trusts the test CA, pushes with the user's password, and nobody else gets in")
    func tlsBasicAuthPush() throws {
        try withTestRegistry(.tlsWithBasicAuth) { registry in
            let certificates = try #require(registry.certificateDirectory)
            #expect(certificates.hasSuffix("/certs.d/" + registry.host))
            #expect(FileManager.default.contentsEqual(atPath: certificates + "/ca.crt",
                                                      andPath: try #require(registry.caCertificatePath)))
            let image = try registry.seed("private/app:1.0")
            #expect(try ImageArchiveFixture.digest(Array(try registry.rawManifest("private/app:1.0").utf8)) == image.manifestDigest)

            let anonymous = try registry.skopeo(["inspect", "--raw"] + registry.skopeoFlags("", as: .anonymous)
                                                + ["docker://\(registry.host)/private/app:1.0"])
            #expect(anonymous.status != 0)
            #expect(anonymous.stderr.contains("401") || anonymous.stderr.contains("unauthorized"))
            let wrong = RegistryCredentials(username: "dockyard-tester", password: "not-the-password")
            #expect(throws: (any Error).self) { try registry.rawManifest("private/app:1.0", as: .user(wrong)) }
        }
    }

    @Test("With token auth, skopeo logs in through the token service, pushes, and the log shows the scopes it asked")
    func tokenAuthPush() throws {
        try withTestRegistry(.token(publicRepositories: ["library/public"])) { registry in
            let credentials = try #require(registry.credentials)
            let image = try registry.seed("team/app:v2")
            #expect(try ImageArchiveFixture.digest(Array(try registry.rawManifest("team/app:v2").utf8)) == image.manifestDigest)

            let requests = try registry.tokenLog()
            let pushes = requests.filter { $0.scopes.contains("repository:team/app:pull,push") }
            #expect(!pushes.isEmpty, "token requests: \(requests)")
            #expect(pushes.allSatisfy { $0.user == credentials.username && $0.method == "GET" && $0.grantType == "basic" })
            // Under a loaded machine skopeo may give up on a slow answer and ask again, and a push
            // may ask for another repository's pull scope beside its own (to mount a blob from
            // it): every answer that was given granted exactly the scopes asked.
            let answered = pushes.filter { $0.status == 200 }
            #expect(!answered.isEmpty, "token requests: \(pushes)")
            #expect(answered.allSatisfy { $0.granted == $0.scopes }, "token requests: \(pushes)")
        }
    }

    @Test("With token auth, an anonymous pull of a private repository is refused with 401 insufficient_scope; a public one is allowed")
    func tokenAuthAnonymousPull() throws {
        try withTestRegistry(.token(publicRepositories: ["library/public"])) { registry in
            try registry.seed("team/secret:v1")
            try registry.seed("library/public:v1")
            let realm = try #require(registry.tokenService?.realm)
            let service = RegistryTokenService.service

            let token = try HTTPProbe.get("\(realm)?service=\(service)&scope=repository:team/secret:pull")
            #expect(token.status == 200)
            let bearer = try #require(try Self.jsonField("token", of: token.body))
            let refused = try HTTPProbe.get(registry.baseURL + "/v2/team/secret/manifests/v1", headers: ["Authorization: Bearer \(bearer)"])
            #expect(refused.status == 401)
            #expect(refused.headers["www-authenticate"]?.contains(#"error="insufficient_scope""#) == true)
            #expect(try registry.tokenLog().last?.granted == ["repository:team/secret:"])

            let anonymous = try registry.skopeo(["inspect", "--raw"] + registry.skopeoFlags("", as: .anonymous)
                                                + ["docker://\(registry.host)/team/secret:v1"])
            #expect(anonymous.status != 0)
            #expect(try registry.tokenLog().contains { $0.user == "" && $0.scopes == ["repository:team/secret:pull"] })
            #expect(try registry.rawManifest("library/public:v1", as: .anonymous).contains("schemaVersion"))
        }
    }

    @Test("TLS with token auth: the token service is https with the same CA, and skopeo pushes through both")
    func tlsTokenPush() throws {
        try withTestRegistry(.token(tls: true)) { registry in
            let realm = try #require(registry.tokenService?.realm)
            #expect(realm.hasPrefix("https://"))
            let image = try registry.seed("secure/app:v1")
            #expect(try ImageArchiveFixture.digest(Array(try registry.rawManifest("secure/app:v1").utf8)) == image.manifestDigest)
            #expect(try registry.tokenLog().contains { $0.scopes.contains("repository:secure/app:pull,push") })
        }
    }

    @Test("The token service answers the OAuth2 POST form: a password grant with access_type=offline gives a refresh token that works once the password is gone")
    func tokenServiceRefreshFlow() throws {
        try withTestRegistry(.token()) { registry in
            let realm = try #require(registry.tokenService?.realm)
            let credentials = try #require(registry.credentials)
            let common = [("service", RegistryTokenService.service), ("client_id", "dockyard-tests"),
                          ("scope", "repository:team/app:pull")]
            let login = try HTTPProbe.post(realm, form: common + [("grant_type", "password"), ("access_type", "offline"),
                                                                  ("username", credentials.username),
                                                                  ("password", credentials.password)])
            #expect(login.status == 200)
            let refreshToken = try #require(try Self.jsonField("refresh_token", of: login.body))
            #expect(try Self.jsonField("access_token", of: login.body) != nil)

            let refreshed = try HTTPProbe.post(realm, form: common + [("grant_type", "refresh_token"), ("refresh_token", refreshToken)])
            #expect(refreshed.status == 200)
            #expect(try Self.jsonField("refresh_token", of: refreshed.body) == nil)
            let bearer = try #require(try Self.jsonField("token", of: refreshed.body))
            // The registry accepts the refreshed token: the repository does not exist, and it says so.
            let missing = try HTTPProbe.get(registry.baseURL + "/v2/team/app/tags/list", headers: ["Authorization: Bearer \(bearer)"])
            #expect(missing.status == 404)

            let bad = try HTTPProbe.post(realm, form: common + [("grant_type", "refresh_token"), ("refresh_token", "forged")])
            #expect(bad.status == 400)
            let log = try registry.tokenLog().filter { $0.method == "POST" }
            #expect(log.map(\.grantType) == ["password", "refresh_token", "refresh_token"])
            #expect(log.map(\.user) == [credentials.username, credentials.username, ""])
        }
    }

    @Test("withTestRegistry stops the registry and its token service even when the test body throws")
    func scopeStopsOnError() throws {
        struct Planned: Error {}
        var pids: [Int32] = []
        #expect(throws: Planned.self) {
            try withTestRegistry(.token()) { registry in
                pids = registryProcesses(registry) ?? []
                throw Planned()
            }
        }
        #expect(pids.count == 2)
        for pid in pids { #expect(RunningProcess.live(pid) == nil, "pid \(pid) still runs") }
    }

    /// The registry's pid and the token service's, from the processes whose command line names
    /// the registry's workspace (nil if the registry is not among them).
    private func registryProcesses(_ registry: TestRegistry) -> [Int32]? {
        let pids = RunningProcess.all().filter { process in
            guard !process.isZombie,
                  let commandLine = try? String(contentsOfFile: "/proc/\(process.pid)/cmdline", encoding: .utf8) else { return false }
            return commandLine.contains(registry.workspacePath) && !commandLine.hasPrefix("/bin/sh")
        }.map(\.pid)
        return pids.isEmpty ? nil : pids
    }

    private static func jsonField(_ name: String, of body: String) throws -> String? {
        let object = try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any]
        return object?[name] as? String
    }
}
