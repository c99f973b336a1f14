import Testing
@testable import DockerfileSyntax

@Test("the DockerfileSyntax module builds") func moduleBuilds() {}
