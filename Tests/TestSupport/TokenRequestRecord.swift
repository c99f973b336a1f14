import Foundation

/// One request the test token service answered, as it logged it (one JSON line each): who asked
/// (`user`, "" for anonymous), how (`grantType`: "anonymous", "basic", "password" or
/// "refresh_token"), for which scopes (`repository:NAME:pull,push`), and what it granted.
/// Tests read these to check which scopes a client asked for, and in what order.
public struct TokenRequestRecord: Decodable, Sendable, Equatable {
    public var method: String
    public var path: String
    public var scopes: [String]
    public var user: String
    public var grantType: String
    public var status: Int
    /// `TYPE:NAME:ACTIONS` per scope, with the actions actually given (empty when refused).
    public var granted: [String]

    enum CodingKeys: String, CodingKey {
        case method, path, scopes, user, status, granted
        case grantType = "grant_type"
    }

    /// Every record in a token service's log file, oldest first (none while the file is absent).
    public static func read(from path: String) throws -> [TokenRequestRecord] {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return [] }
        return try text.split(separator: "\n").map { line in
            try JSONDecoder().decode(TokenRequestRecord.self, from: Data(line.utf8))
        }
    }
}
