import ImageStore
import Testing

@Suite("Docker's human sizes")
struct DockerUnitsTests {
    @Test("sizes print as Docker prints them: decimal units, three significant digits",
          arguments: [(0, "0B"), (999, "999B"), (1000, "1kB"), (1234, "1.23kB"), (4_261_000, "4.26MB"),
                      (5_600_000, "5.6MB"), (77_834_123, "77.8MB"), (128_000, "128kB"), (1_240_000_000, "1.24GB"),
                      (999_500, "1e+03kB")] as [(Int64, String)])
    func sizes(_ bytes: Int64, _ expected: String) {
        #expect(DockerUnits.humanSize(bytes) == expected)
    }
}
