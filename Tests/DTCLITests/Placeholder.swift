import Testing
@Test func placeholderGrading() { #expect(Bool(true)) }
