import FoundationEssentials

/// A token service's answer: a bearer token good for some scopes, for a while.
///
///     {"token": "eyJ…", "access_token": "eyJ…", "expires_in": 300, "issued_at": "…", "refresh_token": "…"}
///
/// Docker Hub sends both `token` and `access_token`; the spec allows either. Without
/// `expires_in`, a token is good for 60 seconds.
struct BearerToken: Sendable {
    let value: String
    let expiresIn: Int
    let refreshToken: String?
    let obtained: Double

    private struct Answer: Decodable {
        var token: String?
        var access_token: String?
        var expires_in: Int?
        var refresh_token: String?
    }

    init(answer bytes: [UInt8], now: Double) throws(RegistryError) {
        guard let answer = try? JSONDecoder().decode(Answer.self, from: Data(bytes)),
              let value = answer.token ?? answer.access_token, !value.isEmpty else {
            throw RegistryError(.server, "the token service's answer has no token")
        }
        self.value = value
        self.expiresIn = max(answer.expires_in ?? 60, 60)
        self.refreshToken = answer.refresh_token
        self.obtained = now
    }

    /// Still good, with a margin for the request it is about to go with.
    func isValid(at now: Double) -> Bool {
        now < obtained + Double(expiresIn) - 10
    }
}
