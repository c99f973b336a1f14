import Testing
@testable import Registry

@Suite("WWW-Authenticate challenges")
struct AuthChallengeTests {
    @Test("Docker Hub's bearer challenge gives realm, service and scope")
    func dockerHub() {
        let challenges = AuthChallenge.parse(#"Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:library/busybox:pull""#)
        #expect(challenges.count == 1)
        #expect(challenges[0].scheme == .bearer)
        #expect(challenges[0].realm == "https://auth.docker.io/token")
        #expect(challenges[0].service == "registry.docker.io")
        #expect(challenges[0].parameters["scope"] == "repository:library/busybox:pull")
    }

    @Test("Basic, unknown schemes skipped, several in one value, escapes and spaces")
    func mixed() {
        let challenges = AuthChallenge.parse(#"Negotiate abc==, Basic realm="Registry \"Realm\"" , Bearer realm=https://x/token, service = "s""#)
        #expect(challenges.map(\.scheme) == [.basic, .bearer])
        #expect(challenges[0].realm == #"Registry "Realm""#)
        #expect(challenges[1].realm == "https://x/token")
        #expect(challenges[1].service == "s")
    }

    @Test("Garbage gives no challenge and no crash")
    func garbage() {
        for text in ["", "=", "\"", "Bearer realm=\"unterminated", ",,,", "Basic"] {
            _ = AuthChallenge.parse(text)
        }
        #expect(AuthChallenge.parse("Basic").first?.scheme == .basic)
    }
}
