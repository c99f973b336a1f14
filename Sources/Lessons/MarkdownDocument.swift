import CCmark
#if canImport(Glibc)
import Glibc
#endif

/// A CommonMark document parsed by libcmark. It owns the node tree and frees it in `deinit`;
/// nodes handed out keep the document alive, so a node pointer never outlives its tree.
final class MarkdownDocument {
    fileprivate let root: OpaquePointer

    init?(_ markdown: String) {
        var text = markdown
        let parsed = text.withUTF8 { bytes in
            bytes.withMemoryRebound(to: CChar.self) { chars in
                dy_cmark_parse_document(chars.baseAddress, chars.count, CMARK_OPT_DEFAULT)
            }
        }
        guard let parsed else { return nil }
        root = parsed
    }

    deinit { dy_cmark_node_free(root) }

    /// Why libcmark could not be loaded, if it could not (it is loaded on first use: CCmark).
    static var loadError: String? {
        dy_cmark_load_error().map { String(cString: $0) }
    }

    /// The document node.
    var node: MarkdownNode { MarkdownNode(document: self, pointer: root) }
}

/// One node of a `MarkdownDocument`: its kind, its text, and its children.
struct MarkdownNode {
    /// The node kinds lessons use; anything else (HTML, custom blocks) is `.other`.
    enum Kind {
        case document, blockQuote, list, item, codeBlock, paragraph, heading, thematicBreak
        case text, softBreak, lineBreak, code, emphasis, strong, link, image, html, other
    }

    let document: MarkdownDocument
    fileprivate let pointer: OpaquePointer

    var kind: Kind {
        switch dy_cmark_node_get_type(pointer) {
        case CMARK_NODE_DOCUMENT: .document
        case CMARK_NODE_BLOCK_QUOTE: .blockQuote
        case CMARK_NODE_LIST: .list
        case CMARK_NODE_ITEM: .item
        case CMARK_NODE_CODE_BLOCK: .codeBlock
        case CMARK_NODE_PARAGRAPH: .paragraph
        case CMARK_NODE_HEADING: .heading
        case CMARK_NODE_THEMATIC_BREAK: .thematicBreak
        case CMARK_NODE_TEXT: .text
        case CMARK_NODE_SOFTBREAK: .softBreak
        case CMARK_NODE_LINEBREAK: .lineBreak
        case CMARK_NODE_CODE: .code
        case CMARK_NODE_EMPH: .emphasis
        case CMARK_NODE_STRONG: .strong
        case CMARK_NODE_LINK: .link
        case CMARK_NODE_IMAGE: .image
        case CMARK_NODE_HTML_BLOCK, CMARK_NODE_HTML_INLINE: .html
        default: .other
        }
    }

    var children: [MarkdownNode] {
        var result: [MarkdownNode] = []
        var child = dy_cmark_node_first_child(pointer)
        while let current = child {
            result.append(MarkdownNode(document: document, pointer: current))
            child = dy_cmark_node_next(current)
        }
        return result
    }

    /// A text, code or code block node's contents.
    var literal: String { dy_cmark_node_get_literal(pointer).map { String(cString: $0) } ?? "" }

    /// A fenced block's whole info string (libcmark 0.30 gives it all, attributes included).
    var fenceInfo: String { dy_cmark_node_get_fence_info(pointer).map { String(cString: $0) } ?? "" }

    var url: String { dy_cmark_node_get_url(pointer).map { String(cString: $0) } ?? "" }
    var headingLevel: Int { Int(dy_cmark_node_get_heading_level(pointer)) }
    var isOrderedList: Bool { dy_cmark_node_get_list_type(pointer) == CMARK_ORDERED_LIST }
    var listStart: Int { Int(dy_cmark_node_get_list_start(pointer)) }
    var startLine: Int { Int(dy_cmark_node_get_start_line(pointer)) }
}

// MARK: - Editing and rendering, for `LessonHTML`

extension MarkdownDocument {
    /// The document as HTML from libcmark's own renderer with its default options, which are its
    /// safe mode: raw HTML is left out and `javascript:`, `vbscript:`, `file:` and `data:` links
    /// are emptied. Custom blocks are written as they are: that is how Dockyard's widgets go in.
    var html: String { node.html }
}

extension MarkdownNode {
    /// This node and its children as HTML, by libcmark's renderer in safe mode.
    var html: String {
        guard let rendered = dy_cmark_render_html(pointer, CMARK_OPT_DEFAULT) else { return "" }
        defer { free(rendered) }
        return String(cString: rendered)
    }

    /// Every node below this one, in document order (for rewriting links and headings).
    var descendants: [MarkdownNode] {
        children.flatMap { [$0] + $0.descendants }
    }

    func setLiteral(_ text: String) { dy_cmark_node_set_literal(pointer, text) }
    func setURL(_ url: String) { dy_cmark_node_set_url(pointer, url) }
    func setHeadingLevel(_ level: Int) { dy_cmark_node_set_heading_level(pointer, Int32(level)) }

    /// Puts a custom block holding `html` where this node is; the node itself stays until `remove()`.
    func insertCustomBlock(before html: String) {
        guard let block = dy_cmark_node_new(CMARK_NODE_CUSTOM_BLOCK) else { return }
        dy_cmark_node_set_on_enter(block, html)
        dy_cmark_node_set_on_exit(block, "")
        dy_cmark_node_insert_before(pointer, block)
    }

    /// Takes this node out of its document and frees it: no `MarkdownNode` of it may be used after.
    func remove() {
        dy_cmark_node_unlink(pointer)
        dy_cmark_node_free(pointer)
    }
}
