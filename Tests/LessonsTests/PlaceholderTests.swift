import Testing
@testable import Lessons

@Test("the Lessons module builds") func lessonsModuleBuilds() {}
