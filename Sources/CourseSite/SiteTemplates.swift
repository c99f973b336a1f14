import FoundationEssentials

/// The Mustache templates in `site/templates`, and the asset files beside them in
/// `site/assets`; the layout is written by designers, not in Swift strings.
struct SiteTemplates {
    /// Each template by its file's name without `.mustache`.
    let templates: [String: MustacheTemplate]
    let assetsDirectory: String

    /// Reads every `*.mustache` file in `site/templates`.
    init(siteDirectory: String) throws {
        let templates = siteDirectory + "/templates"
        var parsed: [String: MustacheTemplate] = [:]
        let names = try FileManager.default.contentsOfDirectory(atPath: templates).filter { $0.hasSuffix(".mustache") }
        for name in names {
            guard let data = FileManager.default.contents(atPath: templates + "/" + name) else {
                throw CourseSiteError(message: "cannot read the template \(templates)/\(name)")
            }
            do {
                parsed[String(name.dropLast(9))] = try MustacheTemplate(String(decoding: data, as: UTF8.self))
            } catch {
                throw CourseSiteError(message: "the template \(templates)/\(name) does not parse: \(error)")
            }
        }
        self.templates = parsed
        self.assetsDirectory = siteDirectory + "/assets"
    }

    /// Renders a template, failing with its name when it is missing.
    func render(_ name: String, _ context: [String: Any]) throws -> String {
        guard let template = templates[name] else {
            throw CourseSiteError(message: "no template named \(name) in site/templates")
        }
        return template.render(context)
    }
}

/// A course build that could not finish, with what to do about it.
public struct CourseSiteError: Error, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}
