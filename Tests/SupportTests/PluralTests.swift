import Support
import Testing

@Suite struct PluralTests {
    @Test(arguments: [(0, "0 warnings"), (1, "1 warning"), (2, "2 warnings"), (21, "21 warnings")])
    func aCountAndItsNoun(_ n: Int, _ expected: String) {
        #expect(counted(n, "warning") == expected)
    }

    @Test func anIrregularPluralIsNamed() {
        #expect(counted(1, "match", "matches") == "1 match")
        #expect(counted(3, "match", "matches") == "3 matches")
    }
}
