/// The bits of URL handling a registry conversation needs, without Foundation's URL type:
/// query encoding (`scope=repository%3Aapp%3Apull`), and resolving a `Location` header.
enum URLText {
    /// Percent-encodes everything but RFC 3986's unreserved characters, as Go's `url.QueryEscape`
    /// does (which writes a space as `+`; `%20` means the same to every server).
    static func queryEscape(_ text: String) -> String {
        var out = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let digits = Array("0123456789ABCDEF")
                out += "%" + String(digits[Int(byte >> 4)]) + String(digits[Int(byte & 0x0F)])
            }
        }
        return out
    }

    /// `a=1&b=2`, encoded.
    static func query(_ pairs: [(String, String)]) -> String {
        pairs.map { queryEscape($0.0) + "=" + queryEscape($0.1) }.joined(separator: "&")
    }

    /// `https://host:port` of an absolute URL, or nil.
    static func origin(of url: String) -> String? {
        guard let schemeEnd = url.firstRange(of: "://") else { return nil }
        let rest = url[schemeEnd.upperBound...]
        let hostEnd = rest.firstIndex(where: { (c: Character) -> Bool in c == "/" || c == "?" || c == "#" }) ?? rest.endIndex
        return String(url[..<hostEnd])
    }

    /// The scheme, lowercased: `https`.
    static func scheme(of url: String) -> String? {
        url.firstRange(of: "://").map { url[..<$0.lowerBound].lowercased() }
    }

    /// `host[:port]` of an absolute URL.
    static func host(of url: String) -> String? {
        guard let origin = origin(of: url), let schemeEnd = origin.firstRange(of: "://") else { return nil }
        var host = origin[schemeEnd.upperBound...]
        if let at = host.lastIndex(of: "@") { host = host[host.index(after: at)...] }
        return String(host)
    }

    /// A `Location` or upload URL resolved against the URL it came from: absolute as is,
    /// `/path` on the same origin, anything else relative to the directory.
    static func resolve(_ location: String, against base: String) -> String {
        if location.contains("://") { return location }
        guard let origin = origin(of: base) else { return location }
        if location.hasPrefix("/") { return origin + location }
        let path = base.dropFirst(origin.count)
        let directory = path[..<(path.lastIndex(of: "/") ?? path.startIndex)]
        return origin + directory + "/" + location
    }

    /// Adds query pairs to a URL that may already have a query (an upload location does).
    static func appending(_ pairs: [(String, String)], to url: String) -> String {
        url + (url.contains("?") ? "&" : "?") + query(pairs)
    }
}
