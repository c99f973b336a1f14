import Testing
@testable import CourseSite

/// The escaping every page goes through: the five characters become entities, and everything
/// between them, Hangul and other multi-byte text included, comes out unchanged.
@Suite("HTML escaping")
struct HTMLTextTests {
    @Test("& < > \" ' become entities; text with none is returned as it is")
    func entities() {
        #expect(HTMLText.escape(#"a & b < c > d "e" 'f'"#) == "a &amp; b &lt; c &gt; d &quot;e&quot; &#39;f&#39;")
        #expect(HTMLText.escape("/sys/fs/cgroup/memory") == "/sys/fs/cgroup/memory")
        #expect(HTMLText.escape("") == "")
    }

    @Test("multi-byte characters beside escaped ones stay whole")
    func multibyte() {
        #expect(HTMLText.escape("컨테이너<는> \"격리\" & é 🐳") == "컨테이너&lt;는&gt; &quot;격리&quot; &amp; é 🐳")
    }
}
