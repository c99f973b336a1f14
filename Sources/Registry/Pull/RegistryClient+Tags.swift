import FoundationEssentials
import OCI

extension RegistryClient {
    /// `GET /v2/<name>/tags/list`: the repository's tags, following `Link` pages.
    public func tags(_ reference: ImageReference) throws(RegistryError) -> [String] {
        struct Page: Decodable { var tags: [String]? }
        var tags: [String] = []
        var next: String? = try url("/v2/\(reference.repository)/tags/list")
        var pages = 0
        while let current = next, pages < 100 {
            pages += 1
            let response = try send(HTTPRequest("GET", current), scopes: [Self.pullScope(reference.repository)])
            guard response.isSuccess else { throw failure(response, "tags of \(reference.name)", reference: reference) }
            guard let page = try? JSONDecoder().decode(Page.self, from: Data(response.body)) else {
                throw RegistryError(.server, "the tag list of \(reference.name) is not JSON")
            }
            tags += page.tags ?? []
            // Link: </v2/app/tags/list?n=100&last=v9>; rel="next"
            next = response.header("Link").flatMap { link in
                guard link.contains("rel=\"next\""), let open = link.firstIndex(of: "<"), let close = link.firstIndex(of: ">") else { return nil }
                return URLText.resolve(String(link[link.index(after: open)..<close]), against: current)
            }
        }
        return tags.sorted()
    }
}
