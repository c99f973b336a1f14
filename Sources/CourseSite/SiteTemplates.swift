import FoundationEssentials
import Mustache

/// The Mustache templates in `site/templates`, and the asset files beside them in
/// `site/assets`; the layout is written by designers, not in Swift strings.
struct SiteTemplates {
    let library: MustacheLibrary
    let assetsDirectory: String

    /// Reads every `*.mustache` file in `site/templates`.
    init(siteDirectory: String) throws {
        let templates = siteDirectory + "/templates"
        var library = MustacheLibrary()
        let names = try FileManager.default.contentsOfDirectory(atPath: templates).filter { $0.hasSuffix(".mustache") }
        for name in names {
            guard let data = FileManager.default.contents(atPath: templates + "/" + name) else {
                throw CourseSiteError(message: "cannot read the template \(templates)/\(name)")
            }
            do {
                try library.register(String(decoding: data, as: UTF8.self), named: String(name.dropLast(9)))
            } catch {
                throw CourseSiteError(message: "the template \(templates)/\(name) does not parse: \(error)")
            }
        }
        self.library = library
        self.assetsDirectory = siteDirectory + "/assets"
    }

    /// Renders a template, failing with its name when it is missing.
    func render(_ name: String, _ context: [String: Any]) throws -> String {
        guard let html = library.render(context, withTemplate: name) else {
            throw CourseSiteError(message: "no template named \(name) in site/templates")
        }
        return html
    }
}

/// A course build that could not finish, with what to do about it.
public struct CourseSiteError: Error, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}
