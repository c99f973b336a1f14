import Testing
import GoTemplate

/// Docker's `--format` handling around the template: `table`, `json`, `\t`, and the tabwriter.
struct TableTests {
    let header = TemplateObject([("ID", "CONTAINER ID"), ("Image", "IMAGE"), ("Names", "NAMES"), ("Labels", "LABELS")])
    let rows: [TemplateValue] = [
        ["ID": "3a87373f9ca0", "Image": "busybox", "Names": "web", "Labels": "a=1"],
        ["ID": "77aa01b2c3d4", "Image": "localhost/a-much-longer-image-name:latest", "Names": "db", "Labels": ""],
    ]

    @Test("table prints Docker's headers and aligns columns as Go's tabwriter (min 10, padding 3)")
    func table() throws {
        let format = try DockerFormat(#"table {{.ID}}\t{{.Image}}\t{{.Names}}"#, defaultTable: "")
        #expect(try format.render(rows, header: header) == """
            CONTAINER ID   IMAGE                                       NAMES
            3a87373f9ca0   busybox                                     web
            77aa01b2c3d4   localhost/a-much-longer-image-name:latest   db

            """)
    }

    @Test("a short column is still ten wide, the last column is not padded")
    func minimumWidth() throws {
        let format = try DockerFormat(#"table {{.Names}}\t{{.Labels}}"#, defaultTable: "")
        #expect(try format.render(rows, header: header) == "NAMES     LABELS\nweb       a=1\ndb        \n")
    }

    @Test("without table: one line per row, \\t and \\n as Docker's CLI turns them, no header")
    func plain() throws {
        let format = try DockerFormat(#"{{.Names}}\t{{.ID}}\n"#, defaultTable: "")
        #expect(try format.render(rows, header: header) == "web\t3a87373f9ca0\n\ndb\t77aa01b2c3d4\n\n")
    }

    @Test("a bare table is the command's default; json is one object per line")
    func keywords() throws {
        let table = try DockerFormat("table", defaultTable: #"table {{.ID}}\t{{.Names}}"#)
        #expect(try table.render([rows[0]], header: header) == "CONTAINER ID   NAMES\n3a87373f9ca0   web\n")
        let json = try DockerFormat("json", defaultTable: "")
        #expect(try json.render([["ID": "x"]], header: header) == #"{"ID":"x"}"# + "\n")
    }

    @Test("header functions give back the column name; pad still pads it")
    func headerFunctions() throws {
        let format = try DockerFormat(#"table {{.Names | upper}}\t{{lower .Image}}\t{{pad .ID 1 0}}"#, defaultTable: "")
        let output = try format.render([rows[0]], header: header)
        #expect(output.hasPrefix("NAMES     IMAGE      CONTAINER ID\n"))
    }

    @Test("the tabwriter sizes a column over consecutive lines that have it")
    func tabwriterBlocks() {
        #expect(TabWriter().format("a\tb\nlonger cell text\tc\nno tabs\nx\ty\n")
            == "a" + String(repeating: " ", count: 18) + "b\nlonger cell text   c\nno tabs\nx         y\n")
    }
}
