/// What the checker concluded about one code block, as the site shows it on the block's badge.
/// The build joins check results to pages through this value, so that the checker knows no
/// HTML and the renderer knows no checks.
public struct SampleOutcome: Sendable, Codable, Equatable {
    /// The verdict.
    public enum Status: String, Sendable, Codable, CaseIterable {
        /// Run or checked, with no error.
        case verified
        /// Skipped by an annotation, with its reason.
        case skipped
        /// Checked and found broken.
        case failed
        /// Not claimed by any checker.
        case unchecked
        /// Claimed, but its engine was missing.
        case notRun = "not-run"
        /// Not about keys (a git command, PHP code): counted, not checked. ("other" in JSON.)
        case notAboutKeys = "other"

        /// The verdict in words, as a line of text says it.
        public var label: String {
            switch self {
            case .notRun: "not run"
            case .notAboutKeys: "not about keys"
            default: rawValue
            }
        }
    }

    /// The verdict.
    public var status: Status
    /// A short explanation: what was checked, or why it was skipped or failed. The same input
    /// gives the same note, so that the site is the same from build to build.
    public var note: String
    /// What this run measured and the next may not (the lengths a generator printed): reported
    /// by `check`, never put in the site.
    public var measured: String?
    /// The block shows what a command printed (a sample key): the site offers no Copy button.
    public var showsOutput = false

    /// The note of a block that shows a mistake on purpose and produced exactly the findings
    /// its annotation expects, before their rule ids.
    public static let expectedFailurePrefix = "fails as expected: "

    /// The rules a block that shows a mistake on purpose produced, as its annotation expects;
    /// nil for any other block.
    public var expectedRules: [RuleID]?

    /// The author's reason for skipping a block, as its annotation gives it; nil unless skipped.
    public var skipReason: String?

    /// A block that shows a mistake on purpose: a recipe to avoid, which a reader must not copy.
    public var isExpectedFailure: Bool { status == .verified && expectedRules != nil }

    /// A block that shows a mistake on purpose and produced exactly the findings of `rules`.
    public static func failingAsExpected(_ rules: [RuleID], measured: String? = nil) -> SampleOutcome {
        var outcome = SampleOutcome(.verified, expectedFailurePrefix + rules.map(\.rawValue).joined(separator: ", "), measured: measured)
        outcome.expectedRules = rules
        return outcome
    }

    /// A block its annotation skips, for `reason`.
    public static func skipped(_ reason: String) -> SampleOutcome {
        var outcome = SampleOutcome(.skipped, skippedPrefix + reason)
        outcome.skipReason = reason
        return outcome
    }

    /// The note of a block skipped by its annotation, before the author's reason.
    public static let skippedPrefix = "skipped: "

    /// The note of a block that no checker claims.
    public static let unclaimedNote = "no checker claims this block"

    /// No checker claims the block.
    public var isUnclaimed = false

    /// A block that no checker claims.
    public static var unclaimed: SampleOutcome {
        var outcome = SampleOutcome(.unchecked, unclaimedNote)
        outcome.isUnclaimed = true
        return outcome
    }

    /// The note of a block that is not about keys, counted and not checked.
    public static let notAboutKeysNote = "not about keys"

    /// An outcome of `status`, with its note and what the run measured.
    public init(_ status: Status, _ note: String, measured: String? = nil) {
        self.status = status
        self.note = note
        self.measured = measured
    }
}

/// Identifies a code block across stages: its page's docs path and its index on the page.
public struct SampleKey: Sendable, Hashable {
    /// The page's docs path.
    public var page: String
    /// The block's index on the page.
    public var index: Int

    /// Creates a key.
    public init(page: String, index: Int) {
        self.page = page
        self.index = index
    }
}
