@testable import CourseSite
import Testing

/// The site's Mustache subset (`MustacheTemplate`): what it renders, how it escapes, what it refuses.
@Suite("Mustache templates")
struct MustacheTemplateTests {
    /// The values the cases below fill in: strings with HTML's special characters, a list of
    /// objects, booleans, an empty list, nested and empty objects, a number, a list of strings.
    static var context: [String: Any] {
        [
            "a": "<b class=\"x\">Tom & 'Jerry'</b>", "items": [["name": "one", "cur": true], ["name": "two&", "cur": false]] as [[String: Any]],
            "yes": true, "no": false, "none": [[String: Any]](), "site": "S", "label": ["a": "A"], "obj": ["k": "v"],
            "emptyObj": [String: Any](), "n": 0, "words": ["a", "<b>"],
        ]
    }

    /// Each template with what swift-mustache 2.1 (the library this renderer replaced) rendered
    /// for it from `context`, recorded from that library: standalone lines, CRLF, context lookups.
    static let recorded: [(String, String)] = [
        ("{{a}}|{{{a}}}|{{&a}}", "&lt;b class=&quot;x&quot;&gt;Tom &amp; &#39;Jerry&#39;&lt;/b&gt;|<b class=\"x\">Tom & \'Jerry\'</b>|<b class=\"x\">Tom & \'Jerry\'</b>"),
        ("<ul>\n  {{#items}}\n  <li>{{name}}</li>\n  {{/items}}\n</ul>\n", "<ul>\n  <li>one</li>\n  <li>two&amp;</li>\n</ul>\n"),
        ("{{#items}}<li>{{name}}</li>\n{{/items}}\nend\n", "<li>one</li>\n<li>two&amp;</li>\nend\n"),
        ("{{#yes}}Y{{/yes}}{{#no}}N{{/no}}{{^no}}!N{{/no}}{{^yes}}!Y{{/yes}}", "Y!N"),
        ("{{#none}}x{{/none}}{{^none}}empty{{/none}}", "empty"),
        ("{{#items}}{{name}}@{{site}} {{/items}}", "one@S two&amp;@S "),
        ("{{label.a}} {{label.missing}} {{missing.a}}", "A  "),
        ("{{#obj}}[{{k}}]{{/obj}}{{#emptyObj}}E{{/emptyObj}}", "[v]E"),
        ("{{n}} {{#n}}N{{/n}}", "0 N"),
        ("a\n  {{! note }}\nb\n a {{! x }} b\n", "a\nb\n a  b\n"),
        ("x\r\n{{#yes}}\r\ny\r\n{{/yes}}\r\nz", "x\r\ny\r\nz"),
        ("{{ a }} {{{ a }}}", "&lt;b class=&quot;x&quot;&gt;Tom &amp; &#39;Jerry&#39;&lt;/b&gt; <b class=\"x\">Tom & \'Jerry\'</b>"),
        ("x\n{{#yes}}\ny\n{{/yes}}", "x\ny\n"),
        ("  {{#yes}}in{{/yes}}  \n", "  in  \n"),
        ("{{#words}}<{{.}}>{{/words}}", "<a><&lt;b&gt;>"),
        ("  {{#items}}<li{{#cur}} class=\"c\"{{/cur}}>{{name}}</li>\n  {{/items}}\n  </ol>\n", "  <li class=\"c\">one</li>\n<li>two&amp;</li>\n  </ol>\n"),
        ("a { b } {c} {{n}}}", "a { b } {c} 0}"),
        ("{{#items}}\n{{name}}\n{{/items}}", "one\ntwo&amp;\n"),
        ("  {{#yes}}  \n  y\n  {{/yes}}  \n  z\n", "  y\n  z\n"),
        ("{{#yes}}\n{{#items}}\n- {{name}}\n{{/items}}\n{{/yes}}\n", "- one\n- two&amp;\n"),
        ("\t{{^none}}\t\nnone\n\t{{/none}}\t\n", "none\n"),
        ("{{#items}}{{#yes}}{{name}}{{/yes}}{{/items}}", "onetwo&amp;"),
        ("{{#label}}{{a}}{{site}}{{/label}}", "AS"),
    ]

    @Test("renders what swift-mustache rendered: variables, sections, inverted sections, standalone lines")
    func sameAsSwiftMustache() throws {
        for (template, expected) in Self.recorded {
            #expect(try MustacheTemplate(template).render(Self.context) == expected, "\(template.debugDescription)")
        }
    }

    @Test("an escaped variable has Mustache's five entities, even a quote followed by a combining mark")
    func escaping() throws {
        let template = try MustacheTemplate("<a title=\"{{v}}\">{{v}}</a>")
        #expect(template.render(["v": "a&b<c>d\"e'f 이름 공간"]) == "<a title=\"a&amp;b&lt;c&gt;d&quot;e&#39;f 이름 공간\">a&amp;b&lt;c&gt;d&quot;e&#39;f 이름 공간</a>")
        // A quote and a combining mark are one Character in Swift (swift-mustache compared whole
        // Characters and left it bare): escaped here, it cannot end the attribute it stands in.
        #expect(template.render(["v": "\"\u{301} onload=x"]) == "<a title=\"&quot;\u{301} onload=x\">&quot;\u{301} onload=x</a>")
    }

    @Test("a triple mustache or & leaves a value as it is; a missing name renders nothing")
    func unescapedAndMissing() throws {
        let template = try MustacheTemplate("[{{{html}}}|{{&html}}|{{html}}|{{absent}}|{{{absent}}}]")
        #expect(template.render(["html": "<i>&</i>"]) == "[<i>&</i>|<i>&</i>|&lt;i&gt;&amp;&lt;/i&gt;||]")
    }

    @Test("a value is never read as a template: tags in recorded output print as text")
    func valuesAreNotTemplates() throws {
        // A container's output lands in pages; what it prints must not reach the renderer's parser.
        let template = try MustacheTemplate("{{out}}|{{{out}}}")
        #expect(template.render(["out": "{{{content}}} {{#lessons}}x{{/lessons}}", "content": "<script>", "lessons": [["a": 1]]])
            == "{{{content}}} {{#lessons}}x{{/lessons}}|{{{content}}} {{#lessons}}x{{/lessons}}")
    }

    @Test("what the subset does not read is refused with the tag")
    func refusals() {
        let cases: [(String, String)] = [
            ("{{> partial}}", "{{>…}}"), ("{{=<% %>=}}", "{{=…}}"), ("{{#a}}x", "{{#a}} is never closed"),
            ("{{#a}}x{{/b}}", "{{/b}} closes no open section (open: a)"), ("{{/a}}", "{{/a}} closes no open section"),
            ("{{a", "followed by }}"), ("{{{a}}", "lacks its third closing brace"), ("{{! open", "never closed"),
            ("{{f(x)}}", "followed by }}"),
        ]
        for (text, expected) in cases {
            do {
                _ = try MustacheTemplate(text)
                Issue.record("\(text) parsed")
            } catch {
                #expect(error.description.contains(expected), "\(text): \(error.description)")
            }
        }
    }
}
