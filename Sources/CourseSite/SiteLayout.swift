/// Where each file of the built site goes, relative to its root: one directory per language with
/// an index, a page per lesson and a print-all page, and the shared assets.
///
///     index.html             (chooses a language)
///     en/index.html  en/01-what-is-a-container.html  en/print.html
///     ko/…
///     assets/style.css  assets/app.js  assets/search-index.js
enum SiteLayout {
    static let assets = "assets"
    static func lesson(_ slug: String) -> String { slug + ".html" }
    static let index = "index.html"
    static let print = "print.html"
    static let searchIndex = "search-index.js"
}
