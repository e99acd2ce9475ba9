/// `n` and `noun`, made plural unless `n` is 1: "1 warning", "2 warnings", "0 pages". A noun
/// whose plural is not an added "s" names it: `counted(n, "match", "matches")`.
public func counted(_ n: Int, _ noun: String, _ plural: String? = nil) -> String {
    "\(n) \(Support.noun(noun, for: n, plural))"
}

/// `noun` as `n` things are named, without the number: "command", "commands".
public func noun(_ noun: String, for n: Int, _ plural: String? = nil) -> String {
    n == 1 ? noun : plural ?? noun + "s"
}
