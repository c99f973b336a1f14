import FoundationEssentials

/// What proves who a user is to one registry: a user name and password (or access token), or
/// an identity token (a long-lived refresh token a token service gave at login).
public struct Credentials: Sendable, Equatable {
    public var username: String
    public var password: String
    /// Docker's `identitytoken`: when set, tokens are asked for with the OAuth2 refresh grant.
    public var identityToken: String?

    public init(username: String, password: String, identityToken: String? = nil) {
        self.username = username
        self.password = password
        self.identityToken = identityToken
    }

    /// `Basic base64(user:password)`: the Authorization value for Basic auth and for token requests.
    public var basicAuthorization: String {
        "Basic " + Data((username + ":" + password).utf8).base64EncodedString()
    }

    /// Docker's `auth` field: base64 of `user:password`.
    var encodedAuth: String { Data((username + ":" + password).utf8).base64EncodedString() }

    /// Reads Docker's `auth` field back; nil when it is not base64 of `user:password`.
    init?(encodedAuth: String, identityToken: String?) {
        guard let data = Data(base64Encoded: encodedAuth) else { return nil }
        let text = String(decoding: data, as: UTF8.self)
        guard let colon = text.firstIndex(of: ":") else { return nil }
        self.init(username: String(text[..<colon]), password: String(text[text.index(after: colon)...]),
                  identityToken: identityToken)
    }
}
